//! Outgoing mail: a durable outbox in the database, delivered by SMTP or kept in a folder.

pub mod communication_notice;
pub mod dossier_notice;
pub mod outbox;
mod sender;
pub mod templates;

pub use sender::{FolderSender, MailError, MailSender, OutgoingMail, SmtpSender};

use crate::service::Context;
use std::{sync::Arc, time::Duration};
use tokio::sync::Notify;

/// Runs the mail outbox until `stop` is notified: a pass, then a wait for new mail or 2 s.
pub async fn worker(ctx: Context, stop: Arc<Notify>) {
    loop {
        let pass = outbox::deliver_due(
            &ctx.db,
            ctx.mail.as_ref(),
            ctx.now(),
            ctx.redact_sent_mail,
            ctx.config.workers.lease(),
        )
        .await;
        let mut busy = false;
        match pass {
            Ok(p) => {
                for (outcome, n) in [("sent", p.sent), ("failed", p.failed)] {
                    ctx.metrics
                        .mails
                        .with_label_values(&[outcome])
                        .inc_by(n as u64);
                }
                busy = p.sent + p.failed > 0;
            }
            Err(e) => tracing::error!(error = %e, "mail outbox pass failed"),
        }
        if busy {
            continue;
        }
        tokio::select! {
            _ = stop.notified() => break,
            _ = ctx.mail_queued.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}
