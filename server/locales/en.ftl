### The server's texts in English: problem answers, mails, push notices, the
### registration page and the name of issued extracts. Every key exists in fr, de and en;
### `cargo test -p guichet catalog` checks it, with the variables the code passes.

## Problem answers (application/problem+json): a short title and what to do.

problem-required =
    .title = Required field
    .detail = This field must be filled in.
problem-matricule-format =
    .title = Invalid national identification number
    .detail = The national identification number has 13 digits.
problem-matricule-date =
    .title = Invalid national identification number
    .detail = The first 8 digits must be a birth date (YYYYMMDD).
problem-matricule-check-digit =
    .title = Invalid national identification number
    .detail = The check digits do not match: please check the number.
problem-email =
    .title = Invalid e-mail address
    .detail = Give a complete e-mail address, for example name@example.lu.
problem-phone =
    .title = Invalid telephone number
    .detail = Give the number in international form, for example +352 621 123 456.
problem-iban =
    .title = Invalid IBAN
    .detail = The IBAN's format or check digits are wrong.
problem-language =
    .title = Unknown language
    .detail = Choose fr, de or en.
problem-too-long =
    .title = Value too long
    .detail = Shorten the value of this field.
problem-encoding =
    .title = Invalid encoding
    .detail = The value is not correctly encoded (base64 or PEM).
problem-not-confirmed =
    .title = Not confirmed
    .detail = This step cannot be undone: send true to confirm it.
problem-terms-not-accepted =
    .title = Terms not accepted
    .detail = You must accept the terms of use to complete the registration.
problem-read-only =
    .title = Read-only field
    .detail = This data comes from the national register and cannot be changed here.
problem-push-endpoint =
    .title = Invalid push endpoint
    .detail = The push service address must be an https URL.
problem-key-length =
    .title = Invalid key
    .detail = The key does not have the expected length (p256dh: 65 bytes, auth: 16 bytes).
problem-push-endpoint-address =
    .title = Push endpoint refused
    .detail = The push service must be on a public internet address, not on a local or reserved network.
problem-push-endpoint-host =
    .title = Push service not allowed
    .detail = This push service is not one of those the portal accepts.
problem-curve-point =
    .title = Invalid key
    .detail = The public key is not a point of the P-256 curve: the device could never read its notices.
problem-characters =
    .title = Characters not allowed
    .detail = This field contains an invisible or control character (or a line break in a one-line field): please type the text again.
problem-rcs =
    .title = Invalid RCS number
    .detail = Give the trade and companies register number: a section letter and up to six digits, for example B123456.
problem-vat =
    .title = Invalid VAT number
    .detail = A Luxembourg VAT number is LU followed by 8 digits; the check digits do not match.
problem-from-certificate =
    .title = Data from your Pro certificate
    .detail = This value comes from the Pro certificate the space was created with and cannot be changed.
problem-space-limit =
    .title = Professional space limit reached
    .detail = You already have as many professional spaces as allowed. To have more, contact the helpdesk and say why; it can raise your limit.
problem-not-collaborative =
    .title = Space not shared
    .detail = Only a professional space created with a Pro certificate can be shared with co-workers.
problem-invitation-unknown =
    .title = Unknown invitation
    .detail = This invitation link is not valid. Ask the space's administrator for a new one.
problem-invitation-expired =
    .title = Invitation expired
    .detail = This invitation has expired or was withdrawn. Ask the space's administrator for a new one.
problem-invitation-used =
    .title = Invitation already used
    .detail = This invitation was already accepted. An invitation can be used only once.
problem-invitation-not-for-you =
    .title = Invitation for someone else
    .detail = This invitation names another person. Sign in with your own certificate, or ask the administrator to invite you.
problem-already-member =
    .title = Already a member
    .detail = You are already a member of this space.
problem-last-administrator =
    .title = Last administrator
    .detail = A space needs an administrator: hand the role over to another member first.
problem-sole-administrator =
    .title = Only administrator
    .detail = You are the only administrator of professional spaces that others depend on or that keep the organisation's records: give another member the administrator role first, then close your account.
problem-cert-malformed =
    .title = Unreadable certificate
    .detail = The certificate sent cannot be read.
problem-cert-untrusted =
    .title = Certificate not recognised
    .detail = This certificate was not issued by an authority the portal trusts.
problem-cert-not-yet-valid =
    .title = Certificate not yet valid
    .detail = This certificate's validity period has not started.
problem-cert-expired =
    .title = Certificate expired
    .detail = This certificate has expired: renew it with its issuer.
problem-cert-revoked =
    .title = Certificate revoked
    .detail = This certificate has been revoked by its issuer.
problem-cert-wrong-usage =
    .title = Wrong certificate
    .detail = This certificate is not meant for this use (authentication or signature).
problem-cert-missing-identity =
    .title = Identity missing
    .detail = The certificate carries no valid name or identification number.
problem-challenge-invalid =
    .title = Invalid challenge
    .detail = This sign-in challenge is unknown, expired or already used: ask for a new one.
