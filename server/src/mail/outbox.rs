//! The durable mail outbox: a mail is a row first, queued in the transaction of the change that
//! causes it, then a job of the engine ([`crate::jobs`]) that hands it to the sender.

use super::{MailError, OutgoingMail};
use crate::{
    config::Worker,
    jobs::{Claimed, JobKind, JobState, Ran},
    service::Context,
    store::entities::mail_outbox::{self, Column},
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// What replaces the body of a mail delivered by SMTP (its links are secrets).
const REDACTED: &str = "[delivered by SMTP; body removed]";

/// Queues a mail in the same transaction as the change that causes it.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    to: &str,
    subject: &str,
    body: &str,
    now: OffsetDateTime,
) -> Result<String, DbErr> {
    enqueue_about(db, to, subject, body, now, None).await
}

/// Queues a mail announcing the communication `communication_id` (its delivery state is shown
/// to the holder), in the same transaction as the change that causes it.
pub async fn enqueue_about<C: ConnectionTrait>(
    db: &C,
    to: &str,
    subject: &str,
    body: &str,
    now: OffsetDateTime,
    communication_id: Option<&str>,
) -> Result<String, DbErr> {
    let id = uuid::Uuid::now_v7().to_string();
    mail_outbox::Entity::insert(mail_outbox::ActiveModel {
        id: Set(id.clone()),
        recipient: Set(to.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        status: Set(JobState::Queued),
        attempts: Set(0),
        created_at: Set(now),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        communication_id: Set(communication_id.map(str::to_string)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

crate::jobs::job_table!(mail_outbox);

/// Sending one mail of the outbox with the context's sender. Its recorded state is the
/// sender's [`super::MailSender::delivered_status`] (`sent` by SMTP, `kept` in the local
/// folder); a relay delivering it also empties its body, whose links are secrets.
pub struct SendMail;

impl JobKind for SendMail {
    type Table = mail_outbox::Entity;
    const WORKER: Worker = Worker::Mail;

    fn queued(ctx: &Context) -> Arc<Notify> {
        ctx.mail_queued.clone()
    }

    async fn run(
        &self,
        ctx: &Context,
        job: &Claimed<mail_outbox::Entity>,
    ) -> Ran<mail_outbox::Entity> {
        let row = &job.row;
        let mail = OutgoingMail {
            id: row.id.clone(),
            to: row.recipient.clone(),
            subject: row.subject.clone(),
            body: row.body.clone(),
        };
        match ctx.mail.send(&mail).await {
            Ok(()) => {
                let ran =
                    Ran::done(ctx.mail.delivered_status()).set(Column::SentAt, Some(ctx.now()));
                if ctx.redact_sent_mail {
                    ran.set(Column::Body, REDACTED)
                } else {
                    ran
                }
            }
            // An address that does not parse never will.
            Err(e @ MailError::Build(_)) => Ran::failed(e.to_string()),
            Err(e @ MailError::Deliver(_)) => Ran::retry(e.to_string()),
        }
    }
}
