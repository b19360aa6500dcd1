//! The guichet-verify command line (feature `cli`): arguments, input, trust list, verification,
//! online status, output. [`run_with`] runs it on given arguments and writers, so that tests can
//! call it in-process; the binary only passes the process's arguments, stdout and stderr.

mod args;
mod exit;
mod http;
mod i18n;
mod input;
mod render;
mod revocation_source;
mod trust_source;

use std::ffi::OsString;
use std::io::Write;

use crate::verify::{self, Verification};
use clap::Parser as _;
use time::OffsetDateTime;

use args::Args;
use exit::Exit;
use input::Input;

/// Runs `guichet-verify` with `args` (the first item is the program name, as in
/// [`std::env::args_os`]), writes the report to `stdout` and diagnostics to `stderr`, and returns
/// the exit code (the table is in `guichet-verify --help`). An input of `-` is read from the
/// process's standard input; `$LANG`, `$GUICHET_TRUST_ANCHOR` and the cache location default
/// from the environment when `--lang`, `--anchor` and `--cache` are not given.
pub fn run_with(
    args: impl IntoIterator<Item = OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            // --help and --version are "errors" that go to stdout with exit code 0.
            let rendered = e.render();
            if e.use_stderr() {
                let _ = write!(stderr, "{rendered}");
                return Exit::Usage.code();
            }
            let _ = write!(stdout, "{rendered}");
            return 0;
        }
    };
    match execute(&args, stdout, stderr) {
        Ok(code) => code.code(),
        Err(failure) => {
            let _ = writeln!(stderr, "guichet-verify: {}", failure.message);
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

fn execute(args: &Args, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<Exit, Failure> {
    let now = match &args.now {
        Some(at) => OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
            .map_err(|e| Failure::new(Exit::Usage, format!("--now: {e}")))?,
        None => OffsetDateTime::now_utc(),
    };
    let lang = args.language();
    let anchor = trust_source::anchor(args)?;
    let input = input::read(&args.input)?;
    let loaded = trust_source::load(args, &anchor, stderr)?;
    let revocations = revocation_source::load(args, &anchor, stderr);
    let max_age = time::Duration::hours(i64::from(args.revocation_max_age));
    let policy = verify::Policy {
        clock_skew: time::Duration::seconds(i64::from(args.clock_skew)),
    };
    let list = &loaded.list;
    let result = match &input {
        Input::Pdf(bytes) => verify::verify_pdf_with(bytes, list, now, &policy),
        Input::Image(bytes) => verify::verify_image_with(bytes, list, now, &policy),
        Input::Text(text) => verify::verify_text_with(text, list, now, &policy),
    };
    let result = match &revocations {
        Some(r) => result.with_revocation_list(&r.list, now, max_age),
        None => result,
    };
    let (result, online_error) = online(args, result);
    let exit = Exit::for_result(&result, online_error.is_some());
    let lists = render::Lists {
        trust: &loaded,
        revocations: revocations.as_ref(),
        max_age,
        now,
    };
    let out = if args.json {
        render::json(&result, &lists, online_error.as_deref(), exit)
    } else {
        render::human(&result, &lists, online_error.as_deref(), lang)
    };
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
