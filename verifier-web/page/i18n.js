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
    justNow: "à l'instant",
    fields: {
      family_name: "Nom", given_name: "Prénom(s)", birth_date: "Date de naissance",
      outcome: "Résultat", document_id: "Numéro du document", issued_at: "Délivré le",
      valid_until: "Valable jusqu'au", issuer: "Délivré par",
      bulletin: "Bulletin n°", address: "Adresse",
    },
    outcome: { "no-entry": "Néant (aucune condamnation)", "entries-listed": "Condamnations inscrites" },
    binding: {
      checked: "Le contenu du PDF correspond au sceau.",
      "not-checked-photo": "Seul le sceau a été vérifié : comparez les données ci-dessus avec le papier.",
      "not-checked-text": "Seul le sceau a été vérifié : comparez les données ci-dessus avec le papier.",
    },
    reasons: {
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
    justNow: "gerade eben",
    fields: {
      family_name: "Name", given_name: "Vorname(n)", birth_date: "Geburtsdatum",
      outcome: "Ergebnis", document_id: "Dokumentnummer", issued_at: "Ausgestellt am",
      valid_until: "Gültig bis", issuer: "Ausgestellt von",
      bulletin: "Bulletin Nr.", address: "Adresse",
    },
    outcome: { "no-entry": "Keine Eintragung (keine Verurteilung)", "entries-listed": "Verurteilungen eingetragen" },
    binding: {
      checked: "Der Inhalt des PDF stimmt mit dem Siegel überein.",
      "not-checked-photo": "Nur das Siegel wurde geprüft: Vergleichen Sie die Angaben oben mit dem Papier.",
      "not-checked-text": "Nur das Siegel wurde geprüft: Vergleichen Sie die Angaben oben mit dem Papier.",
    },
    reasons: {
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
    justNow: "just now",
    fields: {
      family_name: "Family name", given_name: "Given name(s)", birth_date: "Date of birth",
      outcome: "Result", document_id: "Document number", issued_at: "Issued on",
      valid_until: "Valid until", issuer: "Issued by",
      bulletin: "Bulletin No.", address: "Address",
    },
    outcome: { "no-entry": "No entry (no conviction)", "entries-listed": "Convictions listed" },
    binding: {
      checked: "The PDF's content matches the seal.",
      "not-checked-photo": "Only the seal was checked: compare the data above with the paper.",
      "not-checked-text": "Only the seal was checked: compare the data above with the paper.",
    },
    reasons: {
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
