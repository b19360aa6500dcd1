//! A fresh server with one issued extract, serving the verifier page, for the page's browser
//! tests of the typed verification code (`verifier-web/tests`).
//!
//! `cargo run -p guichet-tests --example verify_page_target -- BUNDLE_DIR` starts the real app on
//! a free loopback port (fresh SQLite database, or PostgreSQL when `GUICHET_TEST_POSTGRES` is
//! set) serving BUNDLE_DIR at `/verify`, runs the demo's journey (Marie asks for an extract, an
//! agent accepts, the sealed PDF is issued), then prints `BASE_URL=…`, `DOCUMENT_NUMBER=…` and
//! `CODE=…` (the verification code printed under the QR code) one per line, and serves until
//! stdin closes. The line `revoke` on stdin makes the justice agent revoke the extract; it
//! answers `REVOKED`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::{BufRead, Write};
use std::path::PathBuf;

use guichet_tests::{Agent, PushService, TestApp, demo, printed_verification_code};

#[tokio::main]
async fn main() {
    let bundle = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: verify_page_target BUNDLE_DIR"),
    );
    let push = PushService::start().await;
    let app = TestApp::spawn_with(move |c| {
        c.push.allow_loopback_http = true;
        c.verify_page_dir = bundle;
    })
    .await;
    let out = tempfile::tempdir().unwrap();
    let journey = demo::journey(&app, &push, out.path(), &mut |_| {}).await;
    let pdf = std::fs::read(&journey.pdf).unwrap();
    let code = printed_verification_code(&pdf).expect("a code printed on the extract");
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "BASE_URL={}", app.base).unwrap();
    writeln!(stdout, "DOCUMENT_NUMBER={}", journey.document_number).unwrap();
    writeln!(stdout, "CODE={code}").unwrap();
    stdout.flush().unwrap();
    drop(stdout);

    let (lines, mut commands) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    while let Some(command) = commands.recv().await {
        if command.trim() == "revoke" {
            let agent = Agent::justice(&app).await;
            agent
                .api
                .revoke_document_coded(
                    &journey.document_number,
                    "Erreur de destinataire",
                    "issued-in-error",
                )
                .await
                .ok(200);
            println!("REVOKED");
        }
    }
}
