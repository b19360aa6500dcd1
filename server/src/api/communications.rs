//! "My communications" for holders, the public status of issued documents, and what the back
//! office does with communications (letters, the list per dossier, revocation).

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    request::{Lang, RequestId},
};
use crate::{
    domain::{
        Error, Invalid,
        communications::Delivery,
        ids::{CommunicationId, DossierId, SpaceId},
        rights::{Process, Read, ReadCommunications},
    },
    limits::ClientAddress,
    service::{
        Context,
        access::{authorize, authorize_dossier},
        backoffice,
        communications::{self, Communication, letters, status},
    },
};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_verifier::revocation::RevocationReason;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::{Binary, Json},
};
use time::OffsetDateTime;

pub struct CommunicationsApi {
    pub ctx: Context,
}

/// How one notice announcing a communication went.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DeliveryView {
    /// `mail` or `push`.
    channel: String,
    /// `queued`, `retrying`, `sent` (mail handed to the relay), `kept` (mail kept by the
    /// portal without a relay: not sent), `accepted` (by the push service), `failed`, `gone` (the device's subscription ended) or `cancelled`.
    status: String,
    /// Attempts made.
    attempts: i32,
    /// When the next attempt is due, while one is.
    #[oai(nullable)]
    next_attempt_at: Option<OffsetDateTime>,
    /// When it left.
    #[oai(nullable)]
    sent_at: Option<OffsetDateTime>,
    /// Why the last attempt failed.
    #[oai(nullable)]
    last_error: Option<String>,
    /// The device's label, for a push.
    #[oai(nullable)]
    device: Option<String>,
}

impl From<Delivery> for DeliveryView {
    fn from(d: Delivery) -> Self {
        Self {
            channel: d.channel.to_string(),
            status: d.status,
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at,
            sent_at: d.sent_at,
            last_error: d.last_error,
            device: d.device,
        }
    }
}

/// A communication's file, without its bytes.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct FileView {
    /// File name.
    name: String,
    /// Media type.
    media_type: String,
    /// Size, bytes.
    size: i64,
    /// SHA-256, lowercase hex.
    sha256: String,
}

/// A document or letter delivered into a space.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct CommunicationView {
    /// Id (the push notice's path is `/communications/{id}`).
    id: String,
    /// `criminal-record-extract`, `residence-certificate`, `letter`, `payment-receipt` or
    /// `certification-codes`.
    kind: String,
    /// Title.
    title: String,
    /// A letter's text.
    #[oai(nullable)]
    body: Option<String>,
    /// The sending administration.
    administration_id: String,
    /// Its name, in the reader's language.
    administration_name: String,
    /// The dossier it answers.
    #[oai(nullable)]
    dossier_id: Option<String>,
    /// A sealed document's number: the seal's document id, upper-case hex.
    #[oai(nullable)]
    document_number: Option<String>,
    /// Language it is written in.
    language: String,
    /// `valid`, `revoked` or `superseded`.
    status: String,
    /// Why it was revoked.
    #[oai(nullable)]
    revoked_reason: Option<String>,
    /// The number of the document that replaced it.
    #[oai(nullable)]
    superseded_by: Option<String>,
    /// When it was delivered.
    delivered_at: OffsetDateTime,
    /// When the holder read it (opened the file or marked it read).
    #[oai(nullable)]
    read_at: Option<OffsetDateTime>,
    /// Its file.
    #[oai(nullable)]
    file: Option<FileView>,
    /// The notices that announced it, and how they went.
    deliveries: Vec<DeliveryView>,
}

impl From<Communication> for CommunicationView {
    fn from(c: Communication) -> Self {
        let r = c.record;
        let file = r.file.map(|f| FileView {
            name: f.name,
            media_type: f.media_type,
            size: f.size,
            sha256: f.sha256,
        });
        Self {
            id: r.id.into(),
            kind: r.kind.as_str().into(),
            title: r.title,
            body: r.body,
            administration_id: r.administration_id.into(),
            administration_name: c.administration_name,
            dossier_id: r.dossier_id.map(Into::into),
            document_number: r.document_number.map(Into::into),
            language: r.language,
            status: r.state.as_str().into(),
            revoked_reason: r.revoked_reason,
            superseded_by: r.superseded_by.map(Into::into),
            delivered_at: r.delivered_at,
            read_at: r.read_at,
            file,
            deliveries: c.deliveries.into_iter().map(Into::into).collect(),
        }
    }
}

