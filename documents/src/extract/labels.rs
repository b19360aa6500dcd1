//! The extract's fixed texts in French, German and English.

use time::Date;

/// The language an extract is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// French, the default.
    #[default]
    Fr,
    /// German.
    De,
    /// English.
    En,
}

impl Language {
    /// The ISO 639-1 code (`fr`, `de`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::De => "de",
            Language::En => "en",
        }
    }

    /// Writes a date the way the language does (`25/11/2026`, `25.11.2026`, `2026-11-25`).
    pub fn date(self, date: Date) -> String {
        let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
        match self {
            Language::Fr => format!("{d:02}/{m:02}/{y:04}"),
            Language::De => format!("{d:02}.{m:02}.{y:04}"),
            Language::En => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// The fixed texts of an extract in one language.
#[derive(Debug)]
pub(crate) struct Labels {
    pub language: Language,
    pub state: &'static str,
    pub title: &'static str,
    pub document_number: &'static str,
    pub issue_date: &'static str,
    pub subject: &'static str,
    pub family_name: &'static str,
    pub given_names: &'static str,
    pub birth_date: &'static str,
    pub birth_place: &'static str,
    pub outcome: &'static str,
    pub no_entry: &'static str,
    pub entries: fn(usize) -> String,
    pub court: &'static str,
    pub judgment_date: &'static str,
    pub offence: &'static str,
    pub sentence: &'static str,
    pub verification: &'static str,
}

const FR: Labels = Labels {
    language: Language::Fr,
    state: "GRAND-DUCHÉ DE LUXEMBOURG",
    title: "Extrait du casier judiciaire",
    document_number: "N° du document",
    issue_date: "Date de délivrance",
    subject: "Personne concernée",
    family_name: "Nom",
    given_names: "Prénoms",
    birth_date: "Date de naissance",
    birth_place: "Lieu de naissance",
    outcome: "Résultat",
    no_entry: "Néant : le casier judiciaire ne comporte aucune inscription.",
    entries: |n| format!("Le casier judiciaire comporte {n} inscription(s) :"),
    court: "Juridiction",
    judgment_date: "Date du jugement",
    offence: "Infraction",
    sentence: "Peine",
    verification: "Vérification : scannez le code QR avec l'application GouvCheck. Le cachet \
        électronique garantit l'authenticité et l'intégrité de ce document ; les données \
        affichées par l'application doivent être identiques à celles de cette page.",
};

const DE: Labels = Labels {
    language: Language::De,
    state: "GROSSHERZOGTUM LUXEMBURG",
    title: "Auszug aus dem Strafregister",
    document_number: "Dokumentnummer",
    issue_date: "Ausstellungsdatum",
    subject: "Betroffene Person",
    family_name: "Name",
    given_names: "Vornamen",
    birth_date: "Geburtsdatum",
    birth_place: "Geburtsort",
    outcome: "Ergebnis",
    no_entry: "Keine Eintragung: das Strafregister enthält keine Eintragung.",
    entries: |n| format!("Das Strafregister enthält {n} Eintragung(en):"),
    court: "Gericht",
    judgment_date: "Urteilsdatum",
    offence: "Straftat",
    sentence: "Strafe",
    verification: "Prüfung: Scannen Sie den QR-Code mit der App GouvCheck. Das elektronische \
        Siegel gewährleistet die Echtheit und Unversehrtheit dieses Dokuments; die von der App \
        angezeigten Daten müssen mit denen auf dieser Seite übereinstimmen.",
};

const EN: Labels = Labels {
    language: Language::En,
    state: "GRAND DUCHY OF LUXEMBOURG",
    title: "Extract from the criminal record",
    document_number: "Document number",
    issue_date: "Date of issue",
    subject: "Person concerned",
    family_name: "Surname",
    given_names: "Given names",
    birth_date: "Date of birth",
    birth_place: "Place of birth",
    outcome: "Outcome",
    no_entry: "Nil: the criminal record holds no entry.",
    entries: |n| {
        format!(
            "The criminal record holds {n} entr{}:",
            if n == 1 { "y" } else { "ies" }
        )
    },
    court: "Court",
    judgment_date: "Date of judgment",
    offence: "Offence",
    sentence: "Sentence",
    verification: "Verification: scan the QR code with the GouvCheck app. The electronic seal \
        guarantees the authenticity and integrity of this document; the data the app shows \
        must be identical to this page.",
};

impl Labels {
    /// The labels of `language`.
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Fr => &FR,
            Language::De => &DE,
            Language::En => &EN,
        }
    }
}
