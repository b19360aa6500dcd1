//! Dossiers, their timeline, and the idempotency keys that led to them.

use super::entities::{dossier_events, dossier_messages, dossiers, idempotency_keys};
use crate::domain::{
    Error,
    dossiers::{Channel, DossierRecord, Event, Outcome, Side, Status},
    ids::{AdministrationId, AgentId, DossierId, SpaceId},
    rights::{MemberReach, Procedures},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QueryResult, QuerySelect, QueryTrait, Select,
    sea_query::{Expr, ExprTrait, Func, Query},
};
use time::OffsetDateTime;

impl From<dossiers::Model> for DossierRecord {
    fn from(m: dossiers::Model) -> Self {
        Self {
            id: m.id,
            space_id: m.space_id,
            procedure_id: m.procedure_id,
            procedure_version: m.procedure_version,
            administration_id: m.administration_id,
            status: m.status,
            outcome: m.outcome,
            channel: m.channel,
            data: m.data,
            created_by_kind: m.created_by_kind,
            created_by_id: m.created_by_id,
            acting_person_id: m.acting_person_id,
            assigned_agent_id: m.assigned_agent_id,
            signed_digest: m.signed_digest,
            signature_base64: m.signature_base64,
            signature_certificate: m.signature_certificate,
            signed_at: m.signed_at,
            transmitted_at: m.transmitted_at,
            revision: m.revision,
            created_at: m.created_at,
            updated_at: m.updated_at,
            mandate_id: m.mandate_id,
        }
    }
}

impl From<DossierRecord> for dossiers::ActiveModel {
    fn from(r: DossierRecord) -> Self {
        Self {
            id: Set(r.id),
            space_id: Set(r.space_id),
            procedure_id: Set(r.procedure_id),
            procedure_version: Set(r.procedure_version),
            administration_id: Set(r.administration_id),
            status: Set(r.status),
            outcome: Set(r.outcome),
            channel: Set(r.channel),
            data: Set(r.data),
            created_by_kind: Set(r.created_by_kind),
            created_by_id: Set(r.created_by_id),
            acting_person_id: Set(r.acting_person_id),
            assigned_agent_id: Set(r.assigned_agent_id),
            signed_digest: Set(r.signed_digest),
            signature_base64: Set(r.signature_base64),
            signature_certificate: Set(r.signature_certificate),
            signed_at: Set(r.signed_at),
            transmitted_at: Set(r.transmitted_at),
            revision: Set(r.revision),
            created_at: Set(r.created_at),
            updated_at: Set(r.updated_at),
            mandate_id: Set(r.mandate_id),
        }
    }
}

/// The dossier `id`, if it exists.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
) -> Result<Option<DossierRecord>, Error> {
    Ok(dossiers::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(DossierRecord::from))
}

/// Stores a new dossier.
pub async fn insert<C: ConnectionTrait>(conn: &C, record: DossierRecord) -> Result<(), Error> {
    dossiers::Entity::insert(dossiers::ActiveModel::from(record))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// What an update at a known revision changes besides the revision and the time.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// A new status.
    pub status: Option<Status>,
    /// New form data (JSON text).
    pub data: Option<String>,
}

/// Applies `change` if the dossier is still at `revision` (the revision then increases);
/// false if someone changed it meanwhile.
pub async fn update_at<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    revision: i32,
    change: Change,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let mut update = dossiers::Entity::update_many()
        .col_expr(dossiers::Column::Revision, Expr::value(revision + 1))
        .col_expr(dossiers::Column::UpdatedAt, Expr::value(now));
    if let Some(status) = change.status {
        update = update.col_expr(dossiers::Column::Status, Expr::value(status));
    }
    if let Some(data) = change.data {
        update = update.col_expr(dossiers::Column::Data, Expr::value(data));
    }
    let res = update
        .filter(dossiers::Column::Id.eq(id.clone()))
        .filter(dossiers::Column::Revision.eq(revision))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A signature kept on a dossier.
#[derive(Debug, Clone)]
pub struct Signature {
    /// The signed digest.
    pub digest: String,
    /// The signature, base64.
    pub signature_base64: String,
    /// SHA-256 fingerprint of the signature certificate.
    pub certificate: String,
}

