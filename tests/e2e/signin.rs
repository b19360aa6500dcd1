//! Sign-in: what is accepted, what is refused, and how sessions end.

use guichet_identity::{DevCa, KeyAlgorithm};
use guichet_tests::{Citizen, TestApp, app::problem, citizen::dev_ca, citizen::spec};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

async fn refused(app: &TestApp, who: &Citizen) -> (u16, Value) {
    let c = Citizen::challenge(app).await;
    let body = Citizen::signed(
        &c,
        &who.creds.authentication.cert_pem,
        &who.creds.authentication.key_pem,
    );
    problem(app.post_json("/api/v1/signin", None, body).await).await
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_ca_is_refused() {
    let app = TestApp::spawn().await;
    let rogue = DevCa::generate(
        "guichet development CA - TEST ONLY",
        OffsetDateTime::now_utc(),
    )
    .unwrap();
    let who = Citizen::with(
        &rogue,
        spec("1984031204237", "Marie", "Schmit", KeyAlgorithm::Ed25519),
        "m@example.lu",
    );
    let (status, p) = refused(&app, &who).await;
    assert_eq!(status, 403);
    assert_eq!(p["type"], "urn:guichet:problem:certificate-rejected");
    assert_eq!(p["reason"], "untrusted-issuer");
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let app = TestApp::spawn().await;
    let mut s = spec("1984031204237", "Marie", "Schmit", KeyAlgorithm::Ed25519);
    s.not_before = OffsetDateTime::now_utc() - Duration::days(400);
    s.not_after = OffsetDateTime::now_utc() - Duration::days(1);
    let who = Citizen::with(&dev_ca(), s, "m@example.lu");
    let (status, p) = refused(&app, &who).await;
    assert_eq!((status, p["reason"].as_str().unwrap()), (403, "expired"));
}

#[tokio::test]
async fn a_revoked_certificate_is_refused_once_the_operator_imports_the_crl() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    marie.register(&app).await;
    let now = OffsetDateTime::now_utc();
    let crl = dev_ca()
        .crl(
            &[marie.creds.authentication.serial_hex.as_str()],
            now - Duration::minutes(1),
            now + Duration::days(7),
        )
        .unwrap();
    guichet::service::revocation::import(&app.ctx, &crl)
        .await
        .unwrap();
    let (status, p) = refused(&app, &marie).await;
    assert_eq!((status, p["reason"].as_str().unwrap()), (403, "revoked"));
}

#[tokio::test]
async fn a_signature_certificate_cannot_be_used_to_sign_in() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &marie.creds.signature.cert_pem,
        &marie.creds.signature.key_pem,
    );
    let (status, p) = problem(app.post_json("/api/v1/signin", None, body).await).await;
    assert_eq!(
        (status, p["reason"].as_str().unwrap()),
        (403, "wrong-usage")
    );
}

#[tokio::test]
async fn a_replayed_challenge_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    marie.register(&app).await;
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &marie.creds.authentication.cert_pem,
        &marie.creds.authentication.key_pem,
    );
    let first = app.post_json("/api/v1/signin", None, body.clone()).await;
    assert_eq!(first.status(), 200);
    let (status, p) = problem(app.post_json("/api/v1/signin", None, body).await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (401, "urn:guichet:problem:challenge-invalid")
    );
}

#[tokio::test]
async fn an_expired_or_invented_challenge_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let c = Citizen::challenge(&app).await;
    app.clock.advance(Duration::minutes(3));
    let body = Citizen::signed(
        &c,
        &marie.creds.authentication.cert_pem,
        &marie.creds.authentication.key_pem,
    );
    let (status, _) = problem(app.post_json("/api/v1/signin", None, body).await).await;
    assert_eq!(status, 401);
    let body = Citizen::signed(
        "made-up",
        &marie.creds.authentication.cert_pem,
        &marie.creds.authentication.key_pem,
    );
    let (status, _) = problem(app.post_json("/api/v1/signin", None, body).await).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_signature_by_another_key_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &marie.creds.authentication.cert_pem,
        &marie.creds.signature.key_pem,
    );
    let (status, p) = problem(app.post_json("/api/v1/signin", None, body).await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (401, "urn:guichet:problem:signature-invalid")
    );
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    marie.register(&app).await;
    let (_, tokens) = marie.sign_in(&app).await;
    let r1 = tokens["refresh_token"].as_str().unwrap().to_string();
    let resp = app
        .post_json(
            "/api/v1/session/refresh",
            None,
            json!({ "refresh_token": r1 }),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let t2: Value = resp.json().await.unwrap();
    let a2 = t2["access_token"].as_str().unwrap().to_string();
    assert_eq!(app.get("/api/v1/me", Some(&a2)).await.status(), 200);

    // A thief replays the first refresh token: the whole session ends.
    let (status, _) = problem(
        app.post_json(
            "/api/v1/session/refresh",
            None,
            json!({ "refresh_token": r1 }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(app.get("/api/v1/me", Some(&a2)).await.status(), 401);
    let r2 = t2["refresh_token"].as_str().unwrap();
    let (status, _) = problem(
        app.post_json(
            "/api/v1/session/refresh",
            None,
            json!({ "refresh_token": r2 }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn access_tokens_expire_and_sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let access = marie.register(&app).await;
    assert_eq!(app.get("/api/v1/me", Some(&access)).await.status(), 200);
    app.clock.advance(Duration::minutes(11));
    assert_eq!(app.get("/api/v1/me", Some(&access)).await.status(), 401);

    let access = marie.access_token(&app).await;
    let resp = app
        .post_json("/api/v1/session/signout", Some(&access), json!({}))
        .await;
    assert_eq!(resp.status(), 204);
    let (status, p) = problem(app.get("/api/v1/me", Some(&access)).await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (401, "urn:guichet:problem:unauthenticated")
    );
}

#[tokio::test]
async fn tokens_are_stored_only_as_hashes() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let access = marie.register(&app).await;
    use sea_orm::EntityTrait;
    let rows = guichet::store::entities::tokens::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.hash.len() == 64 && !access.contains(&r.hash))
    );
    assert!(
        rows.iter()
            .any(|r| r.hash == guichet::service::tokens::hash(&access))
    );
}

#[tokio::test]
async fn a_c_lu_certificate_from_a_sub_ca_constrained_to_c_be_is_refused_and_opens_no_session() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    marie.register(&app).await;
    let tokens = || guichet::store::entities::tokens::Entity::find().count(&app.ctx.db);
    let before = tokens().await.unwrap();
    let now = OffsetDateTime::now_utc();
    let belgian = dev_ca()
        .constrained_intermediate(
            "BE citizen CA",
            "BE",
            now - Duration::days(1),
            now + Duration::days(365),
        )
        .unwrap();
    let luxembourgish = belgian
        .mint_person_in(
            &spec("1984031204237", "Marie", "Schmit", KeyAlgorithm::Ed25519),
            "LU",
        )
        .unwrap()
        .authentication;
    let chain_pem = format!("{}{}", luxembourgish.cert_pem, belgian.cert_pem());

    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(&c, &chain_pem, &luxembourgish.key_pem);
    let (status, p) = problem(app.post_json("/api/v1/signin", None, body).await).await;

    assert_eq!(status, 403);
    assert_eq!(p["type"], "urn:guichet:problem:certificate-rejected");
    assert_eq!(p["reason"], "untrusted-issuer");
    assert_eq!(tokens().await.unwrap(), before);
}
