//! The mail telling a holder that the administration moved their dossier (no content, only a pointer).

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
    let (subject, what) = match (lang, notice) {
        (Language::Fr, Notice::InformationRequested) => (
            "guichet : l'administration vous pose une question",
            "L'administration demande des informations sur votre dossier",
        ),
        (Language::Fr, Notice::Closed) => (
            "guichet : votre dossier est traité",
            "L'administration a terminé le traitement de votre dossier",
        ),
        (Language::De, Notice::InformationRequested) => (
            "guichet: Die Verwaltung hat eine Frage",
            "Die Verwaltung bittet um Auskünfte zu Ihrer Akte",
        ),
        (Language::De, Notice::Closed) => (
            "guichet: Ihre Akte ist bearbeitet",
            "Die Verwaltung hat die Bearbeitung Ihrer Akte abgeschlossen",
        ),
        (Language::En, Notice::InformationRequested) => (
            "guichet: the administration has a question",
            "The administration asks for information about your dossier",
        ),
        (Language::En, Notice::Closed) => (
            "guichet: your dossier has been processed",
            "The administration has finished processing your dossier",
        ),
    };
    let sign_in = match lang {
        Language::Fr => "Connectez-vous à guichet pour lire le message dans votre tableau de bord.",
        Language::De => {
            "Melden Sie sich bei guichet an, um die Nachricht in Ihrer Übersicht zu lesen."
        }
        Language::En => "Sign in to guichet to read the message in your dashboard.",
    };
    (
        subject.into(),
        format!("{what} « {title} ».\n\n{sign_in}\n\nguichet\n"),
    )
}