/// A page of communications.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct CommunicationsPage {
    /// Newest first.
    items: Vec<CommunicationView>,
    /// Communications matching the filter.
    total: u64,
    /// Unread communications in the space.
    unread: u64,
    /// This page, from 1.
    page: u64,
    /// Items per page.
    per_page: u64,
}

/// Read state.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct ReadState {
    /// Read (true) or unread (false).
    read: bool,
}

#[derive(ApiResponse)]
enum Download {
    /// The file.
    #[oai(status = 200)]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "content-type")] String,
        #[oai(header = "content-disposition")] String,
        #[oai(header = "x-sha256")] String,
    ),
}

/// The public status of an issued document.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DocumentStatusView {
    /// `valid`, `revoked` or `superseded`.
    status: String,
    /// Why it was revoked.
    #[oai(nullable)]
    reason: Option<String>,
    /// The number of the document that replaced it.
    #[oai(nullable)]
    superseded_by: Option<String>,
}

#[derive(ApiResponse)]
enum StatusAnswer {
    /// The status; not cached for long, since it can change.
    #[oai(status = 200)]
    Ok(
        Json<DocumentStatusView>,
        #[oai(header = "cache-control")] String,
    ),
}

/// A file sent with a letter.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct LetterFile {
    /// File name.
    name: String,
    /// Media type (must match the bytes): PDF, JPEG or PNG.
    media_type: String,
    /// The bytes, base64 (at most 512 KiB).
    content_base64: String,
}

/// A letter from the administration.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct NewLetterBody {
    /// Title shown in the list (at most 200 characters).
    title: String,
    /// The text (at most 20,000 characters).
    body: String,
    /// A file, if any.
    #[oai(nullable)]
    file: Option<LetterFile>,
}

/// Revoking a document.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct Revocation {
    /// Why (shown to whoever checks the document online).
    #[oai(nullable)]
    reason: Option<String>,
    /// The reason code published in the signed revocation list (default `unspecified`).
    #[oai(nullable)]
    code: Option<RevocationCode>,
}

/// The reason code of a revocation, as the signed revocation list publishes it.
#[derive(Enum, Clone, Copy)]
#[oai(rename_all = "kebab-case")]
enum RevocationCode {
    /// No reason given.
    Unspecified,
    /// Issued by mistake (wrong person, wrong data).
    IssuedInError,
    /// Obtained by fraud.
    ObtainedByFraud,
    /// Withdrawn after it was issued (e.g. by a court decision).
    Withdrawn,
}

impl From<RevocationCode> for RevocationReason {
    fn from(c: RevocationCode) -> Self {
        match c {
            RevocationCode::Unspecified => Self::Unspecified,
            RevocationCode::IssuedInError => Self::IssuedInError,
            RevocationCode::ObtainedByFraud => Self::ObtainedByFraud,
            RevocationCode::Withdrawn => Self::Withdrawn,
        }
    }
}

#[derive(ApiResponse)]
enum Delivered {
    /// Delivered; the notices are queued.
    #[oai(status = 201)]
    Created(Json<CommunicationView>),
}

