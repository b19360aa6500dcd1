//! The server as `guichet serve` runs it, built inside the tests package so the crash tests can
//! start it as a child process (`CARGO_BIN_EXE_guichet-under-test`) and kill it with SIGKILL.

use std::{path::PathBuf, process::ExitCode};

#[tokio::main]
async fn main() -> ExitCode {
    guichet::telemetry::init();
    let file = std::env::var_os("GUICHET_CONFIG").map(PathBuf::from);
    let config = match guichet::config::Config::load(file.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("guichet-under-test: {e}");
            return ExitCode::from(78);
        }
    };
    match guichet::app::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guichet-under-test: {e}");
            ExitCode::FAILURE
        }
    }
}
