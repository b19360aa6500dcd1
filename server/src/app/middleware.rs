//! The frame around every request: request id, language, client address, body limit, problems,
//! logs and metrics.

use crate::api::{
    problem::{ApiError, Problem},
    request::{Lang, RequestId},
};
use crate::domain::{Error, Language};
use crate::limits::ClientAddress;
use crate::service::Context;
use poem::{Endpoint, IntoResponse, Request, Response, http::HeaderValue, http::StatusCode};
use tracing::Instrument;

fn request_id(req: &Request) -> String {
    req.header("x-request-id")
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// Every value of the header `name`, joined by commas (a proxy may add a second line).
fn joined_header(req: &Request, name: &str) -> Option<String> {
    let values: Vec<&str> = req
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

/// The client's address: the socket's peer, or what a trusted proxy forwarded.
fn client_address(req: &Request, trusted: &[ipnet::IpNet]) -> ClientAddress {
    let peer = req
        .remote_addr()
        .as_socket_addr()
        .map(|s| s.ip())
        .unwrap_or(std::net::IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED));
    if trusted.is_empty() {
        return ClientAddress(peer.to_canonical());
    }
    ClientAddress::resolve(
        peer,
        joined_header(req, "forwarded").as_deref(),
        joined_header(req, "x-forwarded-for").as_deref(),
        trusted,
    )
}

/// Turns any error into a problem response, logging internal causes (never request bodies).
fn problem_for(err: &poem::Error, lang: Language, rid: &str) -> Response {
    if let Some(ApiError(e)) = err.downcast_ref::<ApiError>() {
        if let Error::Internal(cause) = e {
            tracing::error!(request_id = %rid, %cause, "internal error");
        }
        return Problem::from_domain(e).into_response(lang, rid, None);
    }
    let status = err.status();
    if status.is_server_error() {
        tracing::error!(request_id = %rid, error = %err, "internal error");
        return Problem::from_status(status).into_response(lang, rid, None);
    }
    let hint = (status == StatusCode::BAD_REQUEST).then(|| err.to_string());
    let mut problem = Problem::from_status(status);
    problem.field = hint
        .as_deref()
        .and_then(|h| unknown_field(h).or_else(|| unparsed_parameter(h)));
    problem.into_response(lang, rid, hint)
}

/// The field named in a deserializer's "unknown field `x`" message.
fn unknown_field(message: &str) -> Option<String> {
    let start = message.find("unknown field `")? + "unknown field `".len();
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// The parameter named in poem-openapi's "failed to parse parameter `x`" message.
fn unparsed_parameter(message: &str) -> Option<String> {
    let start = message.find("parse parameter `")? + "parse parameter `".len();
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// The first path segment or query parameter whose decoded text breaks the rule of
/// [`crate::domain::text`] (a control character, a noncharacter, a bidirectional override):
/// such an identifier or filter matches nothing, and PostgreSQL cannot even compare U+0000, so
/// the request is refused before any handler sees it. Query parameters are named; a path
/// segment is reported as `path`.
fn url_text(req: &Request) -> Result<(), Error> {
    for segment in req.uri().path().split('/') {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        crate::domain::text::single_line("path", &decoded)?;
    }
    if let Some(query) = req.uri().query() {
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            crate::domain::text::single_line(&name, &name)?;
            crate::domain::text::single_line(&name, &value)?;
        }
    }
    Ok(())
}

fn is_problem(resp: &Response) -> bool {
    resp.content_type()
        .is_some_and(|c| c.starts_with("application/problem+json"))
}

/// Runs `ep` inside the frame.
pub async fn frame<E: Endpoint>(
    ep: std::sync::Arc<E>,
    mut req: Request,
    ctx: Context,
    max_body: usize,
    allow: std::sync::Arc<super::allow::AllowIndex>,
) -> poem::Result<Response> {
    let rid = request_id(&req);
    let lang = Language::from_accept_language(req.header("accept-language").unwrap_or(""));
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    req.extensions_mut().insert(RequestId(rid.clone()));
    req.extensions_mut().insert(Lang(lang));
    let client = client_address(&req, ctx.limits.trusted_proxies());
    req.extensions_mut().insert(client);
    let timer = ctx
        .metrics
        .http_duration
        .with_label_values(&[&method])
        .start_timer();
    let span = tracing::info_span!("request", request_id = %rid, %method, %path);

    let too_large = req
        .header("content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|len| len > max_body);
    let mut resp = if too_large {
        Problem::from_status(StatusCode::PAYLOAD_TOO_LARGE).into_response(lang, &rid, None)
    } else if let Err(e) = url_text(&req) {
        Problem::from_domain(&e).into_response(lang, &rid, None)
    } else {
        if req.header("content-length").is_none() {
            let body = req.take_body();
            req.set_body(poem::Body::from_async_read(tokio::io::AsyncReadExt::take(
                body.into_async_read(),
                max_body as u64 + 1,
            )));
        }
        match ep.call(req).instrument(span.clone()).await {
            Ok(r) => {
                let r = r.into_response();
                if r.status().is_client_error() || r.status().is_server_error() {
                    if is_problem(&r) {
                        r
                    } else {
                        Problem::from_status(r.status()).into_response(lang, &rid, None)
                    }
                } else {
                    r
                }
            }
            Err(e) => problem_for(&e, lang, &rid),
        }
    };
    timer.observe_duration();
    let status = resp.status();
    ctx.metrics
        .http_requests
        .with_label_values(&[&method, status.as_str()])
        .inc();
    span.in_scope(|| tracing::info!(status = status.as_u16(), "request done"));
    if status == StatusCode::METHOD_NOT_ALLOWED
        && let Some(methods) = allow.methods(&path)
        && let Ok(v) = HeaderValue::from_str(methods)
    {
        resp.headers_mut().insert(poem::http::header::ALLOW, v);
    }
    if let Ok(v) = HeaderValue::from_str(&rid) {
        resp.headers_mut().insert("x-request-id", v);
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::{unknown_field, unparsed_parameter};

    #[test]
    fn unknown_fields_are_named() {
        let msg = "parse request payload error: failed to parse \"SignInRequest\": unknown field `admin`.";
        assert_eq!(unknown_field(msg).as_deref(), Some("admin"));
        assert_eq!(unknown_field("expected value at line 1"), None);
    }

    #[test]
    fn unparsed_parameters_are_named() {
        let msg = "failed to parse parameter `actor_kind`: expect a valid enumeration value";
        assert_eq!(unparsed_parameter(msg).as_deref(), Some("actor_kind"));
        assert_eq!(unparsed_parameter("unknown field `x`"), None);
    }
}
