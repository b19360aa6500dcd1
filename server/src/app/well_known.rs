//! The well-known documents verifiers fetch: the signed trust list, the signed revocation list
//! and the trust anchor's public key; and what auditors fetch: the latest signed access-log
//! checkpoint and the checkpoint keys.
//!
//! They are public and signed (the anchor's key is pinned by whoever fetches it), so any origin
//! may read them: a copy of the verifier page on another host (`verifier-web/bundle`) fetches
//! them cross-origin. Every answer allows any origin (`Access-Control-Allow-Origin: *`, no
//! credentials), shows its `ETag` to scripts, and a preflight (`OPTIONS`, e.g. for a script's own
//! `If-None-Match`) is answered for a day.

use crate::{
    api::problem::ApiError,
    service::{
        Context, access_record, communications::revocation_list as revocations, issuer_keys,
    },
};
use guichet_verifier::trust;
use poem::http::Method;
use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::Data,
};
use sha2::{Digest, Sha256};

/// Path of the trust anchor's public key (64 hex digits, what `guichet-verify --anchor` takes).
pub const TRUST_ANCHOR_PATH: &str = "/.well-known/guichet/trust-anchor";

/// Verifiers may reuse a copy for five minutes, then revalidate with `If-None-Match`.
const CACHE_CONTROL: &str = "public, max-age=300";

fn etag(bytes: &[u8]) -> String {
    format!("\"{}\"", hex::encode(&Sha256::digest(bytes)[..16]))
}

/// The headers that let a page on any origin read the document (CORS, Fetch standard §3.2).
fn shared(builder: poem::ResponseBuilder) -> poem::ResponseBuilder {
    builder
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(header::ACCESS_CONTROL_EXPOSE_HEADERS, "etag")
        .header("cross-origin-resource-policy", "cross-origin")
}

fn cacheable(req: &Request, body: Vec<u8>, media_type: &str) -> Response {
    let tag = etag(&body);
    let matches = req
        .header(header::IF_NONE_MATCH)
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let builder = shared(Response::builder())
        .header(header::ETAG, tag.as_str())
        .header(header::CACHE_CONTROL, CACHE_CONTROL);
    if matches {
        builder.status(StatusCode::NOT_MODIFIED).finish()
    } else {
        builder.content_type(media_type).body(body)
    }
}

/// `GET /.well-known/guichet/trust-list`: the trust list signed by the trust anchor.
#[handler]
pub async fn trust_list(req: &Request, ctx: Data<&Context>) -> poem::Result<Response> {
    let signed = issuer_keys::trust_list(&ctx).await.map_err(ApiError)?;
    Ok(cacheable(req, signed, trust::MEDIA_TYPE))
}

/// `GET /.well-known/guichet/revocation-list`: the revoked documents, signed by the trust anchor
/// (format: [`guichet_verifier::revocation`]); new after every revocation and every hour.
#[handler]
pub async fn revocation_list(req: &Request, ctx: Data<&Context>) -> poem::Result<Response> {
    let signed = revocations::signed(&ctx).await.map_err(ApiError)?;
    Ok(cacheable(req, signed, trust::MEDIA_TYPE))
}

/// `GET /.well-known/guichet/trust-anchor`: the anchor's Ed25519 public key, 64 hex digits.
#[handler]
pub async fn trust_anchor(req: &Request, ctx: Data<&Context>) -> poem::Result<Response> {
    let anchor = issuer_keys::trust_anchor(&ctx).await.map_err(ApiError)?;
    let text = format!("{}\n", hex::encode(anchor.public_key.as_bytes()));
    Ok(cacheable(
        req,
        text.into_bytes(),
        "text/plain; charset=utf-8",
    ))
}

/// `GET /.well-known/guichet/access-checkpoint`: the latest signed checkpoint of every space's
/// access-log chain head (format: [`guichet_verifier::checkpoint`]); new every day.
#[handler]
pub async fn access_checkpoint(req: &Request, ctx: Data<&Context>) -> poem::Result<Response> {
    let signed = access_record::latest_signed(&ctx).await.map_err(ApiError)?;
    Ok(cacheable(req, signed, trust::MEDIA_TYPE))
}

/// `GET /.well-known/guichet/access-checkpoint-keys`: the checkpoint keys, signed by the trust
/// anchor (format: [`guichet_verifier::checkpoint_keys`]).
#[handler]
pub async fn access_checkpoint_keys(req: &Request, ctx: Data<&Context>) -> poem::Result<Response> {
    let signed = access_record::keys_signed(&ctx).await.map_err(ApiError)?;
    Ok(cacheable(req, signed, trust::MEDIA_TYPE))
}

/// `OPTIONS` on a well-known document: the CORS preflight a script on another origin sends
/// before a `GET` with headers of its own (`If-None-Match`, `Cache-Control`).
#[handler]
pub fn preflight() -> Response {
    shared(Response::builder())
        .status(StatusCode::NO_CONTENT)
        .header(header::ACCESS_CONTROL_ALLOW_METHODS, Method::GET.as_str())
        .header(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            "if-none-match, cache-control",
        )
        .header(header::ACCESS_CONTROL_MAX_AGE, "86400")
        .finish()
}
