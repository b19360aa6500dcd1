//! Helpers shared by the end-to-end tests: a server on a fresh database, a real SMTP sink, a
//! local push service, a local payment provider, citizens with minted certificates who answer sign-in challenges like a phone does, and
//! the demo's journey.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

pub mod api;
pub mod app;
pub mod citizen;
pub mod client;
pub mod company;
pub mod demo;
pub mod dossier;
pub mod fixtures;
pub mod payment_provider;
pub mod push_service;
pub mod server_process;
pub mod smtp_sink;

pub use api::Api;
pub use app::TestApp;
pub use citizen::Citizen;
pub use client::{Client, Resp, assert_problem};
pub use company::Company;
pub use fixtures::{Agent, Person};
pub use payment_provider::LocalProvider;
pub use push_service::{Device, PushService};
pub use server_process::ServerProcess;
pub use smtp_sink::SmtpSink;

/// A path inside the repository.
pub fn repo_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel)
}

/// The verification code printed under an extract's QR code: its own text object,
/// `(XXXX-XXXX) Tj`, in the PDF's uncompressed content stream.
pub fn printed_verification_code(pdf: &[u8]) -> Option<String> {
    pdf.windows(14)
        .filter(|w| w[0] == b'(' && w[5] == b'-' && w.ends_with(b") Tj"))
        .find_map(|w| String::from_utf8(w[1..10].to_vec()).ok())
}
