//! Supporting documents of a dossier: checked against the procedure's limits, SHA-256 kept.

use super::{Dossier, complete, load, record_read};
use crate::domain::{
    Error, Invalid,
    dossiers::{
        Attachment, AttachmentFile, DossierRecord,
        attachment::{self, FileRejection},
        canonical::AttachmentDigest,
    },
    ids::{AttachmentId, DossierId},
    procedures::{Field, FieldType},
    rights::{Fill, Grant, Read},
};
use crate::service::Context;
use crate::store;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

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

/// The attachments of a dossier.
pub async fn list(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
) -> Result<Vec<Attachment>, Error> {
    let record = load(&ctx.db, grant, dossier_id).await?;
    store::attachments::list(&ctx.db, &record.id).await
}

/// What enters the signed document.
pub(crate) async fn digests<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &DossierId,
) -> Result<Vec<AttachmentDigest>, Error> {
    Ok(store::attachments::list(conn, dossier_id)
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
    dossier_id: &DossierId,
) -> Result<BTreeSet<String>, Error> {
    Ok(store::attachments::list(conn, dossier_id)
        .await?
        .into_iter()
        .map(|a| a.field)
        .collect())
}

async fn touch<C: ConnectionTrait>(
    conn: &C,
    record: &DossierRecord,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    let change = store::dossiers::Change::default();
    if store::dossiers::update_at(conn, &record.id, record.revision, change, now).await? {
        Ok(())
    } else {
        Err(Error::PreconditionFailed)
    }
}

/// Attaches a file to a draft, after checking it against the field's published limits.
pub async fn add(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    upload: Upload<'_>,
) -> Result<Attachment, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let info = attach(&txn, grant, dossier_id, upload, ctx.now()).await?;
    txn.commit().await?;
    Ok(info)
}

/// The draft `dossier_id`, with its procedure; a dossier that is no longer a draft is refused.
pub(crate) async fn draft<C: ConnectionTrait>(
    conn: &C,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
) -> Result<Dossier, Error> {
    let record = load(conn, grant, dossier_id).await?;
    if !record.status.editable() {
        return Err(Error::illegal(record.status));
    }
    complete(conn, record).await
}

/// The file field `name` of the procedure.
pub(crate) fn file_field<'a>(d: &'a Dossier, name: &str) -> Result<&'a Field, Error> {
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
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    upload: Upload<'_>,
    now: time::OffsetDateTime,
) -> Result<Attachment, Error> {
    let d = draft(conn, grant, dossier_id).await?;
    let field = file_field(&d, upload.field)?;
    let filename = crate::domain::text::filename("filename", upload.filename)?;
    let filename = filename.trim();
    if filename.is_empty() || filename.chars().count() > 200 {
        return Err(Error::invalid("filename", Invalid::Format));
    }
    let media_type = attachment::check(field, upload.media_type, &upload.bytes)
        .map_err(|r| refusal(field, r))?;
    let info = Attachment {
        id: AttachmentId::generate(),
        field: field.id.clone(),
        filename: filename.to_string(),
        media_type: media_type.to_string(),
        size: i64::try_from(upload.bytes.len()).map_err(Error::internal)?,
        sha256: hex::encode(Sha256::digest(&upload.bytes)),
        uploaded_at: now,
    };
    let by = grant.caller().id().to_string();
    store::attachments::insert(conn, &d.record.id, &info, upload.bytes, &by).await?;
    touch(conn, &d.record, now).await?;
    Ok(info)
}

/// Removes an attachment from a draft.
pub async fn remove(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    attachment_id: &AttachmentId,
) -> Result<(), Error> {
    let now = ctx.now();
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if !store::attachments::delete(&txn, &record.id, attachment_id).await? {
        return Err(Error::NotFound);
    }
    if !record.status.editable() {
        return Err(Error::illegal(record.status));
    }
    touch(&txn, &record, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The bytes of an attachment, with its media type; an agent's download is recorded in the
/// space's access log.
pub async fn download(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
    attachment_id: &AttachmentId,
    request_id: &str,
) -> Result<AttachmentFile, Error> {
    let record = load(&ctx.db, grant, dossier_id).await?;
    let file = store::attachments::file(&ctx.db, &record.id, attachment_id)
        .await?
        .ok_or(Error::NotFound)?;
    let what = format!("attachment {attachment_id}");
    record_read(ctx, grant, &what, request_id).await?;
    Ok(file)
}
