//! A criminal record extract request from start to closed, through the holder's app and the back office.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_tests::{Agent, Person, TestApp, assert_problem, dossier::pdf};
use serde_json::json;

#[tokio::test]
async fn criminal_record_request_runs_from_draft_to_closed() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let api = &marie.api;

    // The catalog finds the procedure by a German word.
    let found = app
        .client()
        .search_procedures("Strafregister")
        .await
        .ok(200);
    assert_eq!(found[0]["id"], "criminal-record-extract", "{found}");

    // Started: prefilled from the register, register fields read-only.
    let d = marie.start_criminal_record(Some("start-1")).await;
    let id = d["id"].as_str().unwrap().to_string();
    let reg = guichet::store::register::find(&app.ctx.db, &marie.citizen.matricule)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d["status"], "draft");
    assert_eq!(d["procedure_version"], 1);
    assert_eq!(d["data"]["matricule"], reg.matricule.as_str());
    assert_eq!(d["data"]["family_name"], reg.family_name.as_str());
    assert_eq!(d["data"]["address"]["street"], reg.street.as_str());
    assert_eq!(d["data"]["email"], marie.citizen.email.as_str());
    assert!(
        d["read_only_fields"]
            .as_array()
            .unwrap()
            .contains(&json!("birth_date"))
    );

    // Changing a register field is refused, naming it; nothing is saved.
    let resp = api
        .fill_step(
            &id,
            "applicant",
            json!({"values": {"family_name": "Dupont"}}),
        )
        .await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("family_name"), Some("read-only"))
    );
    assert_eq!(api.dossier(&id).await.ok(200)["data"], d["data"]);

    // A wrong value is saved as a draft and reported in the user's language; then fixed.
    let v = api
        .in_language("de")
        .fill_step(
            &id,
            "request",
            json!({"values": {"purpose": "employment", "bulletin": "3", "copies": 9}}),
        )
        .await
        .ok(200);
    assert_eq!(v["errors"][0]["field"], "copies", "{v}");
    assert_eq!(v["errors"][0]["reason"], "out-of-range");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("außerhalb"),
        "{v}"
    );
    let invalid = api.validation(&id).await.ok(200);
    assert_eq!(invalid["valid"], false);
    marie.complete_criminal_record(&id).await;
    let valid = api.validation(&id).await.ok(200);
    assert_eq!(valid["valid"], true, "{valid}");
    let files = api.attachments(&id).await.ok(200);
    assert_eq!(files[0]["size"], 2000);
    assert_eq!(files[0]["sha256"].as_str().unwrap().len(), 64);

    // Signed with the registered signature certificate, then frozen.
    let signed = marie.sign(&id, Some("sign-1")).await.ok(200);
    assert_eq!(signed["status"], "signed");
    assert_eq!(signed["signed_digest"].as_str().unwrap().len(), 64);
    let resp = api
        .fill_step(&id, "request", json!({"values": {"copies": 2}}))
        .await;
    assert_problem(&resp, 409, "illegal-transition");
    let frozen = api.dossier(&id).await.ok(200);
    assert_eq!(
        (frozen["status"].as_str(), &frozen["data"]["copies"]),
        (Some("signed"), &signed["data"]["copies"])
    );

    let sent = api.idempotent(Some("tx-1")).transmit(&id).await.ok(200);
    assert_eq!(sent["status"], "transmitted");

    // The justice administration takes it and asks for information.
    let agent = Agent::justice(&app).await;
    let bo = &agent.api;
    let list = bo.work_list().await.ok(200);
    assert_eq!(list[0]["id"], id.as_str());
    let files = bo.bo_attachments(&id).await.ok(200);
    let bytes = bo
        .bo_attachment(&id, files[0]["id"].as_str().unwrap())
        .await
        .expect(200);
    assert_eq!(bytes.body.len(), 2000);
    bo.take(&id).await.ok(200);
    let asked = bo
        .decide(
            &id,
            "information_requested",
            Some("Please state the employer's name."),
        )
        .await
        .ok(200);
    assert_eq!(asked["status"], "information_requested");

    // A mail points the holder to the dashboard, without the question itself.
    let mail = app.smtp.wait_for(&marie.citizen.email, 2).await;
    assert!(
        mail.body.contains("Demande d'extrait du casier judiciaire"),
        "{}",
        mail.body
    );
    assert!(!mail.body.contains("employer"), "{}", mail.body);

    // The holder sees it on the dashboard, reads the message and answers.
    let dash = api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dash["items"][0]["next_action"], "answer");
    assert_eq!(dash["items"][0]["unread_messages"], 1);
    let msgs = api.messages(&id).await.ok(200);
    assert_eq!(msgs[0]["sender"], "administration");
    assert!(msgs[0]["text"].as_str().unwrap().contains("employer"));
    let answered = api.answer(&id, "Schmit & Fils SARL").await.ok(200);
    assert_eq!(answered["status"], "answered");

    // A message exchange, then the decision.
    let seen = bo.bo_messages(&id).await.ok(200);
    assert_eq!(seen[1]["text"], "Schmit & Fils SARL");
    let letter = STANDARD.encode(pdf(1500));
    let body = json!({"text": "Thank you, the extract follows.", "attachments": [
        {"filename": "letter.pdf", "media_type": "application/pdf", "content_base64": letter}
    ]});
    let sent = bo.bo_send_message(&id, body).await.ok(200);
    let file_id = sent["attachments"][0]["id"].as_str().unwrap();
    let mine = api.messages(&id).await.ok(200);
    assert_eq!(mine[2]["attachments"][0]["filename"], "letter.pdf");
    assert!(
        !mine[1]["read_at"].is_null(),
        "the agent read the answer: {mine}"
    );
    let file = api
        .message_file(&id, sent["id"].as_str().unwrap(), file_id)
        .await
        .expect(200);
    assert_eq!(file.body.len(), 1500);
    api.send_message(&id, json!({"text": "Thanks!"}))
        .await
        .ok(200);
    let closed = bo
        .decide(&id, "accepted", Some("Extract issued."))
        .await
        .ok(200);
    assert_eq!(
        (closed["status"].as_str(), closed["outcome"].as_str()),
        (Some("closed"), Some("accepted"))
    );

    // The end-of-dossier mail and the extract's notice leave side by side, in either order.
    let mut last = Vec::new();
    for n in [3, 4] {
        last.push(app.smtp.wait_for(&marie.citizen.email, n).await.body);
    }
    assert!(last.iter().any(|b| b.contains("terminé")), "{last:?}");

    // The timeline shows every transition, who and why.
    let tl = api.timeline(&id).await.ok(200);
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
    let read = bo.bo_dossier(&id).await.ok(200);
    assert_eq!(
        read["created_by"],
        format!("person:{}", read["acting_person_id"].as_str().unwrap())
    );
    let log = api.access_log(&marie.space).await.ok(200);
    let agent_reads = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "dossier.read_by_agent")
        .count();
    assert_eq!(agent_reads, 2, "{log}");

    // The dashboard answers 304 while nothing changes.
    let closed = [("status", "closed")];
    let resp = api
        .space_dossiers_with(&marie.space, &closed)
        .await
        .expect(200);
    let etag = resp.header("etag").unwrap().to_string();
    assert_eq!(resp.json()["total"], 1);
    let again = api
        .with_header("if-none-match", &etag)
        .space_dossiers_with(&marie.space, &closed)
        .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn a_paper_request_appears_in_the_persons_dashboard() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let agent = Agent::justice(&app).await;
    let body = json!({"procedure_id": "criminal-record-extract", "matricule": marie.citizen.matricule, "data": {"purpose": "volunteering", "bulletin": "5", "copies": 1}});
    let d = agent.api.paper_request(body).await.ok(200);
    assert_eq!(
        (d["status"].as_str(), d["channel"].as_str()),
        (Some("transmitted"), Some("paper"))
    );
    assert_eq!(d["data"]["family_name"], "Schmit");
    let dash = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dash["items"][0]["id"], d["id"]);
    assert_eq!(dash["items"][0]["channel"], "paper");
}

