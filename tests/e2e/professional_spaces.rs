//! Professional spaces over HTTP: a Pro certificate's collaborative space, prefilled from the
//! certificate; co-workers invited by mail who accept with their own certificates, act with the
//! rights given, and are refused at once when removed; the limit of ten spaces per person.

use guichet_tests::{
    Agent, Citizen, Company, Person, TestApp, assert_problem, company::organisation_body,
};
use serde_json::{Value, json};
use time::Duration;

/// The rights Zoé gets: the certification procedure, from start to transmission, and its letters.
fn certification_rights() -> Value {
    json!([{
        "procedure": "professional-space-certification",
        "rights": ["fill", "sign", "transmit", "read-communications"]
    }])
}

/// Fills and transmits a certification request in the company space as `person`.
async fn file_certification(person: &Person, space: &str) -> String {
    let d = person
        .api
        .start_dossier(space, "professional-space-certification")
        .await
        .ok(201);
    let id = d["id"].as_str().unwrap().to_string();
    // Prefilled: the filer from the register (the person acting), the employer from the
    // organisation the space acts for.
    assert_eq!(
        d["data"]["filer_matricule"],
        person.citizen.matricule.as_str()
    );
    assert_eq!(d["data"]["employer_name"], "Boulangerie Lentz Sàrl");
    assert_eq!(d["data"]["employer_address"]["postcode"], "1611");
    assert_eq!(d["data"]["filer_email"], "contact@boulangerie-lentz.lu");
    assert_eq!(d["organisation"], "Boulangerie Lentz Sàrl");
    let steps = [
        ("employer", json!({"employer_number": "20081234567"})),
        ("security", json!({"security_code": "S3cure99"})),
    ];
    for (step, values) in steps {
        let v = person
            .api
            .fill_step(&id, step, json!({ "values": values }))
            .await
            .ok(200);
        assert_eq!(v["errors"], json!([]), "{step}: {v}");
    }
    // The document signed says who signs for whom.
    let doc = person.api.signing_document(&id).await.ok(200);
    let acting =
        json!({"organisation": "Boulangerie Lentz Sàrl", "person_id": person.id, "role": "member"});
    let signed: Value = serde_json::from_str(doc["document"].as_str().unwrap()).unwrap();
    assert_eq!(signed["acting"], acting);
    person.sign(&id, None).await.ok(200);
    person.api.transmit(&id).await.ok(200);
    id
}

