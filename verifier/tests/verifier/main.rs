//! Integration tests of the seal format, the trust list, verification and the CLI.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod common;
mod differential;
mod fuzz_regressions;
mod fuzzish;
mod http_server;
mod input_cases;
mod pdf_cases;
mod pdf_file;
mod peers;
mod revocation;
mod seal_format;
mod size;
mod trust_list;
mod verification;
