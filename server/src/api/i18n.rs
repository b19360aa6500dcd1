//! What the user reads when something goes wrong, in French, German and English.

use crate::domain::Language;

/// A message the API can show; each has a title and a detail in every language.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Required,
    MatriculeFormat,
    MatriculeDate,
    MatriculeCheckDigit,
    Email,
    Phone,
    Iban,
    Language,
    TooLong,
    Encoding,
    TermsNotAccepted,
    ReadOnly,
    PushEndpoint,
    KeyLength,
    PushEndpointAddress,
    PushEndpointHost,
    CurvePoint,
    Characters,
    CertMalformed,
    CertUntrusted,
    CertNotYetValid,
    CertExpired,
    CertRevoked,
    CertWrongUsage,
    CertMissingIdentity,
    ChallengeInvalid,
    BadSignature,
    Unauthenticated,
    RegistrationPending,
    MatriculeMismatch,
    NotInRegister,
    AlreadyRegistered,
    CertificateAlreadyRegistered,
    LinkUnknown,
    LinkExpired,
    LinkUsed,
    NotFound,
    PreconditionFailed,
    Internal,
    MethodNotAllowed,
    BodyTooLarge,
    UnsupportedMediaType,
    MalformedRequest,
    TooManyRequests,
    Procedures(super::i18n_procedures::ProcText),
}

pub(crate) type Entry = [(&'static str, &'static str); 3];

/// The title and detail of `text` in `lang`.
pub fn text(text: Text, lang: Language) -> (&'static str, &'static str) {
    let entry = table(text);
    let i = match lang {
        Language::Fr => 0,
        Language::De => 1,
        Language::En => 2,
    };
    entry[i]
}

