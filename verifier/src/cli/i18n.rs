//! The report's wording in French, German and English.

use crate::seal::{DocumentType, Language, Outcome};
use crate::verify::Reason;

/// Every phrase of the human report, in one language.
pub struct Texts {
    pub valid: &'static str,
    pub invalid: &'static str,
    pub revoked: &'static str,
    pub superseded: &'static str,
    pub authentic_offline: &'static str,
    pub compare: &'static str,
    pub untrusted: &'static str,
    pub document: &'static str,
    pub number: &'static str,
    pub issuer: &'static str,
    pub issued: &'static str,
    pub valid_until: &'static str,
    pub no_expiry: &'static str,
    pub family: &'static str,
    pub given: &'static str,
    pub birth: &'static str,
    pub result: &'static str,
    pub language: &'static str,
    pub content_checked: &'static str,
    pub content_mismatch: &'static str,
    pub content_photo: &'static str,
    pub content_text: &'static str,
    pub online_valid: &'static str,
    pub online_unavailable: &'static str,
    pub online_not_asked: &'static str,
    pub reason_label: &'static str,
    pub trust_list: &'static str,
    pub extract: &'static str,
    pub no_entry: &'static str,
    pub entries: &'static str,
}

const FR: Texts = Texts {
    valid: "VALIDE : le sceau est authentique et le document est valable.",
    invalid: "NON VALIDE",
    revoked: "RÉVOQUÉ : l'émetteur a révoqué ce document (vérification en ligne).",
    superseded: "REMPLACÉ : l'émetteur a remplacé ce document par un autre (vérification en ligne).",
    authentic_offline: "Hors ligne, le sceau est cryptographiquement valide : il a été signé par l'émetteur et n'a pas été modifié.",
    compare: "Comparez ces données avec le document et la pièce d'identité de la personne :",
    untrusted: "Les données du sceau ne sont pas affichées : elles ne sont pas dignes de confiance.",
    document: "Document",
    number: "Numéro",
    issuer: "Émetteur",
    issued: "Délivré le",
    valid_until: "Valable jusqu'au",
    no_expiry: "sans limite",
    family: "Nom",
    given: "Prénom(s)",
    birth: "Né(e) le",
    result: "Résultat",
    language: "Langue du document",
    content_checked: "Contenu : le PDF correspond au sceau.",
    content_mismatch: "Contenu : le PDF ne correspond PAS au sceau (il a été modifié après émission).",
    content_photo: "Contenu non vérifié (photo) : seul le sceau a été contrôlé ; comparez le texte imprimé avec les données ci-dessus.",
    content_text: "Contenu non vérifié : seul le texte du sceau a été contrôlé.",
    online_valid: "En ligne : l'émetteur confirme que le document n'est ni révoqué ni remplacé.",
    online_unavailable: "En ligne : statut indisponible",
    online_not_asked: "Statut en ligne non demandé (--online) : une révocation ne peut pas être détectée hors ligne.",
    reason_label: "Motif",
    trust_list: "Liste de confiance",
    extract: "Extrait du casier judiciaire",
    no_entry: "Néant (aucune inscription)",
    entries: "Inscriptions énumérées dans l'extrait",
};

const DE: Texts = Texts {
    valid: "GÜLTIG: Das Siegel ist echt und das Dokument ist gültig.",
    invalid: "UNGÜLTIG",
    revoked: "WIDERRUFEN: Der Aussteller hat dieses Dokument widerrufen (Online-Prüfung).",
    superseded: "ERSETZT: Der Aussteller hat dieses Dokument durch ein anderes ersetzt (Online-Prüfung).",
    authentic_offline: "Offline ist das Siegel kryptografisch gültig: Es wurde vom Aussteller signiert und nicht verändert.",
    compare: "Vergleichen Sie diese Daten mit dem Dokument und dem Ausweis der Person:",
    untrusted: "Die Daten des Siegels werden nicht angezeigt: Sie sind nicht vertrauenswürdig.",
    document: "Dokument",
    number: "Nummer",
    issuer: "Aussteller",
    issued: "Ausgestellt am",
    valid_until: "Gültig bis",
    no_expiry: "unbegrenzt",
    family: "Name",
    given: "Vorname(n)",
    birth: "Geboren am",
    result: "Ergebnis",
    language: "Sprache des Dokuments",
    content_checked: "Inhalt: Das PDF entspricht dem Siegel.",
    content_mismatch: "Inhalt: Das PDF entspricht NICHT dem Siegel (es wurde nach der Ausstellung verändert).",
    content_photo: "Inhalt nicht geprüft (Foto): Nur das Siegel wurde geprüft; vergleichen Sie den gedruckten Text mit den obigen Daten.",
    content_text: "Inhalt nicht geprüft: Nur der Siegeltext wurde geprüft.",
    online_valid: "Online: Der Aussteller bestätigt, dass das Dokument weder widerrufen noch ersetzt ist.",
    online_unavailable: "Online: Status nicht verfügbar",
    online_not_asked: "Online-Status nicht abgefragt (--online): Ein Widerruf ist offline nicht erkennbar.",
    reason_label: "Grund",
    trust_list: "Vertrauensliste",
    extract: "Strafregisterauszug",
    no_entry: "Keine Eintragung",
    entries: "Eintragungen im Auszug aufgeführt",
};

