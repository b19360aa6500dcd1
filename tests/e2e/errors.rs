//! Bad input gets a clear problem, never a 500.

use guichet_tests::{TestApp, app::problem};

#[tokio::test]
async fn malformed_json_unknown_fields_and_oversized_bodies_get_4xx_problems() {
    let app = TestApp::spawn_with(|c| c.max_body_bytes = 4096).await;
    let post = |body: String, ct: &'static str| {
        app.http
            .post(app.url("/api/v1/signin"))
            .header("content-type", ct)
            .body(body)
            .send()
    };
    let (status, p) = problem(post("{not json".into(), "application/json").await.unwrap()).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (400, "urn:guichet:problem:malformed-request")
    );
    let (status, p) = problem(
        post(
            r#"{"challenge":"a","certificate":"b","signature":"c","admin":true}"#.into(),
            "application/json",
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(p["field"], "admin", "{p}");
    let (status, _) = problem(post("x".repeat(10_000), "application/json").await.unwrap()).await;
    assert_eq!(status, 413);
    let (status, _) = problem(post("{}".into(), "text/plain").await.unwrap()).await;
    assert!(status == 415 || status == 400, "{status}");
    let (status, p) = problem(app.get("/api/v1/nowhere", None).await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (404, "urn:guichet:problem:not-found")
    );
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_errors_repeat_it() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .get(app.url("/api/v1/me"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let rid = resp.headers()["x-request-id"].to_str().unwrap().to_string();
    let (status, p) = problem(resp).await;
    assert_eq!(status, 401);
    assert_eq!(p["request_id"], rid);
    assert_eq!(p["title"], "Sign-in required");
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz", None).await.status(), 200);
    assert_eq!(app.get("/readyz", None).await.status(), 200);
    app.get("/api/v1/me", None).await;
    let metrics = app.get("/metrics", None).await.text().await.unwrap();
    assert!(metrics.contains("guichet_http_requests_total"), "{metrics}");
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let app = TestApp::spawn().await;
    let db = &app.ctx.db;
    let applied = |s: Vec<(String, bool)>| s.iter().filter(|(_, a)| *a).count();
    let before = applied(guichet::store::migration_status(db).await.unwrap());
    assert!(before >= 1);
    guichet::store::migrate_down(db, before as u32)
        .await
        .unwrap();
    assert_eq!(
        applied(guichet::store::migration_status(db).await.unwrap()),
        0
    );
    guichet::store::migrate_up(db).await.unwrap();
    assert_eq!(
        applied(guichet::store::migration_status(db).await.unwrap()),
        before
    );
}

#[tokio::test]
async fn a_method_the_path_does_not_have_gets_405_with_allow() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .delete(app.url("/api/v1/signin/challenges"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "POST");
    let (status, p) = problem(resp).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (405, "urn:guichet:problem:method-not-allowed")
    );
    let resp = app
        .http
        .patch(app.url("/api/v1/me/certificates"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    assert_eq!(resp.headers()["allow"], "GET, POST");
}
