//! The registration mail, in the holder's language (texts: `server/locales/*.ftl`).

use crate::catalog::{self, mail_body};
use crate::domain::Language;

/// Subject and body of the registration confirmation mail.
pub fn registration_confirmation(lang: Language, link: &str, hours: i64) -> (String, String) {
    (
        catalog::mail_registration_subject(lang).into_owned(),
        mail_body(catalog::mail_registration_body(lang, link, hours)),
    )
}
