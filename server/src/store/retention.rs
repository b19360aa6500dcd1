//! Deleting a dossier's data (all of it, or what anonymising removes) and the deletion records
//! that stay.

use super::entities::{
    communication_files, communications, deletion_records, dossier_attachments, dossier_events,
    dossier_messages, dossier_shares, dossiers, idempotency_keys, message_attachments, uploads,
};
use crate::domain::{
    Error,
    dossiers::Status,
    ids::{DossierId, SpaceId},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use time::OffsetDateTime;

/// A deletion record as kept.
pub type DeletionRecord = deletion_records::Model;

/// What the retention job looks at of a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The dossier.
    pub id: DossierId,
    /// Its space.
    pub space_id: SpaceId,
    /// Its procedure.
    pub procedure_id: String,
    /// Its status.
    pub status: Status,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// When it last changed.
    pub updated_at: OffsetDateTime,
    /// Whether its form still holds data (an anonymised dossier holds `{}`).
    pub has_data: bool,
}

/// Every dossier last changed at or before `before`, oldest change first.
pub async fn candidates<C: ConnectionTrait>(
    conn: &C,
    before: OffsetDateTime,
) -> Result<Vec<Candidate>, Error> {
    type Row = (
        DossierId,
        SpaceId,
        String,
        Status,
        OffsetDateTime,
        OffsetDateTime,
        String,
    );
    let rows: Vec<Row> = dossiers::Entity::find()
        .select_only()
        .column(dossiers::Column::Id)
        .column(dossiers::Column::SpaceId)
        .column(dossiers::Column::ProcedureId)
        .column(dossiers::Column::Status)
        .column(dossiers::Column::CreatedAt)
        .column(dossiers::Column::UpdatedAt)
        .column(dossiers::Column::Data)
        .filter(dossiers::Column::UpdatedAt.lte(before))
        .order_by_asc(dossiers::Column::UpdatedAt)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, space_id, procedure_id, status, created_at, updated_at, data)| Candidate {
                id,
                space_id,
                procedure_id,
                status,
                created_at,
                updated_at,
                has_data: data.trim() != "{}",
            },
        )
        .collect())
}

/// Deletes what anonymising removes: the form's data, the signature, files, messages,
/// uploads, shares and the dossier's communications with their files.
pub async fn strip<C: ConnectionTrait>(conn: &C, id: &DossierId) -> Result<(), Error> {
    dossier_attachments::Entity::delete_many()
        .filter(dossier_attachments::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    message_attachments::Entity::delete_many()
        .filter(message_attachments::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    dossier_messages::Entity::delete_many()
        .filter(dossier_messages::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    uploads::Entity::delete_many()
        .filter(uploads::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    dossier_shares::Entity::delete_many()
        .filter(dossier_shares::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    let delivered: Vec<String> = communications::Entity::find()
        .select_only()
        .column(communications::Column::Id)
        .filter(communications::Column::DossierId.eq(id.clone()))
        .into_tuple()
        .all(conn)
        .await?;
    if !delivered.is_empty() {
        communication_files::Entity::delete_many()
            .filter(communication_files::Column::CommunicationId.is_in(delivered.clone()))
            .exec(conn)
            .await?;
        communications::Entity::delete_many()
            .filter(communications::Column::Id.is_in(delivered))
            .exec(conn)
            .await?;
    }
    dossiers::Entity::update_many()
        .col_expr(dossiers::Column::Data, Expr::value("{}"))
        .col_expr(
            dossiers::Column::SignatureBase64,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            dossiers::Column::SignatureCertificate,
            Expr::value(Option::<String>::None),
        )
        .filter(dossiers::Column::Id.eq(id.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Deletes the dossier and everything of it.
pub async fn delete<C: ConnectionTrait>(conn: &C, id: &DossierId) -> Result<(), Error> {
    strip(conn, id).await?;
    dossier_events::Entity::delete_many()
        .filter(dossier_events::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    idempotency_keys::Entity::delete_many()
        .filter(idempotency_keys::Column::DossierId.eq(id.clone()))
        .exec(conn)
        .await?;
    dossiers::Entity::delete_by_id(id.clone())
        .exec(conn)
        .await?;
    Ok(())
}

/// Keeps a deletion record.
pub async fn insert_record<C: ConnectionTrait>(
    conn: &C,
    record: DeletionRecord,
) -> Result<(), Error> {
    deletion_records::Entity::insert(deletion_records::ActiveModel {
        id: Set(record.id),
        space_id: Set(record.space_id),
        object_kind: Set(record.object_kind),
        object_id: Set(record.object_id),
        procedure_id: Set(record.procedure_id),
        state: Set(record.state),
        rule: Set(record.rule),
        deleted_by: Set(record.deleted_by),
        kept: Set(record.kept),
        object_created_at: Set(record.object_created_at),
        deleted_at: Set(record.deleted_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The deletion records of `space`, newest first.
pub async fn records<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<DeletionRecord>, Error> {
    Ok(deletion_records::Entity::find()
        .filter(deletion_records::Column::SpaceId.eq(space.to_string()))
        .order_by_desc(deletion_records::Column::DeletedAt)
        .order_by_desc(deletion_records::Column::Id)
        .all(conn)
        .await?)
}
