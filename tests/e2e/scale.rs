//! Scale past one machine (issue 17): two API instances and two worker instances, child
//! processes on one database, share the work: every accepted dossier gets one extract, one
//! notice mail and one push, no job runs twice at once, and killing a worker instance
//! mid-run loses nothing (the other takes its jobs over once their lease ends).

use guichet_tests::{
    Agent, Api, Device, Person, PushService, ServerProcess, server_process::ALL_WORKERS,
};
use serde_json::Value;
use std::{collections::HashMap, time::Duration};

const EXE: &str = env!("CARGO_BIN_EXE_guichet-under-test");

/// How long the test waits for the extracts and their notices.
const DEADLINE: Duration = Duration::from_secs(90);

/// The subject of the mail announcing a new communication (Marie reads French).
const NOTICE_SUBJECT: &str = "guichet : un nouveau document vous attend";

/// What reached Marie for the extracts so far: pushes per communication path, notice mails.
struct Delivered {
    pushes: HashMap<String, usize>,
    mails: usize,
}

fn delivered(
    push: &PushService,
    phone: &Device,
    server: &ServerProcess,
    marie: &Person,
) -> Delivered {
    let mut pushes = HashMap::new();
    for r in push.received() {
        if r.device != phone.name || r.answered != 201 {
            continue;
        }
        let notice: Value = serde_json::from_slice(&phone.decrypt(&r.body).unwrap()).unwrap();
        if notice["kind"] == "document-ready" {
            *pushes
                .entry(notice["path"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    let mails = server
        .smtp
        .count(|m| m.to.contains(&marie.citizen.email) && m.subject == NOTICE_SUBJECT);
    Delivered { pushes, mails }
}

/// Marie's extracts: dossier id → communication ids.
async fn extracts(marie: &Person) -> HashMap<String, Vec<String>> {
    let page = marie
        .api
        .communications_with(&marie.space, &[("per_page", "100")])
        .await
        .ok(200);
    let mut by_dossier: HashMap<String, Vec<String>> = HashMap::new();
    for c in page["items"].as_array().unwrap() {
        if c["kind"] == "criminal-record-extract" {
            by_dossier
                .entry(c["dossier_id"].as_str().unwrap().to_string())
                .or_default()
                .push(c["id"].as_str().unwrap().to_string());
        }
    }
    by_dossier
}

/// Waits until each of `dossiers` has an extract whose push and mail arrived; returns the
/// extracts and what was delivered.
async fn wait_for_all(
    servers: &[&ServerProcess],
    push: &PushService,
    phone: &Device,
    marie: &Person,
    dossiers: &[String],
) -> (HashMap<String, Vec<String>>, Delivered) {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        let issued = extracts(marie).await;
        let got = delivered(push, phone, servers[0], marie);
        let complete = dossiers.iter().all(|d| {
            issued.get(d).is_some_and(|ids| {
                ids.iter()
                    .all(|id| got.pushes.contains_key(&format!("/communications/{id}")))
            })
        });
        if complete && got.mails >= dossiers.len() {
            return (issued, got);
        }
        if tokio::time::Instant::now() > deadline {
            let logs: String = servers.iter().map(|s| s.logs()).collect();
            panic!(
                "within {DEADLINE:?}: extracts {issued:?}, pushes {:?}, {} mails\n{logs}",
                got.pushes, got.mails
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn two_api_and_two_worker_instances_issue_each_extract_once_and_survive_losing_one() {
    // Arrange: two API-only instances and two worker instances on one database.
    let push = PushService::start().await;
    let api_one = ServerProcess::start(EXE, "none").await;
    let api_two = api_one.beside("none").await;
    let workers_one = api_one.beside(ALL_WORKERS).await;
    let mut workers_two = api_one.beside(ALL_WORKERS).await;
    let key = api_one.client().vapid_public_key().await.ok(200);
    push.expect_vapid_key(key["public_key"].as_str().unwrap());
    let marie = Person::marie(&api_one).await;
    marie.add_signature_certificate(&api_one).await;
    let phone = push.device("phone");
    marie
        .api
        .subscribe_push(phone.subscription_json())
        .await
        .ok(201);
    let mut dossiers = Vec::new();
    for _ in 0..10 {
        dossiers.push(marie.transmit_criminal_record().await);
    }
    let agent = Agent::justice(&api_two).await;

    // Act 1: the first half accepted through the other API instance, all four running.
    let (first, second) = dossiers.split_at(5);
    for d in first {
        agent
            .take_and_decide(d, "accepted", "Extract issued.")
            .await;
    }
    let servers = [&api_one, &api_two, &workers_one, &workers_two];
    let (issued, got) = wait_for_all(&servers, &push, &phone, &marie, first).await;

    // Assert 1: one extract, one push and one mail each: no job ran twice.
    for d in first {
        assert_eq!(issued[d].len(), 1, "dossier {d}: {issued:?}");
    }
    assert!(got.pushes.values().all(|n| *n == 1), "{:?}", got.pushes);
    assert_eq!(got.mails, first.len());

    // Act 2: the second half accepted at once, and a worker instance killed as soon as the
    // first of them is issued, while the others are being issued and notified.
    let mut accepting = tokio::task::JoinSet::new();
    for d in second {
        let (api, d) = (agent.api.clone(), d.clone());
        accepting.spawn(async move {
            api.take(&d).await.ok(200);
            api.decide(&d, "accepted", Some("Extract issued."))
                .await
                .ok(200);
        });
    }
    while let Some(done) = accepting.join_next().await {
        done.unwrap();
    }
    let deadline = tokio::time::Instant::now() + DEADLINE;
    while !extracts(&marie).await.keys().any(|d| second.contains(d)) {
        assert!(tokio::time::Instant::now() < deadline, "nothing issued");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    workers_two.kill_hard();

    // Assert 2: nothing lost; still one extract per dossier (a notice sent just before the
    // kill may be sent again: at least once).
    let servers = [&api_one, &api_two, &workers_one];
    let (issued, got) = wait_for_all(&servers, &push, &phone, &marie, &dossiers).await;
    for d in &dossiers {
        assert_eq!(issued[d].len(), 1, "dossier {d}: {issued:?}");
    }
    assert_eq!(got.pushes.len(), dossiers.len(), "{:?}", got.pushes);
    assert!(got.mails >= dossiers.len());
    drop((workers_two, workers_one, api_two));
}
