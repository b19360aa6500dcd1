//! What can go wrong in a use case, as the user should understand it.

/// Why a certificate was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateRejection {
    /// Not a certificate that can be read.
    Malformed,
    /// Not issued by an authority the portal trusts.
    UntrustedIssuer,
    /// Not valid yet.
    NotYetValid,
    /// No longer valid.
    Expired,
    /// Revoked by its authority.
    Revoked,
    /// Not meant for this use (authentication versus signature).
    WrongUsage,
    /// Carries no usable identity (names, national identification number).
    MissingIdentity,
}

/// Why a field of a request is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// The field is mandatory.
    Required,
    /// Not 13 digits.
    MatriculeFormat,
    /// The first 8 digits are not a calendar date.
    MatriculeDate,
    /// The Luhn check digit (12th) is wrong.
    MatriculeLuhn,
    /// The Verhoeff check digit (13th) is wrong.
    MatriculeVerhoeff,
    /// Not an e-mail address.
    Email,
    /// Not a telephone number in international form.
    Phone,
    /// Not a valid IBAN (format or check digits).
    Iban,
    /// Not a language of the portal (fr, de, en).
    Language,
    /// Too long.
    TooLong,
    /// Not valid base64 or PEM.
    Encoding,
    /// The terms must be accepted.
    TermsNotAccepted,
    /// An irreversible step was not confirmed (`true` expected).
    NotConfirmed,
    /// The field comes from an authentic source and cannot be changed here.
    ReadOnly,
    /// Too short.
    TooShort,
    /// Not a calendar date (YYYY-MM-DD).
    Date,
    /// Not a number.
    Number,
    /// A number outside the allowed range.
    OutOfRange,
    /// Not one of the offered options.
    Choice,
    /// Not yes or no.
    YesNo,
    /// An address lacks a part (street, house number, postcode, locality, country).
    Address,
    /// Not a value of the expected kind.
    Format,
    /// The form has no such field.
    UnknownField,
    /// Not a push service URL (https, or loopback http where allowed).
    PushEndpoint,
    /// A key of the wrong length or form.
    KeyLength,
    /// A push endpoint on an address of a non-public network (loopback, private, link-local…).
    PushEndpointAddress,
    /// A push endpoint outside the push services the operator allows.
    PushEndpointHost,
    /// A public key that is not a point of its curve (P-256 for `p256dh`).
    CurvePoint,
    /// A character that has no place in the field: a control character (line breaks and tabs
    /// outside multi-line fields), a noncharacter, or a bidirectional override (see
    /// [`crate::domain::text`]).
    Characters,
    /// Not an RCS number (a section letter and up to six digits, e.g. `B123456`).
    Rcs,
    /// Not a Luxembourg VAT number (`LU` and 8 digits with their check).
    Vat,
    /// The value comes from the Pro certificate that made the space and cannot differ from it.
    FromCertificate,
    /// A typed code whose check character does not match: a typo.
    CheckCharacter,
    /// A procedure of a social security domain the space is not certified for.
    NotCertified,
}

