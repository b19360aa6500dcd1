//! The `guichet` binary: parses arguments, loads configuration, starts.

mod operator;

use clap::Parser;
use guichet::cli::{Cli, Command};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    guichet::telemetry::init();
    let cli = Cli::parse();
    let mut config = match guichet::config::Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("guichet: {e}");
            return ExitCode::from(78);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve { bind: None }) {
        Command::Serve { bind } => {
            if let Some(bind) = bind {
                if std::env::var_os("GUICHET_PUBLIC_URL").is_none()
                    && config.public_url == guichet::config::Config::default().public_url
                {
                    config.public_url = format!("http://{bind}");
                }
                config.bind = bind;
            }
            guichet::app::run(config).await.map_err(Into::into)
        }
        Command::Migrate { action } => operator::migrate(config, action).await,
        Command::Certificates(c) => operator::certificates(c),
        Command::Crl(c) => operator::crl(config, c).await,
        Command::Catalog(c) => operator::catalog(config, c).await,
        Command::Mail(c) => operator::mail(config, c).await,
        Command::Push(c) => operator::push(config, c).await,
        Command::Keys(c) => operator::keys(config, c).await,
        Command::Documents(c) => operator::documents(config, c).await,
        Command::Spaces(c) => operator::spaces(config, c).await,
        Command::Letters(c) => operator::letters(config, c).await,
        Command::Openapi => operator::openapi(config).await,
        Command::AccessLog(c) => operator::access_log(config, c).await,
        Command::Retention(c) => operator::retention(config, c).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guichet: {e}");
            ExitCode::FAILURE
        }
    }
}
