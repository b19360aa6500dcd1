//! Types and rules of the portal: pure, with neither HTTP nor database.

pub mod dossiers;
pub mod error;
pub mod language;
pub mod procedures;
pub mod profile;
pub mod push;
pub mod push_endpoint;
pub mod text;

pub use error::{CertificateRejection, Error, Invalid};
pub use language::Language;
