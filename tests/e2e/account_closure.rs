//! Closing an account: the draft goes with its deletion record, the transmitted dossier and the
//! extract stay (listed with until when; the extract still verifies online), every old token and
//! the old certificate stop leading to the account, registering again makes a new person; the
//! only administrator of a space others depend on is refused with the space named; the endpoint
//! only ever acts on its caller, and agents cannot call it.

use guichet::service::{access_record, retention};
use guichet_tests::{
    Agent, Citizen, Company, Person, PushService, TestApp, assert_problem,
    printed_verification_code, smtp_sink::link_token,
};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use std::time::Duration;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

/// How long issuance and mail may take.
const DEADLINE: Duration = Duration::from_secs(20);

/// The body that confirms a closure.
fn confirmed() -> Value {
    json!({"confirm": true})
}

/// The item of `list` with `kind` and `id`.
fn item<'a>(list: &'a Value, kind: &str, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == kind && i["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in {list:#}"))
}

/// How many items of `list` have `kind`.
fn count(list: &Value, kind: &str) -> usize {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind)
        .count()
}

fn instant(v: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(v.as_str().unwrap(), &Rfc3339).unwrap()
}

/// Rows of `table` where `column` is `value`.
async fn rows(app: &TestApp, table: &str, column: &str, value: &str) -> Vec<sea_orm::QueryResult> {
    let db = &app.ctx.db;
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        format!("SELECT * FROM {table} WHERE {column} = '{value}'"),
    ))
    .await
    .unwrap()
}

