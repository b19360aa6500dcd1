//! Resumable uploads for a flaky mobile connection: announce the file (size, SHA-256), send
//! chunks at the offset the server reports, resume after a break, then complete: the bytes must
//! match the announced digest and pass the same checks as a single-request upload.

use super::attachments::{self, Upload, draft, file_field, refusal};
use super::{begin_write, load};
use crate::domain::{
    Error, Invalid,
    dossiers::{self, Attachment, attachment::FileRejection},
    ids::{DossierId, UploadId},
    rights::{Fill, Grant},
};
use crate::service::Context;
use crate::store;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

/// The largest chunk the server takes in one request (below the request body limit).
pub const CHUNK_BYTES: usize = 256 * 1024;

/// What the client announces before sending chunks.
#[derive(Debug, Clone)]
pub struct Announce<'a> {
    /// The procedure's file field.
    pub field: &'a str,
    /// The file name.
    pub filename: &'a str,
    /// The declared media type.
    pub media_type: &'a str,
    /// The total size, bytes.
    pub size: u64,
    /// The SHA-256 of the whole file, lowercase hex.
    pub sha256: &'a str,
}

/// Where an upload stands.
#[derive(Debug, Clone)]
pub struct Progress {
    /// Id.
    pub id: UploadId,
    /// Bytes received so far: the offset of the next chunk.
    pub received: i64,
    /// The announced size.
    pub size: i64,
}

fn progress(u: &dossiers::Upload) -> Progress {
    Progress {
        id: u.id.clone(),
        received: u.received,
        size: u.size,
    }
}

/// Starts an upload; the size and type are checked against the field's limits at once.
pub async fn start(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    a: Announce<'_>,
) -> Result<Progress, Error> {
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let d = draft(&txn, grant, dossier_id).await?;
    let field = file_field(&d, a.field)?;
    if field.rules.max_bytes.is_some_and(|max| a.size > max) {
        return Err(refusal(field, FileRejection::TooLarge));
    }
    if a.size == 0 {
        return Err(refusal(field, FileRejection::Empty));
    }
    if !field.rules.media_types.iter().any(|m| m == a.media_type) {
        return Err(refusal(field, FileRejection::WrongType));
    }
    let digest = a.sha256.trim().to_ascii_lowercase();
    if digest.len() != 64 || !digest.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::invalid("sha256", Invalid::Format));
    }
    let filename = crate::domain::text::filename("filename", a.filename)?;
    let filename = filename.trim();
    if filename.is_empty() || filename.chars().count() > 200 {
        return Err(Error::invalid("filename", Invalid::Format));
    }
    let upload = dossiers::Upload {
        id: UploadId::generate(),
        dossier_id: d.record.id.clone(),
        field: field.id.clone(),
        filename: filename.to_string(),
        media_type: a.media_type.to_string(),
        size: i64::try_from(a.size).map_err(Error::internal)?,
        sha256: digest,
        received: 0,
        content: Vec::new(),
    };
    store::attachments::start_upload(&txn, &upload, grant.caller().id(), now).await?;
    txn.commit().await?;
    Ok(progress(&upload))
}

async fn find<C: ConnectionTrait>(
    conn: &C,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    upload_id: &UploadId,
) -> Result<dossiers::Upload, Error> {
    let d = load(conn, grant, dossier_id).await?;
    store::attachments::upload(conn, &d.id, upload_id)
        .await?
        .ok_or(Error::NotFound)
}

/// Where an upload stands (to resume after a break).
pub async fn status(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    upload_id: &UploadId,
) -> Result<Progress, Error> {
    Ok(progress(
        &find(&ctx.db, grant, dossier_id, upload_id).await?,
    ))
}

/// Appends a chunk sent at `offset`; a chunk at another offset than the bytes received is refused
/// (409 with the offset to resume from), so a repeated chunk is never appended twice.
pub async fn append(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    upload_id: &UploadId,
    offset: i64,
    chunk: Vec<u8>,
) -> Result<Progress, Error> {
    let txn = begin_write(&ctx.db).await?;
    let mut u = find(&txn, grant, dossier_id, upload_id).await?;
    if offset != u.received {
        return Err(Error::UploadOffset(u.received));
    }
    if chunk.is_empty() || chunk.len() > CHUNK_BYTES {
        return Err(Error::invalid("chunk", Invalid::Format));
    }
    let len = i64::try_from(chunk.len()).map_err(Error::internal)?;
    if u.received + len > u.size {
        return Err(Error::FileTooLarge {
            field: u.field.clone(),
            max_bytes: u64::try_from(u.size).unwrap_or_default(),
        });
    }
    u.content.extend_from_slice(&chunk);
    u.received += len;
    if !store::attachments::store_chunk(&txn, &u, offset, ctx.now()).await? {
        return Err(Error::UploadOffset(offset));
    }
    txn.commit().await?;
    Ok(progress(&u))
}

/// Completes an upload: every byte arrived and the digest matches; the file becomes an attachment.
pub async fn complete(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    upload_id: &UploadId,
) -> Result<Attachment, Error> {
    let txn = begin_write(&ctx.db).await?;
    let u = find(&txn, grant, dossier_id, upload_id).await?;
    if u.received != u.size {
        return Err(Error::UploadOffset(u.received));
    }
    if hex::encode(Sha256::digest(&u.content)) != u.sha256 {
        return Err(Error::UploadDigest);
    }
    store::attachments::delete_upload(&txn, &u.id).await?;
    let upload = Upload {
        field: &u.field,
        filename: &u.filename,
        media_type: &u.media_type,
        bytes: u.content.clone(),
    };
    let info = attachments::attach(&txn, grant, dossier_id, upload, ctx.now()).await?;
    txn.commit().await?;
    Ok(info)
}
