// The page's texts in French, German and English, and the choice of language:
// the one chosen with the switch (kept on this phone), else the browser's first of fr/de/en,
// else French.

export const LANGUAGES = ["fr", "de", "en"];

export const MESSAGES = {
  fr: {
    pageTitle: "guichet — vérifier un document",
    skip: "Aller au contenu",
    title: "Vérifier un document",
    language: "Langue",
    lead: "Scannez le code QR imprimé sur l'extrait, ou choisissez le PDF ou une photo. Tout est vérifié sur ce téléphone\u00a0: rien n'est envoyé.",
    scanTitle: "Caméra",
    videoLabel: "Image de la caméra",
    scan: "Scanner le code QR",
    torch: "Lampe",
    stop: "Arrêter la caméra",
    filesTitle: "Ou un fichier",
    choosePdf: "Choisir le PDF",
    choosePhoto: "Choisir une photo",
    drop: "ou déposez-le ici",
    compareTitle: "À comparer avec le papier et la pièce d'identité",
    again: "Vérifier un autre document",
    scanning: "Visez le code QR. Tenez le téléphone immobile.",
    cameraDenied: "La caméra n'est pas disponible. Choisissez le PDF ou une photo.",
    checking: "Vérification…",
    loading: "Chargement du vérificateur…",
    valid: "Valide",
    invalid: "Non valide",
    revoked: "Révoqué",
    unreadable: "Illisible",
    unavailable: "Vérification impossible",
    validReason: "Le sceau est authentique : ce document a été délivré par {issuer}.",
    trustFresh: "Liste des clés de confiance du {date} (n° {sequence}), vérifiée {age}.",
    trustOffline: "Hors ligne : liste des clés de confiance du {date} (n° {sequence}), mise à jour {age}.",
    trustStale: "Attention : la liste des clés de confiance date du {date} ; connectez-vous pour la mettre à jour.",
    trustMissing: "Aucune liste des clés de confiance : connectez-vous une fois à Internet.",
    revocationFresh: "Liste des documents révoqués du {date} (n° {sequence}), publiée {age}.",
    revocationOffline: "Hors ligne : liste des documents révoqués du {date} (n° {sequence}), publiée {age}.",
    revocationStale: "Attention : la liste des documents révoqués date du {date}, il y a plus de {days} jours ; une révocation plus récente peut manquer. Connectez-vous pour la mettre à jour.",
    revocationMissing: "Aucune liste des documents révoqués : connectez-vous une fois à Internet pour voir les révocations hors ligne.",
    superseded: "Remplacé",
    codeTitle: "Sans caméra : le code",
    codeLead: "Saisissez le numéro du document et le code de vérification imprimé sous le code QR. Cette vérification interroge l'émetteur : il faut Internet.",
    codeNumber: "Numéro du document",
    codeValue: "Code de vérification",
    codeSubmit: "Vérifier le code en ligne",
    codeWrong: "Aucun document ne correspond à ce numéro et à ce code. Vérifiez-les et réessayez.",
    codeLimited: "Trop d'essais : réessayez dans {minutes} min.",
    codeOffline: "Pas de connexion : le code ne se vérifie qu'en ligne.",
    codeError: "La vérification n'a pas abouti. Réessayez plus tard.",
    codeMissing: "Saisissez le numéro et le code.",
    codeValid: "L'émetteur, {issuer}, confirme que ce document est valide.",
    justNow: "à l'instant",
    fields: {
      family_name: "Nom", given_name: "Prénom(s)", birth_date: "Date de naissance",
      outcome: "Résultat", document_id: "Numéro du document", issued_at: "Délivré le",
      valid_until: "Valable jusqu'au", issuer: "Délivré par",
      bulletin: "Bulletin n°", address: "Adresse",
    },
    revocationReasons: {
      unspecified: "révoqué par l'émetteur", "issued-in-error": "délivré par erreur",
      "obtained-by-fraud": "obtenu par fraude", withdrawn: "retiré", other: "révoqué par l'émetteur",
    },
    staleNote: " Cette liste a plus de {days} jours.",
    outcome: { "no-entry": "Néant (aucune condamnation)", "entries-listed": "Condamnations inscrites" },
    binding: {
      checked: "Le contenu du PDF correspond au sceau.",
      "not-checked-photo": "Seul le sceau a été vérifié : comparez les données ci-dessus avec le papier.",
      "not-checked-text": "Seul le sceau a été vérifié : comparez les données ci-dessus avec le papier.",
      "online-code": "Vérifié en ligne auprès de l'émetteur avec le code : comparez les données ci-dessus avec le papier et la pièce d'identité.",
    },
    reasons: {
      "revoked-in-list": "Révoqué (liste du {list}) : {why}, le {revoked}.",
      "revoked-online": "L'émetteur a révoqué ce document.",
      "revoked-online-why": "L'émetteur a révoqué ce document : {why}",
      "superseded-online": "Ce document a été remplacé par le document n° {by}.",
      malformed: "Ce code n'est pas un sceau guichet lisible.",
      "no-seal": "Aucun sceau n'a été trouvé dans ce fichier.",
      "unknown-key": "Le sceau a été signé par une clé inconnue : ce document ne vient pas d'un émetteur de confiance.",
      "bad-signature": "La signature ne correspond pas : le sceau a été modifié ou contrefait.",
      "key-not-valid-at-issue": "La clé de l'émetteur n'était pas valable à la date de délivrance.",
      "key-not-allowed-for-type": "Cette clé ne peut pas signer ce type de document.",
      expired: "Le document a expiré le {date}.",
      "content-mismatch": "Le contenu du PDF a été modifié après sa délivrance.",
      "ambiguous-pdf": "Le PDF peut s'afficher de plusieurs façons : il a pu être modifié.",
      revoked: "L'émetteur a révoqué ce document.",
      superseded: "Ce document a été remplacé par un autre.",
      "issued-in-future": "Le document indique une date de délivrance future.",
      "unreadable-input": "Ce fichier ne peut pas être lu. Essayez une autre photo.",
      "no-trust-list": "La liste des clés de confiance manque : connectez-vous une fois à Internet.",
    },
  },
  de: {
    pageTitle: "guichet – Dokument prüfen",
    skip: "Zum Inhalt",
    title: "Dokument prüfen",
    language: "Sprache",
    lead: "Scannen Sie den QR-Code auf dem Auszug oder wählen Sie das PDF oder ein Foto. Alles wird auf diesem Telefon geprüft: Nichts wird gesendet.",
    scanTitle: "Kamera",
    videoLabel: "Kamerabild",
    scan: "QR-Code scannen",
    torch: "Licht",
    stop: "Kamera ausschalten",
    filesTitle: "Oder eine Datei",
    choosePdf: "PDF wählen",
    choosePhoto: "Foto wählen",
    drop: "oder hier ablegen",
    compareTitle: "Mit dem Papier und dem Ausweis vergleichen",
    again: "Ein anderes Dokument prüfen",
    scanning: "Richten Sie die Kamera auf den QR-Code. Halten Sie das Telefon ruhig.",
    cameraDenied: "Die Kamera ist nicht verfügbar. Wählen Sie das PDF oder ein Foto.",
    checking: "Wird geprüft …",
    loading: "Prüfprogramm wird geladen …",
    valid: "Gültig",
    invalid: "Nicht gültig",
    revoked: "Widerrufen",
    unreadable: "Nicht lesbar",
    unavailable: "Prüfung nicht möglich",
    validReason: "Das Siegel ist echt: Dieses Dokument wurde von {issuer} ausgestellt.",
    trustFresh: "Liste der vertrauenswürdigen Schlüssel vom {date} (Nr. {sequence}), geprüft {age}.",
    trustOffline: "Offline: Liste der vertrauenswürdigen Schlüssel vom {date} (Nr. {sequence}), aktualisiert {age}.",
    trustStale: "Achtung: Die Liste der vertrauenswürdigen Schlüssel ist vom {date}; verbinden Sie sich, um sie zu aktualisieren.",
    trustMissing: "Keine Liste der vertrauenswürdigen Schlüssel: Verbinden Sie sich einmal mit dem Internet.",
    revocationFresh: "Liste widerrufener Dokumente vom {date} (Nr. {sequence}), veröffentlicht {age}.",
    revocationOffline: "Offline: Liste widerrufener Dokumente vom {date} (Nr. {sequence}), veröffentlicht {age}.",
    revocationStale: "Achtung: Die Liste widerrufener Dokumente ist vom {date}, älter als {days} Tage; ein neuerer Widerruf kann fehlen. Verbinden Sie sich, um sie zu aktualisieren.",
    revocationMissing: "Keine Liste widerrufener Dokumente: Verbinden Sie sich einmal mit dem Internet, um Widerrufe offline zu sehen.",
    superseded: "Ersetzt",
    codeTitle: "Ohne Kamera: der Code",
    codeLead: "Geben Sie die Dokumentnummer und den Prüfcode unter dem QR-Code ein. Diese Prüfung fragt den Aussteller: Sie braucht Internet.",
    codeNumber: "Dokumentnummer",
    codeValue: "Prüfcode",
    codeSubmit: "Code online prüfen",
    codeWrong: "Kein Dokument passt zu dieser Nummer und diesem Code. Prüfen Sie beide und versuchen Sie es erneut.",
    codeLimited: "Zu viele Versuche: Versuchen Sie es in {minutes} Min. erneut.",
    codeOffline: "Keine Verbindung: Der Code lässt sich nur online prüfen.",
    codeError: "Die Prüfung ist fehlgeschlagen. Versuchen Sie es später erneut.",
    codeMissing: "Geben Sie die Nummer und den Code ein.",
    codeValid: "Der Aussteller, {issuer}, bestätigt, dass dieses Dokument gültig ist.",
    justNow: "gerade eben",
    fields: {
      family_name: "Name", given_name: "Vorname(n)", birth_date: "Geburtsdatum",
      outcome: "Ergebnis", document_id: "Dokumentnummer", issued_at: "Ausgestellt am",
      valid_until: "Gültig bis", issuer: "Ausgestellt von",
      bulletin: "Bulletin Nr.", address: "Adresse",
    },
    revocationReasons: {
      unspecified: "vom Aussteller widerrufen", "issued-in-error": "irrtümlich ausgestellt",
      "obtained-by-fraud": "durch Betrug erlangt", withdrawn: "zurückgezogen", other: "vom Aussteller widerrufen",
    },
    staleNote: " Diese Liste ist älter als {days} Tage.",
    outcome: { "no-entry": "Keine Eintragung (keine Verurteilung)", "entries-listed": "Verurteilungen eingetragen" },
    binding: {
      checked: "Der Inhalt des PDF stimmt mit dem Siegel überein.",
      "not-checked-photo": "Nur das Siegel wurde geprüft: Vergleichen Sie die Angaben oben mit dem Papier.",
      "not-checked-text": "Nur das Siegel wurde geprüft: Vergleichen Sie die Angaben oben mit dem Papier.",
      "online-code": "Online beim Aussteller mit dem Code geprüft: Vergleichen Sie die Angaben oben mit dem Papier und dem Ausweis.",
    },
    reasons: {
      "revoked-in-list": "Widerrufen (Liste vom {list}): {why}, am {revoked}.",
      "revoked-online": "Der Aussteller hat dieses Dokument widerrufen.",
      "revoked-online-why": "Der Aussteller hat dieses Dokument widerrufen: {why}",
      "superseded-online": "Dieses Dokument wurde durch das Dokument Nr. {by} ersetzt.",
      malformed: "Dieser Code ist kein lesbares guichet-Siegel.",
      "no-seal": "In dieser Datei wurde kein Siegel gefunden.",
      "unknown-key": "Das Siegel wurde mit einem unbekannten Schlüssel signiert: Dieses Dokument stammt nicht von einem vertrauenswürdigen Aussteller.",
      "bad-signature": "Die Signatur stimmt nicht: Das Siegel wurde verändert oder gefälscht.",
      "key-not-valid-at-issue": "Der Schlüssel des Ausstellers war am Ausstellungsdatum nicht gültig.",
      "key-not-allowed-for-type": "Dieser Schlüssel darf diese Art von Dokument nicht signieren.",
      expired: "Das Dokument ist am {date} abgelaufen.",
      "content-mismatch": "Der Inhalt des PDF wurde nach der Ausstellung verändert.",
      "ambiguous-pdf": "Das PDF kann auf mehrere Arten angezeigt werden: Es wurde möglicherweise verändert.",
      revoked: "Der Aussteller hat dieses Dokument widerrufen.",
      superseded: "Dieses Dokument wurde durch ein anderes ersetzt.",
      "issued-in-future": "Das Dokument nennt ein Ausstellungsdatum in der Zukunft.",
      "unreadable-input": "Diese Datei kann nicht gelesen werden. Versuchen Sie ein anderes Foto.",
      "no-trust-list": "Die Liste der vertrauenswürdigen Schlüssel fehlt: Verbinden Sie sich einmal mit dem Internet.",
    },
  },
  en: {
    pageTitle: "guichet — verify a document",
    skip: "Skip to content",
    title: "Verify a document",
    language: "Language",
    lead: "Scan the QR code printed on the extract, or choose the PDF or a photo. Everything is checked on this phone: nothing is sent.",
    scanTitle: "Camera",
    videoLabel: "Camera picture",
    scan: "Scan the QR code",
    torch: "Torch",
    stop: "Stop the camera",
    filesTitle: "Or a file",
    choosePdf: "Choose the PDF",
    choosePhoto: "Choose a photo",
    drop: "or drop it here",
    compareTitle: "Compare with the paper and the ID document",
    again: "Verify another document",
    scanning: "Point at the QR code. Hold the phone still.",
    cameraDenied: "The camera is not available. Choose the PDF or a photo.",
    checking: "Checking…",
    loading: "Loading the verifier…",
    valid: "Valid",
    invalid: "Not valid",
    revoked: "Revoked",
    unreadable: "Unreadable",
    unavailable: "Cannot verify",
    validReason: "The seal is genuine: this document was issued by {issuer}.",
    trustFresh: "Trusted keys list of {date} (no. {sequence}), checked {age}.",
    trustOffline: "Offline: trusted keys list of {date} (no. {sequence}), updated {age}.",
    trustStale: "Warning: the trusted keys list is of {date}; connect to update it.",
    trustMissing: "No trusted keys list: connect to the Internet once.",
    revocationFresh: "Revoked documents list of {date} (no. {sequence}), published {age}.",
    revocationOffline: "Offline: revoked documents list of {date} (no. {sequence}), published {age}.",
    revocationStale: "Warning: the revoked documents list dates from {date}, more than {days} days ago; a later revocation may be missing. Connect to update it.",
    revocationMissing: "No revoked documents list: connect to the Internet once to see revocations offline.",
    superseded: "Replaced",
    codeTitle: "No camera: the code",
    codeLead: "Type the document number and the verification code printed under the QR code. This check asks the issuer: it needs the Internet.",
    codeNumber: "Document number",
    codeValue: "Verification code",
    codeSubmit: "Check the code online",
    codeWrong: "No document matches this number and code. Check both and try again.",
    codeLimited: "Too many tries: try again in {minutes} min.",
    codeOffline: "No connection: the code can only be checked online.",
    codeError: "The check did not go through. Try again later.",
    codeMissing: "Type the number and the code.",
    codeValid: "The issuer, {issuer}, confirms that this document is valid.",
    justNow: "just now",
    fields: {
      family_name: "Family name", given_name: "Given name(s)", birth_date: "Date of birth",
      outcome: "Result", document_id: "Document number", issued_at: "Issued on",
      valid_until: "Valid until", issuer: "Issued by",
      bulletin: "Bulletin No.", address: "Address",
    },
    revocationReasons: {
      unspecified: "revoked by the issuer", "issued-in-error": "issued in error",
      "obtained-by-fraud": "obtained by fraud", withdrawn: "withdrawn", other: "revoked by the issuer",
    },
    staleNote: " This list is more than {days} days old.",
    outcome: { "no-entry": "No entry (no conviction)", "entries-listed": "Convictions listed" },
    binding: {
      checked: "The PDF's content matches the seal.",
      "not-checked-photo": "Only the seal was checked: compare the data above with the paper.",
      "not-checked-text": "Only the seal was checked: compare the data above with the paper.",
      "online-code": "Checked online with the issuer by the code: compare the data above with the paper and the ID.",
    },
    reasons: {
      "revoked-in-list": "Revoked (list of {list}): {why}, on {revoked}.",
      "revoked-online": "The issuer revoked this document.",
      "revoked-online-why": "The issuer revoked this document: {why}",
      "superseded-online": "This document was replaced by document no. {by}.",
      malformed: "This code is not a readable guichet seal.",
      "no-seal": "No seal was found in this file.",
      "unknown-key": "The seal was signed with an unknown key: this document does not come from a trusted issuer.",
      "bad-signature": "The signature does not match: the seal was altered or forged.",
      "key-not-valid-at-issue": "The issuer's key was not valid on the date of issue.",
      "key-not-allowed-for-type": "This key may not sign this type of document.",
      expired: "The document expired on {date}.",
      "content-mismatch": "The PDF's content was changed after it was issued.",
      "ambiguous-pdf": "The PDF can be displayed in more than one way: it may have been changed.",
      revoked: "The issuer revoked this document.",
      superseded: "This document was replaced by another.",
      "issued-in-future": "The document gives a date of issue in the future.",
      "unreadable-input": "This file cannot be read. Try another photo.",
      "no-trust-list": "The trusted keys list is missing: connect to the Internet once.",
    },
  },
};