/// A safe `filename` for Content-Disposition: ASCII letters, digits, `.-_` only.
fn disposition(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

#[OpenApi(tag = "Tag::Communications")]
impl CommunicationsApi {
    /// My communications
    ///
    /// Documents and letters delivered into the space, newest first, with `unread` the number
    /// not read yet. `unread_only` filters; paginate with `page` (from 1) and `per_page` (≤ 100).
    #[oai(path = "/spaces/:space_id/communications", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        #[oai(default)] unread_only: Query<bool>,
        #[oai(
            default = "super::paging::default_page",
            validator(minimum(value = "1"), maximum(value = "1000000"))
        )]
        page: Query<u64>,
        #[oai(
            default = "super::paging::default_per_page",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        per_page: Query<u64>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<CommunicationsPage>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ReadCommunications).await?;
        let p = communications::list(
            &self.ctx,
            &grant,
            unread_only.0,
            page.0,
            per_page.0,
            lang.0.0,
        )
        .await?;
        Ok(Json(CommunicationsPage {
            items: p.items.into_iter().map(Into::into).collect(),
            total: p.total,
            unread: p.unread,
            page: page.0.max(1),
            per_page: per_page.0.clamp(1, 100),
        }))
    }

    /// One communication, with the delivery state of its notices
    #[oai(
        path = "/spaces/:space_id/communications/:communication_id",
        method = "get"
    )]
    async fn get(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        communication_id: Path<String>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<CommunicationView>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ReadCommunications).await?;
        let id = CommunicationId::from(communication_id.0);
        let c = communications::get(&self.ctx, &grant, &id, lang.0.0).await?;
        Ok(Json(c.into()))
    }

    /// Download a communication's file (it is then read)
    #[oai(
        path = "/spaces/:space_id/communications/:communication_id/file",
        method = "get"
    )]
    async fn download(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        communication_id: Path<String>,
        request_id: Data<&RequestId>,
    ) -> ApiResult<Download> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ReadCommunications).await?;
        let id = CommunicationId::from(communication_id.0);
        let f = communications::download(&self.ctx, &grant, &id, &request_id.0.0).await?;
        Ok(Download::Ok(
            Binary(f.content),
            f.media_type,
            disposition(&f.name),
            f.sha256,
        ))
    }

    /// Mark a communication read or unread
    #[oai(
        path = "/spaces/:space_id/communications/:communication_id/read",
        method = "put"
    )]
    async fn mark(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        communication_id: Path<String>,
        body: Json<ReadState>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<CommunicationView>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ReadCommunications).await?;
        let id = CommunicationId::from(communication_id.0);
        let c = communications::mark(&self.ctx, &grant, &id, body.read, lang.0.0).await?;
        Ok(Json(c.into()))
    }

    /// The status of an issued document (public)
    ///
    /// What the verifier's `--online` asks: `valid`, `revoked` (with the reason) or
    /// `superseded` (with the newer document's number). Nothing else about the document.
    #[oai(path = "/public/documents/:document_number/status", method = "get")]
    async fn public_status(
        &self,
        document_number: Path<String>,
        client: Data<&ClientAddress>,
    ) -> ApiResult<StatusAnswer> {
        let s = status::public(&self.ctx, client.0, &document_number).await?;
        Ok(StatusAnswer::Ok(
            Json(DocumentStatusView {
                status: s.status.as_str().into(),
                reason: s.reason,
                superseded_by: s.superseded_by.map(Into::into),
            }),
            "no-cache, max-age=0".into(),
        ))
    }

    /// What the administration delivered for a dossier (back office)
    #[oai(
        path = "/backoffice/dossiers/:dossier_id/communications",
        method = "get",
        tag = "Tag::Backoffice"
    )]
    async fn for_dossier(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<Vec<CommunicationView>>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let list = letters::for_dossier(&self.ctx, &grant, &id, lang.0.0).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Deliver a letter into the dossier's space (back office)
    ///
    /// The holder is told by mail and push; the letter, with its file if any, is in their
    /// communications.
    #[oai(
        path = "/backoffice/dossiers/:dossier_id/communications",
        method = "post",
        tag = "Tag::Backoffice"
    )]
    async fn send_letter(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<NewLetterBody>,
        lang: Data<&Lang>,
    ) -> ApiResult<Delivered> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let body = body.0;
        let file = match body.file {
            None => None,
            Some(f) => {
                let bytes = STANDARD
                    .decode(f.content_base64.trim())
                    .map_err(|_| Error::invalid("file/content_base64", Invalid::Encoding))?;
                Some((f.name, f.media_type, bytes))
            }
        };
        let letter = letters::NewLetter {
            title: body.title,
            body: body.body,
            file,
        };
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Process).await?;
        let c = letters::send(&self.ctx, &grant, &id, letter, lang.0.0).await?;
        Ok(Delivered::Created(Json(c.into())))
    }

    /// Revoke a document the administration issued (back office)
    ///
    /// The document then reads `revoked` with the reason on the public status endpoint, and the
    /// signed revocation list (`/.well-known/guichet/revocation-list`) lists it with the code, so
    /// verifiers see it offline too; its seal stays cryptographically valid.
    #[oai(
        path = "/backoffice/documents/:document_number/revocation",
        method = "post",
        tag = "Tag::Backoffice"
    )]
    async fn revoke(
        &self,
        auth: BearerAuth,
        document_number: Path<String>,
        body: Json<Revocation>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<CommunicationView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let revocation = status::Revocation {
            reason: body.0.reason,
            code: body
                .0
                .code
                .map_or(RevocationReason::Unspecified, Into::into),
        };
        let c = status::revoke(&self.ctx, &caller, &document_number, revocation, lang.0.0).await?;
        Ok(Json(c.into()))
    }
}
