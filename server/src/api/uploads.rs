//! Resumable uploads of large supporting documents, chunk by chunk, with a digest check.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, dossier_files::AttachmentView};
use crate::domain::{
    ids::{DossierId, UploadId},
    rights::Fill,
};
use crate::service::{Context, access::authorize_dossier, dossiers::uploads};
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
    payload::{Binary, Json},
};

pub struct UploadsApi {
    pub ctx: Context,
}

/// The file about to be sent.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct NewUpload {
    /// The procedure's file field.
    field: String,
    /// The file name.
    filename: String,
    /// Its media type (one the field accepts).
    media_type: String,
    /// Its total size in bytes (at most the field's `max_bytes`).
    size: u64,
    /// SHA-256 of the whole file, lowercase hex.
    sha256: String,
}

/// Where an upload stands.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct UploadProgress {
    /// Id.
    id: String,
    /// Bytes received: the `offset` of the next chunk.
    received: i64,
    /// The announced size.
    size: i64,
    /// The largest chunk accepted, bytes.
    chunk_bytes: u64,
}

impl From<uploads::Progress> for UploadProgress {
    fn from(p: uploads::Progress) -> Self {
        Self {
            id: p.id.into(),
            received: p.received,
            size: p.size,
            chunk_bytes: uploads::CHUNK_BYTES as u64,
        }
    }
}

#[derive(ApiResponse)]
enum Started {
    /// Send chunks from offset 0.
    #[oai(status = 201)]
    Created(Json<UploadProgress>),
}

#[derive(ApiResponse)]
enum Completed {
    /// The file is attached.
    #[oai(status = 201)]
    Created(Json<AttachmentView>),
}

#[OpenApi(tag = "Tag::Dossiers")]
impl UploadsApi {
    /// Start a resumable upload
    #[oai(path = "/dossiers/:dossier_id/uploads", method = "post")]
    async fn start(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<NewUpload>,
    ) -> ApiResult<Started> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let a = uploads::Announce {
            field: &body.field,
            filename: &body.filename,
            media_type: &body.media_type,
            size: body.size,
            sha256: &body.sha256,
        };
        let p = uploads::start(&self.ctx, &grant, &id, a).await?;
        Ok(Started::Created(Json(p.into())))
    }

    /// Where an upload stands (to resume after a break)
    #[oai(path = "/dossiers/:dossier_id/uploads/:upload_id", method = "get")]
    async fn status(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        upload_id: Path<String>,
    ) -> ApiResult<Json<UploadProgress>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let upload = UploadId::from(upload_id.0);
        let p = uploads::status(&self.ctx, &grant, &id, &upload).await?;
        Ok(Json(p.into()))
    }

    /// Send a chunk at `offset`
    ///
    /// A chunk at another offset than the bytes received is refused (409, the detail gives the
    /// offset to resume from); a repeated chunk is never appended twice.
    #[oai(path = "/dossiers/:dossier_id/uploads/:upload_id", method = "put")]
    async fn append(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        upload_id: Path<String>,
        offset: Query<i64>,
        body: Binary<Vec<u8>>,
    ) -> ApiResult<Json<UploadProgress>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let upload = UploadId::from(upload_id.0);
        let p = uploads::append(&self.ctx, &grant, &id, &upload, offset.0, body.0).await?;
        Ok(Json(p.into()))
    }

    /// Complete an upload: the bytes must match the announced SHA-256
    #[oai(
        path = "/dossiers/:dossier_id/uploads/:upload_id/completion",
        method = "post"
    )]
    async fn complete(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        upload_id: Path<String>,
    ) -> ApiResult<Completed> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let upload = UploadId::from(upload_id.0);
        let a = uploads::complete(&self.ctx, &grant, &id, &upload).await?;
        Ok(Completed::Created(Json(a.into())))
    }
}
