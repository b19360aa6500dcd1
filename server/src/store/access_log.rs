//! Who read or changed a space's data: appended on every access, read by the holder.

use super::entities::access_log;
use crate::domain::{
    Error,
    access_chain::{self, Head, Link, Stored},
    ids::SpaceId,
    rights::ActorKind,
    spaces::{Access, AccessEntry},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};

/// How often extending a chain is tried when another writer took the same position (another
/// instance, or on PostgreSQL another connection); each retry waits a little, at random.
const ATTEMPTS: u32 = 16;

/// Records an access at the end of its space's hash chain ([`crate::domain::access_chain`]).
///
/// Inside the caller's transaction (a savepoint there) or a short one of its own — on SQLite an
/// immediate one, so that concurrent writers queue for the write lock instead of reading one
/// head and failing to write after another committed (`SQLITE_BUSY_SNAPSHOT`). The unique
/// position per space makes a concurrent writer of the same position fail, and then it is
/// tried again on the new head.
pub async fn record<C: ConnectionTrait + TransactionTrait>(
    conn: &C,
    access: Access,
    at: time::OffsetDateTime,
) -> Result<(), Error> {
    record_all(conn, vec![(access, at)]).await
}

/// Records `accesses` (each with its time) in one transaction, in order, each at the end of
/// its space's chain, as [`record`] does one: several entries of one space follow each other.
/// All are written or none; a conflict with another writer retries the whole batch.
pub async fn record_all<C: ConnectionTrait + TransactionTrait>(
    conn: &C,
    accesses: Vec<(Access, time::OffsetDateTime)>,
) -> Result<(), Error> {
    if accesses.is_empty() {
        return Ok(());
    }
    let accesses: Vec<(String, Access, time::OffsetDateTime)> = accesses
        .into_iter()
        .map(|(access, at)| {
            let id = uuid::Uuid::now_v7().to_string();
            (id, access, access_chain::storable(at))
        })
        .collect();
    let mut last = None;
    let immediate = sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            let wait = rand::random::<u64>() % (2_000 * u64::from(attempt.min(8)));
            tokio::time::sleep(std::time::Duration::from_micros(wait)).await;
        }
        let txn = conn.begin_with_options(immediate).await?;
        let mut heads = std::collections::HashMap::new();
        let mut rows = Vec::with_capacity(accesses.len());
        for (id, access, at) in &accesses {
            // The next position of this space: after the batch's last entry there, or after
            // the stored head.
            let (seq, prev) = match heads.remove(&access.space_id) {
                Some(next) => next,
                None => match head(&txn, &access.space_id).await? {
                    Some(h) => (h.seq + 1, h.hash),
                    None => (1, access_chain::GENESIS.to_string()),
                },
            };
            let (row, hash) = link_row(id, access, *at, seq, prev);
            heads.insert(access.space_id.clone(), (seq + 1, hash));
            rows.push(row);
        }
        let inserted = access_log::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await;
        match inserted {
            Ok(_) => {
                txn.commit().await?;
                return Ok(());
            }
            Err(e) => {
                txn.rollback().await?;
                last = Some(e);
            }
        }
    }
    Err(last.map_or_else(|| Error::internal("access not recorded"), Error::from))
}

/// The row of `access` at position `seq` after `prev`, and its hash.
fn link_row(
    id: &str,
    access: &Access,
    at: time::OffsetDateTime,
    seq: i64,
    prev: String,
) -> (access_log::ActiveModel, String) {
    let link = Link {
        id: id.to_string(),
        space_id: access.space_id.to_string(),
        seq,
        actor: access.actor.clone(),
        role: access
            .role
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        action: access.action.to_string(),
        detail: access.detail.clone(),
        request_id: access.request_id.clone(),
        at,
        actor_kind: access.actor_kind.as_str().to_string(),
        administration: access.administration.clone().unwrap_or_default(),
        purpose: access.purpose.clone(),
    };
    let hash = link.hash(&prev);
    let row = access_log::ActiveModel {
        id: Set(id.to_string()),
        space_id: Set(access.space_id.clone()),
        actor_person_id: Set(access.actor.clone()),
        action: Set(access.action.to_string()),
        detail: Set(access.detail.clone()),
        request_id: Set(access.request_id.clone()),
        actor_role: Set(access.role),
        at: Set(at),
        seq: Set(Some(seq)),
        prev_hash: Set(Some(prev)),
        hash: Set(Some(hash.clone())),
        actor_kind: Set(Some(access.actor_kind.as_str().to_string())),
        administration: Set(access.administration.clone()),
        purpose: Set(Some(access.purpose.clone())),
    };
    (row, hash)
}

/// The stored kind, or for an entry written before the column: a person when it has a role,
/// the platform when `platform` acted, an agent otherwise (as those entries were written).
pub fn kind_of(row: &access_log::Model) -> &'static str {
    match row.actor_kind.as_deref().and_then(ActorKind::parse) {
        Some(kind) => kind.as_str(),
        None if row.actor_role.is_some() => ActorKind::Person.as_str(),
        None if row.actor_person_id == "platform" => ActorKind::Platform.as_str(),
        None => ActorKind::Agent.as_str(),
    }
}