#[tokio::test]
async fn a_new_procedure_version_leaves_dossiers_in_flight_on_theirs() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let old = marie.start_criminal_record(None).await;
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
    let new = marie.start_criminal_record(None).await;
    assert_eq!(new["procedure_version"], 2);
    let id = old["id"].as_str().unwrap();
    let still = marie.api.dossier(id).await.ok(200);
    assert_eq!(still["procedure_version"], 1);
    let public = app.client();
    let v1 = public
        .procedure_version("criminal-record-extract", "1")
        .await
        .ok(200);
    assert!(v1["definition"].to_string().contains("\"copies\""));
    let latest = public.procedure("criminal-record-extract").await.ok(200);
    assert!(!latest["definition"].to_string().contains("\"copies\""));
    // Unchanged, the dossier answers 304 to its etag.
    let resp = marie.api.dossier(id).await.expect(200);
    let etag = resp.header("etag").unwrap().to_string();
    let again = marie
        .api
        .with_header("if-none-match", &etag)
        .dossier(id)
        .await;
    assert_eq!(again.status, 304);
    let filled = marie
        .api
        .fill_step(id, "request", json!({"values": {"copies": 2}}))
        .await
        .ok(200);
    assert_eq!(filled["dossier"]["data"]["copies"], 2.0);
}

