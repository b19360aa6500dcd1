//! Supporting documents of a dossier, for its holder (shared shapes for the back office).

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, request::RequestId};
use crate::domain::{
    dossiers::{Attachment, AttachmentFile},
    ids::{AttachmentId, DossierId},
    rights::{Fill, Read},
};
use crate::service::{Context, access::authorize_dossier, dossiers::attachments};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
    payload::{Binary, Json},
};
use time::OffsetDateTime;

pub struct DossierFilesApi {
    pub ctx: Context,
}

/// A supporting document, without its bytes.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct AttachmentView {
    /// Id.
    id: String,
    /// The procedure's file field.
    field: String,
    /// File name.
    filename: String,
    /// Media type, read from the bytes.
    media_type: String,
    /// Size, bytes.
    size: i64,
    /// SHA-256, lowercase hex.
    sha256: String,
    /// When.
    uploaded_at: OffsetDateTime,
}

impl From<Attachment> for AttachmentView {
    fn from(a: Attachment) -> Self {
        Self {
            id: a.id.into(),
            field: a.field,
            filename: a.filename,
            media_type: a.media_type,
            size: a.size,
            sha256: a.sha256,
            uploaded_at: a.uploaded_at,
        }
    }
}

#[derive(ApiResponse)]
enum Uploaded {
    /// Attached.
    #[oai(status = 201)]
    Created(Json<AttachmentView>),
}

#[derive(ApiResponse)]
enum Removed {
    /// Removed.
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum FileBytes {
    /// The bytes.
    #[oai(status = 200)]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "x-media-type")] String,
        #[oai(header = "x-sha256")] String,
    ),
}

impl From<AttachmentFile> for FileBytes {
    fn from(a: AttachmentFile) -> Self {
        Self::Ok(Binary(a.content), a.media_type, a.sha256)
    }
}

#[OpenApi(tag = "Tag::Dossiers")]
impl DossierFilesApi {
    /// Attach a supporting document to a draft
    ///
    /// The body is the file's bytes; `media_type` must match them and be accepted by the
    /// field, and the size must be within the field's published `max_bytes`.
    #[oai(path = "/dossiers/:dossier_id/attachments", method = "post")]
    async fn upload(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        field: Query<String>,
        filename: Query<String>,
        media_type: Query<String>,
        body: Binary<Vec<u8>>,
    ) -> ApiResult<Uploaded> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let upload = attachments::Upload {
            field: &field,
            filename: &filename,
            media_type: &media_type,
            bytes: body.0,
        };
        let a = attachments::add(&self.ctx, &grant, &id, upload).await?;
        Ok(Uploaded::Created(Json(a.into())))
    }

    /// List a dossier's supporting documents
    #[oai(path = "/dossiers/:dossier_id/attachments", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<AttachmentView>>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let list = attachments::list(&self.ctx, &grant, &id).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Download a supporting document
    #[oai(
        path = "/dossiers/:dossier_id/attachments/:attachment_id",
        method = "get"
    )]
    async fn download(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        attachment_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<FileBytes> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let attachment = AttachmentId::from(attachment_id.0);
        let a = attachments::download(&self.ctx, &grant, &id, &attachment, &rid.0.0).await?;
        Ok(a.into())
    }

    /// Remove a supporting document from a draft
    #[oai(
        path = "/dossiers/:dossier_id/attachments/:attachment_id",
        method = "delete"
    )]
    async fn remove(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        attachment_id: Path<String>,
    ) -> ApiResult<Removed> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let attachment = AttachmentId::from(attachment_id.0);
        attachments::remove(&self.ctx, &grant, &id, &attachment).await?;
        Ok(Removed::Done)
    }
}
