//! Web push use cases: a holder's devices (subscribe, list, revoke) and notifying a person.

use super::{Context, db};
use crate::{
    domain::{
        Error, Language,
        push::{NewSubscription, Notice},
    },
    push::outbox::{self, NewPush},
    store::entities::{push_subscriptions, spaces},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// A device as its holder sees it.
pub type Subscription = push_subscriptions::Model;

fn endpoint_hash(endpoint: &str) -> String {
    hex::encode(Sha256::digest(endpoint.as_bytes()))
}

/// Subscribes a device of `person_id`. The same endpoint again replaces the older subscription
/// (a browser re-subscribing after its keys changed, or a phone that changed hands).
pub async fn subscribe(
    ctx: &Context,
    person_id: &str,
    new: NewSubscription,
) -> Result<Subscription, Error> {
    let hash = endpoint_hash(&new.endpoint);
    let row = push_subscriptions::Model {
        id: uuid::Uuid::now_v7().to_string(),
        person_id: person_id.to_string(),
        endpoint: new.endpoint,
        endpoint_hash: hash.clone(),
        p256dh: new.p256dh,
        auth: new.auth,
        label: new.label,
        created_at: ctx.now(),
        last_accepted_at: None,
    };
    let txn = ctx.db.begin().await.map_err(db)?;
    push_subscriptions::Entity::delete_many()
        .filter(push_subscriptions::Column::EndpointHash.eq(hash))
        .exec(&txn)
        .await
        .map_err(db)?;
    push_subscriptions::Entity::insert(push_subscriptions::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await
        .map_err(db)?;
    txn.commit().await.map_err(db)?;
    tracing::info!(subscription_id = %row.id, "push subscription added");
    Ok(row)
}

/// The devices of `person_id`, oldest first.
pub async fn list(ctx: &Context, person_id: &str) -> Result<Vec<Subscription>, Error> {
    push_subscriptions::Entity::find()
        .filter(push_subscriptions::Column::PersonId.eq(person_id))
        .order_by_asc(push_subscriptions::Column::CreatedAt)
        .order_by_asc(push_subscriptions::Column::Id)
        .all(&ctx.db)
        .await
        .map_err(db)
}

/// Revokes a device; another person's device is [`Error::NotFound`], like a missing one.
pub async fn revoke(ctx: &Context, person_id: &str, subscription_id: &str) -> Result<(), Error> {
    let deleted = push_subscriptions::Entity::delete_many()
        .filter(push_subscriptions::Column::Id.eq(subscription_id))
        .filter(push_subscriptions::Column::PersonId.eq(person_id))
        .exec(&ctx.db)
        .await
        .map_err(db)?;
    if deleted.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    tracing::info!(%subscription_id, "push subscription revoked");
    Ok(())
}

/// The language the person chose in their private space's profile (French by default).
async fn language_of<C: ConnectionTrait>(conn: &C, person_id: &str) -> Result<Language, Error> {
    let Some(space) = spaces::Entity::find()
        .filter(spaces::Column::PrivateOwnerId.eq(person_id))
        .one(conn)
        .await
        .map_err(db)?
    else {
        return Ok(Language::default());
    };
    super::spaces::preferred_language(conn, &space.id).await
}

/// Queues `notice` for every device of `person_id` inside `conn` (the caller's transaction);
/// returns how many pushes were queued. Wake the worker with `ctx.push.queued` after commit.
///
/// It reads before it writes: on SQLite a transaction that already wrote is best served by
/// [`notify`], which reads first and then writes in a short transaction of its own.
pub async fn notify_in<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    person_id: &str,
    notice: &Notice,
) -> Result<usize, Error> {
    let (devices, lang) = recipients(conn, person_id).await?;
    queue(conn, ctx, person_id, notice, &devices, lang).await
}

/// Queues `notice` for every device of every holder of `space_id`, inside `conn` (the caller's
/// transaction). Wake the worker with `ctx.push.queued` after commit.
pub async fn notify_space_in<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    space_id: &str,
    notice: &Notice,
) -> Result<usize, Error> {
    let holders = crate::store::entities::space_holders::Entity::find()
        .filter(crate::store::entities::space_holders::Column::SpaceId.eq(space_id))
        .all(conn)
        .await
        .map_err(db)?;
    let mut queued = 0;
    for h in holders {
        queued += notify_in(conn, ctx, &h.person_id, notice).await?;
    }
    Ok(queued)
}

/// Queues `notice` for every device of `person_id` and wakes the push worker.
pub async fn notify(ctx: &Context, person_id: &str, notice: &Notice) -> Result<usize, Error> {
    let (devices, lang) = recipients(&ctx.db, person_id).await?;
    if devices.is_empty() {
        return Ok(0);
    }
    let txn = ctx.db.begin().await.map_err(db)?;
    let queued = queue(&txn, ctx, person_id, notice, &devices, lang).await?;
    txn.commit().await.map_err(db)?;
    ctx.push.queued.notify_one();
    Ok(queued)
}

async fn recipients<C: ConnectionTrait>(
    conn: &C,
    person_id: &str,
) -> Result<(Vec<Subscription>, Language), Error> {
    let devices = push_subscriptions::Entity::find()
        .filter(push_subscriptions::Column::PersonId.eq(person_id))
        .all(conn)
        .await
        .map_err(db)?;
    let lang = if devices.is_empty() {
        Language::default()
    } else {
        language_of(conn, person_id).await?
    };
    Ok((devices, lang))
}

async fn queue<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    person_id: &str,
    notice: &Notice,
    devices: &[Subscription],
    lang: Language,
) -> Result<usize, Error> {
    let payload = notice.payload(lang);
    let topic = notice.topic();
    let now = ctx.now();
    for device in devices {
        let push = NewPush {
            subscription_id: &device.id,
            person_id,
            kind: notice.kind(),
            payload: &payload,
            topic: &topic,
            urgency: notice.urgency(),
            ttl_secs: ctx.config.push.ttl_secs,
            communication_id: notice.communication_id(),
        };
        outbox::enqueue(conn, &push, now).await.map_err(db)?;
    }
    Ok(devices.len())
}
