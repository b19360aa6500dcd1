//! Who used my data, in which role or administration, and why: a holder who asked for it is
//! told (push) when an administration reads their data, once a day per administration; the
//! operators' commands that touch a person's data are on that person's record with the reason
//! they gave; the record filters by the kind of actor; none of it is anyone else's.

use guichet::domain::ids::SpaceId;
use guichet::service::{access_record, operator_use, professional};
use guichet::store::{self, entities::mail_outbox, postal::NewLetter};
use guichet_tests::{
    Agent, Person, PushService, TestApp, assert_problem, fixtures::marie_with_phone,
    push_service::Device,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use std::time::Duration;

/// How long a push may take to arrive.
const DEADLINE: Duration = Duration::from_secs(20);

/// The record's entries of actor kind `kind`.
async fn of_kind(person: &Person, kind: &str) -> Vec<Value> {
    let log = person
        .api
        .access_log_with(&person.space, &[("actor_kind", kind)])
        .await
        .ok(200);
    log["items"].as_array().unwrap().clone()
}

/// How many `data-read` pushes are queued for `person`.
async fn data_read_pushes(app: &TestApp, person: &Person) -> u64 {
    store::entities::push_outbox::Entity::find()
        .filter(store::entities::push_outbox::Column::PersonId.eq(person.id.as_str()))
        .filter(store::entities::push_outbox::Column::Kind.eq("data-read"))
        .count(&app.ctx.db)
        .await
        .unwrap()
}

/// The `data-read` notices `phone` received, decrypted.
fn data_read_notices(push: &PushService, phone: &Device) -> Vec<Value> {
    push.received()
        .into_iter()
        .filter_map(|r| {
            let plain: Value = serde_json::from_slice(&phone.decrypt(&r.body).ok()?).ok()?;
            (plain["kind"] == "data-read").then_some(plain)
        })
        .collect()
}

#[tokio::test]
async fn an_administrations_read_is_pushed_once_a_day_to_who_asked_for_it() {
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let (marie, dossier, phone) = marie_with_phone(&app, &push).await;
    let justice = Agent::justice(&app).await;

    // Off unless asked for: the read is recorded, nobody is told.
    assert_eq!(
        marie.api.push_preferences().await.ok(200)["agent_reads"],
        false
    );
    justice.api.bo_dossier(&dossier).await.ok(200);
    assert_eq!(data_read_pushes(&app, &marie).await, 0);

    // Asked for: the next read reaches her phone, encrypted, in her language, with where to look.
    let set = marie
        .api
        .set_push_preferences(json!({"agent_reads": true}))
        .await
        .ok(200);
    assert_eq!(set["agent_reads"], true);
    assert_eq!(
        marie.api.push_preferences().await.ok(200)["agent_reads"],
        true
    );
    justice.api.bo_dossier(&dossier).await.ok(200);
    let deadline = tokio::time::Instant::now() + DEADLINE;
    let notice = loop {
        if let Some(n) = data_read_notices(&push, &phone).pop() {
            break n;
        }
        assert!(tokio::time::Instant::now() < deadline, "no data-read push");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(
        notice["path"],
        format!("/spaces/{}/access-log?actor_kind=agent", marie.space)
    );
    assert_eq!(notice["title"], "Vos données ont été consultées");
    assert!(
        !notice.to_string().contains("Schmit"),
        "ids only, never personal data: {notice}"
    );

    // More reads the same day: recorded, not pushed again; the next day, told again.
    justice.api.bo_dossier(&dossier).await.ok(200);
    assert_eq!(data_read_pushes(&app, &marie).await, 1);
    app.clock.advance(time::Duration::hours(25));
    let mut marie = marie;
    marie.sign_in_again(&app).await;
    let justice = Agent::justice(&app).await;
    justice.api.bo_dossier(&dossier).await.ok(200);
    assert_eq!(data_read_pushes(&app, &marie).await, 2);

    // The record by kind of actor: every agent entry names the administration and why.
    let agents = of_kind(&marie, "agent").await;
    assert!(agents.len() >= 4, "{agents:?}");
    for e in &agents {
        assert_eq!(e["actor_kind"], "agent", "{e}");
        assert!(e["administration"].is_string(), "{e}");
        assert!(e["purpose"].as_str().unwrap().contains(&dossier), "{e}");
    }
    assert!(
        of_kind(&marie, "person")
            .await
            .iter()
            .all(|e| e["actor_kind"] == "person" && e["administration"].is_null())
    );
    let bad = marie
        .api
        .access_log_with(&marie.space, &[("actor_kind", "neighbour")])
        .await;
    let p = assert_problem(&bad, 400, "malformed-request");
    assert_eq!(p["field"], "actor_kind", "{p}");
    let unknown = marie
        .api
        .set_push_preferences(json!({"agent_reads": true, "agent_writes": true}))
        .await;
    let p = assert_problem(&unknown, 400, "malformed-request");
    assert_eq!(p["field"], "agent_writes", "{p}");

    // The wish is each person's own: Jean-Claude's is off; an agent has none.
    let jean_claude = Person::jean_claude(&app).await;
    assert_eq!(
        jean_claude.api.push_preferences().await.ok(200)["agent_reads"],
        false
    );
    assert_problem(
        &justice.api.push_preferences().await,
        401,
        "unauthenticated",
    );
    let refused = justice
        .api
        .set_push_preferences(json!({"agent_reads": true}))
        .await;
    assert_problem(&refused, 401, "unauthenticated");
    assert_problem(
        &jean_claude
            .api
            .access_log_with(&marie.space, &[("actor_kind", "agent")])
            .await,
        404,
        "not-found",
    );
}

#[tokio::test]
async fn operators_commands_on_a_persons_data_are_on_their_record_with_the_reason() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let db = &app.ctx.db;
    let now = app.ctx.now();

    // The helpdesk raises her professional space limit.
    professional::set_limit(
        db,
        10,
        &marie.citizen.matricule,
        12,
        "helpdesk-anna",
        "ticket 4711: a fiduciary with twelve clients",
        now,
    )
    .await
    .unwrap();

    // The operator prints a letter for her space.
    let space = SpaceId::from(marie.space.as_str());
    let id = store::postal::insert(
        db,
        NewLetter {
            space: &space,
            administration: "ccss",
            domain: None,
            title: "Affiliation",
            body: Some("Votre affiliation est enregistrée."),
            file: None,
            communication: None,
        },
        now,
    )
    .await
    .unwrap();
    let letter = operator_use::letter_to_print(db, &id).await.unwrap();
    assert!(String::from_utf8_lossy(&letter.bytes).contains("Affiliation"));
    operator_use::record_printed(db, &letter.letter, "ops-luc", "printed for the post", now)
        .await
        .unwrap();
    assert!(
        store::postal::list(db, false)
            .await
            .unwrap()
            .iter()
            .all(|l| l.id != id),
        "recorded printed"
    );

    // The operator reads the bodies of the mails sent to her.
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(marie.citizen.email.as_str()))
        .all(db)
        .await
        .unwrap();
    assert!(!mails.is_empty());
    let spaces =
        operator_use::record_mail_bodies_read(db, &mails, "ops-luc", "bounce investigation", now)
            .await
            .unwrap();
    assert_eq!(spaces, mails.len());

    // Each is on her record: the operator's name, what, and why.
    let ops = of_kind(&marie, "operator").await;
    let find = |action: &str| {
        ops.iter()
            .find(|e| e["action"] == action)
            .unwrap_or_else(|| panic!("{action} in {ops:?}"))
            .clone()
    };
    let limit = find("operator.space-limit");
    assert_eq!(limit["actor"], "helpdesk-anna");
    assert_eq!(
        limit["purpose"],
        "ticket 4711: a fiduciary with twelve clients"
    );
    assert!(
        limit["detail"].as_str().unwrap().contains("10 -> 12"),
        "{limit}"
    );
    let printed = find("operator.letter-printed");
    assert_eq!(printed["actor"], "ops-luc");
    assert_eq!(printed["purpose"], "printed for the post");
    assert!(
        printed["detail"].as_str().unwrap().contains(&id),
        "{printed}"
    );
    let read = find("operator.mail-read");
    assert_eq!(read["purpose"], "bounce investigation");
    assert!(
        read["role"].is_null() && read["administration"].is_null(),
        "{read}"
    );
    assert_eq!(ops.len(), 2 + mails.len(), "{ops:?}");

    // The chains still hold; nobody else reads these entries.
    let report = access_record::check(db).await.unwrap();
    assert!(report.intact(), "{report:?}");
    let jean_claude = Person::jean_claude(&app).await;
    assert_problem(
        &jean_claude
            .api
            .access_log_with(&marie.space, &[("actor_kind", "operator")])
            .await,
        404,
        "not-found",
    );
}

/// How many profile reads `person`'s access record lists.
async fn profile_reads(person: &Person) -> u64 {
    person
        .api
        .access_log_with(&person.space, &[("action", "profile.read")])
        .await
        .ok(200)["total"]
        .as_u64()
        .unwrap_or_default()
}

#[tokio::test]
async fn many_reads_of_one_space_at_once_are_all_answered_and_all_chained() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let before = profile_reads(&marie).await;
    // As many profile reads at once as a busy phone app and web tab make: each writes an entry
    // at the end of the same chain.
    let mut reads = tokio::task::JoinSet::new();
    for _ in 0..48 {
        let (api, space) = (marie.api.clone(), marie.space.clone());
        reads.spawn(async move { api.profile(&space).await.status });
    }
    while let Some(status) = reads.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    let after = profile_reads(&marie).await;
    assert_eq!(after - before, 48);
    let report = access_record::check(&app.ctx.db).await.unwrap();
    assert!(report.intact(), "{report:?}");
}
