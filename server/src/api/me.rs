//! The signed-in person: who they are, their spaces, their certificates.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, request::RequestId};
use crate::domain::{
    Error, Invalid,
    closure::{Deleted, Kept},
    spaces::Membership,
};
use crate::service::{Context, certificates, closure, spaces};
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};
use time::OffsetDateTime;

pub struct MeApi {
    pub ctx: Context,
}

impl From<Membership> for SpaceSummary {
    fn from(m: Membership) -> Self {
        Self {
            id: m.space.id.into(),
            kind: m.space.kind.as_str().into(),
            name: m.space.name,
            role: m.role.as_str().into(),
            collaborative: m.space.collaborative,
        }
    }
}

/// A space the person may enter.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct SpaceSummary {
    /// The space's id.
    pub id: String,
    /// `private` or `professional`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// The person's role in it: `holder` (their private space), `administrator` or `member`.
    pub role: String,
    /// Whether co-workers may be invited (a professional space created with a Pro certificate).
    pub collaborative: bool,
}

/// The signed-in person.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct MeResponse {
    /// The person's id.
    id: String,
    /// National identification number.
    matricule: String,
    /// Contact address given at registration.
    email: String,
    /// The private space.
    #[oai(nullable)]
    private_space_id: Option<String>,
    /// Every space the person may enter, with their role in it: the app switches between them
    /// without signing in again.
    spaces: Vec<SpaceSummary>,
}

/// A registered certificate.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct CertificateResponse {
    /// Its id.
    id: String,
    /// `authentication` or `signature`.
    usage: String,
    /// `private` or `pro`.
    kind: String,
    /// For a Pro certificate, the mandating organisation.
    #[oai(nullable)]
    organisation: Option<String>,
    /// SHA-256 of the certificate (hex).
    fingerprint: String,
    /// Issuing authority.
    issuer: String,
    /// End of validity.
    not_after: OffsetDateTime,
    /// When it was registered.
    registered_at: OffsetDateTime,
}

impl From<certificates::Certificate> for CertificateResponse {
    fn from(c: certificates::Certificate) -> Self {
        Self {
            id: c.id,
            usage: c.usage.to_string(),
            kind: c.kind.to_string(),
            organisation: c.organisation,
            fingerprint: c.fingerprint,
            issuer: c.issuer_dn,
            not_after: c.not_after,
            registered_at: c.registered_at,
        }
    }
}

/// A further certificate, with proof of possession of its key.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct AddCertificateRequest {
    /// PEM (leaf first) or base64 DER; authentication or signature certificate of the same person.
    certificate: String,
    /// A fresh challenge from `POST /signin/challenges`.
    challenge: String,
    /// Base64 signature of `guichet-signin-v1:` + challenge with the new certificate's key.
    signature: String,
}

#[derive(ApiResponse)]
enum Added {
    /// Registered.
    #[oai(status = 201)]
    Created(Json<CertificateResponse>),
}

/// The confirmation that the account is to be closed.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct CloseAccountRequest {
    /// Must be the JSON value `true`: closing cannot be undone. Anything else (absent, `false`,
    /// a string) is refused with 422 `invalid-field`, field `confirm`, reason `not-confirmed`.
    confirm: Option<serde_json::Value>,
}

/// Something the closure deleted.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DeletedItem {
    /// `draft` (a dossier never transmitted; a deletion record with rule `account-closure`
    /// stays), `device` (push subscription), `session`, `invitation`, `membership` (a
    /// professional space left; `id` is the space), `professional-space` (closed with the
    /// account), `profile-contact` (address, telephone, IBAN and language of the private space;
    /// `id` is the space), `export`, `certificate`, `registration`, `space-limit`.
    kind: String,
    /// Its id.
    id: String,
    /// A draft's procedure, a certificate's usage, or the role held in a space left.
    #[oai(nullable)]
    detail: Option<String>,
}

impl From<Deleted> for DeletedItem {
    fn from(d: Deleted) -> Self {
        Self {
            kind: d.kind.into(),
            id: d.id,
            detail: d.detail,
        }
    }
}

