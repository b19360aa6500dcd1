//! Exports of a space's data: the queued job, its progress, the prepared archive; and the
//! reads that gather everything the platform holds about a space.

use super::entities::{
    access_log, communication_files, communications, data_export_archives, data_exports,
    dossier_attachments, dossier_events, dossier_messages, dossiers, message_attachments, payments,
    persons, push_subscriptions, space_holders,
};
use crate::domain::{Error, ids::SpaceId};
use crate::jobs::JobState;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use time::OffsetDateTime;

/// An export as kept.
pub type Export = data_exports::Model;

crate::jobs::job_table!(data_exports);

/// Queues an export of `space` asked for by `person`.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    space: &SpaceId,
    person: &str,
    key_hash: Option<String>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    data_exports::Entity::insert(data_exports::ActiveModel {
        id: Set(id.to_string()),
        space_id: Set(space.to_string()),
        requested_by: Set(person.to_string()),
        key_hash: Set(key_hash),
        status: Set(JobState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        items_done: Set(0),
        items_total: Set(0),
        token_hash: Set(None),
        file_name: Set(None),
        size_bytes: Set(None),
        created_at: Set(now),
        ready_at: Set(None),
        expires_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The export `id`.
pub async fn find<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<Export>, Error> {
    Ok(data_exports::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?)
}

/// The export an idempotency key's hash already created.
pub async fn by_key<C: ConnectionTrait>(conn: &C, hash: &str) -> Result<Option<Export>, Error> {
    Ok(data_exports::Entity::find()
        .filter(data_exports::Column::KeyHash.eq(hash))
        .one(conn)
        .await?)
}

/// Records how far the preparation is.
pub async fn progress<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    done: i32,
    total: i32,
) -> Result<(), Error> {
    data_exports::Entity::update_many()
        .col_expr(data_exports::Column::ItemsDone, Expr::value(done))
        .col_expr(data_exports::Column::ItemsTotal, Expr::value(total))
        .filter(data_exports::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Keeps the prepared archive of export `id` (replacing one from an earlier attempt).
pub async fn store_archive<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    content: Vec<u8>,
) -> Result<(), Error> {
    data_export_archives::Entity::delete_by_id(id.to_string())
        .exec(conn)
        .await?;
    data_export_archives::Entity::insert(data_export_archives::ActiveModel {
        export_id: Set(id.to_string()),
        content: Set(content),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The archive of export `id`.
pub async fn archive<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<Vec<u8>>, Error> {
    Ok(data_export_archives::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?
        .map(|a| a.content))
}

/// Everything the platform holds about one space, as stored.
#[derive(Debug, Clone, Default)]
pub struct Holdings {
    /// The people of the space with their role.
    pub members: Vec<space_holders::Model>,
    /// Their accounts.
    pub persons: Vec<persons::Model>,
    /// Their devices.
    pub devices: Vec<push_subscriptions::Model>,
    /// The dossiers, oldest first.
    pub dossiers: Vec<dossiers::Model>,
    /// Their timelines.
    pub events: Vec<dossier_events::Model>,
    /// Their attached files.
    pub attachments: Vec<dossier_attachments::Model>,
    /// Their messages.
    pub messages: Vec<dossier_messages::Model>,
    /// The messages' files.
    pub message_files: Vec<message_attachments::Model>,
    /// Fees paid or owed.
    pub payments: Vec<payments::Model>,
    /// The communications delivered into the space.
    pub communications: Vec<communications::Model>,
    /// Their files.
    pub communication_files: Vec<communication_files::Model>,
    /// The access record.
    pub access: Vec<access_log::Model>,
}

/// Reads everything the platform holds about `space`.
pub async fn holdings<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<Holdings, Error> {
    let members = space_holders::Entity::find()
        .filter(space_holders::Column::SpaceId.eq(space.clone()))
        .all(conn)
        .await?;
    let people: Vec<_> = members.iter().map(|m| m.person_id.clone()).collect();
    let persons = persons::Entity::find()
        .filter(persons::Column::Id.is_in(people.clone()))
        .all(conn)
        .await?;
    let devices = push_subscriptions::Entity::find()
        .filter(push_subscriptions::Column::PersonId.is_in(people.iter().map(|p| p.to_string())))
        .order_by_asc(push_subscriptions::Column::CreatedAt)
        .all(conn)
        .await?;
    let dossiers = dossiers::Entity::find()
        .filter(dossiers::Column::SpaceId.eq(space.clone()))
        .order_by_asc(dossiers::Column::CreatedAt)
        .order_by_asc(dossiers::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<_> = dossiers.iter().map(|d| d.id.clone()).collect();
    let events = dossier_events::Entity::find()
        .filter(dossier_events::Column::DossierId.is_in(ids.clone()))
        .order_by_asc(dossier_events::Column::At)
        .all(conn)
        .await?;
    let attachments = dossier_attachments::Entity::find()
        .filter(dossier_attachments::Column::DossierId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let messages = dossier_messages::Entity::find()
        .filter(dossier_messages::Column::DossierId.is_in(ids.clone()))
        .order_by_asc(dossier_messages::Column::SentAt)
        .all(conn)
        .await?;
    let message_files = message_attachments::Entity::find()
        .filter(message_attachments::Column::DossierId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let payments = payments::Entity::find()
        .filter(payments::Column::SpaceId.eq(space.to_string()))
        .all(conn)
        .await?;
    let communications = communications::Entity::find()
        .filter(communications::Column::SpaceId.eq(space.clone()))
        .order_by_asc(communications::Column::DeliveredAt)
        .all(conn)
        .await?;
    let communication_files = communication_files::Entity::find()
        .filter(
            communication_files::Column::CommunicationId
                .is_in(communications.iter().map(|c| c.id.clone())),
        )
        .all(conn)
        .await?;
    let access = access_log::Entity::find()
        .filter(access_log::Column::SpaceId.eq(space.clone()))
        .order_by_asc(access_log::Column::At)
        .order_by_asc(access_log::Column::Id)
        .all(conn)
        .await?;
    Ok(Holdings {
        members,
        persons,
        devices,
        dossiers,
        events,
        attachments,
        messages,
        message_files,
        payments,
        communications,
        communication_files,
        access,
    })
}
