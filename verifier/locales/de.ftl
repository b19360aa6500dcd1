### guichet-verify's report in German.
### Every key exists in fr, de and en; `cargo test -p guichet-verifier catalog` checks it.

## The verdict and what was checked.

valid = GÜLTIG: Das Siegel ist echt und das Dokument ist gültig.
invalid = UNGÜLTIG
revoked = WIDERRUFEN: Der Aussteller hat dieses Dokument widerrufen (Online-Prüfung).
superseded = ERSETZT: Der Aussteller hat dieses Dokument durch ein anderes ersetzt (Online-Prüfung).
authentic-offline = Offline ist das Siegel kryptografisch gültig: Es wurde vom Aussteller signiert und nicht verändert.
compare = Vergleichen Sie diese Daten mit dem Dokument und dem Ausweis der Person:
untrusted = Die Daten des Siegels werden nicht angezeigt: Sie sind nicht vertrauenswürdig.

## The seal's data, one label per line.

document = Dokument
number = Nummer
issuer = Aussteller
issued = Ausgestellt am
valid-until = Gültig bis
no-expiry = unbegrenzt
family = Name
given = Vorname(n)
birth = Geboren am
result = Ergebnis
pages = Seiten
bulletin = Bulletin
bulletin-number = Nr. { $number }
address = Adresse
employer-number = Arbeitgebernummer
domains = Bereiche
language = Sprache des Dokuments

## The content binding, the online status and the trust list.

content-checked = Inhalt: Das PDF entspricht dem Siegel.
content-mismatch = Inhalt: Das PDF entspricht NICHT dem Siegel (es wurde nach der Ausstellung verändert).
content-photo = Inhalt nicht geprüft (Foto): Nur das Siegel wurde geprüft; vergleichen Sie den gedruckten Text mit den obigen Daten.
content-text = Inhalt nicht geprüft: Nur der Siegeltext wurde geprüft.
online-valid = Online: Der Aussteller bestätigt, dass das Dokument weder widerrufen noch ersetzt ist.
online-unavailable = Online: Status nicht verfügbar
online-not-asked = Online-Status nicht abgefragt (--online) und keine Widerrufsliste (--revocation-list): Ein Widerruf ist offline nicht erkennbar.
reason-label = Grund
trust-list = Vertrauensliste

## Document types and outcomes a seal names.

document-type-criminal-record-extract = Strafregisterauszug
document-type-residence-certificate = Wohnsitzbescheinigung
document-type-certification-codes = Zertifizierungscodes (Sozialversicherung)
domain-employee-affiliations = Anmeldung der Arbeitnehmer
domain-pay-and-sick-leave = Löhne und Arbeitsunfähigkeit
domain-employer-general-data = Allgemeine Arbeitgeberdaten
domain-billing-and-accounting = Rechnungen und Buchhaltung
outcome-no-entry = Keine Eintragung
outcome-entries-listed = Eintragungen aufgeführt: siehe Dokument

## Why a document is not valid (the code adds the detail in brackets).

reason-malformed = Siegel unlesbar oder fehlerhaft
reason-no-seal = kein Siegel gefunden
reason-unknown-key = unbekannter Signaturschlüssel
reason-bad-signature = ungültige Signatur: Siegel verändert oder gefälscht
reason-key-not-valid-at-issue = der Schlüssel war am Ausstellungsdatum nicht gültig
reason-key-not-allowed-for-type = der Schlüssel ist für diese Dokumentart nicht zugelassen
reason-expired = Dokument abgelaufen
reason-content-mismatch = der Inhalt des PDF entspricht nicht dem Siegel
reason-ambiguous-pdf = das PDF lässt sich auf mehrere Arten lesen: verschiedene PDF-Betrachter können unterschiedliche Inhalte anzeigen, keiner kann bestätigt werden
reason-revoked = vom Aussteller widerrufen
reason-superseded = durch ein anderes Dokument ersetzt
reason-issued-in-future = nach dem Prüfzeitpunkt ausgestellt (Uhr des Ausstellers oder vordatiertes Siegel)
reason-unreadable-input = die Datei kann nicht gelesen werden (Format nicht unterstützt, beschädigt oder zu groß)

## Die signierte Widerrufsliste (offline).

revoked-in-list = WIDERRUFEN: Der Aussteller hat dieses Dokument widerrufen (Widerrufsliste vom { $date }).
revocation-list = Widerrufsliste: Nr. { $sequence } vom { $date }, { $hours } Std. alt.
revocation-list-stale = VERALTETE Widerrufsliste: Nr. { $sequence } vom { $date } ist { $hours } Std. alt, mehr als die erlaubten { $max } Std.: Ein seitdem erfolgter Widerruf ist nicht sichtbar. Laden Sie eine aktuelle Liste (--revocation-list).
revoked-on = widerrufen am { $date }
reason-revoked-in-list = vom Aussteller widerrufen (Widerrufsliste)
revocation-reason-unspecified = ohne Angabe von Gründen
revocation-reason-issued-in-error = irrtümlich ausgestellt
revocation-reason-obtained-by-fraud = durch Betrug erlangt
revocation-reason-withdrawn = zurückgezogen
revocation-reason-other = anderer Grund
