//! Registration operations: start, resend the link, confirm.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, request::Lang};
use crate::domain::Error;
use crate::limits::ClientAddress;
use crate::service::{Context, registration, signin::Caller};
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};
use time::OffsetDateTime;

pub struct RegistrationApi {
    pub ctx: Context,
}

/// What a new user gives.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct StartRequest {
    /// Where the confirmation link is sent.
    email: String,
    /// The 13-digit national identification number; it must be the certificate holder's.
    matricule: String,
}

/// A confirmation link was sent.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct PendingResponse {
    /// The address the link went to.
    email: String,
    /// The link works until then (72 hours).
    link_expires_at: OffsetDateTime,
}

#[derive(ApiResponse)]
enum Pending {
    /// The link is on its way.
    #[oai(status = 202)]
    Sent(Json<PendingResponse>),
}

/// The token from the link, and the acceptance of the terms.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct ConfirmRequest {
    /// The `token` parameter of the confirmation link.
    token: String,
    /// Must be true: the terms of use are accepted.
    accept_terms: bool,
}

/// The account exists; sign in with the certificate.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ConfirmedResponse {
    /// The new private space.
    space_id: String,
}

fn registering(caller: &Caller) -> Result<&[u8], Error> {
    match caller {
        Caller::Registration {
            certificate_der, ..
        } => Ok(certificate_der),
        Caller::Person { .. } => Err(Error::AlreadyRegistered),
        Caller::Agent { .. } => Err(Error::Unauthenticated),
    }
}

fn to_response(p: registration::Pending) -> Pending {
    Pending::Sent(Json(PendingResponse {
        email: p.email,
        link_expires_at: p.expires_at,
    }))
}

#[OpenApi(tag = "Tag::Registration")]
impl RegistrationApi {
    /// Start registration
    ///
    /// With the registration token from sign-in. The national identification number must match
    /// the certificate and the national register; a confirmation link valid 72 hours is mailed.
    #[oai(path = "/registrations", method = "post")]
    async fn start(
        &self,
        auth: BearerAuth,
        lang: Data<&Lang>,
        client: Data<&ClientAddress>,
        body: Json<StartRequest>,
    ) -> ApiResult<Pending> {
        let der = registering(&auth.0)?;
        let p = registration::start(
            &self.ctx,
            client.0,
            der,
            &body.email,
            &body.matricule,
            lang.0.0,
        )
        .await?;
        Ok(to_response(p))
    }

    /// Send a new confirmation link
    ///
    /// The previous links stop working.
    #[oai(path = "/registrations/resend", method = "post")]
    async fn resend(
        &self,
        auth: BearerAuth,
        lang: Data<&Lang>,
        client: Data<&ClientAddress>,
    ) -> ApiResult<Pending> {
        let der = registering(&auth.0)?;
        Ok(to_response(
            registration::resend(&self.ctx, client.0, der, lang.0.0).await?,
        ))
    }

    /// Confirm registration
    ///
    /// Opens the private space, prefilled from the national register.
    #[oai(path = "/registrations/confirm", method = "post")]
    async fn confirm(&self, body: Json<ConfirmRequest>) -> ApiResult<Json<ConfirmedResponse>> {
        let c = registration::confirm(&self.ctx, &body.token, body.accept_terms).await?;
        Ok(Json(ConfirmedResponse {
            space_id: c.space_id.into(),
        }))
    }
}
