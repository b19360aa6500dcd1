//! The durable push outbox: one row per notice and device, queued in the transaction of the
//! change that causes it, then a job of the engine ([`crate::jobs`]) that posts it to the
//! device's push service.

use super::sender::{PushOutcome, PushRequest};
use crate::{
    config::Worker,
    domain::push::Urgency,
    jobs::{Claimed, JobKind, JobState, Ran},
    service::Context,
    store::entities::{
        push_outbox::{self, Column},
        push_subscriptions,
    },
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryTrait,
    sea_query::Expr,
};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use tokio::sync::Notify;

/// Longest wait a push service's `Retry-After` may impose.
const MAX_RETRY_AFTER: Duration = Duration::hours(6);

/// A push to queue.
pub struct NewPush<'a> {
    /// The device.
    pub subscription_id: &'a str,
    /// Its holder.
    pub person_id: &'a str,
    /// The notice's kind.
    pub kind: &'a str,
    /// The plaintext JSON.
    pub payload: &'a str,
    /// RFC 8030 topic.
    pub topic: &'a str,
    /// RFC 8030 urgency.
    pub urgency: Urgency,
    /// RFC 8030 TTL, seconds.
    pub ttl_secs: u32,
    /// The communication it announces, if any (its delivery state is shown to the holder).
    pub communication_id: Option<&'a str>,
}

/// Queues a push in the same transaction as the change that causes it.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    push: &NewPush<'_>,
    now: OffsetDateTime,
) -> Result<String, DbErr> {
    let id = uuid::Uuid::now_v7().to_string();
    push_outbox::Entity::insert(push_outbox::ActiveModel {
        id: Set(id.clone()),
        subscription_id: Set(push.subscription_id.to_string()),
        person_id: Set(push.person_id.to_string()),
        kind: Set(push.kind.to_string()),
        payload: Set(push.payload.to_string()),
        topic: Set(push.topic.to_string()),
        urgency: Set(push.urgency.as_str().to_string()),
        ttl_secs: Set(i32::try_from(push.ttl_secs).unwrap_or(i32::MAX)),
        status: Set(JobState::Queued),
        attempts: Set(0),
        created_at: Set(now),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_status_code: Set(None),
        last_error: Set(None),
        communication_id: Set(push.communication_id.map(str::to_string)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

crate::jobs::job_table!(push_outbox);

/// Posting one push of the outbox with the context's sender, and reading the answer: accepted
/// (`accepted`), the subscription gone (`gone`, the device is removed), the device revoked
/// before (`cancelled`), busy (retried, not before the service's `Retry-After`), refused or
/// forbidden by the endpoint rules (`failed` at once).
pub struct SendPush;

impl JobKind for SendPush {
    type Table = push_outbox::Entity;
    const WORKER: Worker = Worker::Push;

    fn queued(ctx: &Context) -> Arc<Notify> {
        ctx.push.queued.clone()
    }

    async fn run(
        &self,
        ctx: &Context,
        job: &Claimed<push_outbox::Entity>,
    ) -> Ran<push_outbox::Entity> {
        match send(ctx, &job.row).await {
            Ok(ran) => ran,
            Err(e) => Ran::retry(format!("push outbox: {e}")),
        }
    }
}

async fn send(ctx: &Context, row: &push_outbox::Model) -> Result<Ran<push_outbox::Entity>, DbErr> {
    let Some(sub) = push_subscriptions::Entity::find_by_id(row.subscription_id.clone())
        .one(&ctx.db)
        .await?
    else {
        return Ok(Ran::done(JobState::Cancelled));
    };
    let urgency = if row.urgency == Urgency::High.as_str() {
        Urgency::High
    } else {
        Urgency::Normal
    };
    let request = PushRequest {
        endpoint: &sub.endpoint,
        p256dh: &sub.p256dh,
        auth: &sub.auth,
        payload: row.payload.as_bytes(),
        ttl_secs: u32::try_from(row.ttl_secs).unwrap_or(0),
        urgency,
        topic: &row.topic,
    };
    let now = ctx.now();
    let code = |status: Option<u16>| status.map(i32::from);
    Ok(match ctx.push.sender.send(&request, now).await {
        PushOutcome::Accepted { status } => {
            // The device's last acceptance, written with the push's record.
            let touch = push_subscriptions::Entity::update_many()
                .col_expr(
                    push_subscriptions::Column::LastAcceptedAt,
                    Expr::value(Some(now)),
                )
                .filter(push_subscriptions::Column::Id.eq(sub.id.clone()))
                .build(ctx.db.get_database_backend());
            Ran::done(JobState::Accepted)
                .set(Column::LastStatusCode, code(Some(status)))
                .set(Column::SentAt, Some(now))
                .then(touch)
        }
        PushOutcome::Gone { status } => {
            push_subscriptions::Entity::delete_by_id(sub.id.clone())
                .exec(&ctx.db)
                .await?;
            tracing::info!(push_id = %row.id, subscription_id = %sub.id, "push subscription gone: removed");
            Ran::done(JobState::Gone).set(Column::LastStatusCode, code(Some(status)))
        }
        PushOutcome::Rejected { status, reason } => {
            Ran::failed(reason).set(Column::LastStatusCode, code(status))
        }
        PushOutcome::Retry {
            status,
            retry_after,
            reason,
        } => {
            let asked = retry_after
                .and_then(|d| Duration::try_from(d).ok())
                .unwrap_or(Duration::ZERO)
                .min(MAX_RETRY_AFTER);
            Ran::retry_after(reason, asked).set(Column::LastStatusCode, code(status))
        }
    })
}
