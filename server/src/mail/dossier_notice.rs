//! The mail telling a holder that the administration moved their dossier (no content, only a pointer).

use crate::catalog::{self, mail_body};
use crate::domain::Language;

/// What happened, as the holder should read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The administration asks for information.
    InformationRequested,
    /// The dossier is decided.
    Closed,
}

/// Subject and body of the notice for the procedure titled `title`.
pub fn dossier_notice(lang: Language, notice: Notice, title: &str) -> (String, String) {
    let (subject, body) = match notice {
        Notice::InformationRequested => (
            catalog::mail_dossier_information_requested_subject(lang),
            catalog::mail_dossier_information_requested_body(lang, title),
        ),
        Notice::Closed => (
            catalog::mail_dossier_closed_subject(lang),
            catalog::mail_dossier_closed_body(lang, title),
        ),
    };
    (subject.into_owned(), mail_body(body))
}
