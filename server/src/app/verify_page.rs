//! The employer's verifier page at `/verify`: the static bundle (`bash verifier-web/bundle`)
//! served from `verify_page_dir`, with `config.js` written here to pin this server's trust anchor.
//!
//! The document is checked in the browser, by the verifier compiled to WebAssembly; this
//! server only serves files, with a Content-Security-Policy that lets the page load code from
//! this origin alone (`'wasm-unsafe-eval'` for the WebAssembly modules).

use std::path::{Component, Path};

use crate::api::problem::ApiError;
use crate::service::{Context, issuer_keys};
use poem::{
    IntoResponse, Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Redirect},
};

/// Where the page lives.
pub const PATH: &str = "/verify";

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; \
manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The media type of a bundle file, by extension; `None` for a file the page never has.
fn media_type(name: &str) -> Option<&'static str> {
    let extension = Path::new(name).extension()?.to_str()?;
    Some(match extension {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        _ => return None,
    })
}

/// The file's path inside the bundle when the name is plain (no `..`, no root, no hidden part).
fn inside(name: &str) -> Option<&Path> {
    let path = Path::new(name);
    let plain = path.components().all(|c| match c {
        Component::Normal(part) => part.to_str().is_some_and(|p| !p.starts_with('.')),
        _ => false,
    });
    (plain && !name.is_empty()).then_some(path)
}

fn page_response(media_type: &str, body: Vec<u8>, cache: &str) -> Response {
    Response::builder()
        .content_type(media_type)
        .header(header::CACHE_CONTROL, cache)
        .header("content-security-policy", CSP)
        .header("x-content-type-options", "nosniff")
        .header("referrer-policy", "no-referrer")
        .header(
            "permissions-policy",
            "camera=(self), microphone=(), geolocation=()",
        )
        .body(body)
}

fn not_found() -> Response {
    Response::builder()
        .status(StatusCode::NOT_FOUND)
        .content_type("text/plain; charset=utf-8")
        .body("not found\n")
}

/// `GET /verify…`: `/verify` redirects to `/verify/` (so that the page's relative links
/// resolve), `/verify/` is the page, `/verify/config.js` pins this server's anchor, any other
/// name is a file of the bundle.
#[handler]
pub async fn page(req: &Request, ctx: Data<&Context>) -> poem::Result<Response> {
    let path = req.original_uri().path();
    let Some(name) = path.strip_prefix(PATH) else {
        return Ok(not_found());
    };
    let name = match name {
        "" => return Ok(Redirect::permanent(format!("{PATH}/")).into_response()),
        "/" => "index.html",
        other => match other.strip_prefix('/') {
            Some(name) => name,
            None => return Ok(not_found()),
        },
    };
    if name == "config.js" {
        let anchor = issuer_keys::trust_anchor(&ctx).await.map_err(ApiError)?;
        return Ok(page_response(
            "text/javascript; charset=utf-8",
            config_js(&hex::encode(anchor.public_key.as_bytes())).into_bytes(),
            "no-cache",
        ));
    }
    Ok(serve(&ctx, name).await)
}

/// The page's configuration: this server's anchor, where its trust and revocation lists are, and
/// the check of a typed verification code (`{number}` stands for the document number).
fn config_js(anchor_hex: &str) -> String {
    format!(
        "// Written by the guichet server: the trust anchor it publishes, pinned for this page.\n\
         export const config = {{\n  \"anchor\": \"{anchor_hex}\",\n  \"trustListUrl\": \"{}\",\n  \
         \"revocationListUrl\": \"{}\",\n  \"checkUrl\": \"{CHECK_URL}\"\n}};\n",
        guichet_verifier::trust::WELL_KNOWN_PATH,
        guichet_verifier::revocation::WELL_KNOWN_PATH,
    )
}

/// Where the page posts a typed document number and verification code (the public check).
const CHECK_URL: &str = "/api/v1/public/documents/{number}/check";

async fn serve(ctx: &Context, name: &str) -> Response {
    let (Some(path), Some(media_type)) = (inside(name), media_type(name)) else {
        return not_found();
    };
    let dir = &ctx.config.verify_page_dir;
    match tokio::fs::read(dir.join(path)).await {
        // The service worker and the page change with each bundle; the rest is revalidated.
        Ok(body) => page_response(media_type, body, "no-cache"),
        Err(_) if name == "index.html" => {
            tracing::warn!(
                dir = %dir.display(),
                "the verifier page is not built: run `bash verifier-web/bundle` (or set verify_page_dir)"
            );
            not_found()
        }
        Err(_) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_inside_the_bundle_are_served() {
        assert!(inside("pkg/guichet_verifier_web_bg.wasm").is_some());
        assert!(inside("../guichet.toml").is_none());
        assert!(inside("/etc/passwd").is_none());
        assert!(inside("pkg/../../x.js").is_none());
        assert!(inside(".git/config").is_none());
    }

    #[test]
    fn files_the_page_never_has_get_no_media_type() {
        assert_eq!(media_type("app.js"), Some("text/javascript; charset=utf-8"));
        assert_eq!(media_type("guichet.db"), None);
        assert_eq!(media_type("README"), None);
    }

    #[test]
    fn the_configuration_pins_the_anchor() {
        let js = config_js("ab12");
        assert!(js.contains("\"anchor\": \"ab12\""));
        assert!(js.contains("/.well-known/guichet/trust-list"));
        assert!(js.contains("\"revocationListUrl\": \"/.well-known/guichet/revocation-list\""));
        assert!(js.contains("\"checkUrl\": \"/api/v1/public/documents/{number}/check\""));
    }
}
