### The server's texts in German: problem answers, mails, push notices, the
### registration page and the name of issued extracts. Every key exists in fr, de and en;
### `cargo test -p guichet catalog` checks it, with the variables the code passes.

## Problem answers (application/problem+json): a short title and what to do.

problem-required =
    .title = Pflichtfeld
    .detail = Dieses Feld muss ausgefüllt werden.
problem-matricule-format =
    .title = Ungültige Matrikelnummer
    .detail = Die nationale Identifikationsnummer hat 13 Ziffern.
problem-matricule-date =
    .title = Ungültige Matrikelnummer
    .detail = Die ersten 8 Ziffern müssen ein Geburtsdatum sein (JJJJMMTT).
problem-matricule-check-digit =
    .title = Ungültige Matrikelnummer
    .detail = Die Prüfziffern stimmen nicht: bitte prüfen Sie die Nummer.
problem-email =
    .title = Ungültige E-Mail-Adresse
    .detail = Geben Sie eine vollständige E-Mail-Adresse an, z. B. name@example.lu.
problem-phone =
    .title = Ungültige Telefonnummer
    .detail = Geben Sie die Nummer im internationalen Format an, z. B. +352 621 123 456.
problem-iban =
    .title = Ungültige IBAN
    .detail = Format oder Prüfziffern der IBAN sind falsch.
problem-language =
    .title = Unbekannte Sprache
    .detail = Wählen Sie fr, de oder en.
problem-too-long =
    .title = Wert zu lang
    .detail = Kürzen Sie den Wert dieses Feldes.
problem-encoding =
    .title = Ungültige Kodierung
    .detail = Der Wert ist nicht korrekt kodiert (base64 oder PEM).
problem-not-confirmed =
    .title = Nicht bestätigt
    .detail = Dieser Schritt kann nicht rückgängig gemacht werden: senden Sie true, um ihn zu bestätigen.
problem-terms-not-accepted =
    .title = Bedingungen nicht akzeptiert
    .detail = Sie müssen die Nutzungsbedingungen akzeptieren, um die Registrierung abzuschließen.
problem-read-only =
    .title = Feld nicht änderbar
    .detail = Diese Angabe stammt aus dem nationalen Register und kann hier nicht geändert werden.
problem-push-endpoint =
    .title = Ungültige Benachrichtigungsadresse
    .detail = Die Adresse des Benachrichtigungsdienstes muss eine https-URL sein.
problem-key-length =
    .title = Ungültiger Schlüssel
    .detail = Der Schlüssel hat nicht die erwartete Länge (p256dh: 65 Bytes, auth: 16 Bytes).
problem-push-endpoint-address =
    .title = Benachrichtigungsadresse abgelehnt
    .detail = Der Benachrichtigungsdienst muss unter einer öffentlichen Internetadresse erreichbar sein, nicht in einem lokalen oder reservierten Netz.
problem-push-endpoint-host =
    .title = Benachrichtigungsdienst nicht zugelassen
    .detail = Dieser Benachrichtigungsdienst gehört nicht zu den vom Portal zugelassenen Diensten.
problem-curve-point =
    .title = Ungültiger Schlüssel
    .detail = Der öffentliche Schlüssel ist kein Punkt der Kurve P-256: das Gerät könnte seine Benachrichtigungen nie lesen.
problem-characters =
    .title = Unzulässige Zeichen
    .detail = Dieses Feld enthält ein unsichtbares oder Steuerzeichen (oder einen Zeilenumbruch in einem einzeiligen Feld): bitte den Text neu eingeben.
problem-rcs =
    .title = Ungültige RCS-Nummer
    .detail = Geben Sie die Nummer des Handels- und Gesellschaftsregisters an: ein Abschnittsbuchstabe und bis zu sechs Ziffern, zum Beispiel B123456.
problem-vat =
    .title = Ungültige Mehrwertsteuernummer
    .detail = Eine luxemburgische Mehrwertsteuernummer besteht aus LU und 8 Ziffern; die Prüfziffern stimmen nicht.
problem-from-certificate =
    .title = Angabe aus Ihrem Pro-Zertifikat
    .detail = Dieser Wert stammt aus dem Pro-Zertifikat, mit dem der Bereich erstellt wurde, und kann nicht geändert werden.
problem-space-limit =
    .title = Höchstzahl beruflicher Bereiche erreicht
    .detail = Sie haben bereits so viele berufliche Bereiche wie erlaubt. Wenn Sie mehr brauchen, wenden Sie sich mit einer Begründung an den Helpdesk; er kann Ihre Grenze erhöhen.
