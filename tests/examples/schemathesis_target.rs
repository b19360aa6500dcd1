//! A fresh server with one signed-in citizen, for `.ci/schemathesis` to test the API contract.
//!
//! `cargo run -p guichet-tests --example schemathesis_target` starts the real app on a free
//! loopback port (fresh SQLite database, or PostgreSQL when `GUICHET_TEST_POSTGRES` is set) with
//! its SMTP sink, a local push service and a local payment provider, registers Marie, prints `BASE_URL=…`, `TOKEN=…` (her
//! access token) and `SPACE_ID=…` (her private space) one per line, then serves until killed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use guichet_tests::{Citizen, LocalProvider, PushService, TestApp};
use std::io::Write;

#[tokio::main]
async fn main() {
    let _push = PushService::start().await;
    let provider = LocalProvider::start().await;
    let app = TestApp::spawn_with(|c| {
        c.push.allow_loopback_http = true;
        provider.configure(c);
    })
    .await;
    let clock: std::sync::Arc<dyn guichet::clock::Clock> = app.clock.clone();
    provider.send_webhooks_to(&format!("{}/payments/webhooks/stripe", app.base), clock);
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    let space = Citizen::private_space(&app, &token).await;
    let mut out = std::io::stdout().lock();
    writeln!(out, "BASE_URL={}", app.base).unwrap();
    writeln!(out, "TOKEN={token}").unwrap();
    writeln!(out, "SPACE_ID={space}").unwrap();
    out.flush().unwrap();
    drop(out);
    std::future::pending::<()>().await;
}
