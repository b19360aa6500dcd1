//! The catalog and the other shipped procedures: each reaches its own administration only.

use guichet_identity::KeyAlgorithm;
use guichet_tests::{Agent, Citizen, Person, TestApp, assert_problem};
use serde_json::{Value, json};

async fn start(person: &Person, procedure: &str) -> String {
    let d = person
        .api
        .start_dossier(&person.space, procedure)
        .await
        .ok(201);
    d["id"].as_str().unwrap().to_string()
}

async fn save(person: &Person, id: &str, step: &str, values: Value) -> Value {
    person
        .api
        .fill_step(id, step, json!({ "values": values }))
        .await
        .ok(200)
}

#[tokio::test]
async fn the_catalog_lists_and_searches_in_three_languages() {
    let app = TestApp::spawn().await;
    let api = app.client();
    let all = api.procedures().await.ok(200);
    assert_eq!(all.as_array().unwrap().len(), 9);
    for (q, id) in [
        ("adresse", "change-of-address"),
        ("Adressänderung", "change-of-address"),
        ("professional space", "professional-space-certification"),
        ("casier", "criminal-record-extract"),
    ] {
        let found = api.search_procedures(q).await.ok(200);
        assert_eq!(found[0]["id"], id, "{q}: {found}");
    }
    let found = api
        .in_language("de")
        .search_procedures("Strafregister")
        .await
        .ok(200);
    assert_eq!(found[0]["title"], "Antrag auf Auszug aus dem Strafregister");
    let def = api
        .procedure("professional-space-certification")
        .await
        .ok(200);
    assert_eq!(def["definition"]["administration"], "ccss");
    assert_problem(&api.procedure("nothing-like-this").await, 404, "not-found");
}

#[tokio::test]
async fn a_change_of_address_needs_no_signature_and_reaches_the_municipality() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let id = start(&marie, "change-of-address").await;
    let v = save(&marie, &id, "move", json!({"new_address": {"street": "rue Neuve"}, "moving_date": "2026-12-01", "household_size": 2})).await;
    assert_eq!(
        (
            v["errors"][0]["field"].as_str(),
            v["errors"][0]["reason"].as_str()
        ),
        (Some("new_address"), Some("address"))
    );
    let new_address = json!({"street": "rue Neuve", "house_number": "5", "postcode": "L-1212", "locality": "Luxembourg", "country": "LU"});
    let v = save(&marie, &id, "move", json!({"new_address": new_address})).await;
    assert_eq!(v["errors"], json!([]));
    let d = marie.api.transmit(&id).await.ok(200);
    assert_eq!(
        (d["status"].as_str(), d["signed_digest"].as_str()),
        (Some("transmitted"), None)
    );
    let city = Citizen::with(
        &guichet_tests::citizen::dev_ca(),
        guichet_tests::citizen::spec("1975030208486", "Günter", "Müller", KeyAlgorithm::Ed25519),
        "g@vdl.example.lu",
    );
    let city = Agent::sign_in(&app, city).await;
    let list = city.api.work_list().await.ok(200);
    assert_eq!(list[0]["id"], id.as_str());
    let justice = Agent::justice(&app).await;
    assert_eq!(justice.api.work_list().await.ok(200), json!([]));
}

#[tokio::test]
async fn a_professional_space_certification_checks_the_security_code_and_reaches_the_ccss() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let id = start(&marie, "professional-space-certification").await;
    let address = json!({"street": "route d'Arlon", "house_number": "10", "postcode": "L-8010", "locality": "Strassen", "country": "LU"});
    save(&marie, &id, "employer", json!({"employer_name": "Schmit & Fils SARL", "employer_number": "20081234567", "employer_address": address})).await;
    save(&marie, &id, "mandataries", json!({"mandatary_pay_matricule": "1962072310812", "mandatary_pay_name": "Jean-Claude Weber"})).await;
    let v = save(&marie, &id, "security", json!({"security_code": "12345"})).await;
    assert_eq!(
        (
            v["errors"][0]["field"].as_str(),
            v["errors"][0]["reason"].as_str()
        ),
        (Some("security_code"), Some("too-short"))
    );
    let v = save(
        &marie,
        &id,
        "mandataries",
        json!({"mandatary_billing_matricule": "1962072310813"}),
    )
    .await;
    assert_eq!(v["errors"][0]["field"], "mandatary_billing_matricule");
    save(
        &marie,
        &id,
        "mandataries",
        json!({"mandatary_billing_matricule": null}),
    )
    .await;
    save(
        &marie,
        &id,
        "security",
        json!({"security_code": "Secret-42"}),
    )
    .await;
    marie.sign(&id, None).await.ok(200);
    marie.api.transmit(&id).await.ok(200);
    let ccss = Agent::ccss(&app).await;
    let d = ccss.api.bo_dossier(&id).await.ok(200);
    assert_eq!(d["data"]["mandatary_pay_name"], "Jean-Claude Weber");
    assert_eq!(
        d["data"]["filer_matricule"],
        marie.citizen.matricule.as_str()
    );
}
