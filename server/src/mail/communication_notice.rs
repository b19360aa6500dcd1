//! The mail telling a holder that a document or letter awaits them in "my communications"
//! (no content, only a pointer: mail is not a safe place for personal data).

use crate::domain::Language;

/// Subject and body of the notice that `administration` delivered `title`.
pub fn text(lang: Language, administration: &str, title: &str) -> (String, String) {
    match lang {
        Language::Fr => (
            "guichet : un nouveau document vous attend".into(),
            format!(
                "Bonjour,\n\n{administration} a déposé « {title} » dans vos communications sur guichet.\n\nConnectez-vous à guichet pour le consulter et le télécharger.\n\nguichet\n"
            ),
        ),
        Language::De => (
            "guichet: Ein neues Dokument liegt für Sie bereit".into(),
            format!(
                "Guten Tag,\n\n{administration} hat „{title}“ in Ihren Mitteilungen auf guichet abgelegt.\n\nMelden Sie sich bei guichet an, um es anzusehen und herunterzuladen.\n\nguichet\n"
            ),
        ),
        Language::En => (
            "guichet: a new document is waiting for you".into(),
            format!(
                "Hello,\n\n{administration} delivered \"{title}\" to your communications on guichet.\n\nSign in to guichet to read and download it.\n\nguichet\n"
            ),
        ),
    }
}
