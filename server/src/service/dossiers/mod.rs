//! Dossiers: one procedure started in one space. Who may see them, how they start, their timeline.

pub mod attachments;
pub mod dashboard;
pub mod form;
pub mod messages;
pub mod signature;
pub mod uploads;

pub(crate) use super::begin_write;
use super::{Context, catalog, db, spaces};
use crate::domain::{
    Error,
    dossiers::{self as rules, Action, Status},
    procedures::Procedure,
};
use crate::store::entities::{agents, dossier_events, dossiers, idempotency_keys};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// Who acts on a dossier.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A person holding the dossier's space.
    Person(&'a str),
    /// An agent of the competent administration.
    Agent(&'a agents::Model),
}

impl Actor<'_> {
    /// `person` or `agent`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Person(_) => "person",
            Self::Agent(_) => "agent",
        }
    }

    /// The person's or the agent's id.
    pub fn id(&self) -> &str {
        match self {
            Self::Person(id) => id,
            Self::Agent(a) => &a.id,
        }
    }
}

/// A dossier with the procedure version it keeps and its form data.
#[derive(Debug, Clone)]
pub struct Dossier {
    /// The stored row.
    pub row: dossiers::Model,
    /// The procedure at the dossier's version.
    pub procedure: Procedure,
    /// The form data.
    pub data: Map<String, Value>,
}

impl Dossier {
    /// The status.
    pub fn status(&self) -> Result<Status, Error> {
        status_of(&self.row)
    }
}

pub(crate) fn status_of(row: &dossiers::Model) -> Result<Status, Error> {
    Status::parse(&row.status).ok_or_else(|| Error::internal("unknown dossier status"))
}

pub(crate) fn parse_data(row: &dossiers::Model) -> Result<Map<String, Value>, Error> {
    serde_json::from_str(&row.data).map_err(Error::internal)
}

pub(crate) async fn complete<C: ConnectionTrait>(
    conn: &C,
    row: dossiers::Model,
) -> Result<Dossier, Error> {
    let procedure = catalog::version(conn, &row.procedure_id, row.procedure_version).await?;
    let data = parse_data(&row)?;
    Ok(Dossier {
        row,
        procedure,
        data,
    })
}

/// The dossier, if `person_id` holds its space; otherwise `NotFound`, whether or not it exists.
pub async fn for_holder<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    person_id: &str,
) -> Result<dossiers::Model, Error> {
    let row = dossiers::Entity::find_by_id(dossier_id.to_string())
        .one(conn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    spaces::require_holder(conn, &row.space_id, person_id)
        .await
        .map_err(|_| Error::NotFound)?;
    Ok(row)
}

/// The dossier, if it was transmitted to `agent`'s administration; otherwise `NotFound`.
pub async fn for_agent<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    agent: &agents::Model,
) -> Result<dossiers::Model, Error> {
    dossiers::Entity::find_by_id(dossier_id.to_string())
        .one(conn)
        .await
        .map_err(db)?
        .filter(|d| d.administration_id == agent.administration_id && d.transmitted_at.is_some())
        .ok_or(Error::NotFound)
}

/// The dossier as `actor` may see it.
pub async fn load_for<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    actor: Actor<'_>,
) -> Result<dossiers::Model, Error> {
    match actor {
        Actor::Person(p) => for_holder(conn, dossier_id, p).await,
        Actor::Agent(a) => for_agent(conn, dossier_id, a).await,
    }
}

/// Reads a dossier.
pub async fn read(ctx: &Context, dossier_id: &str, actor: Actor<'_>) -> Result<Dossier, Error> {
    let row = load_for(&ctx.db, dossier_id, actor).await?;
    complete(&ctx.db, row).await
}