const EN: Texts = Texts {
    valid: "VALID: the seal is authentic and the document is valid.",
    invalid: "NOT VALID",
    revoked: "REVOKED: the issuer revoked this document (online check).",
    superseded: "SUPERSEDED: the issuer replaced this document with another (online check).",
    authentic_offline: "Offline, the seal is cryptographically valid: it was signed by the issuer and not altered.",
    compare: "Compare these data with the document and the person's ID:",
    untrusted: "The seal's data is not shown: it cannot be trusted.",
    document: "Document",
    number: "Number",
    issuer: "Issuer",
    issued: "Issued on",
    valid_until: "Valid until",
    no_expiry: "no end",
    family: "Family name",
    given: "Given name(s)",
    birth: "Born on",
    result: "Result",
    language: "Language of the document",
    content_checked: "Content: the PDF matches the seal.",
    content_mismatch: "Content: the PDF does NOT match the seal (it was changed after it was issued).",
    content_photo: "Content binding not checked (photo): only the seal was checked; compare the printed text with the data above.",
    content_text: "Content binding not checked: only the seal text was checked.",
    online_valid: "Online: the issuer confirms the document is neither revoked nor superseded.",
    online_unavailable: "Online: status unavailable",
    online_not_asked: "Online status not asked (--online): a revocation cannot be seen offline.",
    reason_label: "Reason",
    trust_list: "Trust list",
    extract: "Criminal record extract",
    no_entry: "No entry",
    entries: "Entries listed in the extract",
};

/// The phrases in `lang`.
pub fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::Fr => &FR,
        Language::De => &DE,
        Language::En => &EN,
    }
}

impl Texts {
    /// The name of a document type.
    pub fn document_type(&self, t: DocumentType) -> &'static str {
        match t {
            DocumentType::CriminalRecordExtract => self.extract,
        }
    }

    /// The wording of an outcome.
    pub fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::NoEntry => self.no_entry,
            Outcome::EntriesListed => self.entries,
        }
    }
}

/// Explains a reason in `lang`.
pub fn reason(lang: Language, reason: &Reason) -> String {
    let (fr, de, en) = match reason {
        Reason::Malformed(_) => (
            "sceau illisible ou malformé",
            "Siegel unlesbar oder fehlerhaft",
            "the seal is unreadable or malformed",
        ),
        Reason::NoSeal => (
            "aucun sceau trouvé",
            "kein Siegel gefunden",
            "no seal found",
        ),
        Reason::UnknownKey => (
            "clé de signature inconnue",
            "unbekannter Signaturschlüssel",
            "unknown signing key",
        ),
        Reason::BadSignature => (
            "signature invalide : sceau modifié ou contrefait",
            "ungültige Signatur: Siegel verändert oder gefälscht",
            "bad signature: the seal was altered or forged",
        ),
        Reason::KeyNotValidAtIssue => (
            "la clé n'était pas valable à la date de délivrance",
            "der Schlüssel war am Ausstellungsdatum nicht gültig",
            "the key was not valid when the document was issued",
        ),
        Reason::KeyNotAllowedForType => (
            "la clé n'est pas autorisée pour ce type de document",
            "der Schlüssel ist für diese Dokumentart nicht zugelassen",
            "the key may not sign this type of document",
        ),
        Reason::Expired { .. } => (
            "document expiré",
            "Dokument abgelaufen",
            "the document has expired",
        ),
        Reason::ContentMismatch(_) => (
            "le contenu du PDF ne correspond pas au sceau",
            "der Inhalt des PDF entspricht nicht dem Siegel",
            "the PDF's content does not match the seal",
        ),
        Reason::AmbiguousPdf(_) => (
            "le PDF peut être lu de plusieurs façons : des lecteurs PDF différents peuvent afficher des contenus différents, aucun ne peut être garanti",
            "das PDF lässt sich auf mehrere Arten lesen: verschiedene PDF-Betrachter können unterschiedliche Inhalte anzeigen, keiner kann bestätigt werden",
            "the PDF can be read in more than one way: different PDF viewers may show different content, none can be vouched for",
        ),
        Reason::Revoked { .. } => (
            "révoqué par l'émetteur",
            "vom Aussteller widerrufen",
            "revoked by the issuer",
        ),
        Reason::Superseded { .. } => (
            "remplacé par un autre document",
            "durch ein anderes Dokument ersetzt",
            "superseded by another document",
        ),
        Reason::IssuedInFuture { .. } => (
            "délivré après la date de vérification (horloge de l'émetteur ou sceau antidaté)",
            "nach dem Prüfzeitpunkt ausgestellt (Uhr des Ausstellers oder vordatiertes Siegel)",
            "issued after the verification time (the issuer's clock, or a post-dated seal)",
        ),
        Reason::Unreadable(_) => (
            "le fichier ne peut pas être lu (format non pris en charge, endommagé ou trop grand)",
            "die Datei kann nicht gelesen werden (Format nicht unterstützt, beschädigt oder zu groß)",
            "the file cannot be read (unsupported format, damaged or too large)",
        ),
    };
    let text = match lang {
        Language::Fr => fr,
        Language::De => de,
        Language::En => en,
    };
    let detail = match reason {
        Reason::Malformed(d)
        | Reason::ContentMismatch(d)
        | Reason::Unreadable(d)
        | Reason::AmbiguousPdf(d) => Some(d.clone()),
        Reason::IssuedInFuture { issued_at } => Some(issued_at.to_string()),
        Reason::Expired { valid_until } => Some(valid_until.date().to_string()),
        Reason::Revoked { reason } => reason.clone(),
        Reason::Superseded { by } => by.clone(),
        _ => None,
    };
    match detail {
        Some(d) => format!("{text} ({d})"),
        None => text.to_owned(),
    }
}
