//! Web push to the mobile app: the VAPID key, the sender, the durable outbox and its worker.

pub mod outbox;
pub mod resolver;
pub mod sender;
pub mod vapid;

pub use sender::{PushOutcome, PushRequest, PushSender, WebPushSender};
pub use vapid::VapidKey;

use crate::service::Context;
use std::{sync::Arc, time::Duration};
use tokio::sync::Notify;

/// What the rest of the server needs of web push.
#[derive(Clone)]
pub struct PushHub {
    /// Where pushes leave.
    pub sender: Arc<dyn PushSender>,
    /// The current VAPID key's id (e.g. `v1`).
    pub key_id: String,
    /// The current VAPID public key, base64url uncompressed point.
    pub public_key: String,
    /// Wakes the push worker when something was queued.
    pub queued: Arc<Notify>,
}

impl PushHub {
    /// A hub sending with `sender` under `key`.
    pub fn new(key: &VapidKey, sender: Arc<dyn PushSender>) -> Self {
        Self {
            sender,
            key_id: key.id.clone(),
            public_key: key.public_key.clone(),
            queued: Arc::new(Notify::new()),
        }
    }
}

/// Runs the push outbox until `stop` is notified: a pass, then a wait for new pushes or 2 s.
pub async fn worker(ctx: Context, stop: Arc<Notify>) {
    loop {
        let pass = outbox::deliver_due(
            &ctx.db,
            ctx.push.sender.clone(),
            ctx.now(),
            ctx.config.push.max_attempts,
            ctx.config.workers.lease(),
        )
        .await;
        let mut busy = false;
        match pass {
            Ok(p) => {
                for (outcome, n) in [
                    ("accepted", p.accepted),
                    ("retrying", p.retrying),
                    ("gone", p.gone),
                    ("failed", p.failed),
                    ("cancelled", p.cancelled),
                ] {
                    if n > 0 {
                        ctx.metrics
                            .pushes
                            .with_label_values(&[outcome])
                            .inc_by(n as u64);
                    }
                }
                busy = p.total() > 0;
            }
            Err(e) => tracing::error!(error = %e, "push outbox pass failed"),
        }
        if busy {
            continue;
        }
        tokio::select! {
            _ = stop.notified() => break,
            _ = ctx.push.queued.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}