const STORE_KEY = "guichet-verify-language";

/** The language to start in: the one chosen before on this phone, else the browser's. */
export function initialLanguage() {
  try {
    const kept = localStorage.getItem(STORE_KEY);
    if (LANGUAGES.includes(kept)) return kept;
  } catch { /* storage may be off */ }
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "fr";
}

/** Keeps the chosen language on this phone. */
export function keepLanguage(lang) {
  try { localStorage.setItem(STORE_KEY, lang); } catch { /* storage may be off */ }
}

/** Replaces `{name}` placeholders. */
export function fill(text, values = {}) {
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : `{${k}}`));
}

/** A date (YYYY-MM-DD or RFC 3339) in the language's long form; dates alone in UTC. */
export function formatDate(lang, value, withTime = false) {
  if (!value) return "";
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  const options = withTime
    ? { dateStyle: "long", timeStyle: "short" }
    : { dateStyle: "long", ...(dateOnly ? { timeZone: "UTC" } : {}) };
  return new Intl.DateTimeFormat(lang, options).format(at);
}

/** How long ago, in words ("il y a 5 minutes"). */
export function formatAge(lang, ms) {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return MESSAGES[lang].justNow;
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 48) return rtf.format(-hours, "hour");
  return rtf.format(-Math.round(hours / 24), "day");
}
