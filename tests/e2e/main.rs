//! End-to-end tests of guichet over HTTP: each starts a server on a fresh database
//! (SQLite, or PostgreSQL when `GUICHET_TEST_POSTGRES` is set) with a real SMTP sink.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod access_record;
mod account_closure;
mod communications;
mod convictions;
mod crash;
mod demo;
mod document_checks;
mod document_status;
mod dossier_access;
mod dossier_refusals;
mod dossier_uploads;
mod dossiers;
mod errors;
mod issuer_keys;
mod jobs;
mod mandates;
mod my_data;
mod offline_forms;
mod openapi;
mod payments;
mod procedures;
mod professional_spaces;
mod push;
mod rate_limits;
mod refusals;
mod registration;
mod revocation_list;
mod scale;
mod signin;
mod spaces;
mod text_input;
mod verify_page;
