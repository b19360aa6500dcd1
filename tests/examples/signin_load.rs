//! A bounded load on loopback: sign-ins per second (challenge + signed certificate sign-in),
//! on SQLite, or PostgreSQL when `GUICHET_TEST_POSTGRES` is set.
//!
//! `cargo run --release -p guichet-tests --example signin_load -- [count] [concurrency]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use guichet_tests::{Citizen, TestApp};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(400);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let marie = std::sync::Arc::new(Citizen::marie());
    marie.register(&app).await;

    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let (app, marie) = (app.clone(), marie.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for _ in (worker..count).step_by(concurrency) {
                let t = Instant::now();
                let (status, _) = marie.sign_in(&app).await;
                assert_eq!(status, 200);
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    let db = if std::env::var("GUICHET_TEST_POSTGRES").is_ok() {
        "postgresql"
    } else {
        "sqlite"
    };
    println!(
        "{db}: {} sign-ins (challenge + sign-in) in {:.2} s with {concurrency} clients: {:.0}/s, p50 {:.1} ms, p95 {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3
    );
}