problem-bad-signature =
    .title = Invalid signature
    .detail = The signature does not match the certificate's key.
problem-unauthenticated =
    .title = Sign-in required
    .detail = Sign in with your certificate.
problem-registration-pending =
    .title = Registration not finished
    .detail = Finish your registration first.
problem-matricule-mismatch =
    .title = Number does not match
    .detail = This identification number is not the certificate holder's.
problem-not-in-register =
    .title = Unknown person
    .detail = This identification number is not in the national register.
problem-already-registered =
    .title = Already registered
    .detail = A private space already exists for this person: sign in, or add this certificate to your space.
problem-certificate-already-registered =
    .title = Certificate already registered
    .detail = This certificate is already registered.
problem-link-unknown =
    .title = Unknown link
    .detail = This confirmation link does not exist: ask for a new one.
problem-link-expired =
    .title = Link expired
    .detail = This confirmation link was valid for 72 hours: ask for a new one.
problem-link-used =
    .title = Link already used
    .detail = This link was already used or replaced: sign in, or ask for a new one.
problem-not-found =
    .title = Not found
    .detail = This resource does not exist or is not available to you.
problem-precondition-failed =
    .title = Data changed meanwhile
    .detail = This data changed since you read it: reload it and try again.
problem-internal =
    .title = Internal error
    .detail = Something went wrong on our side. Give the request id to the helpdesk.
problem-method-not-allowed =
    .title = Method not allowed
    .detail = This address does not accept this HTTP method.
problem-body-too-large =
    .title = Request too large
    .detail = The request body exceeds the allowed size.
problem-unsupported-media-type =
    .title = Unsupported format
    .detail = Send the body as application/json.
problem-malformed-request =
    .title = Malformed request
    .detail = The request cannot be read: check the JSON and its fields.
problem-too-many-requests =
    .title = Too many attempts
    .detail = Too many requests in a short time: try again after the indicated delay.

## Problems with forms, files, signatures and dossier statuses.

problem-too-short =
    .title = Value too short
    .detail = This field needs more characters.
problem-date =
    .title = Invalid date
    .detail = Give a real date as YYYY-MM-DD.
problem-number =
    .title = Invalid number
    .detail = This field expects a number.
problem-out-of-range =
    .title = Value out of range
    .detail = The number is not within the allowed range.
problem-choice =
    .title = Invalid choice
    .detail = Pick one of the offered options.
problem-yes-no =
    .title = Invalid answer
    .detail = Answer yes or no.
problem-address =
    .title = Incomplete address
    .detail = Give the street, house number, postcode, locality and country.
problem-format =
    .title = Invalid value
    .detail = The value does not have the form this field expects.
problem-unknown-field =
    .title = Unknown field
    .detail = This form has no such field in this step.
problem-illegal-transition =
    .title = Action not possible
    .detail = The dossier does not allow this in its current status.
problem-file-too-large =
    .title = File too large
    .detail = The file exceeds the size allowed for this document.
problem-file-type =
    .title = File type refused
    .detail = This type of file is not accepted for this document.
problem-dossier-signature =
    .title = Invalid signature
    .detail = The signature does not match the dossier's content.
problem-signature-certificate-unknown =
    .title = Unknown signature certificate
    .detail = Register this signature certificate in your space first.
problem-upload-offset =
    .title = Resume the upload
    .detail = The file must continue from the bytes already received.
problem-upload-digest =
    .title = File altered
    .detail = The file received does not match its SHA-256 digest: send it again.

## Mails: a pointer only, never the content (mail is not a safe place for personal data).

mail-registration =
    .subject = guichet: confirm your registration
    .body =
        Hello,

        To complete your registration on guichet, open this link and accept the terms of use:

        { $link }

        This link is valid for { $hours } hours. If you did not ask for this, ignore this message.

        guichet
mail-invitation =
    .subject = guichet: invitation to a professional space
    .body =
        Hello,

        { $inviter } invites you to work in the professional space « { $space } » on guichet.

        To accept, sign in with your own certificate and open this link:

        { $link }

        This link is valid until { $expires } (UTC). If you do not expect this invitation, ignore this message.

        guichet
mail-communication =
    .subject = guichet: a new document is waiting for you
    .body =
        Hello,

        { $administration } delivered "{ $title }" to your communications on guichet.

        Sign in to guichet to read and download it.

        guichet
mail-export-ready =
    .subject = guichet: the copy of your data is ready
    .body =
        Hello,

        The copy of your data you asked for is ready. Sign in to guichet, then open this link to download it:

        { $link }

        This link is valid until { $until } (UTC). If you did not ask for it, ignore this message.

        guichet
mail-account-closed =
    .subject = guichet: your account is closed
    .body =
        Hello,

        Your guichet account is closed: nobody can sign in to it any more. This was deleted:

        { $deleted }

        The law keeps the following, each until the date shown (a dash: until its rule ends it), then the platform deletes it:

        { $kept }

        You may register again at any time with your certificate: that opens a new, empty account. If you did not close your account, contact the helpdesk.

        guichet
