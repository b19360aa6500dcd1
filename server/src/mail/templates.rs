//! The texts of the mails the portal sends, in French, German and English.

use crate::domain::Language;

/// Subject and body of the registration confirmation mail.
pub fn registration_confirmation(lang: Language, link: &str, hours: i64) -> (String, String) {
    match lang {
        Language::Fr => (
            "guichet : confirmez votre inscription".into(),
            format!(
                "Bonjour,\n\nPour terminer votre inscription sur guichet, ouvrez ce lien et acceptez les conditions d'utilisation :\n\n{link}\n\nCe lien est valable {hours} heures. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\nguichet\n"
            ),
        ),
        Language::De => (
            "guichet: Bestätigen Sie Ihre Registrierung".into(),
            format!(
                "Guten Tag,\n\num Ihre Registrierung bei guichet abzuschließen, öffnen Sie diesen Link und akzeptieren Sie die Nutzungsbedingungen:\n\n{link}\n\nDieser Link ist {hours} Stunden gültig. Falls Sie diese Anfrage nicht gestellt haben, ignorieren Sie diese Nachricht.\n\nguichet\n"
            ),
        ),
        Language::En => (
            "guichet: confirm your registration".into(),
            format!(
                "Hello,\n\nTo complete your registration on guichet, open this link and accept the terms of use:\n\n{link}\n\nThis link is valid for {hours} hours. If you did not ask for this, ignore this message.\n\nguichet\n"
            ),
        ),
    }
}
