//! Web push use cases: a holder's devices (subscribe, list, revoke) and notifying a person.

use super::Context;
use crate::{
    domain::{
        Error, Language,
        ids::{PersonId, SpaceId},
        persons::Device,
        push::{NewSubscription, Notice},
        rights::Role,
    },
    push::outbox::{self, NewPush},
    store,
};
use sea_orm::{ConnectionTrait, TransactionTrait};
use sha2::{Digest, Sha256};

/// A device as its holder sees it.
pub type Subscription = Device;

fn endpoint_hash(endpoint: &str) -> String {
    hex::encode(Sha256::digest(endpoint.as_bytes()))
}

/// Subscribes a device of `person_id`. The same endpoint again replaces the older subscription
/// (a browser re-subscribing after its keys changed, or a phone that changed hands).
pub async fn subscribe(
    ctx: &Context,
    person_id: &PersonId,
    new: NewSubscription,
) -> Result<Subscription, Error> {
    let hash = endpoint_hash(&new.endpoint);
    let txn = ctx.db.begin().await?;
    let device = store::push::replace(&txn, person_id, new, hash, ctx.now()).await?;
    txn.commit().await?;
    tracing::info!(subscription_id = %device.id, "push subscription added");
    Ok(device)
}

/// The devices of `person_id`, oldest first.
pub async fn list(ctx: &Context, person_id: &PersonId) -> Result<Vec<Subscription>, Error> {
    store::push::devices(&ctx.db, person_id).await
}

/// Revokes a device; another person's device is [`Error::NotFound`], like a missing one.
pub async fn revoke(
    ctx: &Context,
    person_id: &PersonId,
    subscription_id: &str,
) -> Result<(), Error> {
    if !store::push::remove(&ctx.db, person_id, subscription_id).await? {
        return Err(Error::NotFound);
    }
    tracing::info!(%subscription_id, "push subscription revoked");
    Ok(())
}

/// The language the person chose in their private space's profile (French by default).
pub(crate) async fn language_of<C: ConnectionTrait>(
    conn: &C,
    person_id: &PersonId,
) -> Result<Language, Error> {
    let Some(space) = store::spaces::private_space_of(conn, person_id).await? else {
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

/// Queues `notice` for every device of everyone in `space_id` who hears about `procedure`
/// ([`super::recipients::of_space`]), inside `conn` (the caller's transaction), each in their
/// language. Wake the worker with `ctx.push.queued` after commit.
pub async fn notify_space_in<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    space_id: &SpaceId,
    procedure: Option<&str>,
    notice: &Notice,
) -> Result<usize, Error> {
    let mut queued = 0;
    for r in super::recipients::of_space(conn, space_id, procedure).await? {
        queued += notify_in(conn, ctx, &r.person, notice).await?;
    }
    Ok(queued)
}

/// Queues `notice` for every device of `person_id` and wakes the push worker.
pub async fn notify(ctx: &Context, person_id: &str, notice: &Notice) -> Result<usize, Error> {
    let (devices, lang) = recipients(&ctx.db, person_id).await?;
    if devices.is_empty() {
        return Ok(0);
    }
    let txn = ctx.db.begin().await?;
    let queued = queue(&txn, ctx, person_id, notice, &devices, lang).await?;
    txn.commit().await?;
    ctx.push.queued.notify_one();
    Ok(queued)
}

async fn recipients<C: ConnectionTrait>(
    conn: &C,
    person_id: &str,
) -> Result<(Vec<Subscription>, Language), Error> {
    let person_id = PersonId::from(person_id);
    let devices = store::push::devices(conn, &person_id).await?;
    let lang = if devices.is_empty() {
        Language::default()
    } else {
        language_of(conn, &person_id).await?
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
        outbox::enqueue(conn, &push, now).await?;
    }
    Ok(devices.len())
}

/// The action an agent's read of a space's data is recorded under.
pub const AGENT_READ: &str = "dossier.read_by_agent";

/// Tells the holders and administrators of `space` who asked for it
/// ([`set_agent_read_notices`]) that an agent of `administration` read its data — at most once
/// a day per person, space and administration (the access record lists every read). Call after
/// the read was recorded; returns how many pushes were queued.
pub async fn notify_agent_read(
    ctx: &Context,
    space: &SpaceId,
    administration: &str,
) -> Result<usize, Error> {
    let since = ctx.now() - time::Duration::days(1);
    let notice = Notice::DataRead {
        space_id: space.to_string(),
        administration: administration.to_string(),
    };
    let mut queued = 0;
    for (person, role, _) in store::spaces::members(&ctx.db, space).await? {
        if !matches!(role, Role::Holder | Role::Administrator)
            || !store::persons::notifies_agent_reads(&ctx.db, &person).await?
            || store::push::queued_since(&ctx.db, &person, &notice.topic(), since).await?
        {
            continue;
        }
        queued += notify(ctx, person.as_str(), &notice).await?;
    }
    Ok(queued)
}

/// Whether `person` is told when an administration reads their data.
pub async fn agent_read_notices(ctx: &Context, person: &PersonId) -> Result<bool, Error> {
    store::persons::notifies_agent_reads(&ctx.db, person).await
}

/// Sets whether `person` is told (push, at most once a day per space and administration) when
/// an administration's agent reads data of a space they hold or administer.
pub async fn set_agent_read_notices(
    ctx: &Context,
    person: &PersonId,
    wish: bool,
) -> Result<(), Error> {
    store::persons::set_notify_agent_reads(&ctx.db, person, wish).await
}
