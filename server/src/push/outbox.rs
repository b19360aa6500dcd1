//! The durable push outbox: one row per notice and device, delivered with retries that back off.
//!
//! As for mail, an instance claims a row by a conditional update on its attempt count, so
//! several instances on one database never send the same row at once.

use super::sender::{PushOutcome, PushRequest, PushSender};
use crate::{
    domain::push::Urgency,
    store::entities::{push_outbox, push_subscriptions},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// Delivery states of a queued push.
pub mod status {
    /// Waiting for its first attempt.
    pub const QUEUED: &str = "queued";
    /// Waiting for another attempt at `next_attempt_at`.
    pub const RETRYING: &str = "retrying";
    /// Accepted by the push service (RFC 8030 `201 Created`).
    pub const ACCEPTED: &str = "accepted";
    /// Given up: refused, or too many attempts; `last_error` says why.
    pub const FAILED: &str = "failed";
    /// The push service said the subscription no longer exists; it was removed.
    pub const GONE: &str = "gone";
    /// The holder revoked the device before the push left.
    pub const CANCELLED: &str = "cancelled";
}

/// Longest wait a push service's `Retry-After` may impose.
const MAX_RETRY_AFTER: Duration = Duration::hours(6);
/// Rows taken in one pass; they are sent concurrently.
const BATCH: u64 = 64;

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
        status: Set(status::QUEUED.into()),
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

/// The wait before attempt `attempts + 1`: 10 s doubling, at most one hour.
pub fn backoff(attempts: i32) -> Duration {
    crate::mail::outbox::backoff(attempts)
}

/// What one pass over the outbox did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Accepted by push services.
    pub accepted: usize,
    /// To be tried again.
    pub retrying: usize,
    /// Subscriptions found gone and removed.
    pub gone: usize,
    /// Given up.
    pub failed: usize,
    /// Dropped because the device was revoked.
    pub cancelled: usize,
}

impl Pass {
    fn add(&mut self, outcome: &str) {
        match outcome {
            status::ACCEPTED => self.accepted += 1,
            status::RETRYING => self.retrying += 1,
            status::GONE => self.gone += 1,
            status::CANCELLED => self.cancelled += 1,
            _ => self.failed += 1,
        }
    }

    /// Rows handled in this pass.
    pub fn total(&self) -> usize {
        self.accepted + self.retrying + self.gone + self.failed + self.cancelled
    }
}

/// Sends every due push once, concurrently; returns what happened.
pub async fn deliver_due(
    db: &DatabaseConnection,
    sender: Arc<dyn PushSender>,
    now: OffsetDateTime,
    max_attempts: i32,
    lease: Duration,
) -> Result<Pass, DbErr> {
    let due = push_outbox::Entity::find()
        .filter(push_outbox::Column::Status.is_in([status::QUEUED, status::RETRYING]))
        .filter(push_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(push_outbox::Column::NextAttemptAt)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut tasks = tokio::task::JoinSet::new();
    for row in due {
        let (db, sender) = (db.clone(), sender.clone());
        tasks.spawn(async move {
            deliver_one(&db, sender.as_ref(), row, now, max_attempts, lease).await
        });
    }
    let mut pass = Pass::default();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(Some(outcome))) => pass.add(outcome),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "push outbox row not updated"),
            Err(e) => tracing::error!(error = %e, "push task ended abnormally"),
        }
    }
    Ok(pass)
}

/// Claims, sends and records one row; `None` when another instance claimed it first.
async fn deliver_one(
    db: &DatabaseConnection,
    sender: &dyn PushSender,
    row: push_outbox::Model,
    now: OffsetDateTime,
    max_attempts: i32,
    lease: Duration,
) -> Result<Option<&'static str>, DbErr> {
    let attempts = row.attempts + 1;
    let claimed = push_outbox::Entity::update_many()
        .col_expr(push_outbox::Column::NextAttemptAt, Expr::value(now + lease))
        .col_expr(push_outbox::Column::Attempts, Expr::value(attempts))
        .filter(push_outbox::Column::Id.eq(row.id.clone()))
        .filter(push_outbox::Column::Attempts.eq(row.attempts))
        .filter(push_outbox::Column::Status.eq(row.status.clone()))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    let update =
        push_outbox::Entity::update_many().filter(push_outbox::Column::Id.eq(row.id.clone()));
    let Some(sub) = push_subscriptions::Entity::find_by_id(row.subscription_id.clone())
        .one(db)
        .await?
    else {
        update
            .col_expr(push_outbox::Column::Status, Expr::value(status::CANCELLED))
            .exec(db)
            .await?;
        return Ok(Some(status::CANCELLED));
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
    let outcome = sender.send(&request, now).await;
    let (state, code, error, next) = match &outcome {
        PushOutcome::Accepted { status } => (status::ACCEPTED, Some(*status), None, None),
        PushOutcome::Gone { status } => (status::GONE, Some(*status), None, None),
        PushOutcome::Rejected { status, reason } => {
            (status::FAILED, *status, Some(reason.clone()), None)
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
            let wait = backoff(row.attempts).max(asked);
            if attempts >= max_attempts {
                (status::FAILED, *status, Some(reason.clone()), None)
            } else {
                (
                    status::RETRYING,
                    *status,
                    Some(reason.clone()),
                    Some(now + wait),
                )
            }
        }
    };
    let mut update = update
        .col_expr(push_outbox::Column::Status, Expr::value(state))
        .col_expr(
            push_outbox::Column::LastStatusCode,
            Expr::value(code.map(i32::from)),
        )
        .col_expr(push_outbox::Column::LastError, Expr::value(error.clone()));
    if let Some(next) = next {
        update = update.col_expr(push_outbox::Column::NextAttemptAt, Expr::value(next));
    }
    if state == status::ACCEPTED {
        update = update.col_expr(push_outbox::Column::SentAt, Expr::value(Some(now)));
    }
    update.exec(db).await?;
    match state {
        status::ACCEPTED => {
            push_subscriptions::Entity::update_many()
                .col_expr(
                    push_subscriptions::Column::LastAcceptedAt,
                    Expr::value(Some(now)),
                )
                .filter(push_subscriptions::Column::Id.eq(sub.id.clone()))
                .exec(db)
                .await?;
            tracing::debug!(push_id = %row.id, attempts, "push accepted");
        }
        status::GONE => {
            push_subscriptions::Entity::delete_by_id(sub.id.clone())
                .exec(db)
                .await?;
            tracing::info!(push_id = %row.id, subscription_id = %sub.id, "push subscription gone: removed");
        }
        _ => {
            tracing::warn!(push_id = %row.id, attempts, state, error = ?error, "push not accepted");
        }
    }
    Ok(Some(state))
}