problem-not-collaborative =
    .title = Bereich nicht geteilt
    .detail = Nur ein mit einem Pro-Zertifikat erstellter beruflicher Bereich kann mit Mitarbeitern geteilt werden.
problem-invitation-unknown =
    .title = Unbekannte Einladung
    .detail = Dieser Einladungslink ist nicht gültig. Bitten Sie den Administrator des Bereichs um einen neuen.
problem-invitation-expired =
    .title = Einladung abgelaufen
    .detail = Diese Einladung ist abgelaufen oder wurde zurückgezogen. Bitten Sie den Administrator des Bereichs um eine neue.
problem-invitation-used =
    .title = Einladung bereits verwendet
    .detail = Diese Einladung wurde bereits angenommen. Eine Einladung gilt nur einmal.
problem-invitation-not-for-you =
    .title = Einladung für eine andere Person
    .detail = Diese Einladung nennt eine andere Person. Melden Sie sich mit Ihrem eigenen Zertifikat an oder bitten Sie den Administrator, Sie einzuladen.
problem-already-member =
    .title = Bereits Mitglied
    .detail = Sie sind bereits Mitglied dieses Bereichs.
problem-last-administrator =
    .title = Letzter Administrator
    .detail = Ein Bereich braucht einen Administrator: übertragen Sie die Rolle zuerst einem anderen Mitglied.
problem-sole-administrator =
    .title = Einziger Administrator
    .detail = Sie sind der einzige Administrator beruflicher Bereiche, von denen andere abhängen oder die Unterlagen der Organisation aufbewahren: übertragen Sie die Administratorrolle zuerst einem anderen Mitglied und schließen Sie dann Ihr Konto.
problem-cert-malformed =
    .title = Zertifikat unlesbar
    .detail = Das übermittelte Zertifikat kann nicht gelesen werden.
problem-cert-untrusted =
    .title = Zertifikat nicht anerkannt
    .detail = Dieses Zertifikat wurde nicht von einer anerkannten Stelle ausgestellt.
problem-cert-not-yet-valid =
    .title = Zertifikat noch nicht gültig
    .detail = Die Gültigkeit dieses Zertifikats hat noch nicht begonnen.
problem-cert-expired =
    .title = Zertifikat abgelaufen
    .detail = Dieses Zertifikat ist abgelaufen: erneuern Sie es beim Aussteller.
problem-cert-revoked =
    .title = Zertifikat widerrufen
    .detail = Dieses Zertifikat wurde vom Aussteller widerrufen.
problem-cert-wrong-usage =
    .title = Falsches Zertifikat
    .detail = Dieses Zertifikat ist nicht für diesen Zweck bestimmt (Authentifizierung oder Signatur).
problem-cert-missing-identity =
    .title = Identität fehlt
    .detail = Das Zertifikat enthält keinen gültigen Namen oder keine Identifikationsnummer.
problem-challenge-invalid =
    .title = Ungültige Anmeldeaufforderung
    .detail = Diese Aufforderung ist unbekannt, abgelaufen oder schon benutzt: fordern Sie eine neue an.
problem-bad-signature =
    .title = Ungültige Signatur
    .detail = Die Signatur passt nicht zum Schlüssel des Zertifikats.
problem-unauthenticated =
    .title = Anmeldung erforderlich
    .detail = Melden Sie sich mit Ihrem Zertifikat an.
problem-registration-pending =
    .title = Registrierung nicht abgeschlossen
    .detail = Schließen Sie zuerst Ihre Registrierung ab.
problem-matricule-mismatch =
    .title = Abweichende Matrikelnummer
    .detail = Diese Identifikationsnummer ist nicht die des Zertifikatsinhabers.
problem-not-in-register =
    .title = Unbekannte Person
    .detail = Diese Identifikationsnummer steht nicht im nationalen Register.
problem-already-registered =
    .title = Bereits registriert
    .detail = Für diese Person besteht bereits ein privater Bereich: melden Sie sich an oder fügen Sie das Zertifikat hinzu.
problem-certificate-already-registered =
    .title = Zertifikat bereits registriert
    .detail = Dieses Zertifikat ist bereits registriert.
problem-link-unknown =
    .title = Unbekannter Link
    .detail = Dieser Bestätigungslink existiert nicht: fordern Sie einen neuen an.
problem-link-expired =
    .title = Link abgelaufen
    .detail = Dieser Bestätigungslink war 72 Stunden gültig: fordern Sie einen neuen an.
problem-link-used =
    .title = Link bereits benutzt
    .detail = Dieser Link wurde bereits benutzt oder ersetzt: melden Sie sich an oder fordern Sie einen neuen an.