/// The rows of actor kind `kind`, by [`kind_of`]'s rule.
fn of_kind(kind: ActorKind) -> Condition {
    use access_log::Column as C;
    let stored = C::ActorKind.eq(kind.as_str());
    let unstored = Condition::all().add(C::ActorKind.is_null());
    let older = match kind {
        ActorKind::Person => unstored.add(C::ActorRole.is_not_null()),
        ActorKind::Platform => unstored
            .add(C::ActorRole.is_null())
            .add(C::ActorPersonId.eq("platform")),
        ActorKind::Agent => unstored
            .add(C::ActorRole.is_null())
            .add(C::ActorPersonId.ne("platform")),
        ActorKind::Operator => return Condition::all().add(stored),
    };
    Condition::any().add(stored).add(older)
}

/// The head of `space`'s chain: its last chained entry.
pub async fn head<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<Option<Head>, Error> {
    let row = access_log::Entity::find()
        .filter(access_log::Column::SpaceId.eq(space.clone()))
        .filter(access_log::Column::Seq.is_not_null())
        .order_by_desc(access_log::Column::Seq)
        .one(conn)
        .await?;
    Ok(row.and_then(|r| {
        Some(Head {
            space_id: r.space_id.to_string(),
            seq: r.seq?,
            hash: r.hash?,
        })
    }))
}

/// Every space's chain head, by space id.
pub async fn heads<C: ConnectionTrait>(conn: &C) -> Result<Vec<Head>, Error> {
    let mut out = Vec::new();
    for space in chained_spaces(conn).await? {
        if let Some(h) = head(conn, &SpaceId::from(space.as_str())).await? {
            out.push(h);
        }
    }
    Ok(out)
}

/// The spaces that have chained entries, in id order.
pub async fn chained_spaces<C: ConnectionTrait>(conn: &C) -> Result<Vec<String>, Error> {
    let rows: Vec<String> = access_log::Entity::find()
        .select_only()
        .column(access_log::Column::SpaceId)
        .filter(access_log::Column::Seq.is_not_null())
        .distinct()
        .order_by_asc(access_log::Column::SpaceId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows)
}

/// `space`'s chained entries in chain order, as stored.
pub async fn chain<C: ConnectionTrait>(conn: &C, space: &str) -> Result<Vec<Stored>, Error> {
    let rows = access_log::Entity::find()
        .filter(access_log::Column::SpaceId.eq(SpaceId::from(space)))
        .filter(access_log::Column::Seq.is_not_null())
        .order_by_asc(access_log::Column::Seq)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Stored {
            link: Link {
                id: r.id,
                space_id: r.space_id.to_string(),
                seq: r.seq.unwrap_or_default(),
                actor: r.actor_person_id,
                role: r
                    .actor_role
                    .map(|x| x.as_str().to_string())
                    .unwrap_or_default(),
                action: r.action,
                detail: r.detail,
                request_id: r.request_id,
                at: r.at,
                actor_kind: r.actor_kind.unwrap_or_default(),
                administration: r.administration.unwrap_or_default(),
                purpose: r.purpose.unwrap_or_default(),
            },
            prev_hash: r.prev_hash.unwrap_or_default(),
            hash: r.hash.unwrap_or_default(),
        })
        .collect())
}

/// How many entries were written before the chain existed (outside every chain).
pub async fn unchained<C: ConnectionTrait>(conn: &C) -> Result<u64, Error> {
    Ok(access_log::Entity::find()
        .filter(access_log::Column::Seq.is_null())
        .count(conn)
        .await?)
}

/// Which entries of a space's access log to read.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    /// Only this actor's entries (person or agent id).
    pub actor: Option<&'a str>,
    /// Only this kind of actor (entries written before kinds were stored count by their role:
    /// a person when they had one, else an agent or the platform).
    pub actor_kind: Option<ActorKind>,
    /// Only actions starting with this (e.g. `profile.` or `dossier.read_by_agent`).
    pub action: Option<&'a str>,
    /// Only entries at or after this instant.
    pub since: Option<time::OffsetDateTime>,
    /// Only entries before this instant.
    pub until: Option<time::OffsetDateTime>,
}

/// A page of `space`'s access log matching `filter`, newest first, and how many match.
pub async fn page<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    filter: &Filter<'_>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AccessEntry>, u64), Error> {
    let mut select =
        access_log::Entity::find().filter(access_log::Column::SpaceId.eq(space.clone()));
    if let Some(actor) = filter.actor {
        select = select.filter(access_log::Column::ActorPersonId.eq(actor));
    }
    if let Some(kind) = filter.actor_kind {
        select = select.filter(of_kind(kind));
    }
    if let Some(action) = filter.action {
        select = select.filter(access_log::Column::Action.starts_with(action));
    }
    if let Some(since) = filter.since {
        select = select.filter(access_log::Column::At.gte(since));
    }
    if let Some(until) = filter.until {
        select = select.filter(access_log::Column::At.lt(until));
    }
    let paginator = select
        .order_by_desc(access_log::Column::At)
        .order_by_desc(access_log::Column::Id)
        .paginate(conn, per_page.clamp(1, 100));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.max(1) - 1).await?;
    let items = rows
        .into_iter()
        .map(|a| AccessEntry {
            at: a.at,
            actor_kind: kind_of(&a),
            actor: a.actor_person_id,
            role: a.actor_role,
            administration: a.administration,
            action: a.action,
            detail: a.detail,
            purpose: a.purpose.unwrap_or_default(),
        })
        .collect();
    Ok((items, total))
}
