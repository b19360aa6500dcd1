//! Supporting documents of a dossier: checked against the procedure's limits, SHA-256 kept.

use super::{Actor, complete, for_holder, load_for, status_of};
use crate::domain::{
    Error, Invalid,
    dossiers::{
        attachment::{self, FileRejection},
        canonical::AttachmentDigest,
    },
    procedures::{Field, FieldType},
};
use crate::service::{Context, db};
use crate::store::entities::{dossier_attachments, dossiers};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// An attachment without its bytes.
#[derive(Debug, Clone)]
pub struct AttachmentInfo {
    /// Id.
    pub id: String,
    /// The file field.
    pub field: String,
    /// The file name given.
    pub filename: String,
    /// The media type, read from the bytes.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
    /// When.
    pub uploaded_at: time::OffsetDateTime,
}

/// An upload.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    /// The file field of the procedure.
    pub field: &'a str,
    /// The file's name.
    pub filename: &'a str,
    /// The media type the client declares.
    pub media_type: &'a str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

type Columns = (
    String,
    String,
    String,
    String,
    i64,
    String,
    time::OffsetDateTime,
);

async fn infos<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
) -> Result<Vec<AttachmentInfo>, Error> {
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
        .filter(A::DossierId.eq(dossier_id.to_string()))
        .order_by_asc(A::UploadedAt)
        .order_by_asc(A::Id)
        .into_tuple()
        .all(conn)
        .await
        .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, field, filename, media_type, size, sha256, uploaded_at)| AttachmentInfo {
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

/// The attachments of a dossier `actor` may see.
pub async fn list(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
) -> Result<Vec<AttachmentInfo>, Error> {
    let row = load_for(&ctx.db, dossier_id, actor).await?;
    infos(&ctx.db, &row.id).await
}

/// What enters the signed document.
pub(crate) async fn digests<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
) -> Result<Vec<AttachmentDigest>, Error> {
    Ok(infos(conn, dossier_id)
        .await?
        .into_iter()
        .map(|a| AttachmentDigest {
            field: a.field,
            media_type: a.media_type,
            sha256: a.sha256,
            size: a.size,
        })
        .collect())
}

/// The file fields that have at least one attachment.
pub(crate) async fn fields_with_files<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
) -> Result<BTreeSet<String>, Error> {
    Ok(infos(conn, dossier_id)
        .await?
        .into_iter()
        .map(|a| a.field)
        .collect())
}

async fn touch<C: ConnectionTrait>(
    conn: &C,
    row: &dossiers::Model,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    let res = dossiers::Entity::update_many()
        .col_expr(dossiers::Column::Revision, Expr::value(row.revision + 1))
        .col_expr(dossiers::Column::UpdatedAt, Expr::value(now))
        .filter(dossiers::Column::Id.eq(row.id.clone()))
        .filter(dossiers::Column::Revision.eq(row.revision))
        .exec(conn)
        .await
        .map_err(db)?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(Error::PreconditionFailed)
    }
}

/// Attaches a file to a draft, after checking it against the field's published limits.
pub async fn add(
    ctx: &Context,
    dossier_id: &str,
    person_id: &str,
    upload: Upload<'_>,
) -> Result<AttachmentInfo, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let info = attach(&txn, dossier_id, person_id, upload, ctx.now()).await?;
    txn.commit().await.map_err(db)?;
    Ok(info)
}

/// The draft `dossier_id` of the holder, with its procedure.
pub(crate) async fn draft<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    person_id: &str,
) -> Result<super::Dossier, Error> {
    let row = for_holder(conn, dossier_id, person_id).await?;
    let status = status_of(&row)?;
    if !status.editable() {
        return Err(Error::illegal(status));
    }
    complete(conn, row).await
}

/// The file field `name` of the procedure.
pub(crate) fn file_field<'a>(d: &'a super::Dossier, name: &str) -> Result<&'a Field, Error> {
    d.procedure
        .field(name)
        .filter(|f| f.kind == FieldType::File)
        .ok_or_else(|| Error::invalid("field", Invalid::UnknownField))
}

/// What the user is told when a file is refused.
pub(crate) fn refusal(field: &Field, r: FileRejection) -> Error {
    match r {
        FileRejection::TooLarge => Error::FileTooLarge {
            field: field.id.clone(),
            max_bytes: field.rules.max_bytes.unwrap_or_default(),
        },
        FileRejection::WrongType => Error::FileType(field.id.clone()),
        FileRejection::Empty => Error::invalid(field.id.clone(), Invalid::Required),
    }
}

/// Checks and stores a file inside the caller's transaction.
pub(crate) async fn attach<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    person_id: &str,
    upload: Upload<'_>,
    now: time::OffsetDateTime,
) -> Result<AttachmentInfo, Error> {
    let d = draft(conn, dossier_id, person_id).await?;
    let field = file_field(&d, upload.field)?;
    let filename = crate::domain::text::filename("filename", upload.filename)?;
    let filename = filename.trim();
    if filename.is_empty() || filename.chars().count() > 200 {
        return Err(Error::invalid("filename", Invalid::Format));
    }
    let media_type = attachment::check(field, upload.media_type, &upload.bytes)
        .map_err(|r| refusal(field, r))?;
    let info = AttachmentInfo {
        id: uuid::Uuid::now_v7().to_string(),
        field: field.id.clone(),
        filename: filename.to_string(),
        media_type: media_type.to_string(),
        size: i64::try_from(upload.bytes.len()).map_err(Error::internal)?,
        sha256: hex::encode(Sha256::digest(&upload.bytes)),
        uploaded_at: now,
    };
    dossier_attachments::Entity::insert(dossier_attachments::ActiveModel {
        id: Set(info.id.clone()),
        dossier_id: Set(d.row.id.clone()),
        field: Set(info.field.clone()),
        filename: Set(info.filename.clone()),
        media_type: Set(info.media_type.clone()),
        size: Set(info.size),
        sha256: Set(info.sha256.clone()),
        content: Set(upload.bytes),
        uploaded_by: Set(person_id.to_string()),
        uploaded_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    touch(conn, &d.row, now).await?;
    Ok(info)
}

/// Removes an attachment from a draft.
pub async fn remove(
    ctx: &Context,
    dossier_id: &str,
    person_id: &str,
    attachment_id: &str,
) -> Result<(), Error> {
    let now = ctx.now();
    let txn = super::begin_write(&ctx.db).await?;
    let row = for_holder(&txn, dossier_id, person_id).await?;
    let status = status_of(&row)?;
    let res = dossier_attachments::Entity::delete_many()
        .filter(dossier_attachments::Column::Id.eq(attachment_id.to_string()))
        .filter(dossier_attachments::Column::DossierId.eq(row.id.clone()))
        .exec(&txn)
        .await
        .map_err(db)?;
    if res.rows_affected != 1 {
        return Err(Error::NotFound);
    }
    if !status.editable() {
        return Err(Error::illegal(status));
    }
    touch(&txn, &row, now).await?;
    txn.commit().await.map_err(db)?;
    Ok(())
}

/// The bytes of an attachment `actor` may see, with its media type and name.
pub async fn download(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
    attachment_id: &str,
) -> Result<dossier_attachments::Model, Error> {
    let row = load_for(&ctx.db, dossier_id, actor).await?;
    dossier_attachments::Entity::find_by_id(attachment_id.to_string())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .filter(|a| a.dossier_id == row.id)
        .ok_or(Error::NotFound)
}