problem-not-found =
    .title = Nicht gefunden
    .detail = Diese Ressource existiert nicht oder ist Ihnen nicht zugänglich.
problem-precondition-failed =
    .title = Daten inzwischen geändert
    .detail = Diese Daten haben sich seit dem Lesen geändert: laden Sie sie neu und versuchen Sie es erneut.
problem-internal =
    .title = Interner Fehler
    .detail = Bei uns ist ein Fehler aufgetreten. Nennen Sie dem Support die Anfragekennung.
problem-method-not-allowed =
    .title = Methode nicht erlaubt
    .detail = Diese Adresse akzeptiert diese HTTP-Methode nicht.
problem-body-too-large =
    .title = Anfrage zu groß
    .detail = Der Inhalt der Anfrage überschreitet die erlaubte Größe.
problem-unsupported-media-type =
    .title = Format nicht unterstützt
    .detail = Senden Sie den Inhalt als application/json.
problem-malformed-request =
    .title = Fehlerhafte Anfrage
    .detail = Die Anfrage kann nicht gelesen werden: prüfen Sie das JSON und seine Felder.
problem-too-many-requests =
    .title = Zu viele Versuche
    .detail = Zu viele Anfragen in kurzer Zeit: versuchen Sie es nach der angegebenen Wartezeit erneut.

## Problems with forms, files, signatures and dossier statuses.

problem-too-short =
    .title = Wert zu kurz
    .detail = Dieses Feld verlangt mehr Zeichen.
problem-date =
    .title = Ungültiges Datum
    .detail = Geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.
problem-number =
    .title = Ungültige Zahl
    .detail = Dieses Feld erwartet eine Zahl.
problem-out-of-range =
    .title = Wert außerhalb der Grenzen
    .detail = Die Zahl liegt nicht im erlaubten Bereich.
problem-choice =
    .title = Ungültige Auswahl
    .detail = Wählen Sie eine der angebotenen Optionen.
problem-yes-no =
    .title = Ungültige Antwort
    .detail = Antworten Sie mit Ja oder Nein.
problem-address =
    .title = Unvollständige Adresse
    .detail = Geben Sie Straße, Hausnummer, Postleitzahl, Ort und Land an.
problem-format =
    .title = Ungültiger Wert
    .detail = Der Wert hat nicht die für dieses Feld erwartete Form.
problem-unknown-field =
    .title = Unbekanntes Feld
    .detail = Dieses Formular hat in diesem Schritt kein solches Feld.
problem-illegal-transition =
    .title = Aktion nicht möglich
    .detail = Die Akte erlaubt dies in ihrem aktuellen Status nicht.
problem-file-too-large =
    .title = Datei zu groß
    .detail = Die Datei überschreitet die für dieses Dokument erlaubte Größe.
problem-file-type =
    .title = Dateityp abgelehnt
    .detail = Dieser Dateityp wird für dieses Dokument nicht angenommen.
problem-dossier-signature =
    .title = Ungültige Signatur
    .detail = Die Signatur passt nicht zum Inhalt der Akte.
problem-signature-certificate-unknown =
    .title = Unbekanntes Signaturzertifikat
    .detail = Registrieren Sie dieses Signaturzertifikat zuerst in Ihrem Bereich.
problem-upload-offset =
    .title = Upload fortsetzen
    .detail = Die Datei muss ab den bereits empfangenen Bytes fortgesetzt werden.
problem-upload-digest =
    .title = Datei verändert
    .detail = Die empfangene Datei passt nicht zu ihrem SHA-256-Wert: bitte erneut senden.

## Mails: a pointer only, never the content (mail is not a safe place for personal data).

mail-registration =
    .subject = guichet: Bestätigen Sie Ihre Registrierung
    .body =
        Guten Tag,

        um Ihre Registrierung bei guichet abzuschließen, öffnen Sie diesen Link und akzeptieren Sie die Nutzungsbedingungen:

        { $link }

        Dieser Link ist { $hours } Stunden gültig. Falls Sie diese Anfrage nicht gestellt haben, ignorieren Sie diese Nachricht.

        guichet
mail-invitation =
    .subject = guichet: Einladung in einen beruflichen Bereich
    .body =
        Guten Tag,

        { $inviter } lädt Sie ein, im beruflichen Bereich « { $space } » auf guichet mitzuarbeiten.

        Um anzunehmen, melden Sie sich mit Ihrem eigenen Zertifikat an und öffnen Sie diesen Link:

        { $link }

        Dieser Link ist gültig bis { $expires } (UTC). Wenn Sie diese Einladung nicht erwarten, ignorieren Sie diese Nachricht.

        guichet
