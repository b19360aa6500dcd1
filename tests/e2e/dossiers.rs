//! A criminal record extract request from start to closed, through the holder's app and the back office.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    dossier::{
        agent_token, call, complete_criminal_record, justice_agent, ok, pdf,
        register_signature_certificate, sign, start_criminal_record,
    },
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn criminal_record_request_runs_from_draft_to_closed() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    register_signature_certificate(&app, &marie, &token).await;
    let space = Citizen::private_space(&app, &token).await;

    // The catalog finds the procedure by a German word.
    let found = ok(
        app.get("/api/v1/procedures?q=Strafregister", None).await,
        200,
    )
    .await;
    assert_eq!(found[0]["id"], "criminal-record-extract", "{found}");

    // Started: prefilled from the register, register fields read-only.
    let d = start_criminal_record(&app, &token, Some("start-1")).await;
    let id = d["id"].as_str().unwrap().to_string();
    let reg = guichet::store::register::find(&app.ctx.db, &marie.matricule)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d["status"], "draft");
    assert_eq!(d["procedure_version"], 1);
    assert_eq!(d["data"]["matricule"], reg.matricule.as_str());
    assert_eq!(d["data"]["family_name"], reg.family_name.as_str());
    assert_eq!(d["data"]["address"]["street"], reg.street.as_str());
    assert_eq!(d["data"]["email"], marie.email.as_str());
    assert!(
        d["read_only_fields"]
            .as_array()
            .unwrap()
            .contains(&json!("birth_date"))
    );

    // Changing a register field is refused, naming it.
    let steps = format!("/api/v1/dossiers/{id}/steps");
    let resp = call(
        &app,
        Method::PUT,
        &format!("{steps}/applicant"),
        Some(&token),
        Some(json!({"values": {"family_name": "Dupont"}})),
        &[],
    )
    .await;
    let (status, p) = problem(resp).await;
    assert_eq!(
        (status, p["field"].as_str(), p["reason"].as_str()),
        (422, Some("family_name"), Some("read-only"))
    );

    // A wrong value is saved as a draft and reported in the user's language; then fixed.
    let resp = call(
        &app,
        Method::PUT,
        &format!("{steps}/request"),
        Some(&token),
        Some(json!({"values": {"purpose": "employment", "bulletin": "3", "copies": 9}})),
        &[("accept-language", "de")],
    )
    .await;
    let v = ok(resp, 200).await;
    assert_eq!(v["errors"][0]["field"], "copies", "{v}");
    assert_eq!(v["errors"][0]["reason"], "out-of-range");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("außerhalb"),
        "{v}"
    );
    let invalid = ok(
        app.get(&format!("/api/v1/dossiers/{id}/validation"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(invalid["valid"], false);
    complete_criminal_record(&app, &token, &id).await;
    let valid = ok(
        app.get(&format!("/api/v1/dossiers/{id}/validation"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(valid["valid"], true, "{valid}");
    let files = ok(
        app.get(&format!("/api/v1/dossiers/{id}/attachments"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(files[0]["size"], 2000);
    assert_eq!(files[0]["sha256"].as_str().unwrap().len(), 64);

    // Signed with the registered signature certificate, then frozen.
    let signed = ok(sign(&app, &marie, &token, &id, Some("sign-1")).await, 200).await;
    assert_eq!(signed["status"], "signed");
    assert_eq!(signed["signed_digest"].as_str().unwrap().len(), 64);
    let resp = call(
        &app,
        Method::PUT,
        &format!("{steps}/request"),
        Some(&token),
        Some(json!({"values": {"copies": 2}})),
        &[],
    )
    .await;
    assert_eq!(problem(resp).await.0, 409);

    let sent = ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/transmission"),
            Some(&token),
            None,
            &[("idempotency-key", "tx-1")],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(sent["status"], "transmitted");

    // The justice administration takes it and asks for information.
    let agent = agent_token(&app, &justice_agent()).await;
    let list = ok(
        app.get("/api/v1/backoffice/dossiers", Some(&agent)).await,
        200,
    )
    .await;
    assert_eq!(list[0]["id"], id.as_str());
    let bo = format!("/api/v1/backoffice/dossiers/{id}");
    let files = ok(
        app.get(&format!("{bo}/attachments"), Some(&agent)).await,
        200,
    )
    .await;
    let bytes = app
        .get(
            &format!("{bo}/attachments/{}", files[0]["id"].as_str().unwrap()),
            Some(&agent),
        )
        .await;
    assert_eq!(bytes.bytes().await.unwrap().len(), 2000);
    ok(
        call(
            &app,
            Method::POST,
            &format!("{bo}/take"),
            Some(&agent),
            None,
            &[],
        )
        .await,
        200,
    )
    .await;
    let asked = ok(call(&app, Method::POST, &format!("{bo}/status"), Some(&agent), Some(json!({"status": "information_requested", "reason": "Please state the employer's name."})), &[]).await, 200).await;
    assert_eq!(asked["status"], "information_requested");

    // A mail points the holder to the dashboard, without the question itself.
    let mail = app.smtp.wait_for(&marie.email, 2).await;
    assert!(
        mail.body.contains("Demande d'extrait du casier judiciaire"),
        "{}",
        mail.body
    );
    assert!(!mail.body.contains("employer"), "{}", mail.body);

    // The holder sees it on the dashboard, reads the message and answers.
    let dash = ok(
        app.get(&format!("/api/v1/spaces/{space}/dossiers"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(dash["items"][0]["next_action"], "answer");
    assert_eq!(dash["items"][0]["unread_messages"], 1);
    let msgs = ok(
        app.get(&format!("/api/v1/dossiers/{id}/messages"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(msgs[0]["sender"], "administration");
    assert!(msgs[0]["text"].as_str().unwrap().contains("employer"));
    let answered = ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/answer"),
            Some(&token),
            Some(json!({"text": "Schmit & Fils SARL"})),
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(answered["status"], "answered");

    // A message exchange, then the decision.
    let seen = ok(app.get(&format!("{bo}/messages"), Some(&agent)).await, 200).await;
    assert_eq!(seen[1]["text"], "Schmit & Fils SARL");
    let letter = STANDARD.encode(pdf(1500));
    let body = json!({"text": "Thank you, the extract follows.", "attachments": [
        {"filename": "letter.pdf", "media_type": "application/pdf", "content_base64": letter}
    ]});
    let sent = ok(
        call(
            &app,
            Method::POST,
            &format!("{bo}/messages"),
            Some(&agent),
            Some(body),
            &[],
        )
        .await,
        200,
    )
    .await;
    let file_id = sent["attachments"][0]["id"].as_str().unwrap();
    let mine = ok(
        app.get(&format!("/api/v1/dossiers/{id}/messages"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(mine[2]["attachments"][0]["filename"], "letter.pdf");
    assert!(
        !mine[1]["read_at"].is_null(),
        "the agent read the answer: {mine}"
    );
    let path = format!(
        "/api/v1/dossiers/{id}/messages/{}/attachments/{file_id}",
        sent["id"].as_str().unwrap()
    );
    assert_eq!(
        app.get(&path, Some(&token))
            .await
            .bytes()
            .await
            .unwrap()
            .len(),
        1500
    );
    ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/messages"),
            Some(&token),
            Some(json!({"text": "Thanks!"})),
            &[],
        )
        .await,
        200,
    )
    .await;
    let closed = ok(
        call(
            &app,
            Method::POST,
            &format!("{bo}/status"),
            Some(&agent),
            Some(json!({"status": "accepted", "reason": "Extract issued."})),
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (closed["status"].as_str(), closed["outcome"].as_str()),
        (Some("closed"), Some("accepted"))
    );

    // The end-of-dossier mail and the extract's notice leave side by side, in either order.
    let mut last = Vec::new();
    for n in [3, 4] {
        last.push(app.smtp.wait_for(&marie.email, n).await.body);
    }
    assert!(last.iter().any(|b| b.contains("terminé")), "{last:?}");

    // The timeline shows every transition, who and why.
    let tl = ok(
        app.get(&format!("/api/v1/dossiers/{id}/timeline"), Some(&token))
            .await,
        200,
    )
    .await;
    let statuses: Vec<&str> = tl
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "draft",
            "signed",
            "transmitted",
            "in_processing",
            "information_requested",
            "answered",
            "closed"
        ]
    );
    assert_eq!(tl[6]["actor_kind"], "agent");
    assert_eq!(tl[6]["reason"], "Extract issued.");

    // The holder sees that the administration opened the dossier and its file.
    let read = ok(app.get(&bo, Some(&agent)).await, 200).await;
    assert_eq!(
        read["created_by"],
        format!("person:{}", read["acting_person_id"].as_str().unwrap())
    );
    let log = ok(
        app.get(&format!("/api/v1/spaces/{space}/access-log"), Some(&token))
            .await,
        200,
    )
    .await;
    let agent_reads = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "dossier.read_by_agent")
        .count();
    assert_eq!(agent_reads, 2, "{log}");

    // The dashboard answers 304 while nothing changes.
    let resp = app
        .get(
            &format!("/api/v1/spaces/{space}/dossiers?status=closed"),
            Some(&token),
        )
        .await;
    let etag = resp.headers()["etag"].to_str().unwrap().to_string();
    let page = ok(resp, 200).await;
    assert_eq!(page["total"], 1);
    let again = call(
        &app,
        Method::GET,
        &format!("/api/v1/spaces/{space}/dossiers?status=closed"),
        Some(&token),
        None,
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn a_paper_request_appears_in_the_persons_dashboard() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    let space = Citizen::private_space(&app, &token).await;
    let agent = agent_token(&app, &justice_agent()).await;
    let body = json!({"procedure_id": "criminal-record-extract", "matricule": marie.matricule, "data": {"purpose": "volunteering", "bulletin": "5", "copies": 1}});
    let d = ok(
        call(
            &app,
            Method::POST,
            "/api/v1/backoffice/paper-requests",
            Some(&agent),
            Some(body),
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (d["status"].as_str(), d["channel"].as_str()),
        (Some("transmitted"), Some("paper"))
    );
    assert_eq!(d["data"]["family_name"], "Schmit");
    let dash = ok(
        app.get(&format!("/api/v1/spaces/{space}/dossiers"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(dash["items"][0]["id"], d["id"]);
    assert_eq!(dash["items"][0]["channel"], "paper");
}

#[tokio::test]
async fn a_new_procedure_version_leaves_dossiers_in_flight_on_theirs() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    let old = start_criminal_record(&app, &token, None).await;
    let mut v2: serde_json::Value =
        serde_json::from_str(guichet::service::catalog::SHIPPED[0]).unwrap();
    v2["version"] = json!(2);
    v2["steps"][1]["fields"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["id"] != "copies");
    guichet::service::catalog::publish(&app.ctx.db, &v2.to_string(), app.ctx.now())
        .await
        .unwrap();
    let new = start_criminal_record(&app, &token, None).await;
    assert_eq!(new["procedure_version"], 2);
    let id = old["id"].as_str().unwrap();
    let still = ok(
        app.get(&format!("/api/v1/dossiers/{id}"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(still["procedure_version"], 1);
    let v1 = ok(
        app.get(
            "/api/v1/procedures/criminal-record-extract/versions/1",
            None,
        )
        .await,
        200,
    )
    .await;
    assert!(v1["definition"].to_string().contains("\"copies\""));
    let latest = ok(
        app.get("/api/v1/procedures/criminal-record-extract", None)
            .await,
        200,
    )
    .await;
    assert!(!latest["definition"].to_string().contains("\"copies\""));
    // Unchanged, the dossier answers 304 to its etag.
    let resp = app
        .get(&format!("/api/v1/dossiers/{id}"), Some(&token))
        .await;
    let etag = resp.headers()["etag"].to_str().unwrap().to_string();
    let again = call(
        &app,
        Method::GET,
        &format!("/api/v1/dossiers/{id}"),
        Some(&token),
        None,
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status(), 304);
    let resp = call(
        &app,
        Method::PUT,
        &format!("/api/v1/dossiers/{id}/steps/request"),
        Some(&token),
        Some(json!({"values": {"copies": 2}})),
        &[],
    )
    .await;
    assert_eq!(ok(resp, 200).await["dossier"]["data"]["copies"], 2.0);
}

#[tokio::test]
async fn entered_data_is_saved_back_into_the_profile_only_when_asked() {
    let app = TestApp::spawn().await;
    let token = Citizen::marie().register(&app).await;
    let space = Citizen::private_space(&app, &token).await;
    let d = start_criminal_record(&app, &token, None).await;
    let step = format!(
        "/api/v1/dossiers/{}/steps/applicant",
        d["id"].as_str().unwrap()
    );
    let body = json!({"values": {"phone": "+352 621 000 111"}});
    ok(
        call(&app, Method::PUT, &step, Some(&token), Some(body), &[]).await,
        200,
    )
    .await;
    let profile = ok(
        app.get(&format!("/api/v1/spaces/{space}/profile"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(profile["data"]["phone"], serde_json::Value::Null);

    let body = json!({"values": {"phone": "+352 621 123 456"}, "save_to_profile": true});
    ok(
        call(&app, Method::PUT, &step, Some(&token), Some(body), &[]).await,
        200,
    )
    .await;
    let profile = ok(
        app.get(&format!("/api/v1/spaces/{space}/profile"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(profile["data"]["phone"], "+352621123456");
    let next = start_criminal_record(&app, &token, None).await;
    assert_eq!(next["data"]["phone"], "+352621123456");

    // A value the profile would not accept is refused, naming the field.
    let body = json!({"values": {"phone": "0621"}, "save_to_profile": true});
    let (status, p) =
        problem(call(&app, Method::PUT, &step, Some(&token), Some(body), &[]).await).await;
    assert_eq!(
        (status, p["field"].as_str(), p["reason"].as_str()),
        (422, Some("phone"), Some("phone"))
    );
}