/// A use case's failure. The API turns each into one problem type, in one table.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field of the request is not acceptable.
    #[error("invalid field {field}: {reason:?}")]
    Invalid {
        /// The field, as named in the request (JSON pointer without the leading slash).
        field: String,
        /// Why.
        reason: Invalid,
    },
    /// The certificate was refused.
    #[error("certificate refused: {0:?}")]
    Certificate(CertificateRejection),
    /// The sign-in challenge is unknown, expired or already used.
    #[error("challenge not valid")]
    Challenge,
    /// A signature does not verify with the certificate's key.
    #[error("signature does not verify")]
    BadSignature,
    /// No valid credentials.
    #[error("not authenticated")]
    Unauthenticated,
    /// The credentials only allow finishing a registration.
    #[error("registration not finished")]
    RegistrationPending,
    /// The national identification number is not the certificate holder's.
    #[error("matricule does not match the certificate")]
    MatriculeMismatch,
    /// The person is not in the national register.
    #[error("not in the national register")]
    NotInRegister,
    /// The person already has an account.
    #[error("already registered")]
    AlreadyRegistered,
    /// The certificate is already registered.
    #[error("certificate already registered")]
    CertificateAlreadyRegistered,
    /// The confirmation link is unknown.
    #[error("confirmation link unknown")]
    LinkUnknown,
    /// The confirmation link has expired.
    #[error("confirmation link expired")]
    LinkExpired,
    /// The confirmation link was already used or replaced by a newer one.
    #[error("confirmation link already used")]
    LinkUsed,
    /// Nothing there for this caller (also what a foreign object looks like).
    #[error("not found")]
    NotFound,
    /// The object's state does not allow this (the state is told to the user).
    #[error("not possible in status {0}")]
    IllegalTransition(CurrentState),
    /// A file is larger than the procedure allows.
    #[error("file too large for {field}")]
    FileTooLarge {
        /// The file field.
        field: String,
        /// The limit, bytes.
        max_bytes: u64,
    },
    /// A file's type is not one the procedure accepts (or not what it claims).
    #[error("file type not accepted for {0}")]
    FileType(String),
    /// The dossier signature does not verify over the dossier's digest.
    #[error("dossier signature does not verify")]
    DossierSignature,
    /// The signing certificate is not a signature certificate registered to the signer.
    #[error("signature certificate not registered")]
    SignatureCertificateUnknown,
    /// A chunk was sent at another offset than the bytes received (the value), or too early.
    #[error("upload continues at offset {0}")]
    UploadOffset(i64),
    /// The uploaded bytes do not match the announced SHA-256.
    #[error("uploaded bytes do not match their digest")]
    UploadDigest,
    /// The object changed since the caller read it.
    #[error("version mismatch")]
    PreconditionFailed,
    /// Too many attempts from this client or about this subject; try again after the delay.
    #[error("too many requests; retry after {retry_after_secs} s")]
    TooManyRequests {
        /// Seconds until the next attempt can succeed (the `Retry-After` header, RFC 9110 §10.2.3).
        retry_after_secs: u64,
    },
    /// A certification or mandate code, or the security code with it, is wrong, used or
    /// withdrawn (which of them is not told).
    #[error("code rejected")]
    CodeRejected,
    /// Too many wrong codes: code entry is locked for this space or this code for a while.
    #[error("code entry locked; retry after {retry_after_secs} s")]
    CodeLocked {
        /// Seconds until a code may be entered again.
        retry_after_secs: u64,
    },
    /// The person already has as many professional spaces as they may (the helpdesk raises it).
    #[error("professional space limit reached ({max})")]
    SpaceLimit {
        /// The person's limit.
        max: u32,
    },
    /// Only a space created with a Pro certificate is shared with co-workers.
    #[error("space not collaborative")]
    NotCollaborative,
    /// The invitation link is unknown.
    #[error("invitation unknown")]
    InvitationUnknown,
    /// The invitation has expired or was withdrawn.
    #[error("invitation expired")]
    InvitationExpired,
    /// The invitation was already accepted.
    #[error("invitation already used")]
    InvitationUsed,
    /// The invitation names another person.
    #[error("invitation for another person")]
    InvitationNotForYou,
    /// The person is already a member of the space.
    #[error("already a member")]
    AlreadyMember,
    /// The last administrator of a space cannot leave or lose the role.
    #[error("last administrator")]
    LastAdministrator,
    /// The account cannot be closed: the person is the only administrator of these professional
    /// spaces (ids), which others depend on (co-workers, mandates) or which keep the
    /// organisation's records; they hand the role over first.
    #[error("sole administrator of {spaces:?}")]
    SoleAdministrator {
        /// The spaces to hand over.
        spaces: Vec<String>,
    },
    /// A fee is due: the dossier cannot be transmitted before it is paid.
    #[error("payment required")]
    PaymentRequired,
    /// The dossier owes nothing (free, or already paid): nothing to pay or to refund.
    #[error("no fee due")]
    NoFeeDue,
    /// No payment provider is configured, or it cannot be reached now.
    #[error("payment provider unavailable")]
    PaymentProviderUnavailable,
    /// A webhook that does not verify (the reason: `signature`, `stale`, `account`,
    /// `malformed`, `no-provider`).
    #[error("webhook refused: {0}")]
    WebhookRefused(&'static str),
    /// An uploaded offline form cannot be taken (see [`super::offline_forms::FormRejection`]).
    #[error("offline form refused: {0:?}")]
    OfflineForm(super::offline_forms::FormRejection),
    /// An internal failure; the cause is logged, never shown.
    #[error("internal error: {0}")]
    Internal(#[from] Internal),
}

/// The state an object was in when a move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrentState {
    /// A dossier's status.
    Dossier(super::dossiers::Status),
    /// An issued document's state.
    Document(super::communications::State),
}

impl std::fmt::Display for CurrentState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Dossier(s) => s.as_str(),
            Self::Document(s) => s.as_str(),
        })
    }
}

impl From<super::dossiers::Status> for CurrentState {
    fn from(s: super::dossiers::Status) -> Self {
        Self::Dossier(s)
    }
}

impl From<super::communications::State> for CurrentState {
    fn from(s: super::communications::State) -> Self {
        Self::Document(s)
    }
}

/// Any error, boxed: the cause of an internal failure.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An internal failure: which part failed, and why (logged with its chain, never shown).
#[derive(Debug, thiserror::Error)]
pub enum Internal {
    /// The database failed (connection, query, constraint).
    #[error("database: {0}")]
    Database(#[source] Cause),
    /// A stored value cannot be read back (a state or a document the code does not know).
    #[error("stored data: {0}")]
    StoredData(String),
    /// Anything else: a signing key, a document that does not render, a lost invariant.
    #[error("{0}")]
    Other(#[source] Cause),
}

impl Error {
    /// A validation error on `field`.
    pub fn invalid(field: impl Into<String>, reason: Invalid) -> Self {
        Self::Invalid {
            field: field.into(),
            reason,
        }
    }

    /// An internal error from any cause.
    pub fn internal(cause: impl Into<Cause>) -> Self {
        Self::Internal(Internal::Other(cause.into()))
    }

    /// A state the code cannot move from (refused whatever is tried).
    pub fn illegal(state: impl Into<CurrentState>) -> Self {
        Self::IllegalTransition(state.into())
    }

    /// A stored value that cannot be read back.
    pub fn stored_data(what: impl Into<String>) -> Self {
        Self::Internal(Internal::StoredData(what.into()))
    }
}
