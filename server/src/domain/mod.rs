//! Types and rules of the portal: pure, with neither HTTP nor database.

pub mod access_chain;
pub mod closure;
pub mod communications;
pub mod criminal_record;
pub mod dossiers;
pub mod error;
pub mod ids;
pub mod language;
pub mod mandates;
pub mod members;
pub mod offline_forms;
pub mod organisations;
pub mod payments;
pub mod persons;
pub mod procedures;
pub mod profile;
pub mod push;
pub mod push_endpoint;
pub mod retention;
pub mod rights;
pub mod spaces;
pub mod text;
pub mod verification_code;

pub use error::{CertificateRejection, CurrentState, Error, Internal, Invalid};
pub use language::Language;
