### The criminal record extract's fixed texts in German (the PDF the portal issues).
### Every key exists in fr, de and en; `cargo test -p guichet-documents catalog` checks it.

extract-state = GROSSHERZOGTUM LUXEMBURG
extract-title = Auszug aus dem Strafregister
extract-document-number = Dokumentnummer
extract-issue-date = Ausstellungsdatum
extract-subject = Betroffene Person
extract-family-name = Name
extract-given-names = Vornamen
extract-birth-date = Geburtsdatum
extract-birth-place = Geburtsort
extract-outcome = Ergebnis
extract-no-entry = Keine Eintragung: das Strafregister enthält keine Eintragung.
extract-entries = Das Strafregister enthält { $count } Eintragung(en):
extract-court = Gericht
extract-judgment-date = Urteilsdatum
extract-offence = Straftat
extract-sentence = Strafe
extract-verification = Prüfung: Scannen Sie den QR-Code mit der App GouvCheck. Das elektronische Siegel gewährleistet die Echtheit und Unversehrtheit dieses Dokuments; die von der App angezeigten Daten müssen mit denen auf dieser Seite übereinstimmen.

## Bulletins, pages, and the certificate of residence.

extract-bulletin = Bulletin
extract-bulletin-value = Nr. { $number }
extract-purpose = Zweck
document-page = Seite { $page } von { $pages } — Dokument Nr. { $number }
residence-title = Wohnsitzbescheinigung
residence-statement = Laut dem nationalen Register der natürlichen Personen wohnt die unten genannte Person am Ausstellungsdatum an folgender Adresse:
residence-address = Adresse
residence-nationality = Staatsangehörigkeit
extract-verification-code = Prüfcode:

## Der Brief mit den Zertifizierungscodes (Gemeinsame Sozialversicherungszentrale).

codes-title = Zertifizierungscodes Ihres beruflichen Bereichs
codes-statement = Auf Ihren Antrag auf Zertifizierung hin erhalten Sie hier die Codes Ihres beruflichen Bereichs. Jeder Code steht nur in diesem Brief: Bewahren Sie ihn sicher auf.
codes-employer = Arbeitgeber
codes-employer-number = Arbeitgebernummer
codes-holder = Codes des Inhabers (Hauptmandat)
codes-holder-access = Zugangscode des Inhabers
codes-revocation = Widerrufscode
codes-mandatary = Bevollmächtigter: { $name }
codes-mandatary-security = Sicherheitscode des Bevollmächtigten (persönlich zu übergeben)
codes-mandatary-access = Zugangscode des Bevollmächtigten
codes-warning = Geben Sie einen Zugangscode des Inhabers mit dem im Antrag gewählten Sicherheitscode unter „Zertifizierungen" in Ihrem beruflichen Bereich ein. Ein Widerrufscode entzieht seinen Bereich sofort.
codes-domain-employee-affiliations = Anmeldung der Arbeitnehmer
codes-domain-pay-and-sick-leave = Löhne und Arbeitsunfähigkeit
codes-domain-employer-general-data = Allgemeine Arbeitgeberdaten
codes-domain-billing-and-accounting = Rechnungen und Buchhaltung
## The fillable form of the offline route.

form-instructions = Füllen Sie dieses Formular auf Ihrem Computer aus, speichern Sie es und laden Sie es in Ihrem Bereich auf dem Guichet hoch, um es zu unterschreiben und zu übermitteln. Kein Skript ist nötig.
form-mandatory = Mit * gekennzeichnete Felder sind Pflichtfelder.
form-read-only = Grau hinterlegte Felder stammen aus dem nationalen Register und können hier nicht geändert werden.
form-date-hint = JJJJ-MM-TT
form-number-range = zwischen { $min } und { $max }
form-length = { $min } bis { $max } Zeichen
form-max-length = höchstens { $max } Zeichen
form-attachment = Nach dem Hochladen des Formulars auf dem Guichet beizufügen.
form-footer = { $reference } — Seite { $page } von { $pages }
form-street = Straße
form-house-number = Hausnummer
form-postcode = Postleitzahl
form-locality = Ort
form-country = Land
