//! Supporting documents of dossiers, and the resumable uploads that become them.

use super::entities::{dossier_attachments, uploads};
use crate::domain::{
    Error,
    dossiers::{Attachment, AttachmentFile, Upload},
    ids::{AttachmentId, DossierId, UploadId},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use time::OffsetDateTime;

type Columns = (
    AttachmentId,
    String,
    String,
    String,
    i64,
    String,
    OffsetDateTime,
);

/// A dossier's attachments, without their bytes, oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
) -> Result<Vec<Attachment>, Error> {
    use dossier_attachments::Column as A;
    let rows: Vec<Columns> = dossier_attachments::Entity::find()
        .select_only()
        .columns([
            A::Id,
            A::Field,
            A::Filename,
            A::MediaType,
            A::Size,
            A::Sha256,
            A::UploadedAt,
        ])
        .filter(A::DossierId.eq(dossier.clone()))
        .order_by_asc(A::UploadedAt)
        .order_by_asc(A::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, field, filename, media_type, size, sha256, uploaded_at)| Attachment {
                id,
                field,
                filename,
                media_type,
                size,
                sha256,
                uploaded_at,
            },
        )
        .collect())
}

/// Stores an attachment of `dossier` with its bytes.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    attachment: &Attachment,
    content: Vec<u8>,
    uploaded_by: &str,
) -> Result<(), Error> {
    let a = attachment.clone();
    dossier_attachments::Entity::insert(dossier_attachments::ActiveModel {
        id: Set(a.id),
        dossier_id: Set(dossier.clone()),
        field: Set(a.field),
        filename: Set(a.filename),
        media_type: Set(a.media_type),
        size: Set(a.size),
        sha256: Set(a.sha256),
        content: Set(content),
        uploaded_by: Set(uploaded_by.to_string()),
        uploaded_at: Set(a.uploaded_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Removes an attachment of `dossier`; false if it has none by that id.
pub async fn delete<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    id: &AttachmentId,
) -> Result<bool, Error> {
    let res = dossier_attachments::Entity::delete_many()
        .filter(dossier_attachments::Column::Id.eq(id.clone()))
        .filter(dossier_attachments::Column::DossierId.eq(dossier.clone()))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The bytes of an attachment of `dossier`.
pub async fn file<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    id: &AttachmentId,
) -> Result<Option<AttachmentFile>, Error> {
    Ok(dossier_attachments::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .filter(|a| &a.dossier_id == dossier)
        .map(|a| AttachmentFile {
            media_type: a.media_type,
            sha256: a.sha256,
            content: a.content,
        }))
}

impl From<uploads::Model> for Upload {
    fn from(u: uploads::Model) -> Self {
        Self {
            id: u.id,
            dossier_id: u.dossier_id,
            field: u.field,
            filename: u.filename,
            media_type: u.media_type,
            size: u.size,
            sha256: u.sha256,
            received: u.received,
            content: u.content,
        }
    }
}

/// Stores an announced upload (no bytes yet).
pub async fn start_upload<C: ConnectionTrait>(
    conn: &C,
    upload: &Upload,
    created_by: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let u = upload.clone();
    uploads::Entity::insert(uploads::ActiveModel {
        id: Set(u.id),
        dossier_id: Set(u.dossier_id),
        field: Set(u.field),
        filename: Set(u.filename),
        media_type: Set(u.media_type),
        size: Set(u.size),
        sha256: Set(u.sha256),
        received: Set(u.received),
        content: Set(u.content),
        created_by: Set(created_by.to_string()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// An upload of `dossier`.
pub async fn upload<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    id: &UploadId,
) -> Result<Option<Upload>, Error> {
    Ok(uploads::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .filter(|u| &u.dossier_id == dossier)
        .map(Upload::from))
}

/// Keeps the bytes received so far if no other chunk arrived since `offset`; false otherwise.
pub async fn store_chunk<C: ConnectionTrait>(
    conn: &C,
    upload: &Upload,
    offset: i64,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = uploads::Entity::update_many()
        .col_expr(
            uploads::Column::Content,
            Expr::value(upload.content.clone()),
        )
        .col_expr(uploads::Column::Received, Expr::value(upload.received))
        .col_expr(uploads::Column::UpdatedAt, Expr::value(now))
        .filter(uploads::Column::Id.eq(upload.id.clone()))
        .filter(uploads::Column::Received.eq(offset))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Forgets an upload (it became an attachment).
pub async fn delete_upload<C: ConnectionTrait>(conn: &C, id: &UploadId) -> Result<(), Error> {
    uploads::Entity::delete_by_id(id.clone()).exec(conn).await?;
    Ok(())
}
