//! The bearer security scheme: an access token (or a registration token) from sign-in.

use crate::service::{
    Context,
    signin::{self, Caller},
};
use poem::Request;
use poem_openapi::{SecurityScheme, auth::Bearer};

/// A bearer token from `POST /signin`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_bearer")]
pub struct BearerAuth(pub Caller);

async fn check_bearer(req: &Request, bearer: Bearer) -> poem::Result<Caller> {
    let ctx = req
        .data::<Context>()
        .ok_or_else(|| poem::Error::from(crate::domain::Error::internal("context missing")))?;
    Ok(signin::authenticate(ctx, &bearer.token).await?)
}
