//! What the user reads about forms, files, signatures and dossier statuses, in French, German and English.

use super::i18n::Entry;

/// A message about procedures and dossiers.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcText {
    TooShort,
    Date,
    Number,
    OutOfRange,
    Choice,
    YesNo,
    Address,
    Format,
    UnknownField,
    IllegalTransition,
    FileTooLarge,
    FileType,
    DossierSignature,
    SignatureCertificateUnknown,
    UploadOffset,
    UploadDigest,
}

/// The title and detail of `t` in fr, de, en.
pub fn table(t: ProcText) -> Entry {
    use ProcText as T;
    match t {
        T::TooShort => [
            ("Valeur trop courte", "Ce champ demande plus de caractères."),
            ("Wert zu kurz", "Dieses Feld verlangt mehr Zeichen."),
            ("Value too short", "This field needs more characters."),
        ],
        T::Date => [
            (
                "Date invalide",
                "Indiquez une date réelle au format AAAA-MM-JJ.",
            ),
            (
                "Ungültiges Datum",
                "Geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.",
            ),
            ("Invalid date", "Give a real date as YYYY-MM-DD."),
        ],
        T::Number => [
            ("Nombre invalide", "Ce champ attend un nombre."),
            ("Ungültige Zahl", "Dieses Feld erwartet eine Zahl."),
            ("Invalid number", "This field expects a number."),
        ],
        T::OutOfRange => [
            (
                "Valeur hors limites",
                "Le nombre n'est pas dans les limites permises.",
            ),
            (
                "Wert außerhalb der Grenzen",
                "Die Zahl liegt nicht im erlaubten Bereich.",
            ),
            (
                "Value out of range",
                "The number is not within the allowed range.",
            ),
        ],
        T::Choice => [
            ("Choix invalide", "Choisissez l'une des options proposées."),
            (
                "Ungültige Auswahl",
                "Wählen Sie eine der angebotenen Optionen.",
            ),
            ("Invalid choice", "Pick one of the offered options."),
        ],
        T::YesNo => [
            ("Réponse invalide", "Répondez par oui ou par non."),
            ("Ungültige Antwort", "Antworten Sie mit Ja oder Nein."),
            ("Invalid answer", "Answer yes or no."),
        ],
        T::Address => [
            (
                "Adresse incomplète",
                "Indiquez la rue, le numéro, le code postal, la localité et le pays.",
            ),
            (
                "Unvollständige Adresse",
                "Geben Sie Straße, Hausnummer, Postleitzahl, Ort und Land an.",
            ),
            (
                "Incomplete address",
                "Give the street, house number, postcode, locality and country.",
            ),
        ],
        T::Format => [
            (
                "Valeur invalide",
                "La valeur n'a pas la forme attendue pour ce champ.",
            ),
            (
                "Ungültiger Wert",
                "Der Wert hat nicht die für dieses Feld erwartete Form.",
            ),
            (
                "Invalid value",
                "The value does not have the form this field expects.",
            ),
        ],
        T::UnknownField => [
            (
                "Champ inconnu",
                "Ce formulaire n'a pas de tel champ à cette étape.",
            ),
            (
                "Unbekanntes Feld",
                "Dieses Formular hat in diesem Schritt kein solches Feld.",
            ),
            ("Unknown field", "This form has no such field in this step."),
        ],
        T::IllegalTransition => [
            (
                "Action impossible",
                "Le dossier ne le permet pas dans son état actuel.",
            ),
            (
                "Aktion nicht möglich",
                "Die Akte erlaubt dies in ihrem aktuellen Status nicht.",
            ),
            (
                "Action not possible",
                "The dossier does not allow this in its current status.",
            ),
        ],
        T::FileTooLarge => [
            (
                "Fichier trop volumineux",
                "Le fichier dépasse la taille permise pour cette pièce.",
            ),
            (
                "Datei zu groß",
                "Die Datei überschreitet die für dieses Dokument erlaubte Größe.",
            ),
            (
                "File too large",
                "The file exceeds the size allowed for this document.",
            ),
        ],
        T::FileType => [
            (
                "Type de fichier refusé",
                "Ce type de fichier n'est pas accepté pour cette pièce.",
            ),
            (
                "Dateityp abgelehnt",
                "Dieser Dateityp wird für dieses Dokument nicht angenommen.",
            ),
            (
                "File type refused",
                "This type of file is not accepted for this document.",
            ),
        ],
        T::DossierSignature => [
            (
                "Signature invalide",
                "La signature ne correspond pas au contenu du dossier.",
            ),
            (
                "Ungültige Signatur",
                "Die Signatur passt nicht zum Inhalt der Akte.",
            ),
            (
                "Invalid signature",
                "The signature does not match the dossier's content.",
            ),
        ],
        T::SignatureCertificateUnknown => [
            (
                "Certificat de signature inconnu",
                "Enregistrez d'abord ce certificat de signature dans votre espace.",
            ),
            (
                "Unbekanntes Signaturzertifikat",
                "Registrieren Sie dieses Signaturzertifikat zuerst in Ihrem Bereich.",
            ),
            (
                "Unknown signature certificate",
                "Register this signature certificate in your space first.",
            ),
        ],
        T::UploadOffset => [
            (
                "Reprise du téléversement",
                "Le fichier doit continuer à partir des octets déjà reçus.",
            ),
            (
                "Upload fortsetzen",
                "Die Datei muss ab den bereits empfangenen Bytes fortgesetzt werden.",
            ),
            (
                "Resume the upload",
                "The file must continue from the bytes already received.",
            ),
        ],
        T::UploadDigest => [
            (
                "Fichier altéré",
                "Le fichier reçu ne correspond pas à son empreinte SHA-256 : envoyez-le à nouveau.",
            ),
            (
                "Datei verändert",
                "Die empfangene Datei passt nicht zu ihrem SHA-256-Wert: bitte erneut senden.",
            ),
            (
                "File altered",
                "The file received does not match its SHA-256 digest: send it again.",
            ),
        ],
    }
}
