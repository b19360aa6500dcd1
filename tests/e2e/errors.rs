//! Bad input gets a clear problem, never a 500.

use guichet_tests::{TestApp, assert_problem, client::Body};
use reqwest::Method;

#[tokio::test]
async fn malformed_json_unknown_fields_and_oversized_bodies_get_4xx_problems() {
    let app = TestApp::spawn_with(|c| c.max_body_bytes = 4096).await;
    let api = app.client();
    let post = |body: &str, ct: &'static str| {
        api.send(
            Method::POST,
            "/api/v1/signin",
            &[],
            Body::Raw(ct, body.as_bytes().to_vec()),
        )
    };
    assert_problem(
        &post("{not json", "application/json").await,
        400,
        "malformed-request",
    );
    let resp = post(
        r#"{"challenge":"a","certificate":"b","signature":"c","admin":true}"#,
        "application/json",
    )
    .await;
    let p = assert_problem(&resp, 400, "malformed-request");
    assert_eq!(p["field"], "admin", "{p}");
    let resp = post(&"x".repeat(10_000), "application/json").await;
    assert_eq!(resp.status, 413, "{}", resp.text());
    resp.problem();
    let resp = post("{}", "text/plain").await;
    assert!(resp.status == 415 || resp.status == 400, "{}", resp.status);
    resp.problem();
    let resp = api.get_root("/api/v1/nowhere").await;
    assert_problem(&resp, 404, "not-found");
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_errors_repeat_it() {
    let app = TestApp::spawn().await;
    let resp = app.client().in_language("en").me().await;
    let rid = resp.header("x-request-id").unwrap().to_string();
    let p = assert_problem(&resp, 401, "unauthenticated");
    assert_eq!(p["request_id"], rid);
    assert_eq!(p["title"], "Sign-in required");
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::spawn().await;
    let api = app.client();
    api.get_root("/healthz").await.expect(200);
    api.get_root("/readyz").await.expect(200);
    api.me().await;
    let metrics = api.get_root("/metrics").await.expect(200).text();
    assert!(metrics.contains("guichet_http_requests_total"), "{metrics}");
}

/// The database's schema, one line per table, column, index and constraint, sorted: from
/// `sqlite_master` on SQLite, from the catalogs on PostgreSQL.
async fn schema(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let backend = db.get_database_backend();
    let queries: &[&str] = match backend {
        DbBackend::Sqlite => &[
            "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || COALESCE(sql, '') \
             FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
        ],
        _ => &[
            "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' \
             || is_nullable || ' ' || COALESCE(column_default, '') \
             FROM information_schema.columns WHERE table_schema = 'public'",
            "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'",
            "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' \
             || pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE connamespace = 'public'::regnamespace",
        ],
    };
    let mut lines = Vec::new();
    for sql in queries {
        let rows = db
            .query_all_raw(Statement::from_string(backend, *sql))
            .await
            .unwrap();
        for row in rows {
            lines.push(row.try_get_by_index::<String>(0).unwrap());
        }
    }
    lines.sort();
    lines
}

#[tokio::test]
async fn migrations_go_down_and_up_again_to_the_same_schema() {
    let app = TestApp::spawn().await;
    let db = &app.ctx.db;
    let applied = |s: Vec<(String, bool)>| s.iter().filter(|(_, a)| *a).count();
    let before = applied(guichet::store::migration_status(db).await.unwrap());
    assert!(before >= 1);
    let schema_before = schema(db).await;
    assert!(
        schema_before.iter().any(|l| l.contains("dossiers")),
        "{schema_before:#?}"
    );

    guichet::store::migrate_down(db, before as u32)
        .await
        .unwrap();
    assert_eq!(
        applied(guichet::store::migration_status(db).await.unwrap()),
        0
    );
    // Down removed everything but the migrations' own bookkeeping.
    let left: Vec<String> = schema(db)
        .await
        .into_iter()
        .filter(|l| !l.contains("seaql_migrations"))
        .collect();
    assert!(left.is_empty(), "left after going down: {left:#?}");

    guichet::store::migrate_up(db).await.unwrap();
    assert_eq!(
        applied(guichet::store::migration_status(db).await.unwrap()),
        before
    );
    let schema_after = schema(db).await;
    let lost: Vec<&String> = schema_before
        .iter()
        .filter(|l| !schema_after.contains(l))
        .collect();
    let gained: Vec<&String> = schema_after
        .iter()
        .filter(|l| !schema_before.contains(l))
        .collect();
    assert!(
        lost.is_empty() && gained.is_empty(),
        "the schema differs after down and up: lost {lost:#?}, gained {gained:#?}"
    );
}

#[tokio::test]
async fn a_method_the_path_does_not_have_gets_405_with_allow() {
    let app = TestApp::spawn().await;
    let api = app.client();
    let resp = api
        .send(
            Method::DELETE,
            "/api/v1/signin/challenges",
            &[],
            Body::Empty,
        )
        .await;
    assert_eq!(resp.header("allow"), Some("POST"));
    assert_problem(&resp, 405, "method-not-allowed");
    let resp = api
        .send(Method::PATCH, "/api/v1/me/certificates", &[], Body::Empty)
        .await;
    assert_eq!(resp.status, 405);
    assert_eq!(resp.header("allow"), Some("GET, POST"));
}
