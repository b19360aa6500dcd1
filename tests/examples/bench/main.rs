//! Throughput of every pipeline, measured as ratios in one run (issue 17): each figure is
//! printed beside the bare work it is compared with, measured in the same run on the same
//! machine, so a busy machine moves both and the ratio stays.
//!
//! `cargo run -p guichet-tests --example bench --release -- [--quick] [--only SECTIONS] [--soak SECS]`
//! (or `bash .ci/bench`, which installs `wrk` first). SECTIONS: comma-separated among
//! `verify,issuance,push,mail,reads,signin,scale`. On SQLite, or on PostgreSQL when
//! `GUICHET_TEST_POSTGRES` is set (`scale`, two API and two worker instances on one database,
//! runs on either). `--soak SECS` then runs the reads, mail and push loads for SECS seconds and
//! reports the resident memory over time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod issuance;
mod load;
mod mail;
mod push;
mod reads;
mod report;
mod soak;
mod verify;
mod world;

use report::Report;
use std::time::Instant;

/// What the command line asked for.
pub struct Options {
    /// Smaller counts and shorter loads (a smoke run, not figures to keep).
    pub quick: bool,
    sections: Option<Vec<String>>,
    soak_secs: Option<u64>,
}

impl Options {
    fn parse() -> Self {
        let mut options = Options {
            quick: false,
            sections: None,
            soak_secs: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--only" => {
                    let list = args.next().expect("--only SECTIONS");
                    options.sections = Some(list.split(',').map(str::to_string).collect());
                }
                "--soak" => {
                    let secs = args.next().and_then(|s| s.parse().ok());
                    options.soak_secs = Some(secs.expect("--soak SECS"));
                }
                other => panic!("unknown argument {other} (see the header of bench/main.rs)"),
            }
        }
        options
    }

    fn runs(&self, section: &str) -> bool {
        self.sections
            .as_ref()
            .is_none_or(|s| s.iter().any(|x| x == section))
    }

    /// `full` normally, `quick` with `--quick`.
    pub fn count(&self, full: usize, quick: usize) -> usize {
        if self.quick { quick } else { full }
    }

    /// Seconds of a timed load.
    pub fn secs(&self, full: u64, quick: u64) -> u64 {
        if self.quick { quick } else { full }
    }
}

#[tokio::main]
async fn main() {
    let options = Options::parse();
    let mut report = Report::new();
    report.machine();
    let started = Instant::now();
    if options.runs("verify") {
        verify::run(&options, &mut report);
    }
    if options.runs("issuance") {
        issuance::run(&options, &mut report).await;
    }
    if options.runs("push") {
        push::run(&options, &mut report).await;
    }
    if options.runs("mail") {
        mail::run(&options, &mut report).await;
    }
    if options.runs("reads") {
        reads::run(&options, &mut report).await;
    }
    if options.runs("signin") {
        reads::signin(&options, &mut report).await;
    }
    if options.runs("scale") {
        issuance::scale(&options, &mut report).await;
    }
    report.memory("after the loads");
    if let Some(secs) = options.soak_secs {
        soak::run(&options, &mut report, secs).await;
    }
    report.print(started.elapsed());
}
