//! Limits on guessing: sign-in challenges, sign-in, registration and its resend, and the public
//! document status answer 429 with `Retry-After` past their quota, per client address (IPv6 by
//! /64, told by a trusted proxy) and per subject, and let the next request through once the
//! clock has moved on.

use guichet::config::{Config, QuotaConfig};
use guichet_tests::{
    Agent, Citizen, Client, Person, Resp, TestApp, app::lifted_rate_limits, assert_problem,
};
use serde_json::json;
use time::Duration;

/// A server behind a trusted proxy on loopback, with `tweak`'s quotas (every other one lifted).
async fn behind_proxy(tweak: impl FnOnce(&mut Config)) -> TestApp {
    TestApp::spawn_with(|c| {
        c.rate_limits = lifted_rate_limits();
        c.rate_limits.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        tweak(c);
    })
    .await
}

/// A client whose requests the proxy forwards for `client`, in `lang`.
fn from(app: &TestApp, client: &str, lang: &str) -> Client {
    app.client()
        .with_header("x-forwarded-for", &format!("203.0.113.250, {client}"))
        .in_language(lang)
}

/// Asserts a 429 problem in `lang`'s words with `Retry-After: retry_after`.
async fn too_many(resp: Resp, title: &str, retry_after: u64) {
    let p = assert_problem(&resp, 429, "too-many-requests");
    assert_eq!(p["title"], title);
    assert_eq!(
        resp.header("retry-after"),
        Some(retry_after.to_string().as_str())
    );
}

async fn challenge(app: &TestApp, client: &str) -> Resp {
    from(app, client, "en").create_challenge().await
}

#[tokio::test]
async fn challenges_are_limited_per_address_and_an_ipv6_host_cannot_rotate_within_its_64() {
    let app = behind_proxy(|c| c.rate_limits.challenge_per_address = QuotaConfig::new(2, 60)).await;
    for _ in 0..2 {
        assert_eq!(challenge(&app, "192.0.2.1").await.status, 200);
    }
    let refused = from(&app, "192.0.2.1", "de").create_challenge().await;
    too_many(refused, "Zu viele Versuche", 30).await;
    assert_eq!(challenge(&app, "192.0.2.2").await.status, 200);

    for host in ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9"] {
        assert_eq!(challenge(&app, host).await.status, 200);
    }
    too_many(
        challenge(&app, "[2001:db8:1:2::77]:443").await,
        "Too many attempts",
        30,
    )
    .await;
    assert_eq!(challenge(&app, "2001:db8:1:3::1").await.status, 200);

    app.clock.advance(Duration::seconds(30));
    assert_eq!(challenge(&app, "192.0.2.1").await.status, 200);
    too_many(challenge(&app, "192.0.2.1").await, "Too many attempts", 30).await;
}

#[tokio::test]
async fn without_a_trusted_proxy_forwarded_addresses_are_not_believed() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = lifted_rate_limits();
        c.rate_limits.challenge_per_address = QuotaConfig::new(2, 60);
    })
    .await;
    for client in ["192.0.2.1", "192.0.2.2"] {
        assert_eq!(challenge(&app, client).await.status, 200);
    }
    // Every request came from 127.0.0.1, whatever the header claims.
    too_many(challenge(&app, "192.0.2.3").await, "Too many attempts", 30).await;
}

/// Signs in with a fresh challenge, both requests from `client`.
async fn sign_in(app: &TestApp, client: &str, who: &Citizen, key_pem: &str) -> Resp {
    let c = challenge(app, client).await.ok(200);
    let body = Citizen::signed(
        c["challenge"].as_str().unwrap(),
        &who.creds.authentication.cert_pem,
        key_pem,
    );
    from(app, client, "en").sign_in(body).await
}

#[tokio::test]
async fn whoever_knows_a_certificate_cannot_spend_its_holders_sign_ins() {
    let app = behind_proxy(|c| {
        c.rate_limits.signin_per_address = QuotaConfig::new(3, 60);
        c.rate_limits.signin_per_certificate = QuotaConfig::new(2, 60);
    })
    .await;
    let marie = Citizen::marie();
    let jc = Citizen::jean_claude();
    // An attacker with Marie's certificate but not her key: refused, then stopped by address.
    let wrong_key = &jc.creds.authentication.key_pem;
    for _ in 0..3 {
        let resp = sign_in(&app, "198.51.100.66", &marie, wrong_key).await;
        assert_problem(&resp, 401, "signature-invalid");
    }
    too_many(
        sign_in(&app, "198.51.100.66", &marie, wrong_key).await,
        "Too many attempts",
        20,
    )
    .await;

    // Marie's own quota is whole: the attacker's failures were not counted against it.
    let key = &marie.creds.authentication.key_pem;
    for client in ["192.0.2.10", "192.0.2.11"] {
        assert_eq!(sign_in(&app, client, &marie, key).await.status, 202);
    }
    too_many(
        sign_in(&app, "192.0.2.12", &marie, key).await,
        "Too many attempts",
        30,
    )
    .await;
    let jc_key = &jc.creds.authentication.key_pem;
    assert_eq!(sign_in(&app, "192.0.2.12", &jc, jc_key).await.status, 202);

    app.clock.advance(Duration::seconds(30));
    assert_eq!(sign_in(&app, "192.0.2.12", &marie, key).await.status, 202);
}

