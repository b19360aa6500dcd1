//! The whole journey in one command, against a fresh embedded server: a person signs in,
//! registers, asks for an extract of her criminal record, an agent accepts, the sealed PDF
//! arrives with a mail and a push, and the verifier accepts it and rejects a tampered copy.
//!
//! `cargo run -p guichet-tests --example demo [-- OUT_DIR]` (default `target/demo`).
//!
//! The server runs in this process on a temporary SQLite database (PostgreSQL when
//! `GUICHET_TEST_POSTGRES` is set), with a local SMTP server and a local push service.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use guichet_tests::{PushService, TestApp, demo};
use std::path::PathBuf;

#[tokio::main]
async fn main() {
    let out_dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| guichet_tests::repo_path("target/demo"));
    std::fs::create_dir_all(&out_dir).expect("the output folder can be created");
    let out_dir = out_dir.canonicalize().expect("the output folder exists");
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    println!(
        "guichet is running at {} (a fresh SQLite database, mail and push stay on this machine).\n",
        app.base
    );

    let mut step = 0;
    let journey = demo::journey(&app, &push, &out_dir, &mut |line| {
        step += 1;
        println!("{step:>2}. {line}");
    })
    .await;

    let shown = |p: &std::path::Path| p.display().to_string();
    println!(
        "\nThe extract {} is at {}",
        journey.document_number,
        shown(&journey.pdf)
    );
    println!("Its tampered copy is at {}", shown(&journey.tampered_pdf));
    println!("\nCheck them yourself, offline, with the trust list and anchor saved beside them:");
    for pdf in [&journey.pdf, &journey.tampered_pdf] {
        println!(
            "  cargo run -p guichet-verifier -- --trust-list {} --anchor {} {}",
            shown(&journey.trust_list),
            shown(&journey.trust_anchor),
            shown(pdf)
        );
    }
}
