//! The durable mail outbox: a mail is a row first, then a delivery with retries that back off.
//!
//! Several server instances may share one database: an instance claims a row by moving its
//! `next_attempt_at` forward in a conditional update, so no two instances send it at once.

use super::{MailSender, OutgoingMail};
use crate::store::entities::mail_outbox;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use time::{Duration, OffsetDateTime};

/// Attempts after which a mail is marked failed.
pub const MAX_ATTEMPTS: i32 = 12;

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
        status: Set("queued".into()),
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

/// The wait before attempt `attempts + 1`: 10 s doubling, at most one hour.
pub fn backoff(attempts: i32) -> Duration {
    let secs = 10i64.saturating_mul(1i64 << attempts.clamp(0, 12));
    Duration::seconds(secs.min(3600))
}

/// What one pass over the outbox did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Mails handed over.
    pub sent: usize,
    /// Mails that failed this time (to be retried or given up).
    pub failed: usize,
}

/// Sends every due mail once; `redact` empties the body of sent mails (their links are secrets).
/// A claimed row is left alone by other instances for `lease`.
pub async fn deliver_due<C: ConnectionTrait>(
    db: &C,
    sender: &dyn MailSender,
    now: OffsetDateTime,
    redact: bool,
    lease: Duration,
) -> Result<Pass, DbErr> {
    let due = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Status.eq("queued"))
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_outbox::Column::NextAttemptAt)
        .limit(50)
        .all(db)
        .await?;
    let mut pass = Pass::default();
    for row in due {
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now + lease))
            .col_expr(mail_outbox::Column::Attempts, Expr::value(row.attempts + 1))
            .filter(mail_outbox::Column::Id.eq(row.id.clone()))
            .filter(mail_outbox::Column::Attempts.eq(row.attempts))
            .filter(mail_outbox::Column::Status.eq("queued"))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let mail = OutgoingMail {
            id: row.id.clone(),
            to: row.recipient.clone(),
            subject: row.subject.clone(),
            body: row.body.clone(),
        };
        let attempts = row.attempts + 1;
        let mut update =
            mail_outbox::Entity::update_many().filter(mail_outbox::Column::Id.eq(row.id.clone()));
        match sender.send(&mail).await {
            Ok(()) => {
                pass.sent += 1;
                update = update
                    .col_expr(
                        mail_outbox::Column::Status,
                        Expr::value(sender.delivered_status()),
                    )
                    .col_expr(mail_outbox::Column::SentAt, Expr::value(Some(now)));
                if redact {
                    update = update.col_expr(
                        mail_outbox::Column::Body,
                        Expr::value("[delivered by SMTP; body removed]"),
                    );
                }
                tracing::info!(mail_id = %row.id, attempts, status = sender.delivered_status(), "mail delivered");
            }
            Err(e) => {
                pass.failed += 1;
                let status = if attempts >= MAX_ATTEMPTS {
                    "failed"
                } else {
                    "queued"
                };
                update = update
                    .col_expr(mail_outbox::Column::Status, Expr::value(status))
                    .col_expr(
                        mail_outbox::Column::NextAttemptAt,
                        Expr::value(now + backoff(attempts)),
                    )
                    .col_expr(
                        mail_outbox::Column::LastError,
                        Expr::value(Some(e.to_string())),
                    );
                tracing::warn!(mail_id = %row.id, attempts, error = %e, "mail not sent");
            }
        }
        update.exec(db).await?;
    }
    Ok(pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_ten_seconds_and_caps_at_an_hour() {
        assert_eq!(backoff(0), Duration::seconds(10));
        assert_eq!(backoff(1), Duration::seconds(20));
        assert_eq!(backoff(3), Duration::seconds(80));
        assert_eq!(backoff(11), Duration::seconds(3600));
    }
}
