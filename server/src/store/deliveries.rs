//! The delivery state of the notices announcing communications: one line per mail and push.

use super::entities::{mail_outbox, push_outbox, push_subscriptions};
use crate::domain::{Error, communications::Delivery};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The deliveries of each of `ids`, mail first, oldest first.
pub async fn of<C: ConnectionTrait>(
    conn: &C,
    ids: &[String],
) -> Result<HashMap<String, Vec<Delivery>>, Error> {
    let mut out: HashMap<String, Vec<Delivery>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::CommunicationId.is_in(ids.iter().cloned()))
        .order_by_asc(mail_outbox::Column::CreatedAt)
        .all(conn)
        .await?;
    for m in mails {
        let Some(id) = m.communication_id.clone() else {
            continue;
        };
        out.entry(id).or_default().push(Delivery {
            channel: "mail",
            next_attempt_at: m.status.is_pending().then_some(m.next_attempt_at),
            status: m.status.to_string(),
            attempts: m.attempts,
            sent_at: m.sent_at,
            last_error: m.last_error,
            device: None,
        });
    }
    let pushes = push_outbox::Entity::find()
        .filter(push_outbox::Column::CommunicationId.is_in(ids.iter().cloned()))
        .order_by_asc(push_outbox::Column::CreatedAt)
        .all(conn)
        .await?;
    let devices: HashMap<String, Option<String>> = push_subscriptions::Entity::find()
        .filter(
            push_subscriptions::Column::Id.is_in(pushes.iter().map(|p| p.subscription_id.clone())),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.label))
        .collect();
    for p in pushes {
        let Some(id) = p.communication_id.clone() else {
            continue;
        };
        out.entry(id).or_default().push(Delivery {
            channel: "push",
            next_attempt_at: p.status.is_pending().then_some(p.next_attempt_at),
            device: devices.get(&p.subscription_id).cloned().flatten(),
            status: p.status.to_string(),
            attempts: p.attempts,
            sent_at: p.sent_at,
            last_error: p.last_error,
        });
    }
    Ok(out)
}
