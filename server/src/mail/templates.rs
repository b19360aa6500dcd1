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

/// Subject and body of the mail saying that an export of "my data" is ready at `link`, valid
/// until `until` (the body is emptied once a relay took it: the link is a secret).
pub fn export_ready(lang: Language, link: &str, until: &str) -> (String, String) {
    (
        catalog::mail_export_ready_subject(lang).into_owned(),
        mail_body(catalog::mail_export_ready_body(lang, link, until)),
    )
}

/// Subject and body of the mail confirming that an account was closed: what was deleted (per
/// kind, how many) and what is kept (kind, id, until when, rule), as lines.
pub fn account_closed(lang: Language, deleted: &str, kept: &str) -> (String, String) {
    (
        catalog::mail_account_closed_subject(lang).into_owned(),
        mail_body(catalog::mail_account_closed_body(lang, deleted, kept)),
    )
}