fn table(t: Text) -> Entry {
    use Text as T;
    match t {
        T::Required => [
            ("Champ obligatoire", "Ce champ doit être rempli."),
            ("Pflichtfeld", "Dieses Feld muss ausgefüllt werden."),
            ("Required field", "This field must be filled in."),
        ],
        T::MatriculeFormat => [
            (
                "Matricule invalide",
                "Le numéro d'identification national compte 13 chiffres.",
            ),
            (
                "Ungültige Matrikelnummer",
                "Die nationale Identifikationsnummer hat 13 Ziffern.",
            ),
            (
                "Invalid national identification number",
                "The national identification number has 13 digits.",
            ),
        ],
        T::MatriculeDate => [
            (
                "Matricule invalide",
                "Les 8 premiers chiffres doivent être une date de naissance (AAAAMMJJ).",
            ),
            (
                "Ungültige Matrikelnummer",
                "Die ersten 8 Ziffern müssen ein Geburtsdatum sein (JJJJMMTT).",
            ),
            (
                "Invalid national identification number",
                "The first 8 digits must be a birth date (YYYYMMDD).",
            ),
        ],
        T::MatriculeCheckDigit => [
            (
                "Matricule invalide",
                "Les chiffres de contrôle ne correspondent pas : vérifiez le numéro.",
            ),
            (
                "Ungültige Matrikelnummer",
                "Die Prüfziffern stimmen nicht: bitte prüfen Sie die Nummer.",
            ),
            (
                "Invalid national identification number",
                "The check digits do not match: please check the number.",
            ),
        ],
        T::Email => [
            (
                "Adresse e-mail invalide",
                "Indiquez une adresse e-mail complète, par exemple nom@example.lu.",
            ),
            (
                "Ungültige E-Mail-Adresse",
                "Geben Sie eine vollständige E-Mail-Adresse an, z. B. name@example.lu.",
            ),
            (
                "Invalid e-mail address",
                "Give a complete e-mail address, for example name@example.lu.",
            ),
        ],
        T::Phone => [
            (
                "Numéro de téléphone invalide",
                "Indiquez le numéro au format international, par exemple +352 621 123 456.",
            ),
            (
                "Ungültige Telefonnummer",
                "Geben Sie die Nummer im internationalen Format an, z. B. +352 621 123 456.",
            ),
            (
                "Invalid telephone number",
                "Give the number in international form, for example +352 621 123 456.",
            ),
        ],
        T::Iban => [
            (
                "IBAN invalide",
                "Le format ou les chiffres de contrôle de l'IBAN sont incorrects.",
            ),
            (
                "Ungültige IBAN",
                "Format oder Prüfziffern der IBAN sind falsch.",
            ),
            (
                "Invalid IBAN",
                "The IBAN's format or check digits are wrong.",
            ),
        ],
        T::Language => [
            ("Langue inconnue", "Choisissez fr, de ou en."),
            ("Unbekannte Sprache", "Wählen Sie fr, de oder en."),
            ("Unknown language", "Choose fr, de or en."),
        ],
        T::TooLong => [
            ("Valeur trop longue", "Raccourcissez la valeur de ce champ."),
            ("Wert zu lang", "Kürzen Sie den Wert dieses Feldes."),
            ("Value too long", "Shorten the value of this field."),
        ],
        T::Encoding => [
            (
                "Encodage invalide",
                "La valeur n'est pas correctement encodée (base64 ou PEM).",
            ),
            (
                "Ungültige Kodierung",
                "Der Wert ist nicht korrekt kodiert (base64 oder PEM).",
            ),
            (
                "Invalid encoding",
                "The value is not correctly encoded (base64 or PEM).",
            ),
        ],
        T::TermsNotAccepted => [
            (
                "Conditions non acceptées",
                "Vous devez accepter les conditions d'utilisation pour terminer l'inscription.",
            ),
            (
                "Bedingungen nicht akzeptiert",
                "Sie müssen die Nutzungsbedingungen akzeptieren, um die Registrierung abzuschließen.",
            ),
            (
                "Terms not accepted",
                "You must accept the terms of use to complete the registration.",
            ),
        ],
        T::ReadOnly => [
            (
                "Champ non modifiable",
                "Cette donnée provient du registre national et ne peut pas être modifiée ici.",
            ),
            (
                "Feld nicht änderbar",
                "Diese Angabe stammt aus dem nationalen Register und kann hier nicht geändert werden.",
            ),
            (
                "Read-only field",
                "This data comes from the national register and cannot be changed here.",
            ),
        ],
        T::PushEndpoint => [
            (
                "Adresse de notification invalide",
                "L'adresse du service de notification doit être une URL https.",
            ),
            (
                "Ungültige Benachrichtigungsadresse",
                "Die Adresse des Benachrichtigungsdienstes muss eine https-URL sein.",
            ),
            (
                "Invalid push endpoint",
                "The push service address must be an https URL.",
            ),
        ],
        T::KeyLength => [
            (
                "Clé invalide",
                "La clé n'a pas la longueur attendue (p256dh : 65 octets, auth : 16 octets).",
            ),
            (
                "Ungültiger Schlüssel",
                "Der Schlüssel hat nicht die erwartete Länge (p256dh: 65 Bytes, auth: 16 Bytes).",
            ),
            (
                "Invalid key",
                "The key does not have the expected length (p256dh: 65 bytes, auth: 16 bytes).",
            ),
        ],
        T::PushEndpointAddress => [
            (
                "Adresse de notification refusée",
                "Le service de notification doit être joignable sur une adresse publique d'Internet, pas sur un réseau local ou réservé.",
            ),
            (
                "Benachrichtigungsadresse abgelehnt",
                "Der Benachrichtigungsdienst muss unter einer öffentlichen Internetadresse erreichbar sein, nicht in einem lokalen oder reservierten Netz.",
            ),
            (
                "Push endpoint refused",
                "The push service must be on a public internet address, not on a local or reserved network.",
            ),
        ],
        T::PushEndpointHost => [
            (
                "Service de notification non admis",
                "Ce service de notification ne fait pas partie de ceux que le guichet accepte.",
            ),
            (
                "Benachrichtigungsdienst nicht zugelassen",
                "Dieser Benachrichtigungsdienst gehört nicht zu den vom Portal zugelassenen Diensten.",
            ),
            (
                "Push service not allowed",
                "This push service is not one of those the portal accepts.",
            ),
        ],
        T::CurvePoint => [
            (
                "Clé invalide",
                "La clé publique n'est pas un point de la courbe P-256 : l'appareil ne pourrait jamais lire ses notifications.",
            ),
            (
                "Ungültiger Schlüssel",
                "Der öffentliche Schlüssel ist kein Punkt der Kurve P-256: das Gerät könnte seine Benachrichtigungen nie lesen.",
            ),
            (
                "Invalid key",
                "The public key is not a point of the P-256 curve: the device could never read its notices.",
            ),
        ],
        T::Characters => [
            (
                "Caractères non admis",
                "Ce champ contient un caractère invisible ou de contrôle (ou un saut de ligne dans un champ d'une seule ligne) : retapez le texte.",
            ),
            (
                "Unzulässige Zeichen",
                "Dieses Feld enthält ein unsichtbares oder Steuerzeichen (oder einen Zeilenumbruch in einem einzeiligen Feld): bitte den Text neu eingeben.",
            ),
            (
                "Characters not allowed",
                "This field contains an invisible or control character (or a line break in a one-line field): please type the text again.",
            ),
        ],
        T::CertMalformed => [
            (
                "Certificat illisible",
                "Le certificat transmis ne peut pas être lu.",
            ),
            (
                "Zertifikat unlesbar",
                "Das übermittelte Zertifikat kann nicht gelesen werden.",
            ),
            (
                "Unreadable certificate",
                "The certificate sent cannot be read.",
            ),
        ],
        T::CertUntrusted => [
            (
                "Certificat non reconnu",
                "Ce certificat n'a pas été émis par une autorité reconnue par le guichet.",
            ),
            (
                "Zertifikat nicht anerkannt",
                "Dieses Zertifikat wurde nicht von einer anerkannten Stelle ausgestellt.",
            ),
            (
                "Certificate not recognised",
                "This certificate was not issued by an authority the portal trusts.",
            ),
        ],
        T::CertNotYetValid => [
            (
                "Certificat pas encore valide",
                "La période de validité de ce certificat n'a pas commencé.",
            ),
            (
                "Zertifikat noch nicht gültig",
                "Die Gültigkeit dieses Zertifikats hat noch nicht begonnen.",
            ),
            (
                "Certificate not yet valid",
                "This certificate's validity period has not started.",
            ),
        ],
        T::CertExpired => [
            (
                "Certificat expiré",
                "Ce certificat a expiré : renouvelez-le auprès de son émetteur.",
            ),
            (
                "Zertifikat abgelaufen",
                "Dieses Zertifikat ist abgelaufen: erneuern Sie es beim Aussteller.",
            ),
            (
                "Certificate expired",
                "This certificate has expired: renew it with its issuer.",
            ),
        ],
        T::CertRevoked => [
            (
                "Certificat révoqué",
                "Ce certificat a été révoqué par son émetteur.",
            ),
            (
                "Zertifikat widerrufen",
                "Dieses Zertifikat wurde vom Aussteller widerrufen.",
            ),
            (
                "Certificate revoked",
                "This certificate has been revoked by its issuer.",
            ),
        ],
        T::CertWrongUsage => [
            (
                "Mauvais certificat",
                "Ce certificat ne sert pas à cet usage (authentification ou signature).",
            ),
            (
                "Falsches Zertifikat",
                "Dieses Zertifikat ist nicht für diesen Zweck bestimmt (Authentifizierung oder Signatur).",
            ),
            (
                "Wrong certificate",
                "This certificate is not meant for this use (authentication or signature).",
            ),
        ],
        T::CertMissingIdentity => [
            (
                "Identité absente",
                "Le certificat ne porte pas de nom ou de numéro d'identification valide.",
            ),
            (
                "Identität fehlt",
                "Das Zertifikat enthält keinen gültigen Namen oder keine Identifikationsnummer.",
            ),
            (
                "Identity missing",
                "The certificate carries no valid name or identification number.",
            ),
        ],
        T::ChallengeInvalid => [
            (
                "Défi invalide",
                "Ce défi de connexion est inconnu, expiré ou déjà utilisé : demandez-en un nouveau.",
            ),
            (
                "Ungültige Anmeldeaufforderung",
                "Diese Aufforderung ist unbekannt, abgelaufen oder schon benutzt: fordern Sie eine neue an.",
            ),
            (
                "Invalid challenge",
                "This sign-in challenge is unknown, expired or already used: ask for a new one.",
            ),
        ],
        T::BadSignature => [
            (
                "Signature invalide",
                "La signature ne correspond pas à la clé du certificat.",
            ),
            (
                "Ungültige Signatur",
                "Die Signatur passt nicht zum Schlüssel des Zertifikats.",
            ),
            (
                "Invalid signature",
                "The signature does not match the certificate's key.",
            ),
        ],
        T::Unauthenticated => [
            ("Connexion requise", "Connectez-vous avec votre certificat."),
            (
                "Anmeldung erforderlich",
                "Melden Sie sich mit Ihrem Zertifikat an.",
            ),
            ("Sign-in required", "Sign in with your certificate."),
        ],
        T::RegistrationPending => [
            (
                "Inscription non terminée",
                "Terminez d'abord votre inscription.",
            ),
            (
                "Registrierung nicht abgeschlossen",
                "Schließen Sie zuerst Ihre Registrierung ab.",
            ),
            (
                "Registration not finished",
                "Finish your registration first.",
            ),
        ],
        T::MatriculeMismatch => [
            (
                "Matricule différent",
                "Ce numéro d'identification n'est pas celui du titulaire du certificat.",
            ),
            (
                "Abweichende Matrikelnummer",
                "Diese Identifikationsnummer ist nicht die des Zertifikatsinhabers.",
            ),
            (
                "Number does not match",
                "This identification number is not the certificate holder's.",
            ),
        ],
        T::NotInRegister => [
            (
                "Personne inconnue",
                "Ce numéro d'identification ne figure pas au registre national.",
            ),
            (
                "Unbekannte Person",
                "Diese Identifikationsnummer steht nicht im nationalen Register.",
            ),
            (
                "Unknown person",
                "This identification number is not in the national register.",
            ),
        ],
        T::AlreadyRegistered => [
            (
                "Déjà inscrit",
                "Un espace privé existe déjà pour cette personne : connectez-vous ou ajoutez ce certificat à votre espace.",
            ),
            (
                "Bereits registriert",
                "Für diese Person besteht bereits ein privater Bereich: melden Sie sich an oder fügen Sie das Zertifikat hinzu.",
            ),
            (
                "Already registered",
                "A private space already exists for this person: sign in, or add this certificate to your space.",
            ),
        ],
        T::CertificateAlreadyRegistered => [
            (
                "Certificat déjà enregistré",
                "Ce certificat est déjà enregistré.",
            ),
            (
                "Zertifikat bereits registriert",
                "Dieses Zertifikat ist bereits registriert.",
            ),
            (
                "Certificate already registered",
                "This certificate is already registered.",
            ),
        ],
        T::LinkUnknown => [
            (
                "Lien inconnu",
                "Ce lien de confirmation n'existe pas : demandez un nouveau lien.",
            ),
            (
                "Unbekannter Link",
                "Dieser Bestätigungslink existiert nicht: fordern Sie einen neuen an.",
            ),
            (
                "Unknown link",
                "This confirmation link does not exist: ask for a new one.",
            ),
        ],
        T::LinkExpired => [
            (
                "Lien expiré",
                "Ce lien de confirmation était valable 72 heures : demandez un nouveau lien.",
            ),
            (
                "Link abgelaufen",
                "Dieser Bestätigungslink war 72 Stunden gültig: fordern Sie einen neuen an.",
            ),
            (
                "Link expired",
                "This confirmation link was valid for 72 hours: ask for a new one.",
            ),
        ],
        T::LinkUsed => [
            (
                "Lien déjà utilisé",
                "Ce lien a déjà servi ou a été remplacé : connectez-vous ou demandez un nouveau lien.",
            ),
            (
                "Link bereits benutzt",
                "Dieser Link wurde bereits benutzt oder ersetzt: melden Sie sich an oder fordern Sie einen neuen an.",
            ),
            (
                "Link already used",
                "This link was already used or replaced: sign in, or ask for a new one.",
            ),
        ],
        T::NotFound => [
            (
                "Introuvable",
                "Cette ressource n'existe pas ou ne vous est pas accessible.",
            ),
            (
                "Nicht gefunden",
                "Diese Ressource existiert nicht oder ist Ihnen nicht zugänglich.",
            ),
            (
                "Not found",
                "This resource does not exist or is not available to you.",
            ),
        ],
        T::PreconditionFailed => [
            (
                "Données modifiées entre-temps",
                "Ces données ont changé depuis votre lecture : rechargez-les puis recommencez.",
            ),
            (
                "Daten inzwischen geändert",
                "Diese Daten haben sich seit dem Lesen geändert: laden Sie sie neu und versuchen Sie es erneut.",
            ),
            (
                "Data changed meanwhile",
                "This data changed since you read it: reload it and try again.",
            ),
        ],
        T::Internal => [
            (
                "Erreur interne",
                "Une erreur s'est produite de notre côté. Indiquez l'identifiant de la requête au support.",
            ),
            (
                "Interner Fehler",
                "Bei uns ist ein Fehler aufgetreten. Nennen Sie dem Support die Anfragekennung.",
            ),
            (
                "Internal error",
                "Something went wrong on our side. Give the request id to the helpdesk.",
            ),
        ],
        T::MethodNotAllowed => [
            (
                "Méthode non permise",
                "Cette adresse n'accepte pas cette méthode HTTP.",
            ),
            (
                "Methode nicht erlaubt",
                "Diese Adresse akzeptiert diese HTTP-Methode nicht.",
            ),
            (
                "Method not allowed",
                "This address does not accept this HTTP method.",
            ),
        ],
        T::BodyTooLarge => [
            (
                "Requête trop volumineuse",
                "Le corps de la requête dépasse la taille permise.",
            ),
            (
                "Anfrage zu groß",
                "Der Inhalt der Anfrage überschreitet die erlaubte Größe.",
            ),
            (
                "Request too large",
                "The request body exceeds the allowed size.",
            ),
        ],
        T::UnsupportedMediaType => [
            (
                "Format non pris en charge",
                "Envoyez le corps en application/json.",
            ),
            (
                "Format nicht unterstützt",
                "Senden Sie den Inhalt als application/json.",
            ),
            ("Unsupported format", "Send the body as application/json."),
        ],
        T::MalformedRequest => [
            (
                "Requête mal formée",
                "La requête ne peut pas être lue : vérifiez le JSON et ses champs.",
            ),
            (
                "Fehlerhafte Anfrage",
                "Die Anfrage kann nicht gelesen werden: prüfen Sie das JSON und seine Felder.",
            ),
            (
                "Malformed request",
                "The request cannot be read: check the JSON and its fields.",
            ),
        ],
        T::TooManyRequests => [
            (
                "Trop de tentatives",
                "Trop de demandes en peu de temps : réessayez après le délai indiqué.",
            ),
            (
                "Zu viele Versuche",
                "Zu viele Anfragen in kurzer Zeit: versuchen Sie es nach der angegebenen Wartezeit erneut.",
            ),
            (
                "Too many attempts",
                "Too many requests in a short time: try again after the indicated delay.",
            ),
        ],
        T::Procedures(p) => super::i18n_procedures::table(p),
    }
}
