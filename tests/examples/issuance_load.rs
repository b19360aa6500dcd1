//! Benchmark: sealed criminal record extracts issued per second end to end (acceptance → PDF
//! rendered, sealed and stored → notice mail at the SMTP sink → document-ready push decrypted at
//! the local push service), and the issuance-only rate (acceptance → every extract in its
//! space), on a fresh SQLite (or PostgreSQL) database.
//!
//! `cargo run -p guichet-tests --example issuance_load --release -- [extracts] [citizens]`
//!
//! The citizens are the first people of the sample register, each with one subscribed device and
//! `extracts / citizens` transmitted requests, taken up (`in_processing`) before the clock starts;
//! the clock runs from the first acceptance to the last push received.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use guichet::jobs::JobState;
use guichet_identity::KeyAlgorithm;
use guichet_tests::{
    Citizen, Device, PushService, TestApp,
    citizen::{dev_ca, spec},
    dossier::{
        agent_token, justice_agent, ok, register_signature_certificate, transmit_criminal_record,
    },
    repo_path,
};
use serde_json::{Value, json};
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

/// The first `n` people of the sample register, as citizens with fresh certificates.
fn citizens(n: usize) -> Vec<Citizen> {
    let people: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(repo_path("fixtures/register/people.json")).unwrap(),
    )
    .unwrap();
    let ca = dev_ca();
    people
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, p)| {
            Citizen::with(
                &ca,
                spec(
                    p["matricule"].as_str().unwrap(),
                    p["given_names"].as_str().unwrap(),
                    p["family_name"].as_str().unwrap(),
                    KeyAlgorithm::Ed25519,
                ),
                &format!("citizen-{i}@example.lu"),
            )
        })
        .collect()
}

/// The notice mails of issued documents (not registration or status mails).
fn document_mails(app: &TestApp) -> usize {
    app.smtp
        .mails()
        .iter()
        .filter(|m| {
            ["nouveau document", "new document", "neues Dokument"]
                .iter()
                .any(|s| m.subject.contains(s))
        })
        .count()
}

/// Counts the pushes that decrypt, with their device's keys, to a document-ready notice;
/// `seen` pushes were counted already.
struct PushCount {
    seen: usize,
    ready: usize,
}

impl PushCount {
    fn update(&mut self, service: &PushService, devices: &HashMap<String, Device>) -> usize {
        let received = service.received();
        self.ready += received[self.seen..]
            .iter()
            .filter(|r| r.vapid.is_ok() && r.answered == 201)
            .filter_map(|r| devices.get(&r.device)?.decrypt(&r.body).ok())
            .filter_map(|plain| serde_json::from_slice::<Value>(&plain).ok())
            .filter(|notice| notice["kind"] == "document-ready")
            .count();
        self.seen = received.len();
        self.ready
    }
}

/// How many issuance jobs are done (and none failed).
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

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let extracts: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let people: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(10)
        .clamp(1, extracts.max(1));
    let service = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let key = ok(app.get("/api/v1/push/vapid-public-key", None).await, 200).await;
    service.expect_vapid_key(key["public_key"].as_str().unwrap());
    let agent = agent_token(&app, &justice_agent()).await;

    // Arrange: citizens with a device each and their transmitted requests, taken up.
    let prepared = Instant::now();
    let mut devices = HashMap::new();
    let mut dossiers = Vec::with_capacity(extracts);
    for (i, citizen) in citizens(people).iter().enumerate() {
        let token = citizen.register(&app).await;
        register_signature_certificate(&app, citizen, &token).await;
        let device = service.device(&format!("device-{i}"));
        ok(
            app.post_json(
                "/api/v1/push/subscriptions",
                Some(&token),
                device.subscription_json(),
            )
            .await,
            201,
        )
        .await;
        devices.insert(device.name.clone(), device);
        let share = extracts / people + usize::from(i < extracts % people);
        for _ in 0..share {
            let id = transmit_criminal_record(&app, citizen, &token).await;
            let path = format!("/api/v1/backoffice/dossiers/{id}/status");
            let body = json!({"status": "in_processing", "reason": "Pris en charge"});
            ok(app.post_json(&path, Some(&agent), body).await, 200).await;
            dossiers.push(path);
        }
    }
    let prepared = prepared.elapsed();
    // Status-change pushes of the preparation are not counted: only document-ready ones are.
    let mails_before = document_mails(&app);

    // Act: accept every request, then wait for the extracts, their mails and their pushes.
    let started = Instant::now();
    for path in &dossiers {
        let body = json!({"status": "accepted", "reason": "Demande complète"});
        ok(app.post_json(path, Some(&agent), body).await, 200).await;
    }
    let accepted = started.elapsed();
    let deadline = Duration::from_secs(900);
    while issued(&app, extracts).await < extracts {
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(started.elapsed() < deadline, "too slow");
    }
    let issuance = started.elapsed();
    let mut pushes = PushCount { seen: 0, ready: 0 };
    while document_mails(&app) - mails_before < extracts
        || pushes.update(&service, &devices) < extracts
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            started.elapsed() < deadline,
            "too slow: {} mails, {} pushes",
            document_mails(&app) - mails_before,
            pushes.ready
        );
    }
    let elapsed = started.elapsed();

    let backend = if std::env::var(guichet_tests::app::POSTGRES_ENV).is_ok_and(|v| !v.is_empty()) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "{extracts} sealed extracts for {people} citizens on {backend} (prepared in {:.1} s): accepted in {:.2} s, all issued in {:.2} s: {:.1} extracts/s issuance; all mailed and pushed in {:.2} s: {:.1} extracts/s end to end",
        prepared.as_secs_f64(),
        accepted.as_secs_f64(),
        issuance.as_secs_f64(),
        extracts as f64 / issuance.as_secs_f64(),
        elapsed.as_secs_f64(),
        extracts as f64 / elapsed.as_secs_f64()
    );
}
