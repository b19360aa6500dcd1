//! Issuance: sealed criminal record extracts end to end (acceptance → PDF rendered, sealed and
//! stored → notice mail at the SMTP sink → document-ready push decrypted at the local push
//! service) against rendering and sealing alone on every core; and the same with one, then
//! two, worker instances beside two API instances on one database.

use crate::{
    Options,
    report::{Goal, Report, rate},
    world::{self, PushCount, cores, document_mails},
};
use ed25519_dalek::SigningKey;
use guichet::jobs::JobState;
use guichet_documents::extract::{self, ExtractContent, Language, Outcome, Subject};
use guichet_tests::{
    Api, Device, PushService, TestApp,
    dossier::{agent_token, justice_agent, ok, register_signature_certificate},
};
use guichet_verifier::seal::{Bulletin, Issuer};
use serde_json::json;
use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};
use time::macros::{date, datetime};

/// Acceptances in flight at once (agents deciding in parallel).
const ACCEPTING: usize = 8;

/// The content of a bare extract, numbered `n`.
pub fn content(n: u64) -> ExtractContent {
    ExtractContent {
        subject: Subject {
            family_name: "SCHMIT".into(),
            given_names: "Marie".into(),
            birth_date: date!(1987 - 03 - 14),
            birth_place: "Esch-sur-Alzette".into(),
        },
        bulletin: Bulletin::No3,
        purpose: None,
        outcome: Outcome::NoEntry,
        document_number: format!("{:08X}", 0x4F00_0000 + (n & 0xFF_FFFF)),
        issue_date: date!(2026 - 11 - 25),
        authority: "Parquet général – Service du casier judiciaire".into(),
        language: Language::Fr,
        verification_code: Some("K7MX-PR4C".into()),
    }
}

/// Extracts rendered, sealed and signed per second on every core: no database, no network.
fn bare(secs: u64) -> f64 {
    world::on_all_cores(
        secs,
        |i| Issuer::new(SigningKey::from_bytes(&[7 + i as u8; 32])),
        |issuer, n| {
            let sealed = extract::issue(&content(n), issuer, datetime!(2026-11-25 09:30 UTC));
            assert!(sealed.is_ok_and(|s| !s.pdf.is_empty()));
        },
    )
}

/// Citizens with a subscribed device each, and their criminal record requests transmitted and
/// taken up by an agent, ready to accept.
struct Prepared {
    devices: HashMap<String, Device>,
    /// Status paths of the dossiers to accept.
    dossiers: Vec<String>,
    agent: String,
}

async fn prepare(
    app: &TestApp,
    service: &PushService,
    extracts: usize,
    (skip, people): (usize, usize),
) -> Prepared {
    let agent = agent_token(app, &justice_agent()).await;
    let mut devices = HashMap::new();
    let mut dossiers = Vec::with_capacity(extracts);
    let people = people.clamp(1, extracts.max(1));
    let mut transmitting = Vec::new();
    for (i, citizen) in world::citizens(skip, people).into_iter().enumerate() {
        let token = citizen.register(app).await;
        register_signature_certificate(app, &citizen, &token).await;
        let device = service.device(&format!("device-{}", skip + i));
        let body = device.subscription_json();
        ok(
            app.post_json("/api/v1/push/subscriptions", Some(&token), body)
                .await,
            201,
        )
        .await;
        devices.insert(device.name.clone(), device);
        let share = extracts / people + usize::from(i < extracts % people);
        transmitting.push((citizen, token, share));
    }
    for (citizen, token, share) in &transmitting {
        for _ in 0..*share {
            let id = guichet_tests::dossier::transmit_criminal_record(app, citizen, token).await;
            let path = format!("/api/v1/backoffice/dossiers/{id}/status");
            let body = json!({"status": "in_processing", "reason": "Pris en charge"});
            ok(app.post_json(&path, Some(&agent), body).await, 200).await;
            dossiers.push(path);
        }
    }
    Prepared {
        devices,
        dossiers,
        agent,
    }
}

/// How many issuance jobs are done (none failed).
async fn issued(app: &TestApp, total: usize) -> usize {
    let jobs = guichet::service::communications::issuance::jobs(&app.ctx.db, total as u64 + 10)
        .await
        .unwrap();
    assert!(
        jobs.iter().all(|j| j.status != JobState::Failed),
        "an issuance failed: {jobs:?}"
    );
    jobs.iter().filter(|j| j.status == JobState::Done).count()
}

/// What one run of the pipeline came to, per second.
pub struct Rates {
    /// Acceptance → every extract in its space.
    pub issuance: f64,
    /// Acceptance → every mail at the sink and every push decrypted.
    pub end_to_end: f64,
}

