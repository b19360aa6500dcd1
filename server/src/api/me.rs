//! The signed-in person: who they are, their spaces, their certificates.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth};
use crate::domain::spaces::Membership;
use crate::service::{Context, certificates, spaces};
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
}
