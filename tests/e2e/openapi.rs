//! The committed OpenAPI document is the one the server serves.

use guichet_tests::{TestApp, repo_path};

#[tokio::test]
async fn served_openapi_matches_the_committed_document() {
    let app = TestApp::spawn().await;
    let served = app
        .get("/api/openapi.json", None)
        .await
        .text()
        .await
        .unwrap();
    let path = repo_path("openapi.json");
    if std::env::var("GUICHET_UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &served).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        served == committed,
        "openapi.json drifted from the served document: run `GUICHET_UPDATE_OPENAPI=1 cargo test -p guichet-tests --test e2e openapi` and commit it"
    );
    let docs = app.get("/api/docs", None).await;
    assert_eq!(docs.status(), 200);
}
