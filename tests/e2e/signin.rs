//! Sign-in: what is accepted, what is refused, and how sessions end.

use guichet_identity::{DevCa, KeyAlgorithm};
use guichet_tests::{Citizen, Resp, TestApp, assert_problem, citizen::dev_ca, citizen::spec};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

/// Signs `who` in with a fresh challenge; returns the answer.
async fn refused(app: &TestApp, who: &Citizen) -> Resp {
    let body = who.signed_challenge(app).await;
    app.client().sign_in(body).await
}

/// Signs in with `body`.
async fn sign_in(app: &TestApp, body: Value) -> Resp {
    app.client().sign_in(body).await
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
    let p = assert_problem(&refused(&app, &who).await, 403, "certificate-rejected");
    assert_eq!(p["reason"], "untrusted-issuer");
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let app = TestApp::spawn().await;
    let mut s = spec("1984031204237", "Marie", "Schmit", KeyAlgorithm::Ed25519);
    s.not_before = OffsetDateTime::now_utc() - Duration::days(400);
    s.not_after = OffsetDateTime::now_utc() - Duration::days(1);
    let who = Citizen::with(&dev_ca(), s, "m@example.lu");
    let p = assert_problem(&refused(&app, &who).await, 403, "certificate-rejected");
    assert_eq!(p["reason"], "expired");
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
    let p = assert_problem(&refused(&app, &marie).await, 403, "certificate-rejected");
    assert_eq!(p["reason"], "revoked");
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
    let p = assert_problem(&sign_in(&app, body).await, 403, "certificate-rejected");
    assert_eq!(p["reason"], "wrong-usage");
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
    sign_in(&app, body.clone()).await.expect(200);
    assert_problem(&sign_in(&app, body).await, 401, "challenge-invalid");
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
    assert_problem(&sign_in(&app, body).await, 401, "challenge-invalid");
    let body = Citizen::signed(
        "made-up",
        &marie.creds.authentication.cert_pem,
        &marie.creds.authentication.key_pem,
    );
    assert_problem(&sign_in(&app, body).await, 401, "challenge-invalid");
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
    assert_problem(&sign_in(&app, body).await, 401, "signature-invalid");
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    marie.register(&app).await;
    let (_, tokens) = marie.sign_in(&app).await;
    let r1 = tokens["refresh_token"].as_str().unwrap().to_string();
    let api = app.client();
    let t2 = api.refresh_session(&r1).await.ok(200);
    let a2 = api.with_token(t2["access_token"].as_str().unwrap());
    a2.me().await.expect(200);
    // A thief replays the first refresh token: the whole session ends.
    assert_problem(&api.refresh_session(&r1).await, 401, "unauthenticated");
    assert_problem(&a2.me().await, 401, "unauthenticated");
    let r2 = t2["refresh_token"].as_str().unwrap();
    assert_problem(&api.refresh_session(r2).await, 401, "unauthenticated");
}

#[tokio::test]
async fn access_tokens_expire_and_sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let access = app.client().with_token(&marie.register(&app).await);
    access.me().await.expect(200);
    app.clock.advance(Duration::minutes(11));
    assert_problem(&access.me().await, 401, "unauthenticated");
    let access = app.client().with_token(&marie.access_token(&app).await);
    access.sign_out().await.expect(204);
    assert_problem(&access.me().await, 401, "unauthenticated");
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
    let p = assert_problem(&sign_in(&app, body).await, 403, "certificate-rejected");
    assert_eq!(p["reason"], "untrusted-issuer");
    assert_eq!(tokens().await.unwrap(), before);
}