/// Appends an entry to the timeline; entries are never changed.
pub(crate) async fn append_event<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    actor: Actor<'_>,
    from: Option<Status>,
    to: Status,
    reason: Option<String>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    dossier_events::Entity::insert(dossier_events::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        dossier_id: Set(dossier_id.to_string()),
        at: Set(now),
        actor_kind: Set(actor.kind().into()),
        actor_id: Set(actor.id().to_string()),
        from_status: Set(from.map(|s| s.as_str().to_string())),
        to_status: Set(to.as_str().into()),
        reason: Set(reason),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// The timeline, oldest first.
pub async fn timeline(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
) -> Result<Vec<dossier_events::Model>, Error> {
    let row = load_for(&ctx.db, dossier_id, actor).await?;
    dossier_events::Entity::find()
        .filter(dossier_events::Column::DossierId.eq(row.id))
        .order_by_asc(dossier_events::Column::At)
        .order_by_asc(dossier_events::Column::Id)
        .all(&ctx.db)
        .await
        .map_err(db)
}

/// Moves `row` by `action` if nobody changed it meanwhile; records the transition.
pub(crate) async fn transition<C: ConnectionTrait>(
    conn: &C,
    row: &dossiers::Model,
    action: Action,
    actor: Actor<'_>,
    reason: Option<String>,
    now: OffsetDateTime,
) -> Result<Status, Error> {
    let from = status_of(row)?;
    let to = rules::next(from, action).map_err(|e| Error::illegal(e.from))?;
    let res = dossiers::Entity::update_many()
        .col_expr(dossiers::Column::Status, Expr::value(to.as_str()))
        .col_expr(dossiers::Column::Revision, Expr::value(row.revision + 1))
        .col_expr(dossiers::Column::UpdatedAt, Expr::value(now))
        .filter(dossiers::Column::Id.eq(row.id.clone()))
        .filter(dossiers::Column::Revision.eq(row.revision))
        .exec(conn)
        .await
        .map_err(db)?;
    if res.rows_affected != 1 {
        return Err(Error::PreconditionFailed);
    }
    append_event(conn, &row.id, actor, Some(from), to, reason, now).await?;
    Ok(to)
}

/// The stored form of an idempotency key, scoped to who sent it, for what, on what.
pub(crate) fn key_hash(actor_id: &str, operation: &str, scope: &str, key: &str) -> String {
    hex::encode(Sha256::digest(
        format!("{actor_id}\n{operation}\n{scope}\n{key}").as_bytes(),
    ))
}

/// The dossier an idempotency key already led to, if any.
pub(crate) async fn replayed<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<String>, Error> {
    Ok(idempotency_keys::Entity::find_by_id(hash.to_string())
        .one(conn)
        .await
        .map_err(db)?
        .map(|k| k.dossier_id))
}

/// Remembers an idempotency key; fails if it was taken meanwhile.
pub(crate) async fn remember<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
    dossier_id: &str,
    operation: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    idempotency_keys::Entity::insert(idempotency_keys::ActiveModel {
        key_hash: Set(hash.to_string()),
        dossier_id: Set(dossier_id.to_string()),
        operation: Set(operation.into()),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// What starts a dossier.
#[derive(Debug, Clone)]
pub struct NewDossier<'a> {
    /// The space it belongs to.
    pub space_id: &'a str,
    /// The procedure (its latest version is used).
    pub procedure_id: &'a str,
    /// Who acts.
    pub actor: Actor<'a>,
    /// `online` or `paper`.
    pub channel: &'static str,
    /// The person acting online (none for a paper request).
    pub acting_person_id: Option<&'a str>,
}

/// Inserts a dossier on the procedure's latest version, prefilled, and its first timeline entry.
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    new: &NewDossier<'_>,
    status: Status,
    data: Option<Map<String, Value>>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let procedure = catalog::latest(conn, new.procedure_id)
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::invalid("procedure_id", crate::domain::Invalid::Choice),
            other => other,
        })?;
    let mut prefilled = form::prefill(conn, &procedure, new.space_id).await?;
    if let Some(extra) = data {
        prefilled.extend(extra);
    }
    let id = uuid::Uuid::now_v7().to_string();
    dossiers::Entity::insert(dossiers::ActiveModel {
        id: Set(id.clone()),
        space_id: Set(new.space_id.to_string()),
        procedure_id: Set(procedure.id.clone()),
        procedure_version: Set(procedure.version),
        administration_id: Set(procedure.administration.clone()),
        status: Set(status.as_str().into()),
        outcome: Set(None),
        channel: Set(new.channel.into()),
        data: Set(Value::Object(prefilled).to_string()),
        created_by_kind: Set(new.actor.kind().into()),
        created_by_id: Set(new.actor.id().to_string()),
        acting_person_id: Set(new.acting_person_id.map(str::to_string)),
        assigned_agent_id: Set(None),
        signed_digest: Set(None),
        signature_base64: Set(None),
        signature_certificate: Set(None),
        signed_at: Set(None),
        transmitted_at: Set((status == Status::Transmitted).then_some(now)),
        revision: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    let reason = (new.channel == "paper").then(|| "paper request recorded".to_string());
    append_event(conn, &id, new.actor, None, status, reason, now).await?;
    Ok(id)
}

/// Starts a dossier in a space the person holds; a retry with the same idempotency key
/// returns the first dossier.
pub async fn create(
    ctx: &Context,
    person_id: &str,
    space_id: &str,
    procedure_id: &str,
    idempotency_key: Option<&str>,
) -> Result<(Dossier, bool), Error> {
    let now = ctx.now();
    spaces::require_holder(&ctx.db, space_id, person_id).await?;
    let hash = idempotency_key.map(|k| key_hash(person_id, "create", space_id, k));
    if let Some(h) = &hash {
        if let Some(existing) = replayed(&ctx.db, h).await? {
            return Ok((read(ctx, &existing, Actor::Person(person_id)).await?, false));
        }
    }
    let txn = begin_write(&ctx.db).await?;
    let new = NewDossier {
        space_id,
        procedure_id,
        actor: Actor::Person(person_id),
        channel: "online",
        acting_person_id: Some(person_id),
    };
    let id = insert(&txn, &new, Status::Draft, None, now).await?;
    if let Some(h) = &hash {
        if remember(&txn, h, &id, "create", now).await.is_err() {
            txn.rollback().await.map_err(db)?;
            let existing = replayed(&ctx.db, h)
                .await?
                .ok_or(Error::PreconditionFailed)?;
            return Ok((read(ctx, &existing, Actor::Person(person_id)).await?, false));
        }
    }
    txn.commit().await.map_err(db)?;
    Ok((read(ctx, &id, Actor::Person(person_id)).await?, true))
}
