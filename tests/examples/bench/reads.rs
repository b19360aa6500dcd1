//! Reads: the authenticated dashboard GET against `/healthz` on the same server, the profile GET
//! (which writes an access-log row) against the dashboard; and sign-ins per second.

use crate::{
    Options,
    load::{self, CONNECTIONS},
    report::{Goal, Report, ms, rate},
};
use guichet_tests::{
    Citizen, TestApp,
    dossier::{register_signature_certificate, transmit_criminal_record},
};
use std::{sync::Arc, time::Instant};

/// Marie with a few transmitted requests: her token, dashboard URL and profile URL.
pub async fn marie_reading(app: &TestApp) -> (String, String, String) {
    let marie = Citizen::marie();
    let token = marie.register(app).await;
    register_signature_certificate(app, &marie, &token).await;
    for _ in 0..5 {
        transmit_criminal_record(app, &marie, &token).await;
    }
    let space = Citizen::private_space(app, &token).await;
    (
        token,
        app.url(&format!("/api/v1/spaces/{space}/dossiers")),
        app.url(&format!("/api/v1/spaces/{space}/profile")),
    )
}

pub async fn run(options: &Options, report: &mut Report) {
    let secs = options.secs(8, 2);
    let app = TestApp::spawn().await;
    let (token, dashboard_url, profile_url) = marie_reading(&app).await;
    // Warm up the connections and caches of each path once.
    load::run(&app.url("/healthz"), None, 1).await;
    load::run(&dashboard_url, Some(&token), 1).await;
    let health = load::run(&app.url("/healthz"), None, secs).await;
    let dashboard = load::run(&dashboard_url, Some(&token), secs).await;
    let profile = load::run(&profile_url, Some(&token), secs).await;
    let tool = format!("{}, {CONNECTIONS} connections", load::tool());
    report.row(
        "dashboard GET (authenticated)",
        format!(
            "{} req/s, p50 {}, p99 {}",
            rate(dashboard.rate),
            ms(dashboard.p50),
            ms(dashboard.p99)
        ),
        format!(
            "/healthz: {} req/s, p99 {} ({tool})",
            rate(health.rate),
            ms(health.p99)
        ),
        Some(dashboard.rate / health.rate),
        Goal::AtLeast(0.15),
    );
    report.row(
        "dashboard GET p99",
        ms(dashboard.p99),
        String::new(),
        Some(dashboard.p99.as_secs_f64() * 1e3),
        Goal::AtMostMs(10.0),
    );
    report.row(
        "profile GET (writes an access-log row)",
        format!(
            "{} req/s, p50 {}, p99 {}",
            rate(profile.rate),
            ms(profile.p50),
            ms(profile.p99)
        ),
        format!("dashboard GET: {} req/s", rate(dashboard.rate)),
        Some(profile.rate / dashboard.rate),
        Goal::AtLeast(0.5),
    );
    report.memory("after the reads");
}

/// Sign-ins per second (challenge + signed certificate sign-in), 8 clients at once: a figure
/// for the record.
pub async fn signin(options: &Options, report: &mut Report) {
    let count = options.count(1000, 100);
    let clients = 8;
    let app = Arc::new(TestApp::spawn().await);
    let marie = Arc::new(Citizen::marie());
    marie.register(&app).await;
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for client in 0..clients {
        let (app, marie) = (app.clone(), marie.clone());
        tasks.spawn(async move {
            for _ in (client..count).step_by(clients) {
                let (status, _) = marie.sign_in(&app).await;
                assert_eq!(status, 200);
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    let per_sec = count as f64 / started.elapsed().as_secs_f64();
    report.row(
        "sign-in (challenge + certificate), 8 clients",
        format!("{} sign-ins/s", rate(per_sec)),
        String::new(),
        None,
        Goal::None,
    );
}