/// Keeps the holder's signature.
pub async fn record_signature<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    signature: Signature,
    now: OffsetDateTime,
) -> Result<(), Error> {
    dossiers::Entity::update_many()
        .col_expr(
            dossiers::Column::SignedDigest,
            Expr::value(Some(signature.digest)),
        )
        .col_expr(
            dossiers::Column::SignatureBase64,
            Expr::value(Some(signature.signature_base64)),
        )
        .col_expr(
            dossiers::Column::SignatureCertificate,
            Expr::value(Some(signature.certificate)),
        )
        .col_expr(dossiers::Column::SignedAt, Expr::value(Some(now)))
        .filter(dossiers::Column::Id.eq(id.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records when the dossier was transmitted.
pub async fn mark_transmitted<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    now: OffsetDateTime,
) -> Result<(), Error> {
    dossiers::Entity::update_many()
        .col_expr(dossiers::Column::TransmittedAt, Expr::value(Some(now)))
        .filter(dossiers::Column::Id.eq(id.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Assigns the dossier to `agent`, with its outcome when it was decided.
pub async fn assign<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    agent: &AgentId,
    outcome: Option<Outcome>,
) -> Result<(), Error> {
    let mut update = dossiers::Entity::update_many().col_expr(
        dossiers::Column::AssignedAgentId,
        Expr::value(Some(agent.clone())),
    );
    if let Some(outcome) = outcome {
        update = update.col_expr(dossiers::Column::Outcome, Expr::value(Some(outcome)));
    }
    update
        .filter(dossiers::Column::Id.eq(id.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records how the dossier ended when no agent decided it (an automatic procedure).
pub async fn set_outcome<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    outcome: Outcome,
) -> Result<(), Error> {
    dossiers::Entity::update_many()
        .col_expr(dossiers::Column::Outcome, Expr::value(Some(outcome)))
        .filter(dossiers::Column::Id.eq(id.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The column that carries how many rows the page's query matches in all.
const PAGE_TOTAL: &str = "page_total";
/// The column that carries a dashboard line's unread messages.
const UNREAD: &str = "unread_messages";

/// One page of `select` (most recently changed first) and how many rows match, in one
/// statement, so one snapshot: `COUNT(*) OVER ()` counts the rows before `LIMIT` applies. A
/// page past the last has no row to carry the count: it is counted apart.
async fn page_rows<C: ConnectionTrait>(
    conn: &C,
    select: Select<dossiers::Entity>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<QueryResult>, u64), Error> {
    let (page, per_page) = (Ord::max(page, 1), per_page.clamp(1, 100));
    let statement = select
        .clone()
        .column_as(Expr::cust("COUNT(*) OVER ()"), PAGE_TOTAL)
        .order_by_desc(dossiers::Column::UpdatedAt)
        .order_by_desc(dossiers::Column::Id)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .build(conn.get_database_backend());
    let rows = conn.query_all_raw(statement).await?;
    let total = match rows.first() {
        Some(row) => u64::try_from(row.try_get::<i64>("", PAGE_TOTAL)?).unwrap_or(0),
        None if page == 1 => 0,
        None => select.count(conn).await?,
    };
    Ok((rows, total))
}

/// A page of dossiers, most recently changed first, and how many match.
async fn page_of<C: ConnectionTrait>(
    conn: &C,
    select: Select<dossiers::Entity>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<DossierRecord>, u64), Error> {
    let (rows, total) = page_rows(conn, select, page, per_page).await?;
    let records = rows
        .iter()
        .map(|row| dossiers::Model::from_query_result(row, "").map(DossierRecord::from))
        .collect::<Result<_, _>>()?;
    Ok((records, total))
}

/// The condition that keeps a member's dossiers: those of the procedures they reach, and those
/// shared with them.
fn within(reach: &MemberReach) -> Condition {
    let mut any = Condition::any();
    any = match &reach.procedures {
        Procedures::All => any.add(Expr::value(true)),
        Procedures::Only(ids) => any.add(dossiers::Column::ProcedureId.is_in(ids.iter().cloned())),
    };
    any.add(dossiers::Column::Id.is_in(reach.dossiers.iter().cloned()))
}

/// A dashboard line as stored: the few columns of the dossier the line shows (not its form
/// data nor its signature), and how many of its messages are unread.
#[derive(Debug, Clone, FromQueryResult)]
pub struct DashboardRow {
    /// The dossier.
    pub id: DossierId,
    /// Its procedure.
    pub procedure_id: String,
    /// The procedure's version it was started on.
    pub procedure_version: i32,
    /// Where it stands.
    pub status: Status,
    /// How it ended, once closed.
    pub outcome: Option<Outcome>,
    /// Online or on paper.
    pub channel: Channel,
    /// Changes so far (the line's part of the dashboard's entity tag).
    pub revision: i32,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// Messages from the other side not read yet.
    pub unread_messages: i64,
}

/// A page of a space's dashboard: its dossiers, optionally only those in `status`, and for a
/// member only those within their `reach`, each with how many messages from `unread_from` are
/// not read yet; and how many match. One statement (the lines, the total and the unread counts
/// are one snapshot).
pub async fn page_in_space<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    reach: Option<&MemberReach>,
    status: Option<Status>,
    unread_from: Side,
    (page, per_page): (u64, u64),
) -> Result<(Vec<DashboardRow>, u64), Error> {
    use dossier_messages::Column as M;
    use dossiers::Column as D;
    let unread = Query::select()
        .expr(Func::count(Expr::col((dossier_messages::Entity, M::Id))))
        .from(dossier_messages::Entity)
        .and_where(
            Expr::col((dossier_messages::Entity, M::DossierId)).equals((dossiers::Entity, D::Id)),
        )
        .and_where(Expr::col((dossier_messages::Entity, M::SenderKind)).eq(unread_from))
        .and_where(Expr::col((dossier_messages::Entity, M::ReadAt)).is_null())
        .to_owned();
    let mut select = dossiers::Entity::find()
        .select_only()
        .columns([
            D::Id,
            D::ProcedureId,
            D::ProcedureVersion,
            D::Status,
            D::Outcome,
            D::Channel,
            D::Revision,
            D::UpdatedAt,
        ])
        .column_as(Expr::SubQuery(None, Box::new(unread.into())), UNREAD)
        .filter(D::SpaceId.eq(space.clone()));
    if let Some(reach) = reach {
        select = select.filter(within(reach));
    }
    if let Some(s) = status {
        select = select.filter(D::Status.eq(s));
    }
    let (rows, total) = page_rows(conn, select, page, per_page).await?;
    let lines = rows
        .iter()
        .map(|row| DashboardRow::from_query_result(row, ""))
        .collect::<Result<_, sea_orm::DbErr>>()?;
    Ok((lines, total))
}

/// A page of the dossiers transmitted to an administration, optionally only those in `status`.
pub async fn page_transmitted_to<C: ConnectionTrait>(
    conn: &C,
    administration: &AdministrationId,
    status: Option<Status>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<DossierRecord>, u64), Error> {
    let mut select = dossiers::Entity::find()
        .filter(dossiers::Column::AdministrationId.eq(administration.clone()))
        .filter(dossiers::Column::TransmittedAt.is_not_null());
    if let Some(s) = status {
        select = select.filter(dossiers::Column::Status.eq(s));
    }
    page_of(conn, select, page, per_page).await
}

/// Appends an entry to a dossier's timeline.
pub async fn append_event<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    event: Event,
    acting_space: &SpaceId,
) -> Result<(), Error> {
    dossier_events::Entity::insert(dossier_events::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        dossier_id: Set(id.clone()),
        at: Set(event.at),
        actor_kind: Set(event.actor_kind),
        actor_id: Set(event.actor_id),
        from_status: Set(event.from_status),
        to_status: Set(event.to_status),
        reason: Set(event.reason),
        actor_role: Set(event.actor_role),
        space_id: Set(Some(acting_space.clone())),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// A dossier's timeline, oldest first.
pub async fn timeline<C: ConnectionTrait>(conn: &C, id: &DossierId) -> Result<Vec<Event>, Error> {
    Ok(dossier_events::Entity::find()
        .filter(dossier_events::Column::DossierId.eq(id.clone()))
        .order_by_asc(dossier_events::Column::At)
        .order_by_asc(dossier_events::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|e| Event {
            at: e.at,
            actor_kind: e.actor_kind,
            actor_id: e.actor_id,
            actor_role: e.actor_role,
            from_status: e.from_status,
            to_status: e.to_status,
            reason: e.reason,
        })
        .collect())
}

/// The dossier an idempotency key (stored as `hash`) already led to.
pub async fn replayed<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<DossierId>, Error> {
    Ok(idempotency_keys::Entity::find_by_id(hash.to_string())
        .one(conn)
        .await?
        .map(|k| k.dossier_id))
}

/// The id of what an idempotency key already led to (a dossier, a space...; the hash is
/// scoped to the operation, see [`crate::service::dossiers`]'s `key_hash`).
pub async fn replayed_id<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<String>, Error> {
    Ok(replayed(conn, hash).await?.map(|id| id.to_string()))
}

/// Remembers an idempotency key; fails if it was taken meanwhile.
pub async fn remember<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
    id: &DossierId,
    operation: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    idempotency_keys::Entity::insert(idempotency_keys::ActiveModel {
        key_hash: Set(hash.to_string()),
        dossier_id: Set(id.clone()),
        operation: Set(operation.into()),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