-dossier-sign-in = Sign in to guichet to read the message in your dashboard.
mail-dossier-information-requested =
    .subject = guichet: the administration has a question
    .body =
        The administration asks for information about your dossier « { $title } ».

        { -dossier-sign-in }

        guichet
mail-dossier-closed =
    .subject = guichet: your dossier has been processed
    .body =
        The administration has finished processing your dossier « { $title } ».

        { -dossier-sign-in }

        guichet

## Push notices: a short title and body the phone shows.

push-document-ready =
    .title = Document ready
    .body = A new document is waiting in your communications.
push-data-read =
    .title = Your data was consulted
    .body = An administration consulted your data. Your access record tells who, when and why.

push-export-ready =
    .title = Copy of your data ready
    .body = The copy of your data is ready to download.
push-message =
    .title = New message
    .body = The administration wrote to you about a dossier.
push-status-changed =
    .title = Dossier updated
    .body = The status of one of your dossiers has changed.

## The page the registration link opens.

confirm-page =
    .title = Confirm your registration
    .terms = The State processes your data for the procedures you carry out on guichet, under data protection law. Every access to your space is recorded.
    .accept = I accept the terms of use
    .done = Registration complete. Sign in with your certificate.

## The criminal record extract, as it appears in "my communications".

extract-communication =
    .title = Criminal record extract
    .file-prefix = criminal-record-extract

## Payments: the receipt in "my communications", the page after the provider's.

payment-receipt =
    .title = Payment receipt
    .file-prefix = payment-receipt
    .procedure = Procedure
    .dossier = Dossier
    .amount = Amount paid
    .paid-at = Paid on
    .reference = Payment reference
    .note = Paid online by card with the payment provider. This receipt is not an invoice.
payment-return =
    .title = Payment
    .paid = Thank you. Your payment is being confirmed; the dashboard will show it in a moment and the receipt will arrive in your communications.
    .cancelled = The payment was abandoned. You can start it again from your dossier.

problem-payment-required =
    .title = Payment required
    .detail = This procedure has a fee: pay it before transmitting the dossier.
problem-no-fee-due =
    .title = No fee due
    .detail = This dossier owes nothing, or its fee is already paid.
problem-payment-provider-unavailable =
    .title = Payment unavailable
    .detail = The payment provider does not answer; try again in a few minutes.
problem-webhook-refused =
    .title = Notification refused
    .detail = The notification is not signed by the payment provider, or it is too old.
residence-communication =
    .title = Certificate of residence
    .file-prefix = certificate-of-residence

## Certification of professional spaces and mandates (issue 13).

codes-communication =
    .title = Certification codes of your professional space
    .file-prefix = certification-codes
mail-mandate-revoked =
    .subject = guichet: a mandate was revoked
    .body =
        Hello,

        { $employer } revoked the mandate your space held for the domain « { $domain } ». You can no longer act for this employer in that domain.

        guichet
problem-code-rejected =
    .title = Code not accepted
    .detail = The access code or the security code is wrong, was already used or was withdrawn. Check both and try again; after several wrong codes, code entry is locked for a while.
problem-code-locked =
    .title = Code entry locked
    .detail = Too many wrong codes: code entry is locked. Try again after the indicated delay.
problem-check-character =
    .title = Typing error in the code
    .detail = The last character of the code does not match the others: a character was mistyped. Check the code on the letter.
problem-domain-not-certified =
    .title = Domain not certified
    .detail = This space is not certified for the domain of this procedure: add the certification with the holder access code first.
problem-offline-form-not-a-pdf =
    .title = Not a readable PDF
    .detail = The file is not a PDF that can be read (or it is encrypted). Upload the form as saved by your PDF reader.
problem-offline-form-no-fields =
    .title = No form fields
    .detail = The PDF has no form fields: it was flattened, printed to PDF or scanned. Download the form again and fill it in your PDF reader.
problem-offline-form-xfa =
    .title = XFA form refused
    .detail = The file is an XFA form, which only some readers understand. Download the form of this portal and fill it.
problem-offline-form-active-content =
    .title = Scripts or actions refused
    .detail = The PDF carries JavaScript or actions; they were not run and the form was not taken. Download the form again and fill it without adding scripts.
problem-offline-form-binding =
    .title = Not a form of this portal
    .detail = The form's hidden binding is missing or was altered. Download the form from your space and fill it.
problem-offline-form-other-procedure =
    .title = Form of another procedure
    .detail = This form belongs to another procedure. Upload it for the procedure it was downloaded for.
problem-offline-form-other-version =
    .title = Form out of date
    .detail = This form belongs to another version of the procedure. Download the current form and fill it again.
problem-offline-form-other-space =
    .title = Form of another space
    .detail = This form was downloaded from another space. Upload it in the space it belongs to.
problem-offline-form-other-dossier =
    .title = Form of another dossier
    .detail = This form belongs to another dossier (or starts a new one). Upload it where it was downloaded.
