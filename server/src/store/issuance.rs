//! Issuance jobs and what one reads to answer a dossier with a document.

use super::entities::{dossiers, issuance_jobs as jobs, persons, register_people, spaces};
use crate::{
    domain::{
        Error,
        ids::{DossierId, SpaceId},
    },
    jobs::JobState,
};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait, QueryOrder, QuerySelect,
    sea_query::LockType,
};
use time::OffsetDateTime;

/// A stored issuance job.
pub type Job = jobs::Model;

/// Queues the issuance of `document_type` for `dossier_id`, due at once, in `conn`'s transaction.
///
/// # Errors
/// A database error, or a second job for the same dossier (the column is unique).
pub async fn queue<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &DossierId,
    document_type: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    jobs::Entity::insert(jobs::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        dossier_id: Set(dossier_id.clone()),
        document_type: Set(document_type.to_string()),
        status: Set(JobState::Queued),
        attempts: Set(0),
        created_at: Set(now),
        next_attempt_at: Set(now),
        done_at: Set(None),
        last_error: Set(None),
        communication_id: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The latest `limit` issuance jobs, newest first.
///
/// # Errors
/// A database error.
pub async fn latest<C: ConnectionTrait>(conn: &C, limit: u64) -> Result<Vec<Job>, Error> {
    Ok(jobs::Entity::find()
        .order_by_desc(jobs::Column::CreatedAt)
        .order_by_desc(jobs::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// What answering a dossier with a document reads: the dossier, its private space and the
/// space owner's entry in the national register.
#[derive(Debug, Clone)]
pub struct Answering {
    /// The dossier answered.
    pub dossier: dossiers::Model,
    /// Its space.
    pub space: spaces::Model,
    /// The owner's entry in the national register.
    pub register: register_people::Model,
}

/// On PostgreSQL, locks `space`'s row for the transaction, so that issuances into one space
/// take turns: the later one then sees the earlier document (committed) and supersedes it,
/// instead of both staying valid. (SQLite's one writer already makes them take turns.)
///
/// # Errors
/// A database error.
pub async fn take_turn<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<(), Error> {
    if conn.get_database_backend() == DbBackend::Postgres {
        spaces::Entity::find_by_id(space.clone())
            .lock(LockType::Update)
            .one(conn)
            .await?;
    }
    Ok(())
}

/// Reads what answering `dossier_id` needs.
///
/// # Errors
/// `Internal` when the dossier, its space or the owner is gone or the space is not private;
/// `NotInRegister` when the owner left the national register; a database error.
pub async fn answering<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &DossierId,
) -> Result<Answering, Error> {
    let dossier = dossiers::Entity::find_by_id(dossier_id.clone())
        .one(conn)
        .await?
        .ok_or_else(|| Error::internal("the dossier to answer is gone"))?;
    let space = spaces::Entity::find_by_id(dossier.space_id.clone())
        .one(conn)
        .await?
        .ok_or_else(|| Error::internal("the dossier's space is gone"))?;
    let owner = space
        .private_owner_id
        .clone()
        .ok_or_else(|| Error::internal("an extract is issued into a private space only"))?;
    let person = persons::Entity::find_by_id(owner)
        .one(conn)
        .await?
        .ok_or_else(|| Error::internal("the space's owner is gone"))?;
    let register = register_people::Entity::find_by_id(person.matricule.clone())
        .one(conn)
        .await?
        .ok_or(Error::NotInRegister)?;
    Ok(Answering {
        dossier,
        space,
        register,
    })
}
