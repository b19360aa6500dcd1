//! Structured logs with `tracing` on standard error: JSON when asked (`GUICHET_LOG_FORMAT=json`), filtered by `RUST_LOG`.
//!
//! Logs never go to standard output, which belongs to what a command prints (`guichet openapi >
//! openapi.json` writes the document alone), and carry colour codes only when standard error is a
//! terminal (a redirected log file stays plain text).

use std::io::IsTerminal;

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Installs the global subscriber once; later calls do nothing.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("GUICHET_LOG_FORMAT").is_ok_and(|v| v == "json");
    let registry = tracing_subscriber::registry().with(filter);
    let layer = fmt::layer().with_writer(std::io::stderr);
    let _ = if json {
        registry
            .with(layer.json().with_current_span(true).with_ansi(false))
            .try_init()
    } else {
        let ansi = std::io::stderr().is_terminal();
        registry.with(layer.compact().with_ansi(ansi)).try_init()
    };
}
