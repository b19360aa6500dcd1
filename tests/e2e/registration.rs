//! Registration: the first journey of a citizen, and every way it can go wrong.

use guichet_identity::KeyAlgorithm;
use guichet_tests::{
    Citizen, TestApp, app::problem, citizen::dev_ca, citizen::spec, smtp_sink::link_token,
};
use serde_json::{Value, json};
use time::Duration;

async fn start(app: &TestApp, who: &Citizen, matricule: &str, lang: &str) -> reqwest::Response {
    let (status, body) = who.sign_in(app).await;
    assert_eq!(status, 202, "{body}");
    let reg = body["registration_token"].as_str().unwrap();
    app.http
        .post(app.url("/api/v1/registrations"))
        .bearer_auth(reg)
        .header("accept-language", lang)
        .json(&json!({ "email": who.email, "matricule": matricule }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn new_person_registers_by_mail_and_reads_a_private_space_prefilled_from_the_register() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();

    let (status, body) = marie.sign_in(&app).await;
    assert_eq!(status, 202);
    assert_eq!(body["given_names"], "Marie");
    let reg = body["registration_token"].as_str().unwrap().to_string();
    let resp = app
        .post_json(
            "/api/v1/registrations",
            Some(&reg),
            json!({ "email": marie.email, "matricule": marie.matricule }),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let mail = app.smtp.wait_for(&marie.email, 1).await;
    assert!(
        mail.subject.contains("inscription"),
        "French by default: {}",
        mail.subject
    );
    assert!(mail.body.contains("72"), "{}", mail.body);
    let token = link_token(&mail.body);

    // The link opens a page with the terms; accepting them completes the registration.
    let page = app
        .get(&format!("/registration/confirm?token={token}"), None)
        .await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("accept_terms"));
    let resp = app
        .post_json(
            "/api/v1/registrations/confirm",
            None,
            json!({ "token": token, "accept_terms": true }),
        )
        .await;
    assert_eq!(resp.status(), 200);

    let access = marie.access_token(&app).await;
    let me: Value = app
        .get("/api/v1/me", Some(&access))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["matricule"], marie.matricule);
    assert_eq!(me["spaces"].as_array().unwrap().len(), 1);
    let space = me["private_space_id"].as_str().unwrap();
    let resp = app
        .get(&format!("/api/v1/spaces/{space}/profile"), Some(&access))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"1\"");
    let profile: Value = resp.json().await.unwrap();
    let data = &profile["data"];
    assert_eq!(data["family_name"], "Schmit");
    assert_eq!(data["birth_date"], "1984-03-12");
    assert_eq!(data["street"], "Rue de la Gare");
    assert_eq!(data["postcode"], "L-1611");
    assert_eq!(data["email"], marie.email);
    let family = profile["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "family_name")
        .unwrap()
        .clone();
    assert_eq!(
        family,
        json!({"name": "family_name", "mandatory": true, "source": "national_register", "editable": false})
    );

    let log: Value = app
        .get(&format!("/api/v1/spaces/{space}/access-log"), Some(&access))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log[0]["action"], "profile.read");
    assert_eq!(log[0]["actor"], me["id"]);
}

#[tokio::test]
async fn a_second_certificate_reaches_the_same_private_space() {
    let app = TestApp::spawn().await;
    let jc = Citizen::jean_claude();
    let access = jc.register(&app).await;
    let space = Citizen::private_space(&app, &access).await;

    // A new card: same person, another key (Ed25519 this time).
    let card = Citizen::with(
        &dev_ca(),
        spec(&jc.matricule, "Jean-Claude", "Weber", KeyAlgorithm::Ed25519),
        &jc.email,
    );
    let (status, _) = card.sign_in(&app).await;
    assert_eq!(status, 202, "unknown until registered");
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &card.creds.authentication.cert_pem,
        &card.creds.authentication.key_pem,
    );
    let resp = app
        .post_json("/api/v1/me/certificates", Some(&access), body)
        .await;
    assert_eq!(resp.status(), 201);
    // The signature certificate too, for signing procedures later.
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &card.creds.signature.cert_pem,
        &card.creds.signature.key_pem,
    );
    let resp = app
        .post_json("/api/v1/me/certificates", Some(&access), body)
        .await;
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.json::<Value>().await.unwrap()["usage"], "signature");

    let access2 = card.access_token(&app).await;
    assert_eq!(Citizen::private_space(&app, &access2).await, space);
    let certs: Value = app
        .get("/api/v1/me/certificates", Some(&access2))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(certs.as_array().unwrap().len(), 3);

    // Someone else's certificate cannot be added to this space.
    let marie = Citizen::marie();
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &marie.creds.authentication.cert_pem,
        &marie.creds.authentication.key_pem,
    );
    let (status, p) = problem(
        app.post_json("/api/v1/me/certificates", Some(&access), body)
            .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (422, "urn:guichet:problem:matricule-mismatch")
    );
}

