//! The mail telling a holder that a document or letter awaits them in "my communications"
//! (no content, only a pointer: mail is not a safe place for personal data).

use crate::catalog::{self, mail_body};
use crate::domain::Language;

/// Subject and body of the notice that `administration` delivered `title`.
pub fn text(lang: Language, administration: &str, title: &str) -> (String, String) {
    (
        catalog::mail_communication_subject(lang).into_owned(),
        mail_body(catalog::mail_communication_body(
            lang,
            administration,
            title,
        )),
    )
}
