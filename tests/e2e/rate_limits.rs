//! Limits on guessing: sign-in challenges, sign-in, registration and its resend, and the public
//! document status answer 429 with `Retry-After` past their quota, per client address (IPv6 by
//! /64, told by a trusted proxy) and per subject, and let the next request through once the
//! clock has moved on.

use guichet::config::{Config, QuotaConfig};
use guichet_tests::{
    Citizen, TestApp,
    app::{lifted_rate_limits, problem},
    dossier::{agent_token, justice_agent, ok, transmitted_criminal_record},
};
use serde_json::{Value, json};
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

/// A request as the proxy forwards it for `client`, in `lang`.
async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    client: &str,
    lang: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app
        .http
        .request(method, app.url(path))
        .header("x-forwarded-for", format!("203.0.113.250, {client}"))
        .header("accept-language", lang);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

async fn post(
    app: &TestApp,
    path: &str,
    client: &str,
    token: Option<&str>,
    body: Value,
) -> reqwest::Response {
    send(
        app,
        reqwest::Method::POST,
        path,
        client,
        "en",
        token,
        Some(body),
    )
    .await
}

/// Asserts a 429 problem in `lang`'s words with `Retry-After: retry_after`.
async fn too_many(resp: reqwest::Response, title: &str, retry_after: u64) {
    let header = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string());
    let (status, p) = problem(resp).await;
    assert_eq!(status, 429, "{p}");
    assert_eq!(p["type"], "urn:guichet:problem:too-many-requests");
    assert_eq!(p["title"], title);
    assert_eq!(header, Some(retry_after.to_string()));
}

async fn challenge(app: &TestApp, client: &str) -> reqwest::Response {
    post(app, "/api/v1/signin/challenges", client, None, json!({})).await
}

#[tokio::test]
async fn challenges_are_limited_per_address_and_an_ipv6_host_cannot_rotate_within_its_64() {
    let app = behind_proxy(|c| c.rate_limits.challenge_per_address = QuotaConfig::new(2, 60)).await;
    for _ in 0..2 {
        assert_eq!(challenge(&app, "192.0.2.1").await.status(), 200);
    }
    let refused = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/signin/challenges",
        "192.0.2.1",
        "de",
        None,
        Some(json!({})),
    )
    .await;
    too_many(refused, "Zu viele Versuche", 30).await;
    assert_eq!(challenge(&app, "192.0.2.2").await.status(), 200);

    for host in ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9"] {
        assert_eq!(challenge(&app, host).await.status(), 200);
    }
    too_many(
        challenge(&app, "[2001:db8:1:2::77]:443").await,
        "Too many attempts",
        30,
    )
    .await;
    assert_eq!(challenge(&app, "2001:db8:1:3::1").await.status(), 200);

    app.clock.advance(Duration::seconds(30));
    assert_eq!(challenge(&app, "192.0.2.1").await.status(), 200);
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
        assert_eq!(challenge(&app, client).await.status(), 200);
    }
    // Every request came from 127.0.0.1, whatever the header claims.
    too_many(challenge(&app, "192.0.2.3").await, "Too many attempts", 30).await;
}

/// Signs in with a fresh challenge, both requests from `client`.
async fn sign_in(app: &TestApp, client: &str, who: &Citizen, key_pem: &str) -> reqwest::Response {
    let resp = challenge(app, client).await;
    let c = resp.json::<Value>().await.unwrap()["challenge"]
        .as_str()
        .unwrap()
        .to_string();
    let body = Citizen::signed(&c, &who.creds.authentication.cert_pem, key_pem);
    post(app, "/api/v1/signin", client, None, body).await
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
        let (status, _) = problem(sign_in(&app, "198.51.100.66", &marie, wrong_key).await).await;
        assert_eq!(status, 401);
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
        assert_eq!(sign_in(&app, client, &marie, key).await.status(), 202);
    }
    too_many(
        sign_in(&app, "192.0.2.12", &marie, key).await,
        "Too many attempts",
        30,
    )
    .await;
    let jc_key = &jc.creds.authentication.key_pem;
    assert_eq!(sign_in(&app, "192.0.2.12", &jc, jc_key).await.status(), 202);

    app.clock.advance(Duration::seconds(30));
    assert_eq!(sign_in(&app, "192.0.2.12", &marie, key).await.status(), 202);
}

/// A registration token for `who`.
async fn registration_token(app: &TestApp, who: &Citizen) -> String {
    let key = &who.creds.authentication.key_pem;
    let resp = sign_in(app, "192.0.2.200", who, key).await;
    assert_eq!(resp.status(), 202);
    resp.json::<Value>().await.unwrap()["registration_token"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn start(
    app: &TestApp,
    client: &str,
    token: &str,
    who: &Citizen,
    email: &str,
) -> reqwest::Response {
    let body = json!({ "email": email, "matricule": who.matricule });
    post(app, "/api/v1/registrations", client, Some(token), body).await
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
        start(&app, a, &m, &marie, "one@example.lu").await.status(),
        202
    );
    // One mail per hour... per 10 minutes here, to one mailbox, whatever the case.
    let resend = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/registrations/resend",
        a,
        "fr",
        Some(&m),
        None,
    )
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
    assert_eq!(start(&app, a, &j, &jc, "jc@example.lu").await.status(), 202);
    too_many(
        start(&app, a, &j, &jc, "jc2@example.lu").await,
        "Too many attempts",
        200,
    )
    .await;

    app.clock.advance(Duration::seconds(600));
    let resend = post(&app, "/api/v1/registrations/resend", c, Some(&m), json!({})).await;
    assert_eq!(resend.status(), 202, "{}", resend.text().await.unwrap());
    app.smtp.wait_for("one@example.lu", 2).await;
}

async fn status(app: &TestApp, client: &str, number: &str) -> reqwest::Response {
    let path = format!("/api/v1/public/documents/{number}/status");
    send(app, reqwest::Method::GET, &path, client, "en", None, None).await
}

/// Marie's first issued document's number, once the justice agent accepted her request.
async fn issued_number(app: &TestApp) -> String {
    let marie = Citizen::marie();
    let (token, dossier) = transmitted_criminal_record(app, &marie).await;
    let agent = agent_token(app, &justice_agent()).await;
    let path = format!("/api/v1/backoffice/dossiers/{dossier}/status");
    for status in ["in_processing", "accepted"] {
        let body = json!({"status": status, "reason": "Demande complète"});
        ok(app.post_json(&path, Some(&agent), body).await, 200).await;
    }
    let space = Citizen::private_space(app, &token).await;
    let list = format!("/api/v1/spaces/{space}/communications?per_page=100");
    for _ in 0..300 {
        let page = ok(app.get(&list, Some(&token)).await, 200).await;
        if let Some(number) = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|c| c["document_number"].as_str())
        {
            return number.to_string();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no document was issued");
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
        assert_eq!(status(&app, "192.0.2.1", &unknown).await.status(), 404);
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
        assert_eq!(ok(resp, 200).await["status"], "valid");
    }
    too_many(
        status(&app, "192.0.2.4", &number).await,
        "Too many attempts",
        30,
    )
    .await;
    assert_eq!(status(&app, "192.0.2.4", &unknown).await.status(), 404);

    app.clock.advance(Duration::seconds(30));
    assert_eq!(status(&app, "192.0.2.4", &number).await.status(), 200);
    assert_eq!(status(&app, "192.0.2.1", &unknown).await.status(), 404);
}
