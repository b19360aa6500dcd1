//! Registration: the first journey of a citizen, and every way it can go wrong.

use guichet_identity::KeyAlgorithm;
use guichet_tests::{
    Citizen, Resp, TestApp, assert_problem, citizen::dev_ca, citizen::spec, smtp_sink::link_token,
};
use serde_json::json;
use time::Duration;

/// Signs `who` in (unregistered) and starts the registration with `matricule`, in `lang`.
async fn start(app: &TestApp, who: &Citizen, matricule: &str, lang: &str) -> Resp {
    let (status, body) = who.sign_in(app).await;
    assert_eq!(status, 202, "{body}");
    app.client()
        .with_token(body["registration_token"].as_str().unwrap())
        .in_language(lang)
        .start_registration(json!({ "email": who.email, "matricule": matricule }))
        .await
}

/// Confirms the link `token`, accepting the terms or not.
async fn confirm(app: &TestApp, token: &str, accept_terms: bool) -> Resp {
    app.client()
        .confirm_registration(json!({ "token": token, "accept_terms": accept_terms }))
        .await
}

#[tokio::test]
async fn new_person_registers_by_mail_and_reads_a_private_space_prefilled_from_the_register() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();

    let (status, body) = marie.sign_in(&app).await;
    assert_eq!(status, 202);
    assert_eq!(body["given_names"], "Marie");
    let reg = body["registration_token"].as_str().unwrap().to_string();
    app.client()
        .with_token(&reg)
        .start_registration(json!({ "email": marie.email, "matricule": marie.matricule }))
        .await
        .expect(202);
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
        .client()
        .get_root(&format!("/registration/confirm?token={token}"))
        .await
        .expect(200);
    assert!(page.text().contains("accept_terms"));
    confirm(&app, &token, true).await.expect(200);

    let access = app.client().with_token(&marie.access_token(&app).await);
    let me = access.me().await.ok(200);
    assert_eq!(me["matricule"], marie.matricule);
    assert_eq!(me["spaces"].as_array().unwrap().len(), 1);
    let space = me["private_space_id"].as_str().unwrap();
    let resp = access.profile(space).await.expect(200);
    assert_eq!(resp.header("etag"), Some("\"1\""));
    let profile = resp.json();
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

    let log = access.access_log(space).await.ok(200);
    assert_eq!(log["items"][0]["action"], "profile.read");
    assert_eq!(log["items"][0]["actor"], me["id"]);
    assert_eq!(log["items"][0]["role"], "holder");
}

#[tokio::test]
async fn a_second_certificate_reaches_the_same_private_space() {
    let app = TestApp::spawn().await;
    let jc = Citizen::jean_claude();
    let access = app.client().with_token(&jc.register(&app).await);
    let space = access.me().await.ok(200)["private_space_id"].clone();

    // A new card: same person, another key (Ed25519 this time).
    let card = Citizen::with(
        &dev_ca(),
        spec(&jc.matricule, "Jean-Claude", "Weber", KeyAlgorithm::Ed25519),
        &jc.email,
    );
    let (status, _) = card.sign_in(&app).await;
    assert_eq!(status, 202, "unknown until registered");
    let body = card.signed_challenge(&app).await;
    access.add_certificate(body).await.expect(201);
    // The signature certificate too, for signing procedures later.
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &card.creds.signature.cert_pem,
        &card.creds.signature.key_pem,
    );
    let added = access.add_certificate(body).await.ok(201);
    assert_eq!(added["usage"], "signature");

    let access2 = app.client().with_token(&card.access_token(&app).await);
    assert_eq!(access2.me().await.ok(200)["private_space_id"], space);
    let certs = access2.my_certificates().await.ok(200);
    assert_eq!(certs.as_array().unwrap().len(), 3);

    // Someone else's certificate cannot be added to this space.
    let body = Citizen::marie().signed_challenge(&app).await;
    assert_problem(
        &access.add_certificate(body).await,
        422,
        "matricule-mismatch",
    );
    assert_eq!(access.my_certificates().await.ok(200), certs);
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
        let resp = start(&app, &marie, &wrong, lang).await;
        let p = assert_problem(&resp, 422, "invalid-field");
        assert_eq!(p["field"], "matricule");
        assert_eq!(p["reason"], "matricule-verhoeff");
        assert!(p["detail"].as_str().unwrap().contains(word), "{lang}: {p}");
        assert!(p["request_id"].is_string());
    }
    let mut luhn = marie.matricule.clone();
    let tail = luhn.split_off(11);
    let d = tail.chars().next().unwrap().to_digit(10).unwrap();
    luhn.push_str(&format!("{}{}", (d + 1) % 10, &tail[1..]));
    let p = assert_problem(
        &start(&app, &marie, &luhn, "en").await,
        422,
        "invalid-field",
    );
    assert_eq!(p["reason"], "matricule-luhn");
    // No link was mailed for any of them.
    assert!(app.smtp.mails().is_empty());
}

#[tokio::test]
async fn a_matricule_that_is_not_the_certificate_holders_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let resp = start(&app, &marie, "1962072310812", "en").await;
    let p = assert_problem(&resp, 422, "matricule-mismatch");
    assert_eq!(p["field"], "matricule");
}

#[tokio::test]
async fn an_expired_link_is_refused_and_a_new_link_works() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    start(&app, &marie, &marie.matricule, "en")
        .await
        .expect(202);
    let first = link_token(&app.smtp.wait_for(&marie.email, 1).await.body);

    app.clock
        .advance(Duration::hours(72) + Duration::seconds(1));
    assert_problem(
        &confirm(&app, &first, true).await,
        410,
        "confirmation-link-expired",
    );

    // Ask for a new link: sign in again (the certificate is still unregistered), resend.
    let (_, body) = marie.sign_in(&app).await;
    app.client()
        .with_token(body["registration_token"].as_str().unwrap())
        .resend_registration()
        .await
        .expect(202);
    let second = link_token(&app.smtp.wait_for(&marie.email, 2).await.body);
    assert_ne!(first, second);
    confirm(&app, &second, true).await.expect(200);
    // A used link stays used.
    assert_problem(
        &confirm(&app, &second, true).await,
        410,
        "confirmation-link-used",
    );
}

#[tokio::test]
async fn terms_must_be_accepted_and_one_person_gets_one_private_space() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    start(&app, &marie, &marie.matricule, "en")
        .await
        .expect(202);
    let token = link_token(&app.smtp.wait_for(&marie.email, 1).await.body);
    let p = assert_problem(&confirm(&app, &token, false).await, 422, "invalid-field");
    assert_eq!(p["field"], "accept_terms");
    // Refused, the link still works and Marie is still unregistered until she accepts.
    let (status, _) = marie.sign_in(&app).await;
    assert_eq!(status, 202);
    confirm(&app, &token, true).await.expect(200);

    // Another card of Marie's, not added to her space, cannot open a second private space.
    let card = Citizen::with(
        &dev_ca(),
        spec(&marie.matricule, "Marie", "Schmit", KeyAlgorithm::P256),
        &marie.email,
    );
    let resp = start(&app, &card, &marie.matricule, "en").await;
    assert_problem(&resp, 409, "already-registered");
}
