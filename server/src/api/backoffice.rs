//! The back office: agents sign in with their certificates and work the dossiers transmitted
//! to their administration; they also record paper requests.

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    dossier_files::{AttachmentView, FileBytes},
    dossiers::{DossierView, TimelineEntry, timeline_view, view},
    messages::{MessageView, NewMessage, decode},
    request::RequestId,
};
use crate::domain::{
    ids::{AttachmentId, DossierId, MessageFileId, MessageId},
    rights::{Process, Read},
};
use crate::service::{
    Context,
    access::authorize_dossier,
    backoffice,
    dossiers::{self, attachments, messages},
};
use poem::web::Data;
use poem_openapi::{
    Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

pub struct BackofficeApi {
    pub ctx: Context,
}

/// A signed challenge from an agent's authentication certificate.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct AgentSignIn {
    /// The challenge from `POST /signin/challenges`.
    challenge: String,
    /// The agent's authentication certificate, PEM or base64 DER.
    certificate: String,
    /// Base64 signature of `guichet-signin-v1:<challenge>`.
    signature: String,
}

/// Tokens of an agent session.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct AgentTokens {
    /// Bearer token for the back office.
    access_token: String,
    /// Its lifetime, seconds.
    expires_in: i64,
}

/// A dossier in the administration's list.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct WorkItem {
    id: String,
    procedure_id: String,
    status: String,
    channel: String,
    space_id: String,
    #[oai(nullable)]
    assigned_agent_id: Option<String>,
    #[oai(nullable)]
    transmitted_at: Option<time::OffsetDateTime>,
    updated_at: time::OffsetDateTime,
    /// The payment of the procedure's fee (`paid`, `refund_requested`, `refunded`,
    /// `refund_failed`, `free`…); absent when the procedure has no fee.
    #[oai(nullable)]
    payment: Option<String>,
}

/// A status change.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct StatusChange {
    /// `in_processing`, `information_requested`, `accepted` or `rejected`.
    status: String,
    /// Why (mandatory except to resume processing); an information request is also sent as a message.
    #[oai(nullable)]
    reason: Option<String>,
}

/// A request received on paper.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct PaperRequest {
    /// The procedure (of the agent's administration).
    procedure_id: String,
    /// The person's national identification number.
    matricule: String,
    /// Values of non-register fields, field id → value.
    #[oai(default)]
    data: std::collections::BTreeMap<String, serde_json::Value>,
}

#[OpenApi(tag = "Tag::Backoffice", prefix_path = "/backoffice")]
impl BackofficeApi {
    /// Agent sign-in
    #[oai(path = "/signin", method = "post")]
    async fn sign_in(&self, body: Json<AgentSignIn>) -> ApiResult<Json<AgentTokens>> {
        let t = backoffice::sign_in(
            &self.ctx,
            &body.challenge,
            &body.certificate,
            &body.signature,
        )
        .await?;
        Ok(Json(AgentTokens {
            access_token: t.access_token,
            expires_in: t.expires_in,
        }))
    }

    /// Dossiers transmitted to the agent's administration
    #[oai(path = "/dossiers", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        status: Query<Option<String>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<Vec<WorkItem>>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let (list, _) = backoffice::list(
            &self.ctx,
            &caller,
            status.0.as_deref(),
            page.0.unwrap_or(1),
            per_page.0.unwrap_or(50),
        )
        .await?;
        let payments = crate::service::payments::labels(&self.ctx, &list).await?;
        Ok(Json(
            list.into_iter()
                .map(|d| WorkItem {
                    payment: payments.get(&d.id).map(|p| p.to_string()),
                    id: d.id.into(),
                    procedure_id: d.procedure_id,
                    status: d.status.as_str().into(),
                    channel: d.channel.as_str().into(),
                    space_id: d.space_id.into(),
                    assigned_agent_id: d.assigned_agent_id.map(Into::into),
                    transmitted_at: d.transmitted_at,
                    updated_at: d.updated_at,
                })
                .collect(),
        ))
    }

    /// Read a dossier
    #[oai(path = "/dossiers/:dossier_id", method = "get")]
    async fn read(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let d = dossiers::read(&self.ctx, &grant, &id, &rid.0.0).await?;
        Ok(Json(view(d)?))
    }

    /// Take a dossier (it is then in processing, assigned to the agent)
    #[oai(path = "/dossiers/:dossier_id/take", method = "post")]
    async fn take(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Process).await?;
        Ok(Json(view(backoffice::take(&self.ctx, &grant, &id).await?)?))
    }

    /// Change a dossier's status, with a reason
    #[oai(path = "/dossiers/:dossier_id/status", method = "post")]
    async fn change_status(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<StatusChange>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let b = body.0;
        let decision = backoffice::Decision::parse(&b.status)?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Process).await?;
        let d = backoffice::change_status(&self.ctx, &grant, &id, decision, b.reason).await?;
        Ok(Json(view(d)?))
    }

    /// A dossier's timeline
    #[oai(path = "/dossiers/:dossier_id/timeline", method = "get")]
    async fn timeline(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<TimelineEntry>>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let list = dossiers::timeline(&self.ctx, &grant, &id).await?;
        Ok(Json(timeline_view(list)))
    }

    /// A dossier's supporting documents
    #[oai(path = "/dossiers/:dossier_id/attachments", method = "get")]
    async fn attachments(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<AttachmentView>>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
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
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let attachment = AttachmentId::from(attachment_id.0);
        let a = attachments::download(&self.ctx, &grant, &id, &attachment, &rid.0.0).await?;
        Ok(a.into())
    }

    /// Read a dossier's messages (marks the holder's as read)
    #[oai(path = "/dossiers/:dossier_id/messages", method = "get")]
    async fn messages(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<MessageView>>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let list = messages::list(&self.ctx, &grant, &id).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Write to the holder about a dossier
    #[oai(path = "/dossiers/:dossier_id/messages", method = "post")]
    async fn send(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<NewMessage>,
    ) -> ApiResult<Json<MessageView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let (text, files) = decode(body.0)?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Process).await?;
        let m = messages::send(&self.ctx, &grant, &id, &text, files).await?;
        Ok(Json(m.into()))
    }

    /// Download a file sent with a message
    #[oai(
        path = "/dossiers/:dossier_id/messages/:message_id/attachments/:file_id",
        method = "get"
    )]
    async fn message_file(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        message_id: Path<String>,
        file_id: Path<String>,
    ) -> ApiResult<FileBytes> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let message = MessageId::from(message_id.0);
        let file = MessageFileId::from(file_id.0);
        let f = messages::file(&self.ctx, &grant, &id, &message, &file).await?;
        Ok(FileBytes::Ok(
            poem_openapi::payload::Binary(f.content),
            f.media_type,
            f.sha256,
        ))
    }

    /// Record a request received on paper
    ///
    /// The dossier is created transmitted in the person's private space and appears in their dashboard.
    #[oai(path = "/paper-requests", method = "post")]
    async fn paper_request(
        &self,
        auth: BearerAuth,
        body: Json<PaperRequest>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let b = body.0;
        let d = backoffice::paper_request(
            &self.ctx,
            &caller,
            &b.procedure_id,
            &b.matricule,
            b.data.into_iter().collect(),
        )
        .await?;
        Ok(Json(view(d)?))
    }
}