/// Accepts every prepared dossier through `apis` in turn, `ACCEPTING` at once, and waits for
/// the extracts, their mails and their pushes. `first` holds the database the jobs are read from.
async fn accept_all(
    first: &TestApp,
    apis: &[Arc<TestApp>],
    service: &PushService,
    prepared: &Prepared,
) -> Rates {
    let total = prepared.dossiers.len();
    let jobs_before = issued(first, 100_000).await;
    let mails_before = document_mails(&first.smtp);
    let mut pushes = PushCount::new("document-ready");
    let pushes_before = pushes.update(service, &prepared.devices);
    let started = Instant::now();
    let mut accepting = tokio::task::JoinSet::new();
    for (i, path) in prepared.dossiers.iter().enumerate() {
        if accepting.len() >= ACCEPTING {
            accepting.join_next().await.unwrap().unwrap();
        }
        let (api, path, agent) = (
            apis[i % apis.len()].clone(),
            path.clone(),
            prepared.agent.clone(),
        );
        accepting.spawn(async move {
            let body = json!({"status": "accepted", "reason": "Demande complète"});
            ok(api.post_json(&path, Some(&agent), body).await, 200).await;
        });
    }
    while let Some(done) = accepting.join_next().await {
        done.unwrap();
    }
    let deadline = Duration::from_secs(900);
    while issued(first, 100_000).await - jobs_before < total {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(started.elapsed() < deadline, "issuance too slow");
    }
    let issuance = started.elapsed();
    while document_mails(&first.smtp) - mails_before < total
        || pushes.update(service, &prepared.devices) - pushes_before < total
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            started.elapsed() < deadline,
            "too slow: {} mails, {} pushes",
            document_mails(&first.smtp) - mails_before,
            pushes.update(service, &prepared.devices) - pushes_before
        );
    }
    let elapsed = started.elapsed();
    Rates {
        issuance: total as f64 / issuance.as_secs_f64(),
        end_to_end: total as f64 / elapsed.as_secs_f64(),
    }
}

/// A server whose pushes go to a local push service that knows its VAPID key.
pub async fn served(tweak: impl FnOnce(&mut guichet::config::Config)) -> (TestApp, PushService) {
    let service = PushService::start().await;
    let app = TestApp::spawn_with(|c| {
        c.push.allow_loopback_http = true;
        tweak(c);
    })
    .await;
    let key = ok(app.get("/api/v1/push/vapid-public-key", None).await, 200).await;
    service.expect_vapid_key(key["public_key"].as_str().unwrap());
    (app, service)
}

pub async fn run(options: &Options, report: &mut Report) {
    let extracts = options.count(300, 40);
    let (app, service) = served(|_| {}).await;
    let prepared = prepare(&app, &service, extracts, (0, 20)).await;
    let app = Arc::new(app);
    let rates = accept_all(&app, std::slice::from_ref(&app), &service, &prepared).await;
    let bare = bare(options.secs(5, 2));
    let against = format!(
        "render + seal + sign on {} cores: {}/s",
        cores(),
        rate(bare)
    );
    report.row(
        "issuance end to end (mail + push)",
        format!("{} extracts/s", rate(rates.end_to_end)),
        against.clone(),
        Some(rates.end_to_end / bare),
        Goal::AtLeast(0.5),
    );
    report.row(
        "issuance alone (acceptance → in the space)",
        format!("{} extracts/s", rate(rates.issuance)),
        against,
        Some(rates.issuance / bare),
        Goal::None,
    );
    report.memory("after issuance");
}

/// Two API instances and one, then two, worker instances on one database: the end-to-end rate
/// of each.
pub async fn scale(options: &Options, report: &mut Report) {
    let extracts = options.count(300, 40);
    let (first, service) = served(|c| c.workers.run = Vec::new()).await;
    let first = Arc::new(first);
    let api_only = |c: &mut guichet::config::Config| {
        c.push.allow_loopback_http = true;
        c.workers.run = Vec::new();
    };
    let with_workers = |c: &mut guichet::config::Config| c.push.allow_loopback_http = true;
    let second = Arc::new(TestApp::spawn_beside(&first, api_only).await);
    let apis = [first.clone(), second];
    // The worker instance also sends the registration mails of the preparation.
    let worker_one = TestApp::spawn_beside(&first, with_workers).await;
    let batches = [
        prepare(&first, &service, extracts, (0, 20)).await,
        prepare(&first, &service, extracts, (20, 20)).await,
    ];
    let one = accept_all(&first, &apis, &service, &batches[0]).await;
    let worker_two = TestApp::spawn_beside(&first, with_workers).await;
    let two = accept_all(&first, &apis, &service, &batches[1]).await;
    let backend = if world::on_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    report.row(
        &format!("2 API + 2 worker instances, one {backend}"),
        format!("{} extracts/s end to end", rate(two.end_to_end)),
        format!("2 API + 1 worker instance: {}/s", rate(one.end_to_end)),
        Some(two.end_to_end / one.end_to_end),
        Goal::None,
    );
    drop((worker_one, worker_two));
}