/// Something the law keeps after the closure, with why and until when.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct KeptItem {
    /// `dossier` (transmitted), `communication` (issued document or letter; an extract stays
    /// verifiable online until it expires), `payment`, `access-log`, `deletion-records`,
    /// `register-profile` (the copy of the national register's fields), `account` (the closed
    /// account's record: its national identification number and this list).
    kind: String,
    /// Its id (the private space's id for `access-log`, `deletion-records` and
    /// `register-profile`; the person's id for `account`).
    id: String,
    /// Why: `retention:<procedure>:<status>:<days>d` (the procedure's period, counted from the
    /// dossier's last change), `retention:<procedure>:<status>:open` (no period in that status
    /// yet: the administration still has the dossier), `document-validity`, `with-dossier`,
    /// `accounting:10y`, `register-copy`, `access-log:kept-with-space`,
    /// `deletion-records:kept-with-space`, `account-closure-record`.
    rule: String,
    /// Kept at least until then (RFC 3339, UTC); null when no end is set yet.
    #[oai(nullable)]
    until: Option<OffsetDateTime>,
}

impl From<Kept> for KeptItem {
    fn from(k: Kept) -> Self {
        Self {
            kind: k.kind.into(),
            id: k.id,
            rule: k.rule,
            until: k.until,
        }
    }
}

/// What closing the account did.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ClosureResponse {
    /// When the account was closed: every token of it stopped working then.
    closed_at: OffsetDateTime,
    /// What was deleted.
    deleted: Vec<DeletedItem>,
    /// What is kept, each with its rule and until when.
    kept: Vec<KeptItem>,
}

#[OpenApi(tag = "Tag::Me")]
impl MeApi {
    /// Who am I
    #[oai(path = "/me", method = "get")]
    async fn me(&self, auth: BearerAuth) -> ApiResult<Json<MeResponse>> {
        let person_id = auth.0.person_id()?;
        let me = spaces::overview(&self.ctx, person_id).await?;
        Ok(Json(MeResponse {
            id: me.person.id.into(),
            matricule: me.person.matricule,
            email: me.person.email,
            private_space_id: me.private_space_id.map(Into::into),
            spaces: me.spaces.into_iter().map(Into::into).collect(),
        }))
    }

    /// List my certificates
    #[oai(path = "/me/certificates", method = "get")]
    async fn certificates(&self, auth: BearerAuth) -> ApiResult<Json<Vec<CertificateResponse>>> {
        let person_id = auth.0.person_id()?;
        let list = certificates::list(&self.ctx, person_id).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Register a further certificate
    ///
    /// It must name the same person. Both authentication and signature certificates are accepted;
    /// the signature certificate is what signs submitted procedures.
    #[oai(path = "/me/certificates", method = "post")]
    async fn add_certificate(
        &self,
        auth: BearerAuth,
        body: Json<AddCertificateRequest>,
    ) -> ApiResult<Added> {
        let person_id = auth.0.person_id()?;
        let row = certificates::add(
            &self.ctx,
            person_id,
            &body.certificate,
            &body.challenge,
            &body.signature,
        )
        .await?;
        Ok(Added::Created(Json(row.into())))
    }

    /// Close my account
    ///
    /// Closes the caller's own account (there is no id to give: it only ever acts on the
    /// caller), in one step: drafts, devices, sessions, invitations, memberships of professional
    /// spaces, the profile's contact fields and the certificates are deleted; transmitted
    /// dossiers, issued documents, payments, the access log and deletion records are kept, each
    /// listed with its rule and until when. The person's national identification number leaves
    /// the account (it is kept in the closure record), so they may register again later as a new
    /// account. A mail to their address lists the same. Every token of the account stops working
    /// at once (401 afterwards, also for a retry: the mail is the receipt).
    ///
    /// Refused with 409 `sole-administrator` (its `spaces` member lists them) while the caller
    /// is the only administrator of a professional space that has other members or mandates,
    /// or that keeps the organisation's records (transmitted dossiers, delivered documents):
    /// they hand the role over first. A professional space they hold alone and that keeps none is
    /// closed with the account. 422 when `confirm` is not `true`; 401 for an agent.
    #[oai(path = "/me/closure", method = "post")]
    async fn close(
        &self,
        auth: BearerAuth,
        body: Json<CloseAccountRequest>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<ClosureResponse>> {
        let person_id = auth.0.person_id()?;
        if body.0.confirm != Some(serde_json::Value::Bool(true)) {
            return Err(Error::invalid("confirm", Invalid::NotConfirmed).into());
        }
        let closed = closure::close(&self.ctx, person_id, &rid.0.0).await?;
        Ok(Json(ClosureResponse {
            closed_at: closed.closed_at,
            deleted: closed.deleted.into_iter().map(Into::into).collect(),
            kept: closed.kept.into_iter().map(Into::into).collect(),
        }))
    }
}
