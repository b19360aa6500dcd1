//! The catalog and the other shipped procedures: each reaches its own administration only.

use guichet_identity::KeyAlgorithm;
use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    dossier::{
        agent_token, call, ccss_agent, justice_agent, ok, register_signature_certificate, sign,
    },
};
use reqwest::Method;
use serde_json::{Value, json};

async fn start(app: &TestApp, token: &str, procedure: &str) -> String {
    let space = Citizen::private_space(app, token).await;
    let d = ok(
        call(
            app,
            Method::POST,
            &format!("/api/v1/spaces/{space}/dossiers"),
            Some(token),
            Some(json!({"procedure_id": procedure})),
            &[],
        )
        .await,
        201,
    )
    .await;
    d["id"].as_str().unwrap().to_string()
}

async fn save(app: &TestApp, token: &str, id: &str, step: &str, values: Value) -> Value {
    ok(
        call(
            app,
            Method::PUT,
            &format!("/api/v1/dossiers/{id}/steps/{step}"),
            Some(token),
            Some(json!({"values": values})),
            &[],
        )
        .await,
        200,
    )
    .await
}

#[tokio::test]
async fn the_catalog_lists_and_searches_in_three_languages() {
    let app = TestApp::spawn().await;
    let all = ok(app.get("/api/v1/procedures", None).await, 200).await;
    assert_eq!(all.as_array().unwrap().len(), 3);
    for (q, id) in [
        ("adresse", "change-of-address"),
        ("Adressänderung", "change-of-address"),
        ("professional space", "professional-space-certification"),
        ("casier", "criminal-record-extract"),
    ] {
        let found = ok(
            app.get(&format!("/api/v1/procedures?q={q}"), None).await,
            200,
        )
        .await;
        assert_eq!(found[0]["id"], id, "{q}: {found}");
    }
    let resp = app
        .http
        .get(app.url("/api/v1/procedures?q=Strafregister"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    assert_eq!(
        ok(resp, 200).await[0]["title"],
        "Antrag auf Auszug aus dem Strafregister"
    );
    let def = ok(
        app.get("/api/v1/procedures/professional-space-certification", None)
            .await,
        200,
    )
    .await;
    assert_eq!(def["definition"]["administration"], "ccss");
    assert_eq!(
        problem(app.get("/api/v1/procedures/nothing-like-this", None).await)
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn a_change_of_address_needs_no_signature_and_reaches_the_municipality() {
    let app = TestApp::spawn().await;
    let token = Citizen::marie().register(&app).await;
    let id = start(&app, &token, "change-of-address").await;
    let v = save(&app, &token, &id, "move", json!({"new_address": {"street": "rue Neuve"}, "moving_date": "2026-12-01", "household_size": 2})).await;
    assert_eq!(
        (
            v["errors"][0]["field"].as_str(),
            v["errors"][0]["reason"].as_str()
        ),
        (Some("new_address"), Some("address"))
    );
    let new_address = json!({"street": "rue Neuve", "house_number": "5", "postcode": "L-1212", "locality": "Luxembourg", "country": "LU"});
    let v = save(
        &app,
        &token,
        &id,
        "move",
        json!({"new_address": new_address}),
    )
    .await;
    assert_eq!(v["errors"], json!([]));
    let d = ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/transmission"),
            Some(&token),
            None,
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (d["status"].as_str(), d["signed_digest"].as_str()),
        (Some("transmitted"), None)
    );
    let city = Citizen::with(
        &guichet_tests::citizen::dev_ca(),
        guichet_tests::citizen::spec("1975030208486", "Günter", "Müller", KeyAlgorithm::Ed25519),
        "g@vdl.example.lu",
    );
    let city = agent_token(&app, &city).await;
    let list = ok(
        app.get("/api/v1/backoffice/dossiers", Some(&city)).await,
        200,
    )
    .await;
    assert_eq!(list[0]["id"], id.as_str());
    let justice = agent_token(&app, &justice_agent()).await;
    assert_eq!(
        ok(
            app.get("/api/v1/backoffice/dossiers", Some(&justice)).await,
            200
        )
        .await,
        json!([])
    );
}

#[tokio::test]
async fn a_professional_space_certification_checks_the_security_code_and_reaches_the_ccss() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    register_signature_certificate(&app, &marie, &token).await;
    let id = start(&app, &token, "professional-space-certification").await;
    let address = json!({"street": "route d'Arlon", "house_number": "10", "postcode": "L-8010", "locality": "Strassen", "country": "LU"});
    save(&app, &token, &id, "employer", json!({"employer_name": "Schmit & Fils SARL", "employer_number": "20081234567", "employer_address": address})).await;
    save(&app, &token, &id, "mandataries", json!({"mandatary_pay_matricule": "1962072310812", "mandatary_pay_name": "Jean-Claude Weber"})).await;
    let v = save(
        &app,
        &token,
        &id,
        "security",
        json!({"security_code": "12345"}),
    )
    .await;
    assert_eq!(
        (
            v["errors"][0]["field"].as_str(),
            v["errors"][0]["reason"].as_str()
        ),
        (Some("security_code"), Some("too-short"))
    );
    let v = save(
        &app,
        &token,
        &id,
        "mandataries",
        json!({"mandatary_billing_matricule": "1962072310813"}),
    )
    .await;
    assert_eq!(v["errors"][0]["field"], "mandatary_billing_matricule");
    save(
        &app,
        &token,
        &id,
        "mandataries",
        json!({"mandatary_billing_matricule": null}),
    )
    .await;
    save(
        &app,
        &token,
        &id,
        "security",
        json!({"security_code": "Secret-42"}),
    )
    .await;
    ok(sign(&app, &marie, &token, &id, None).await, 200).await;
    ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/transmission"),
            Some(&token),
            None,
            &[],
        )
        .await,
        200,
    )
    .await;
    let ccss = agent_token(&app, &ccss_agent()).await;
    let d = ok(
        app.get(&format!("/api/v1/backoffice/dossiers/{id}"), Some(&ccss))
            .await,
        200,
    )
    .await;
    assert_eq!(d["data"]["mandatary_pay_name"], "Jean-Claude Weber");
    assert_eq!(d["data"]["filer_matricule"], marie.matricule.as_str());
}