/// A registration token for `who`.
async fn registration_token(app: &TestApp, who: &Citizen) -> String {
    let key = &who.creds.authentication.key_pem;
    let body = sign_in(app, "192.0.2.200", who, key).await.ok(202);
    body["registration_token"].as_str().unwrap().to_string()
}

async fn start(app: &TestApp, client: &str, token: &str, who: &Citizen, email: &str) -> Resp {
    let body = json!({ "email": email, "matricule": who.matricule });
    from(app, client, "en")
        .with_token(token)
        .start_registration(body)
        .await
}

#[tokio::test]
async fn registration_is_limited_per_address_person_and_mailbox() {
    let app = behind_proxy(|c| {
        c.rate_limits.registration_per_address = QuotaConfig::new(3, 600);
        c.rate_limits.registration_per_person = QuotaConfig::new(3, 600);
        c.rate_limits.registration_per_email = QuotaConfig::new(1, 600);
    })
    .await;
    let (marie, jc) = (Citizen::marie(), Citizen::jean_claude());
    let (m, j) = (
        registration_token(&app, &marie).await,
        registration_token(&app, &jc).await,
    );
    let (a, b, c) = ("192.0.2.1", "192.0.2.2", "192.0.2.3");

    assert_eq!(
        start(&app, a, &m, &marie, "one@example.lu").await.status,
        202
    );
    // One mail per hour... per 10 minutes here, to one mailbox, whatever the case.
    let resend = from(&app, a, "fr")
        .with_token(&m)
        .resend_registration()
        .await;
    too_many(resend, "Trop de tentatives", 600).await;
    too_many(
        start(&app, b, &m, &marie, "ONE@example.lu").await,
        "Too many attempts",
        600,
    )
    .await;
    // Marie has now tried three times: her fourth is refused from a fresh address.
    too_many(
        start(&app, c, &m, &marie, "two@example.lu").await,
        "Too many attempts",
        200,
    )
    .await;
    // Another person still registers from the first address, until its third request.
    assert_eq!(start(&app, a, &j, &jc, "jc@example.lu").await.status, 202);
    too_many(
        start(&app, a, &j, &jc, "jc2@example.lu").await,
        "Too many attempts",
        200,
    )
    .await;

    app.clock.advance(Duration::seconds(600));
    let resend = from(&app, c, "en")
        .with_token(&m)
        .resend_registration()
        .await;
    resend.expect(202);
    app.smtp.wait_for("one@example.lu", 2).await;
}

async fn status(app: &TestApp, client: &str, number: &str) -> Resp {
    from(app, client, "en").document_status(number).await
}

/// Marie's first issued document's number, once the justice agent accepted her request.
async fn issued_number(app: &TestApp) -> String {
    let marie = Person::marie(app).await;
    marie.add_signature_certificate(app).await;
    let dossier = marie.transmit_criminal_record().await;
    let agent = Agent::justice(app).await;
    for status in ["in_processing", "accepted"] {
        agent
            .api
            .decide(&dossier, status, Some("Demande complète"))
            .await
            .ok(200);
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let page = marie.api.communications(&marie.space).await.ok(200);
        if let Some(number) = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|c| c["document_number"].as_str())
        {
            return number.to_string();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no document was issued"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_public_status_is_limited_per_address_and_per_document() {
    let app = behind_proxy(|c| {
        c.rate_limits.status_per_address = QuotaConfig::new(3, 60);
        c.rate_limits.status_per_document = QuotaConfig::new(2, 60);
    })
    .await;
    let number = issued_number(&app).await;
    let unknown = "0".repeat(number.len());

    // Guessing numbers: every read counts against the address.
    for _ in 0..3 {
        assert_eq!(status(&app, "192.0.2.1", &unknown).await.status, 404);
    }
    too_many(
        status(&app, "192.0.2.1", &number).await,
        "Too many attempts",
        20,
    )
    .await;

    // One document read from many addresses: its own quota.
    for client in ["192.0.2.2", "192.0.2.3"] {
        let resp = status(&app, client, &number).await;
        assert_eq!(resp.ok(200)["status"], "valid");
    }
    too_many(
        status(&app, "192.0.2.4", &number).await,
        "Too many attempts",
        30,
    )
    .await;
    assert_eq!(status(&app, "192.0.2.4", &unknown).await.status, 404);

    app.clock.advance(Duration::seconds(30));
    assert_eq!(status(&app, "192.0.2.4", &number).await.status, 200);
    assert_eq!(status(&app, "192.0.2.1", &unknown).await.status, 404);
}