#[tokio::test]
async fn a_co_worker_invited_by_mail_files_for_the_company_with_the_rights_given() {
    let app = TestApp::spawn().await;
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let zoe = Person::register(&app, Citizen::zoe()).await;
    zoe.add_signature_certificate(&app).await;
    let marco = Person::register(&app, Citizen::marco()).await;

    // The Pro certificate names the organisation: the space is collaborative and its name and
    // RCS number come from the certificate, fixed.
    let made = luc.api.create_space(organisation_body()).await.ok(201);
    assert_eq!(made["space"]["role"], "administrator");
    assert_eq!(made["space"]["collaborative"], true);
    assert_eq!(made["organisation"]["name"], "Boulangerie Lentz Sàrl");
    assert_eq!(made["organisation"]["rcs_number"], "B123456");
    assert_eq!(
        made["organisation"]["from_certificate"],
        json!(["name", "rcs_number"])
    );
    let company = Company {
        space: made["space"]["id"].as_str().unwrap().to_string(),
        admin: luc,
    };
    let luc = &company.admin;
    let mut renamed = organisation_body();
    renamed["name"] = json!("Autre Nom SA");
    let p = assert_problem(
        &luc.api
            .update_organisation(&company.space, None, renamed)
            .await,
        422,
        "invalid-field",
    );
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("name"), Some("from-certificate"))
    );
    let me = luc.api.me().await.ok(200);
    let kinds: Vec<&str> = me["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 2, "{me}");
    assert!(kinds.contains(&"private") && kinds.contains(&"professional"));

    // The invitation names Zoé's matricule: Marco cannot use her link; she can, once.
    let token = company
        .invite(&app, &zoe, "member", certification_rights(), 2)
        .await;
    assert_problem(
        &marco.api.accept_invitation(&token).await,
        403,
        "invitation-not-for-you",
    );
    let joined = zoe.api.accept_invitation(&token).await.ok(200);
    assert_eq!(
        (joined["id"].as_str(), joined["role"].as_str()),
        (Some(company.space.as_str()), Some("member"))
    );
    assert_problem(
        &zoe.api.accept_invitation(&token).await,
        410,
        "invitation-used",
    );
    assert_problem(
        &zoe.api.accept_invitation("inv_nothing-like-this").await,
        404,
        "invitation-unknown",
    );

    // Zoé files the certification request for the company; what she may not do is refused
    // like an unknown procedure.
    let dossier = file_certification(&zoe, &company.space).await;
    let p = assert_problem(
        &zoe.api
            .start_dossier(&company.space, "criminal-record-extract")
            .await,
        422,
        "invalid-field",
    );
    assert_eq!(p["field"], "procedure_id");
    assert_problem(&zoe.api.invitations(&company.space).await, 404, "not-found");

    // The social security centre sees who acted for whom, with which role.
    let ccss = Agent::ccss(&app).await;
    let seen = ccss.api.bo_dossier(&dossier).await.ok(200);
    assert_eq!(seen["organisation"], "Boulangerie Lentz Sàrl");
    assert_eq!(seen["acting_person_id"], zoe.id.as_str());
    let timeline = ccss.api.bo_timeline(&dossier).await.ok(200);
    let acts: Vec<(&str, &str, &str)> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["to_status"].as_str().unwrap(),
                e["actor_id"].as_str().unwrap(),
                e["actor_role"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        acts,
        [
            ("draft", zoe.id.as_str(), "member"),
            ("signed", zoe.id.as_str(), "member"),
            ("transmitted", zoe.id.as_str(), "member"),
        ]
    );
    // The administrator sees the dossier on the company's dashboard.
    let board = luc.api.space_dossiers(&company.space).await.ok(200);
    assert_eq!(board["items"][0]["id"], dossier.as_str());

    // The access log: the administrator sees everyone's actions with their role, a member only
    // their own.
    let log = luc
        .api
        .access_log_with(&company.space, &[("action", "member.")])
        .await
        .ok(200);
    let join = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "member.join")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(
        (join["actor"].as_str(), join["role"].as_str()),
        (Some(zoe.id.as_str()), Some("member"))
    );
    let own = zoe.api.access_log(&company.space).await.ok(200);
    assert!(own["total"].as_u64().unwrap() >= 1, "{own}");
    assert!(
        own["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == zoe.id.as_str()),
        "{own}"
    );

    // A letter about the dossier reaches both, each in their own language.
    zoe.api
        .update_profile(
            &zoe.space,
            None,
            json!({"email": zoe.citizen.email, "preferred_language": "de"}),
        )
        .await
        .ok(200);
    let letter = json!({"title": "Accusé de réception", "body": "Bien reçu."});
    ccss.api.take(&dossier).await.ok(200);
    ccss.api.send_letter(&dossier, letter).await.ok(201);
    let to_zoe = app.smtp.wait_for(&zoe.citizen.email, 3).await;
    assert!(to_zoe.subject.contains("Dokument"), "{}", to_zoe.subject);
    let to_luc = app.smtp.wait_for(&luc.citizen.email, 2).await;
    assert!(to_luc.subject.contains("document"), "{}", to_luc.subject);
    let letters = zoe.api.communications(&company.space).await.ok(200);
    assert_eq!(letters["total"], 1, "{letters}");

    // The last administrator cannot leave; removing Zoé takes effect at once, on the token she
    // still holds.
    assert_problem(
        &luc.api.remove_member(&company.space, &luc.id).await,
        409,
        "last-administrator",
    );
    luc.api
        .remove_member(&company.space, &zoe.id)
        .await
        .expect(204);
    assert_problem(&zoe.api.space(&company.space).await, 404, "not-found");
    assert_problem(&zoe.api.dossier(&dossier).await, 404, "not-found");
    assert_problem(
        &zoe.api.communications(&company.space).await,
        404,
        "not-found",
    );
    let me = zoe.api.me().await.ok(200);
    assert_eq!(me["spaces"].as_array().unwrap().len(), 1, "{me}");
}