mail-communication =
    .subject = guichet: Ein neues Dokument liegt für Sie bereit
    .body =
        Guten Tag,

        { $administration } hat „{ $title }“ in Ihren Mitteilungen auf guichet abgelegt.

        Melden Sie sich bei guichet an, um es anzusehen und herunterzuladen.

        guichet
mail-export-ready =
    .subject = guichet: die Kopie Ihrer Daten ist bereit
    .body =
        Guten Tag,

        die Kopie Ihrer Daten, die Sie angefordert haben, ist bereit. Melden Sie sich bei guichet an und öffnen Sie diesen Link, um sie herunterzuladen:

        { $link }

        Dieser Link ist bis { $until } (UTC) gültig. Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht.

        guichet
mail-account-closed =
    .subject = guichet: Ihr Konto ist geschlossen
    .body =
        Guten Tag,

        Ihr guichet-Konto ist geschlossen: niemand kann sich mehr damit anmelden. Gelöscht wurde:

        { $deleted }

        Das Gesetz bewahrt Folgendes auf, jeweils bis zum angegebenen Datum (ein Strich: bis seine Regel es beendet); danach löscht die Plattform es:

        { $kept }

        Sie können sich jederzeit mit Ihrem Zertifikat neu registrieren: das eröffnet ein neues, leeres Konto. Wenn Sie Ihr Konto nicht geschlossen haben, wenden Sie sich an den Helpdesk.

        guichet
-dossier-sign-in = Melden Sie sich bei guichet an, um die Nachricht in Ihrer Übersicht zu lesen.
mail-dossier-information-requested =
    .subject = guichet: Die Verwaltung hat eine Frage
    .body =
        Die Verwaltung bittet um Auskünfte zu Ihrer Akte « { $title } ».

        { -dossier-sign-in }

        guichet
mail-dossier-closed =
    .subject = guichet: Ihre Akte ist bearbeitet
    .body =
        Die Verwaltung hat die Bearbeitung Ihrer Akte abgeschlossen « { $title } ».

        { -dossier-sign-in }

        guichet

## Push notices: a short title and body the phone shows.

push-document-ready =
    .title = Dokument verfügbar
    .body = Ein neues Dokument liegt in Ihren Mitteilungen bereit.
push-data-read =
    .title = Ihre Daten wurden eingesehen
    .body = Eine Verwaltung hat Ihre Daten eingesehen. Ihr Zugriffsprotokoll zeigt wer, wann und warum.

push-export-ready =
    .title = Kopie Ihrer Daten bereit
    .body = Die Kopie Ihrer Daten kann heruntergeladen werden.
push-message =
    .title = Neue Nachricht
    .body = Die Verwaltung hat Ihnen zu einem Vorgang geschrieben.
push-status-changed =
    .title = Vorgang aktualisiert
    .body = Der Status eines Ihrer Vorgänge hat sich geändert.

## The page the registration link opens.

confirm-page =
    .title = Registrierung bestätigen
    .terms = Ihre Daten werden vom Staat für die Verfahren verarbeitet, die Sie über guichet erledigen, gemäß dem Datenschutzgesetz. Jeder Zugriff auf Ihren Bereich wird protokolliert.
    .accept = Ich akzeptiere die Nutzungsbedingungen
    .done = Registrierung abgeschlossen. Melden Sie sich mit Ihrem Zertifikat an.

## The criminal record extract, as it appears in "my communications".

extract-communication =
    .title = Auszug aus dem Strafregister
    .file-prefix = strafregisterauszug

## Payments: the receipt in "my communications", the page after the provider's.

payment-receipt =
    .title = Zahlungsbeleg
    .file-prefix = zahlungsbeleg
    .procedure = Verfahren
    .dossier = Vorgang
    .amount = Gezahlter Betrag
    .paid-at = Bezahlt am
    .reference = Zahlungsreferenz
    .note = Online per Karte beim Zahlungsdienstleister bezahlt. Dieser Beleg ist keine Rechnung.
payment-return =
    .title = Zahlung
    .paid = Danke. Ihre Zahlung wird bestätigt; die Übersicht zeigt sie gleich an, und der Beleg kommt in Ihre Mitteilungen.
    .cancelled = Die Zahlung wurde abgebrochen. Sie können sie in Ihrem Vorgang erneut starten.

problem-payment-required =
    .title = Zahlung erforderlich
    .detail = Dieses Verfahren ist gebührenpflichtig: Zahlen Sie die Gebühr, bevor Sie den Vorgang übermitteln.
