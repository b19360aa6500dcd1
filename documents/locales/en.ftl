### The criminal record extract's fixed texts in English (the PDF the portal issues).
### Every key exists in fr, de and en; `cargo test -p guichet-documents catalog` checks it.

extract-state = GRAND DUCHY OF LUXEMBOURG
extract-title = Extract from the criminal record
extract-document-number = Document number
extract-issue-date = Date of issue
extract-subject = Person concerned
extract-family-name = Surname
extract-given-names = Given names
extract-birth-date = Date of birth
extract-birth-place = Place of birth
extract-outcome = Outcome
extract-no-entry = Nil: the criminal record holds no entry.
extract-entries =
    The criminal record holds { $count } { $count ->
        [one] entry
       *[other] entries
    }:
extract-court = Court
extract-judgment-date = Date of judgment
extract-offence = Offence
extract-sentence = Sentence
extract-verification = Verification: scan the QR code with the GouvCheck app. The electronic seal guarantees the authenticity and integrity of this document; the data the app shows must be identical to this page.

## Bulletins, pages, and the certificate of residence.

extract-bulletin = Bulletin
extract-bulletin-value = No. { $number }
extract-purpose = Purpose
document-page = Page { $page } of { $pages } — document number { $number }
residence-title = Certificate of residence
residence-statement = According to the national register of natural persons, the person named below resides, on the date of issue, at the following address:
residence-address = Address
residence-nationality = Nationality
extract-verification-code = Verification code:

## The certification codes letter (social security centre).

codes-title = Certification codes of your professional space
codes-statement = Following your request for certification, here are the codes of your professional space. Each code is printed only on this letter: keep it safe.
codes-employer = Employer
codes-employer-number = Employer number
codes-holder = Holder codes (main mandate)
codes-holder-access = Holder access code
codes-revocation = Revocation code
codes-mandatary = Mandatary: { $name }
codes-mandatary-security = Mandatary security code (hand it over in person)
codes-mandatary-access = Mandatary access code
codes-warning = Enter a holder access code with the security code you chose in your request, under "Certifications" in your professional space. A revocation code withdraws its domain at once.
codes-domain-employee-affiliations = Employee affiliations
codes-domain-pay-and-sick-leave = Pay and sick leave
codes-domain-employer-general-data = Employer general data
codes-domain-billing-and-accounting = Billing and accounting
## The fillable form of the offline route.

form-instructions = Fill in this form on your computer, save it, then upload it in your space on the guichet to sign and transmit it. No script is needed.
form-mandatory = Fields marked * are mandatory.
form-read-only = Grey fields come from the national register and cannot be changed here.
form-date-hint = YYYY-MM-DD
form-number-range = between { $min } and { $max }
form-length = { $min } to { $max } characters
form-max-length = at most { $max } characters
form-attachment = To attach on the guichet after uploading the form.
form-footer = { $reference } — page { $page } of { $pages }
form-street = Street
form-house-number = House number
form-postcode = Postcode
form-locality = Locality
form-country = Country