/// Waits for the mails to `to` whose body contains `text`, until there are `n`.
async fn mails_with(app: &TestApp, to: &str, text: &str, n: usize) -> Vec<String> {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        let found: Vec<String> = app
            .smtp
            .mails()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == to) && m.body.contains(text))
            .map(|m| m.body)
            .collect();
        if found.len() >= n {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no mail #{n} to {to} with {text:?}: {:#?}",
            app.smtp.mails()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Polls Marie's communications until the extract answering `dossier` is there.
async fn extract_for(marie: &Person, dossier: &str) -> Value {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        let page = marie.api.communications(&marie.space).await.ok(200);
        let found = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["dossier_id"] == dossier && c["kind"] == "criminal-record-extract")
            .cloned();
        if let Some(c) = found {
            return c;
        }
        assert!(tokio::time::Instant::now() < deadline, "no extract: {page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn closing_deletes_what_the_law_lets_go_keeps_the_rest_and_registering_again_starts_afresh() {
    // Arrange: Marie, a member of Luc's bakery, with a phone, an extract issued for a
    // transmitted request, and a draft.
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let key = app.client().vapid_public_key().await.ok(200);
    push.expect_vapid_key(key["public_key"].as_str().unwrap());
    let marie = Person::marie(&app).await;
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let company = Company::create(luc).await;
    let rights = json!([{"procedure": "*", "rights": ["fill"]}]);
    company.join(&app, &marie, "member", rights, 2).await;
    marie.add_signature_certificate(&app).await;
    let transmitted = marie.transmit_criminal_record().await;
    let justice = Agent::justice(&app).await;
    for status in ["in_processing", "accepted"] {
        justice
            .api
            .decide(&transmitted, status, Some("Demande complète"))
            .await
            .ok(200);
    }
    let extract = extract_for(&marie, &transmitted).await;
    let extract_id = extract["id"].as_str().unwrap().to_string();
    let number = extract["document_number"].as_str().unwrap().to_string();
    let pdf = marie
        .api
        .communication_file(&marie.space, &extract_id)
        .await
        .expect(200)
        .body;
    let code = printed_verification_code(&pdf).expect("a printed verification code");
    let draft = marie.start_criminal_record(None).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let phone = push.device("phone");
    let device = marie
        .api
        .subscribe_push(phone.subscription_json())
        .await
        .ok(201);
    let (status, second) = marie.citizen.sign_in(&app).await;
    assert_eq!(status, 200, "{second}");
    let refresh = second["refresh_token"].as_str().unwrap().to_string();
    let second_access = second["access_token"].as_str().unwrap().to_string();

    // Act.
    let closed = marie.api.close_account(confirmed()).await.ok(200);

    // What the law lets go is deleted and listed: the draft, the device, the membership, the
    // sessions, the contact fields, both certificates.
    let deleted = &closed["deleted"];
    assert_eq!(
        item(deleted, "draft", &draft)["detail"],
        "criminal-record-extract"
    );
    item(deleted, "device", device["id"].as_str().unwrap());
    assert_eq!(
        item(deleted, "membership", &company.space)["detail"],
        "member"
    );
    item(deleted, "profile-contact", &marie.space);
    assert_eq!(count(deleted, "certificate"), 2, "{deleted:#}");
    assert!(count(deleted, "session") >= 2, "{deleted:#}");
    // The draft is gone, with its deletion record.
    assert!(rows(&app, "dossiers", "id", &draft).await.is_empty());
    let records = rows(&app, "deletion_records", "object_id", &draft).await;
    assert_eq!(records.len(), 1);
    let rule: String = records[0].try_get("", "rule").unwrap();
    assert_eq!(rule, "account-closure");

    // What the law keeps is kept and listed with why and until when.
    let closed_at = instant(&closed["closed_at"]);
    let kept = &closed["kept"];
    let dossier = item(kept, "dossier", &transmitted);
    assert_eq!(
        dossier["rule"],
        "retention:criminal-record-extract:closed:365d"
    );
    let until = instant(&dossier["until"]);
    assert!(
        until > closed_at + time::Duration::days(364)
            && until <= closed_at + time::Duration::days(366),
        "{dossier}"
    );
    let kept_extract = item(kept, "communication", &extract_id);
    assert_eq!(kept_extract["rule"], "document-validity");
    assert_eq!(kept_extract["until"], dossier["until"]);
    item(kept, "access-log", &marie.space);
    item(kept, "deletion-records", &marie.space);
    assert_eq!(rows(&app, "dossiers", "id", &transmitted).await.len(), 1);
    // The extract still verifies online, by its number and by its printed code.
    let public = app.client();
    let status = public.document_status(&number).await.ok(200);
    assert_eq!(status["status"], "valid", "{status}");
    let check = public.check_document(&number, &code).await.ok(200);
    assert_eq!(check["status"], "valid", "{check}");
    assert_eq!(check["document"]["family_name"], "Schmit");

    // Every old token is refused; the old certificate leads to registration.
    assert_problem(&marie.api.me().await, 401, "unauthenticated");
    let second_api = app.client().with_token(&second_access);
    assert_problem(&second_api.me().await, 401, "unauthenticated");
    assert_problem(
        &second_api.close_account(confirmed()).await,
        401,
        "unauthenticated",
    );
    let refused = app.client().refresh_session(&refresh).await;
    assert_problem(&refused, 401, "unauthenticated");
    let (status, again) = marie.citizen.sign_in(&app).await;
    assert_eq!(status, 202, "{again}");
    assert!(again["registration_token"].is_string(), "{again}");

    // The bakery's access log says she left; the bakery goes on.
    let left = company
        .admin
        .api
        .access_log_with(&company.space, &[("action", "member.leave")])
        .await
        .ok(200);
    assert_eq!(left["items"].as_array().unwrap().len(), 1, "{left}");
    assert_eq!(left["items"][0]["actor"], marie.id.as_str());
    let members = company.admin.api.members(&company.space).await.ok(200);
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");

    // The mail to the address she had lists what went and what stays.
    let email = marie.citizen.email.clone();
    let mail = &mails_with(&app, &email, &transmitted, 1).await[0];
    assert!(mail.contains("- draft: 1"), "{mail}");
    assert!(
        mail.contains("retention:criminal-record-extract:closed:365d"),
        "{mail}"
    );

    // Registering again with the same number gives a new person and a new private space.
    marie.citizen.start_registration(&app).await;
    let links = mails_with(&app, &email, "registration/confirm?token=", 2).await;
    app.client()
        .confirm_registration(json!({"token": link_token(&links[1]), "accept_terms": true}))
        .await
        .ok(200);
    let token = marie.citizen.access_token(&app).await;
    let reborn = Person::signed_in(&app, marie.citizen.clone(), token).await;
    assert_ne!(reborn.id, marie.id);
    assert_ne!(reborn.space, marie.space);
    let me = reborn.api.me().await.ok(200);
    assert_eq!(me["matricule"], marie.citizen.matricule.as_str());
    assert_eq!(me["spaces"].as_array().unwrap().len(), 1, "{me}");
    assert_problem(&reborn.api.space(&marie.space).await, 404, "not-found");
    let dossiers = reborn.api.space_dossiers(&reborn.space).await.ok(200);
    assert_eq!(dossiers["total"], 0, "{dossiers}");

    // Retention still works on what was kept; every chain is intact.
    app.clock.advance(time::Duration::days(400));
    let applied = retention::apply(&app.ctx).await.unwrap();
    assert!(
        applied
            .anonymised
            .iter()
            .any(|(d, _)| d.to_string() == transmitted),
        "{applied:?}"
    );
    let report = access_record::check(&app.ctx.db).await.unwrap();
    assert!(report.intact(), "{report:?}");
}

#[tokio::test]
async fn the_only_administrator_of_a_space_with_co_workers_is_refused_until_they_hand_over() {
    let app = TestApp::spawn().await;
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let company = Company::create(luc).await;
    let zoe = Person::register(&app, Citizen::zoe()).await;
    let rights = json!([{"procedure": "*", "rights": ["fill"]}]);
    company.join(&app, &zoe, "member", rights, 2).await;
    let luc = &company.admin;

    // Refused, naming the space; nothing changed.
    let refused = luc.api.close_account(confirmed()).await;
    let problem = assert_problem(&refused, 409, "sole-administrator");
    assert_eq!(problem["spaces"], json!([company.space]), "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains(&company.space),
        "{problem}"
    );
    luc.api.me().await.ok(200);
    assert_eq!(
        luc.api
            .members(&company.space)
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Only `true` confirms.
    for body in [
        json!({}),
        json!({"confirm": false}),
        json!({"confirm": "yes"}),
    ] {
        let p = assert_problem(&luc.api.close_account(body).await, 422, "invalid-field");
        assert_eq!(p["field"], "confirm", "{p}");
    }
    luc.api.me().await.ok(200);

    // Once Zoé administers it too, Luc closes his account and the bakery is hers.
    luc.api
        .set_member(&company.space, &zoe.id, json!({"role": "administrator"}))
        .await
        .ok(200);
    let closed = luc.api.close_account(confirmed()).await.ok(200);
    assert_eq!(
        item(&closed["deleted"], "membership", &company.space)["detail"],
        "administrator"
    );
    let members = zoe.api.members(&company.space).await.ok(200);
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
    assert_eq!(members[0]["person_id"], zoe.id.as_str());
}

#[tokio::test]
async fn closing_acts_only_on_the_caller_and_agents_cannot_close() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let jean_claude = Person::jean_claude(&app).await;
    let draft = marie.start_criminal_record(None).await["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Jean-Claude closes: only his own account goes.
    let closed = jean_claude.api.close_account(confirmed()).await.ok(200);
    item(&closed["kept"], "account", &jean_claude.id);
    let all = closed.to_string();
    for other in [&marie.id, &marie.space, &draft] {
        assert!(!all.contains(other.as_str()), "{closed:#}");
    }
    marie.api.me().await.ok(200);
    marie.api.dossier(&draft).await.ok(200);
    assert_eq!(
        marie
            .api
            .my_certificates()
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // An agent, and nobody at all, are refused.
    let justice = Agent::justice(&app).await;
    let refused = justice.api.close_account(confirmed()).await;
    assert_problem(&refused, 401, "unauthenticated");
    let anonymous = app.client().close_account(confirmed()).await;
    assert_eq!(anonymous.status, 401);
    justice.api.work_list().await.ok(200);

    // A professional space held alone, holding nothing the law keeps, closes with the account.
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let company = Company::create(luc).await;
    let closed = company.admin.api.close_account(confirmed()).await.ok(200);
    assert_eq!(
        item(&closed["deleted"], "professional-space", &company.space)["detail"],
        "administrator"
    );
    marie.api.me().await.ok(200);
}
