//! The command line's flow: arguments, input, trust list, verification, online status, output.

mod args;
mod exit;
mod http;
mod i18n;
mod input;
mod render;
mod trust_source;

use std::io::Write as _;

use clap::Parser as _;
use guichet_verifier::verify::{self, Verification};
use time::OffsetDateTime;

use args::Args;
use exit::Exit;
use input::Input;

/// Runs the command and returns its exit code (see [`exit`]).
pub fn run() -> u8 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Usage.code()
            } else {
                0
            };
        }
    };
    match run_with(&args) {
        Ok(code) => code.code(),
        Err(failure) => {
            eprintln!("guichet-verify: {}", failure.message);
            failure.exit.code()
        }
    }
}

/// A failure before any verdict, with its exit code.
struct Failure {
    exit: Exit,
    message: String,
}

impl Failure {
    fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
        }
    }
}

fn run_with(args: &Args) -> Result<Exit, Failure> {
    let now = match &args.now {
        Some(at) => OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
            .map_err(|e| Failure::new(Exit::Usage, format!("--now: {e}")))?,
        None => OffsetDateTime::now_utc(),
    };
    let lang = args.language();
    let anchor = trust_source::anchor(args)?;
    let input = input::read(&args.input)?;
    let loaded = trust_source::load(args, &anchor)?;
    let result = match &input {
        Input::Pdf(bytes) => verify::verify_pdf(bytes, &loaded.list, now),
        Input::Image(bytes) => verify::verify_image(bytes, &loaded.list, now),
        Input::Text(text) => verify::verify_text(text, &loaded.list, now),
    };
    let (result, online_error) = online(args, result);
    let exit = Exit::for_result(&result, online_error.is_some());
    let out = if args.json {
        render::json(&result, &loaded, online_error.as_deref(), exit)
    } else {
        render::human(&result, &loaded, online_error.as_deref(), lang)
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{out}");
    Ok(exit)
}

/// Asks the issuer for the document's status when `--online` is given and the seal is authentic.
fn online(args: &Args, result: Verification) -> (Verification, Option<String>) {
    let Some(base) = &args.online else {
        return (result, None);
    };
    let Some(claims) = &result.claims else {
        return (result, None);
    };
    let url = verify::status::status_url(base, &claims.document_id);
    match http::get(&url, verify::status::MAX_STATUS_BYTES)
        .and_then(|body| verify::status::parse_status(&body))
    {
        Ok(status) => (result.with_online_status(status), None),
        Err(e) => (result, Some(format!("{url}: {e}"))),
    }
}
