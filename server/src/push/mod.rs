//! Web push to the mobile app: the VAPID key, the sender, and the durable outbox.

pub mod outbox;
pub mod resolver;
pub mod sender;
pub mod vapid;

pub use sender::{PushOutcome, PushRequest, PushSender, WebPushSender};
pub use vapid::VapidKey;

use std::sync::Arc;
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
