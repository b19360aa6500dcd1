//! The devices persons subscribed to web push.

use super::entities::push_subscriptions;
use crate::domain::{Error, ids::PersonId, persons::Device, push::NewSubscription};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;

fn device(m: push_subscriptions::Model) -> Device {
    Device {
        id: m.id,
        endpoint: m.endpoint,
        label: m.label,
        created_at: m.created_at,
        last_accepted_at: m.last_accepted_at,
    }
}

/// Subscribes a device of `person`, replacing any subscription of the same endpoint (by its
/// hash); run it in a transaction.
pub async fn replace<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    new: NewSubscription,
    endpoint_hash: String,
    now: OffsetDateTime,
) -> Result<Device, Error> {
    push_subscriptions::Entity::delete_many()
        .filter(push_subscriptions::Column::EndpointHash.eq(endpoint_hash.clone()))
        .exec(conn)
        .await?;
    let row = push_subscriptions::Model {
        id: uuid::Uuid::now_v7().to_string(),
        person_id: person.to_string(),
        endpoint: new.endpoint,
        endpoint_hash,
        p256dh: new.p256dh,
        auth: new.auth,
        label: new.label,
        created_at: now,
        last_accepted_at: None,
    };
    push_subscriptions::Entity::insert(push_subscriptions::ActiveModel {
        id: Set(row.id.clone()),
        person_id: Set(row.person_id.clone()),
        endpoint: Set(row.endpoint.clone()),
        endpoint_hash: Set(row.endpoint_hash.clone()),
        p256dh: Set(row.p256dh.clone()),
        auth: Set(row.auth.clone()),
        label: Set(row.label.clone()),
        created_at: Set(now),
        last_accepted_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(device(row))
}

/// The devices of `person`, oldest first.
pub async fn devices<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Vec<Device>, Error> {
    Ok(push_subscriptions::Entity::find()
        .filter(push_subscriptions::Column::PersonId.eq(person.as_str()))
        .order_by_asc(push_subscriptions::Column::CreatedAt)
        .order_by_asc(push_subscriptions::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(device)
        .collect())
}

/// Removes a device of `person`; false if `person` has none by that id.
pub async fn remove<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    id: &str,
) -> Result<bool, Error> {
    let deleted = push_subscriptions::Entity::delete_many()
        .filter(push_subscriptions::Column::Id.eq(id))
        .filter(push_subscriptions::Column::PersonId.eq(person.as_str()))
        .exec(conn)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// Whether a push of `topic` was queued for `person` at or after `since`.
pub async fn queued_since<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    topic: &str,
    since: OffsetDateTime,
) -> Result<bool, Error> {
    use super::entities::push_outbox;
    use sea_orm::PaginatorTrait;
    let n = push_outbox::Entity::find()
        .filter(push_outbox::Column::PersonId.eq(person.as_str()))
        .filter(push_outbox::Column::Topic.eq(topic))
        .filter(push_outbox::Column::CreatedAt.gte(since))
        .count(conn)
        .await?;
    Ok(n > 0)
}