#[tokio::test]
async fn entered_data_is_saved_back_into_the_profile_only_when_asked() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let api = &marie.api;
    let d = marie.start_criminal_record(None).await;
    let id = d["id"].as_str().unwrap();
    let body = json!({"values": {"phone": "+352 621 000 111"}});
    api.fill_step(id, "applicant", body).await.ok(200);
    let profile = api.profile(&marie.space).await.ok(200);
    assert_eq!(profile["data"]["phone"], serde_json::Value::Null);

    let body = json!({"values": {"phone": "+352 621 123 456"}, "save_to_profile": true});
    api.fill_step(id, "applicant", body).await.ok(200);
    let profile = api.profile(&marie.space).await.ok(200);
    assert_eq!(profile["data"]["phone"], "+352621123456");
    let next = marie.start_criminal_record(None).await;
    assert_eq!(next["data"]["phone"], "+352621123456");

    // A value the profile would not accept is refused, naming the field; the profile keeps its phone.
    let body = json!({"values": {"phone": "0621"}, "save_to_profile": true});
    let resp = api.fill_step(id, "applicant", body).await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("phone"), Some("phone"))
    );
    let profile = api.profile(&marie.space).await.ok(200);
    assert_eq!(profile["data"]["phone"], "+352621123456");
}

#[tokio::test]
async fn the_dashboard_pages_count_every_match_in_one_snapshot() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let api = &marie.api;
    let mut started = Vec::new();
    for n in 0..5 {
        let d = marie
            .start_criminal_record(Some(&format!("paging-{n}")))
            .await;
        started.push(d["id"].as_str().unwrap().to_string());
    }
    // Newest change first, two per page; every page carries the same total.
    let mut seen = Vec::new();
    for page in ["1", "2", "3"] {
        let p = api
            .in_language("en")
            .space_dossiers_with(&marie.space, &[("per_page", "2"), ("page", page)])
            .await
            .ok(200);
        assert_eq!(
            (p["total"].as_u64(), p["per_page"].as_u64()),
            (Some(5), Some(2)),
            "{p}"
        );
        for line in p["items"].as_array().unwrap() {
            assert_eq!(line["title"], "Request for a criminal record extract");
            assert_eq!(line["unread_messages"], 0);
            seen.push(line["id"].as_str().unwrap().to_string());
        }
    }
    started.reverse();
    assert_eq!(seen, started, "newest first, each once");
    // A page past the last is empty and still says how many there are.
    let past = api
        .space_dossiers_with(&marie.space, &[("per_page", "2"), ("page", "4")])
        .await
        .ok(200);
    assert_eq!(
        (
            past["total"].as_u64(),
            past["items"].as_array().map(Vec::len)
        ),
        (Some(5), Some(0))
    );
    // A status no dossier has: nothing, on every page.
    let none = api
        .space_dossiers_with(&marie.space, &[("status", "closed"), ("page", "2")])
        .await
        .ok(200);
    assert_eq!(
        (
            none["total"].as_u64(),
            none["items"].as_array().map(Vec::len)
        ),
        (Some(0), Some(0))
    );
}