#[tokio::test]
async fn a_wrong_check_digit_is_refused_naming_the_field_in_the_users_language() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let mut wrong = marie.matricule.clone();
    let last = wrong.pop().unwrap();
    wrong.push(if last == '9' {
        '0'
    } else {
        char::from(last as u8 + 1)
    });
    for (lang, word) in [
        ("de-LU", "Prüfziffern"),
        ("en", "check digits"),
        ("fr", "chiffres de contrôle"),
    ] {
        let (status, p) = problem(start(&app, &marie, &wrong, lang).await).await;
        assert_eq!(status, 422);
        assert_eq!(p["type"], "urn:guichet:problem:invalid-field");
        assert_eq!(p["field"], "matricule");
        assert_eq!(p["reason"], "matricule-verhoeff");
        assert!(p["detail"].as_str().unwrap().contains(word), "{lang}: {p}");
        assert!(p["request_id"].is_string());
    }
    let mut luhn = marie.matricule.clone();
    let tail = luhn.split_off(11);
    let d = tail.chars().next().unwrap().to_digit(10).unwrap();
    luhn.push_str(&format!("{}{}", (d + 1) % 10, &tail[1..]));
    let (_, p) = problem(start(&app, &marie, &luhn, "en").await).await;
    assert_eq!(p["reason"], "matricule-luhn");
}

#[tokio::test]
async fn a_matricule_that_is_not_the_certificate_holders_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (status, p) = problem(start(&app, &marie, "1962072310812", "en").await).await;
    assert_eq!(status, 422);
    assert_eq!(p["type"], "urn:guichet:problem:matricule-mismatch");
    assert_eq!(p["field"], "matricule");
}

#[tokio::test]
async fn an_expired_link_is_refused_and_a_new_link_works() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let resp = start(&app, &marie, &marie.matricule, "en").await;
    assert_eq!(resp.status(), 202);
    let first = link_token(&app.smtp.wait_for(&marie.email, 1).await.body);

    app.clock
        .advance(Duration::hours(72) + Duration::seconds(1));
    let (status, p) = problem(
        app.post_json(
            "/api/v1/registrations/confirm",
            None,
            json!({ "token": first, "accept_terms": true }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (410, "urn:guichet:problem:confirmation-link-expired")
    );

    // Ask for a new link: sign in again (the certificate is still unregistered), resend.
    let (_, body) = marie.sign_in(&app).await;
    let reg = body["registration_token"].as_str().unwrap();
    let resp = app
        .post_json("/api/v1/registrations/resend", Some(reg), json!({}))
        .await;
    assert_eq!(resp.status(), 202);
    let second = link_token(&app.smtp.wait_for(&marie.email, 2).await.body);
    assert_ne!(first, second);
    let resp = app
        .post_json(
            "/api/v1/registrations/confirm",
            None,
            json!({ "token": second, "accept_terms": true }),
        )
        .await;
    assert_eq!(resp.status(), 200);
    // A used link stays used; the terms must be accepted.
    let (status, p) = problem(
        app.post_json(
            "/api/v1/registrations/confirm",
            None,
            json!({ "token": second, "accept_terms": true }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (410, "urn:guichet:problem:confirmation-link-used")
    );
}

#[tokio::test]
async fn terms_must_be_accepted_and_one_person_gets_one_private_space() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let resp = start(&app, &marie, &marie.matricule, "en").await;
    assert_eq!(resp.status(), 202);
    let token = link_token(&app.smtp.wait_for(&marie.email, 1).await.body);
    let (status, p) = problem(
        app.post_json(
            "/api/v1/registrations/confirm",
            None,
            json!({ "token": token, "accept_terms": false }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["field"].as_str().unwrap()),
        (422, "accept_terms")
    );
    let resp = app
        .post_json(
            "/api/v1/registrations/confirm",
            None,
            json!({ "token": token, "accept_terms": true }),
        )
        .await;
    assert_eq!(resp.status(), 200);

    // Another card of Marie's, not added to her space, cannot open a second private space.
    let card = Citizen::with(
        &dev_ca(),
        spec(&marie.matricule, "Marie", "Schmit", KeyAlgorithm::P256),
        &marie.email,
    );
    let (status, p) = problem(start(&app, &card, &marie.matricule, "en").await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (409, "urn:guichet:problem:already-registered")
    );
}
