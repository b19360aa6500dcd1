### guichet-verify's report in English.
### Every key exists in fr, de and en; `cargo test -p guichet-verifier catalog` checks it.

## The verdict and what was checked.

valid = VALID: the seal is authentic and the document is valid.
invalid = NOT VALID
revoked = REVOKED: the issuer revoked this document (online check).
superseded = SUPERSEDED: the issuer replaced this document with another (online check).
authentic-offline = Offline, the seal is cryptographically valid: it was signed by the issuer and not altered.
compare = Compare these data with the document and the person's ID:
untrusted = The seal's data is not shown: it cannot be trusted.

## The seal's data, one label per line.

document = Document
number = Number
issuer = Issuer
issued = Issued on
valid-until = Valid until
no-expiry = no end
family = Family name
given = Given name(s)
birth = Born on
result = Result
pages = Pages
bulletin = Bulletin
bulletin-number = No. { $number }
address = Address
employer-number = Employer number
domains = Domains
language = Language of the document

## The content binding, the online status and the trust list.

content-checked = Content: the PDF matches the seal.
content-mismatch = Content: the PDF does NOT match the seal (it was changed after it was issued).
content-photo = Content binding not checked (photo): only the seal was checked; compare the printed text with the data above.
content-text = Content binding not checked: only the seal text was checked.
online-valid = Online: the issuer confirms the document is neither revoked nor superseded.
online-unavailable = Online: status unavailable
online-not-asked = Online status not asked (--online) and no revocation list (--revocation-list): a revocation cannot be seen offline.
reason-label = Reason
trust-list = Trust list

## Document types and outcomes a seal names.

document-type-criminal-record-extract = Criminal record extract
document-type-residence-certificate = Certificate of residence
document-type-certification-codes = Certification codes (social security)
domain-employee-affiliations = Employee affiliations
domain-pay-and-sick-leave = Pay and sick leave
domain-employer-general-data = Employer general data
domain-billing-and-accounting = Billing and accounting
outcome-no-entry = No entry
outcome-entries-listed = Entries listed: see the document

## Why a document is not valid (the code adds the detail in brackets).

reason-malformed = the seal is unreadable or malformed
reason-no-seal = no seal found
reason-unknown-key = unknown signing key
reason-bad-signature = bad signature: the seal was altered or forged
reason-key-not-valid-at-issue = the key was not valid when the document was issued
reason-key-not-allowed-for-type = the key may not sign this type of document
reason-expired = the document has expired
reason-content-mismatch = the PDF's content does not match the seal
reason-ambiguous-pdf = the PDF can be read in more than one way: different PDF viewers may show different content, none can be vouched for
reason-revoked = revoked by the issuer
reason-superseded = superseded by another document
reason-issued-in-future = issued after the verification time (the issuer's clock, or a post-dated seal)
reason-unreadable-input = the file cannot be read (unsupported format, damaged or too large)

## The signed revocation list (offline).

revoked-in-list = REVOKED: the issuer revoked this document (revocation list of { $date }).
revocation-list = Revocation list: n° { $sequence } of { $date }, { $hours } h old.
revocation-list-stale = STALE revocation list: n° { $sequence } of { $date } is { $hours } h old, more than the { $max } h allowed: a revocation since then cannot be seen. Fetch a fresh list (--revocation-list).
revoked-on = revoked on { $date }
reason-revoked-in-list = revoked by the issuer (revocation list)
revocation-reason-unspecified = no reason given
revocation-reason-issued-in-error = issued in error
revocation-reason-obtained-by-fraud = obtained by fraud
revocation-reason-withdrawn = withdrawn
revocation-reason-other = other reason