#[tokio::test]
async fn invitations_expire_can_be_withdrawn_and_the_administrator_hands_over() {
    let app = TestApp::spawn().await;
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let mut zoe = Person::register(&app, Citizen::zoe()).await;
    let mut marco = Person::register(&app, Citizen::marco()).await;
    let mut company = Company::create(luc).await;

    // An invitation past its time is refused (everyone signs in again: a week went by).
    let token = company.invite(&app, &zoe, "member", json!([]), 2).await;
    app.clock.advance(Duration::days(8));
    for p in [&mut company.admin, &mut zoe, &mut marco] {
        p.sign_in_again(&app).await;
    }
    assert_problem(
        &zoe.api.accept_invitation(&token).await,
        410,
        "invitation-expired",
    );
    let luc = &company.admin;
    let listed = luc.api.invitations(&company.space).await.ok(200);
    assert_eq!(listed[0]["state"], "expired");
    // A withdrawn one too.
    let token = company.invite(&app, &marco, "member", json!([]), 2).await;
    let open = luc.api.invitations(&company.space).await.ok(200);
    let id = open[0]["id"].as_str().unwrap();
    assert_eq!(open[0]["state"], "open");
    let withdrawn = luc
        .api
        .withdraw_invitation(&company.space, id)
        .await
        .ok(200);
    assert_eq!(withdrawn["state"], "revoked");
    assert_problem(
        &marco.api.accept_invitation(&token).await,
        410,
        "invitation-expired",
    );

    // Zoé joins as administrator; Luc hands over and leaves.
    company
        .join(&app, &zoe, "administrator", json!([]), 3)
        .await;
    let luc = &company.admin;
    luc.api
        .remove_member(&company.space, &luc.id)
        .await
        .expect(204);
    assert_problem(&luc.api.space(&company.space).await, 404, "not-found");
    let members = zoe.api.members(&company.space).await.ok(200);
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
    assert_eq!(members[0]["role"], "administrator");
    assert_eq!(members[0]["name"], "Zoé Bettendorf");
    assert_problem(
        &zoe.api.remove_member(&company.space, &zoe.id).await,
        409,
        "last-administrator",
    );
}

#[tokio::test]
async fn the_eleventh_professional_space_waits_for_the_helpdesk() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let mut body = organisation_body();
    body["rcs_number"] = json!("B654321");
    // A retry with the same key creates nothing more.
    body["name"] = json!("Schmit Conseil 1");
    let first = marie
        .api
        .idempotent(Some("create-1"))
        .create_space(body.clone())
        .await
        .ok(201);
    let again = marie
        .api
        .idempotent(Some("create-1"))
        .create_space(body.clone())
        .await
        .ok(200);
    assert_eq!(first["space"]["id"], again["space"]["id"]);
    // A private certificate makes a space nobody else joins.
    assert_eq!(first["space"]["collaborative"], false);
    let space = first["space"]["id"].as_str().unwrap();
    let invite = json!({"email": "someone@example.lu"});
    assert_problem(
        &marie.api.invite(space, invite).await,
        409,
        "space-not-collaborative",
    );
    for n in 2..=10 {
        body["name"] = json!(format!("Schmit Conseil {n}"));
        marie.api.create_space(body.clone()).await.ok(201);
    }
    body["name"] = json!("Schmit Conseil 11");
    let p = assert_problem(
        &marie.api.in_language("en").create_space(body.clone()).await,
        409,
        "space-limit-reached",
    );
    assert!(p["detail"].as_str().unwrap().contains("helpdesk"), "{p}");
    assert!(p["detail"].as_str().unwrap().contains("10"), "{p}");

    // The helpdesk raises the limit (what `guichet spaces limit` runs), saying who and why.
    let now = app.ctx.now();
    let (person, before) = guichet::service::professional::set_limit(
        &app.ctx.db,
        10,
        &marie.citizen.matricule,
        11,
        "helpdesk-agent-7",
        "accountant with many clients",
        now,
    )
    .await
    .unwrap();
    assert_eq!((person.as_str(), before), (marie.id.as_str(), 10));
    marie.api.create_space(body.clone()).await.ok(201);
    body["name"] = json!("Schmit Conseil 12");
    assert_problem(
        &marie.api.create_space(body).await,
        409,
        "space-limit-reached",
    );
    // Bad data names the field, in the caller's language.
    let mut bad = organisation_body();
    bad["name"] = json!("X");
    bad["vat_number"] = json!("LU15027443");
    let p = assert_problem(
        &marie.api.in_language("de").create_space(bad).await,
        422,
        "invalid-field",
    );
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("vat_number"), Some("vat"))
    );
    assert!(
        p["title"].as_str().unwrap().contains("Mehrwertsteuer"),
        "{p}"
    );
}
