//! Sign-in operations: challenge, sign-in, refresh, sign-out.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth};
use crate::limits::ClientAddress;
use crate::service::{Context, signin};
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};
use time::OffsetDateTime;

pub struct SignInApi {
    pub ctx: Context,
}

/// A one-time challenge to sign with the authentication key.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ChallengeResponse {
    /// The text to sign, after the prefix `guichet-signin-v1:`.
    challenge: String,
    /// The exact bytes to sign are this prefix followed by `challenge`.
    sign_prefix: String,
    /// After this instant the challenge is refused.
    expires_at: OffsetDateTime,
}

/// A signed challenge and the certificate that signed it.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct SignInRequest {
    /// The challenge from `POST /signin/challenges`.
    challenge: String,
    /// The authentication certificate: PEM (leaf first, intermediates after) or base64 DER.
    certificate: String,
    /// Base64 signature of `guichet-signin-v1:` + challenge (Ed25519, or P-256 raw r‖s or DER).
    signature: String,
}

/// Tokens of a signed-in person.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct TokenResponse {
    /// Bearer token for API calls.
    access_token: String,
    /// Always `Bearer`.
    token_type: String,
    /// Lifetime of the access token, seconds.
    expires_in: i64,
    /// One-time token for `POST /session/refresh`; reusing it ends the session.
    refresh_token: String,
    /// Lifetime of the refresh token, seconds.
    refresh_expires_in: i64,
}

impl From<signin::Tokens> for TokenResponse {
    fn from(t: signin::Tokens) -> Self {
        Self {
            access_token: t.access_token,
            token_type: "Bearer".into(),
            expires_in: t.expires_in,
            refresh_token: t.refresh_token,
            refresh_expires_in: t.refresh_expires_in,
        }
    }
}

/// The certificate is not registered yet: register with this token.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct RegistrationRequired {
    /// Bearer token accepted only by the registration operations.
    registration_token: String,
    /// Lifetime of the token, seconds.
    expires_in: i64,
    /// Given names read from the certificate.
    given_names: String,
    /// Family name read from the certificate.
    family_name: String,
}

#[derive(ApiResponse)]
enum SignInResponse {
    /// Signed in.
    #[oai(status = 200)]
    SignedIn(Json<TokenResponse>),
    /// Unknown certificate: registration comes first.
    #[oai(status = 202)]
    RegistrationRequired(Json<RegistrationRequired>),
}

/// A refresh token.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct RefreshRequest {
    /// The latest refresh token.
    refresh_token: String,
}

#[derive(ApiResponse)]
enum SignedOut {
    /// The session is over.
    #[oai(status = 204)]
    Done,
}

#[OpenApi(tag = "Tag::SignIn")]
impl SignInApi {
    /// Get a sign-in challenge
    #[oai(path = "/signin/challenges", method = "post")]
    async fn challenge(&self, client: Data<&ClientAddress>) -> ApiResult<Json<ChallengeResponse>> {
        let c = signin::create_challenge(&self.ctx, client.0).await?;
        Ok(Json(ChallengeResponse {
            challenge: c.challenge,
            sign_prefix: signin::SIGNIN_CONTEXT.into(),
            expires_at: c.expires_at,
        }))
    }

    /// Sign in with a certificate
    ///
    /// A registered certificate gets tokens (200). An unknown one gets a registration token (202).
    #[oai(path = "/signin", method = "post")]
    async fn sign_in(
        &self,
        client: Data<&ClientAddress>,
        body: Json<SignInRequest>,
    ) -> ApiResult<SignInResponse> {
        let out = signin::sign_in(
            &self.ctx,
            client.0,
            &body.challenge,
            &body.certificate,
            &body.signature,
        )
        .await?;
        Ok(match out {
            signin::SignInOutcome::SignedIn(t) => SignInResponse::SignedIn(Json(t.into())),
            signin::SignInOutcome::RegistrationRequired {
                registration_token,
                expires_in,
                identity,
            } => SignInResponse::RegistrationRequired(Json(RegistrationRequired {
                registration_token,
                expires_in,
                given_names: identity.given_names,
                family_name: identity.family_name,
            })),
        })
    }

    /// Get new tokens
    ///
    /// Each refresh token works once; presenting a used one ends the session (theft detection).
    #[oai(path = "/session/refresh", method = "post")]
    async fn refresh(&self, body: Json<RefreshRequest>) -> ApiResult<Json<TokenResponse>> {
        Ok(Json(
            signin::refresh(&self.ctx, &body.refresh_token)
                .await?
                .into(),
        ))
    }

    /// Sign out
    #[oai(path = "/session/signout", method = "post")]
    async fn sign_out(&self, auth: BearerAuth) -> ApiResult<SignedOut> {
        let session_id = match &auth.0 {
            signin::Caller::Person { session_id, .. }
            | signin::Caller::Registration { session_id, .. }
            | signin::Caller::Agent { session_id, .. } => session_id,
        };
        signin::revoke(&self.ctx, session_id, "signed out").await?;
        Ok(SignedOut::Done)
    }
}
