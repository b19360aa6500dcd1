//! The employer's verifier page at `/verify`: the bundle's files, served with a strict
//! Content-Security-Policy, and `config.js` pinning the anchor the server publishes.
//! (The page itself is tested in a real browser by `verifier-web/tests`, run by `.ci/web`.)

use guichet_tests::app::TestApp;
use guichet_tests::client::Body;

/// A bundle directory with an index and a script, as `verifier-web/bundle` writes.
fn bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>verify</title>",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("pkg")).unwrap();
    std::fs::write(dir.path().join("pkg/module.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.path().join("secret.toml"), "not served").unwrap();
    dir
}

#[tokio::test]
async fn the_page_is_served_with_a_policy_that_allows_only_its_own_code() {
    let dir = bundle();
    let path = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |c| c.verify_page_dir = path).await;
    let api = app.client();

    let page = api.get_root("/verify").await.expect(200);
    assert!(page.text().contains("<title>verify</title>"));
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");

    let wasm = api.get_root("/verify/pkg/module.wasm").await.expect(200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn the_page_pins_the_trust_anchor_the_server_publishes() {
    let dir = bundle();
    let path = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |c| c.verify_page_dir = path).await;
    let api = app.client();

    let anchor = api
        .get_root("/.well-known/guichet/trust-anchor")
        .await
        .expect(200)
        .text();
    let config = api.get_root("/verify/config.js").await.expect(200).text();

    assert!(
        config.contains(&format!("\"anchor\": \"{}\"", anchor.trim())),
        "{config}"
    );
    assert!(config.contains("\"trustListUrl\": \"/.well-known/guichet/trust-list\""));
}

#[tokio::test]
async fn nothing_outside_the_bundle_nor_of_another_kind_is_served() {
    let dir = bundle();
    let path = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |c| c.verify_page_dir = path).await;
    let api = app.client();

    api.get_root("/verify/secret.toml").await.expect(404);
    api.get_root("/verify/%2e%2e/%2e%2e/Cargo.toml")
        .await
        .expect(404);
    api.get_root("/verify/missing.js").await.expect(404);
}

#[tokio::test]
async fn an_unbuilt_page_is_not_found() {
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_path_buf();
    let app = TestApp::spawn_with(move |c| c.verify_page_dir = path).await;

    app.client().get_root("/verify/").await.expect(404);
    app.client().get_root("/verify/app.js").await.expect(404);
}

/// The well-known documents a copy of the page on another host fetches.
const WELL_KNOWN: [&str; 3] = [
    "/.well-known/guichet/trust-list",
    "/.well-known/guichet/revocation-list",
    "/.well-known/guichet/trust-anchor",
];

#[tokio::test]
async fn a_page_on_another_host_may_read_the_trust_and_revocation_lists() {
    let app = TestApp::spawn().await;
    let elsewhere = app
        .client()
        .with_header("origin", "https://verify.employer.example");

    for path in WELL_KNOWN {
        let resp = elsewhere.get_root(path).await.expect(200);
        assert_eq!(
            resp.header("access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(
            resp.header("access-control-expose-headers"),
            Some("etag"),
            "{path}"
        );
        assert_eq!(
            resp.header("cross-origin-resource-policy"),
            Some("cross-origin"),
            "{path}"
        );
        assert_eq!(
            resp.header("cache-control"),
            Some("public, max-age=300"),
            "{path}"
        );
        let etag = resp.header("etag").unwrap().to_string();

        // Revalidated from the other origin: 304, still readable there.
        let again = elsewhere
            .with_header("if-none-match", &etag)
            .get_root(path)
            .await;
        assert_eq!(again.status, 304, "{path}");
        assert_eq!(
            again.header("access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_preflight_of_a_cross_origin_revalidation_is_answered() {
    let app = TestApp::spawn().await;
    let preflight = app
        .client()
        .with_header("origin", "https://verify.employer.example")
        .with_header("access-control-request-method", "GET")
        .with_header("access-control-request-headers", "if-none-match");

    for path in WELL_KNOWN {
        let resp = preflight
            .send(reqwest::Method::OPTIONS, path, &[], Body::Empty)
            .await;
        assert_eq!(resp.status, 204, "{path}");
        assert_eq!(
            resp.header("access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(
            resp.header("access-control-allow-methods"),
            Some("GET"),
            "{path}"
        );
        let allowed = resp.header("access-control-allow-headers").unwrap();
        assert!(allowed.contains("if-none-match"), "{path}: {allowed}");
        assert_eq!(
            resp.header("access-control-max-age"),
            Some("86400"),
            "{path}"
        );
    }
}
