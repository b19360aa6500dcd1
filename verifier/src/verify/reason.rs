//! The verdict and the precise reason a document is not valid.

use time::OffsetDateTime;

use crate::revocation::RevocationReason;

/// Valid, or invalid with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passed.
    Valid,
    /// A check failed.
    Invalid(Reason),
}

impl Verdict {
    /// Whether the verdict is [`Verdict::Valid`].
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Valid)
    }

    /// The reason, when invalid.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Verdict::Valid => None,
            Verdict::Invalid(reason) => Some(reason),
        }
    }
}

/// Why a document is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// The seal (or the file carrying it) cannot be read as this format.
    #[error("malformed: {0}")]
    Malformed(String),
    /// No seal was found in the file.
    #[error("no seal found")]
    NoSeal,
    /// The seal names a key the trust list does not publish.
    #[error("unknown signing key")]
    UnknownKey,
    /// The signature does not verify: the seal was altered or forged.
    #[error("bad signature")]
    BadSignature,
    /// The key was not valid for signing when the document says it was issued.
    #[error("the signing key was not valid when the document was issued")]
    KeyNotValidAtIssue,
    /// The key may not sign this type of document.
    #[error("the signing key may not sign this type of document")]
    KeyNotAllowedForType,
    /// The document is past its end of validity.
    #[error("expired at {valid_until}")]
    Expired {
        /// When it stopped being valid.
        valid_until: OffsetDateTime,
    },
    /// The PDF's content is not what was sealed.
    #[error("the content does not match the seal: {0}")]
    ContentMismatch(String),
    /// The PDF can be read in more than one way, so viewers may show content other than what
    /// the seal binds (a repeated dictionary key, an object defined twice, …); the text says where.
    #[error("the PDF can be read in more than one way: {0}")]
    AmbiguousPdf(String),
    /// Online: the issuer revoked the document.
    #[error("revoked by the issuer")]
    Revoked {
        /// The issuer's stated reason, if any.
        reason: Option<String>,
    },
    /// Offline: the issuer's signed revocation list (of `list_issued_at`) revokes the document.
    #[error("revoked by the issuer (revocation list of {list_issued_at})")]
    RevokedInList {
        /// The reason code.
        reason: RevocationReason,
        /// When it was revoked.
        revoked_at: OffsetDateTime,
        /// When the list saying so was signed.
        list_issued_at: OffsetDateTime,
    },
    /// Online: the issuer replaced the document with another.
    #[error("superseded by another document")]
    Superseded {
        /// The replacing document's id, if given.
        by: Option<String>,
    },
    /// The seal says it was issued after the verification time, beyond the clock-skew
    /// allowance ([`crate::verify::Policy::clock_skew`]): a post-dated or mis-dated seal.
    #[error("issued in the future ({issued_at})")]
    IssuedInFuture {
        /// The issue time the seal claims (`iat`).
        issued_at: OffsetDateTime,
    },
    /// The input could not be read as an image or is too large to decode: says nothing about
    /// the document (the command line exits with 66, not "invalid").
    #[error("the input cannot be read: {0}")]
    Unreadable(String),
}

impl Reason {
    /// A stable machine-readable code (`malformed`, `no-seal`, `unknown-key`, `bad-signature`,
    /// `key-not-valid-at-issue`, `key-not-allowed-for-type`, `expired`, `content-mismatch`,
    /// `revoked`, `revoked-in-list`, `superseded`, `issued-in-future`, `unreadable-input`).
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Malformed(_) => "malformed",
            Reason::NoSeal => "no-seal",
            Reason::UnknownKey => "unknown-key",
            Reason::BadSignature => "bad-signature",
            Reason::KeyNotValidAtIssue => "key-not-valid-at-issue",
            Reason::KeyNotAllowedForType => "key-not-allowed-for-type",
            Reason::Expired { .. } => "expired",
            Reason::ContentMismatch(_) => "content-mismatch",
            Reason::AmbiguousPdf(_) => "ambiguous-pdf",
            Reason::Revoked { .. } => "revoked",
            Reason::RevokedInList { .. } => "revoked-in-list",
            Reason::Superseded { .. } => "superseded",
            Reason::IssuedInFuture { .. } => "issued-in-future",
            Reason::Unreadable(_) => "unreadable-input",
        }
    }
}