problem-no-fee-due =
    .title = Keine Gebühr fällig
    .detail = Für diesen Vorgang ist nichts zu zahlen, oder die Gebühr ist bereits bezahlt.
problem-payment-provider-unavailable =
    .title = Zahlung nicht verfügbar
    .detail = Der Zahlungsdienstleister antwortet nicht; versuchen Sie es in einigen Minuten erneut.
problem-webhook-refused =
    .title = Benachrichtigung abgelehnt
    .detail = Die Benachrichtigung ist nicht vom Zahlungsdienstleister signiert oder zu alt.
residence-communication =
    .title = Wohnsitzbescheinigung
    .file-prefix = wohnsitzbescheinigung

## Zertifizierung beruflicher Bereiche und Mandate (Issue 13).

codes-communication =
    .title = Zertifizierungscodes Ihres beruflichen Bereichs
    .file-prefix = zertifizierungscodes
mail-mandate-revoked =
    .subject = guichet: ein Mandat wurde widerrufen
    .body =
        Guten Tag,

        { $employer } hat das Mandat widerrufen, das Ihr Bereich für den Bereich „{ $domain }" hielt. Sie können in diesem Bereich nicht mehr für diesen Arbeitgeber handeln.

        guichet
problem-code-rejected =
    .title = Code nicht angenommen
    .detail = Der Zugangscode oder der Sicherheitscode ist falsch, wurde bereits verwendet oder wurde entzogen. Prüfen Sie beide; nach mehreren falschen Codes wird die Eingabe eine Zeit lang gesperrt.
problem-code-locked =
    .title = Codeeingabe gesperrt
    .detail = Zu viele falsche Codes: Die Codeeingabe ist gesperrt. Versuchen Sie es nach der angegebenen Wartezeit erneut.
problem-check-character =
    .title = Tippfehler im Code
    .detail = Das letzte Zeichen des Codes passt nicht zu den anderen: Ein Zeichen wurde falsch eingegeben. Prüfen Sie den Code im Brief.
problem-domain-not-certified =
    .title = Bereich nicht zertifiziert
    .detail = Dieser Bereich ist für den Bereich dieses Verfahrens nicht zertifiziert: Fügen Sie zuerst die Zertifizierung mit dem Zugangscode des Inhabers hinzu.
problem-offline-form-not-a-pdf =
    .title = Kein lesbares PDF
    .detail = Die Datei ist kein lesbares PDF (oder sie ist verschlüsselt). Laden Sie das Formular so hoch, wie Ihr PDF-Programm es gespeichert hat.
problem-offline-form-no-fields =
    .title = Keine Formularfelder
    .detail = Das PDF hat keine Formularfelder: Es wurde reduziert, als PDF gedruckt oder eingescannt. Laden Sie das Formular erneut herunter und füllen Sie es in Ihrem PDF-Programm aus.
problem-offline-form-xfa =
    .title = XFA-Formular abgelehnt
    .detail = Die Datei ist ein XFA-Formular, das nur manche Programme verstehen. Laden Sie das Formular des Guichet herunter und füllen Sie es aus.
problem-offline-form-active-content =
    .title = Skripte oder Aktionen abgelehnt
    .detail = Das PDF enthält JavaScript oder Aktionen; sie wurden nicht ausgeführt und das Formular wurde nicht angenommen. Laden Sie das Formular erneut herunter und füllen Sie es ohne Skripte aus.
problem-offline-form-binding =
    .title = Formular anderer Herkunft
    .detail = Die verborgene Zuordnung des Formulars fehlt oder wurde verändert. Laden Sie das Formular aus Ihrem Bereich herunter und füllen Sie es aus.
problem-offline-form-other-procedure =
    .title = Formular eines anderen Verfahrens
    .detail = Dieses Formular gehört zu einem anderen Verfahren. Laden Sie es für das Verfahren hoch, für das es heruntergeladen wurde.
problem-offline-form-other-version =
    .title = Veraltetes Formular
    .detail = Dieses Formular gehört zu einer anderen Version des Verfahrens. Laden Sie das aktuelle Formular herunter und füllen Sie es erneut aus.
problem-offline-form-other-space =
    .title = Formular eines anderen Bereichs
    .detail = Dieses Formular wurde aus einem anderen Bereich heruntergeladen. Laden Sie es in dem Bereich hoch, zu dem es gehört.
problem-offline-form-other-dossier =
    .title = Formular eines anderen Vorgangs
    .detail = Dieses Formular gehört zu einem anderen Vorgang (oder eröffnet einen neuen). Laden Sie es dort hoch, wo es heruntergeladen wurde.
