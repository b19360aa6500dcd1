//! The signed revocation list: document numbers the issuer revoked, with a reason code and
//! time, so that a verifier without network still reports "revoked (list of DATE)".
//!
//! # Wire format
//!
//! Served at [`WELL_KNOWN_PATH`] as [`crate::trust::MEDIA_TYPE`] (`application/cose`), signed by
//! the trust anchor exactly like the trust list ([`crate::trust`]): a tagged COSE_Sign1 (tag 18),
//! EdDSA (Ed25519, RFC 9053 §2.2) checked with `verify_strict`, the anchor's key id in the
//! protected header, the content type [`CONTENT_TYPE`] there too, no critical headers, an
//! attached payload. In CDDL (RFC 8610):
//!
//! ```cddl
//! signed-revocation-list = #6.18([
//!   protected: bstr .cbor {
//!     1 => -8,                                   ; alg: EdDSA
//!     3 => "application/guichet-revocations+cbor", ; content type: tells it from a trust list
//!     4 => bstr .size 4,                          ; kid: the trust anchor's key id
//!   },
//!   unprotected: {},
//!   payload: bstr .cbor revocation-list,
//!   signature: bstr .size 64,
//! ])
//!
//! revocation-list = {
//!   1 => uint,               ; sequence: never lower in a later list (the number of revocations)
//!   2 => numeric-date,       ; issued at: when the list was signed (its age counts from here)
//!   4 => [* revoked],        ; key 4, not 3: never readable as a trust list
//! }
//!
//! revoked = {
//!   1 => bstr .size (4..16), ; the document id (the seal's `cti`, printed in hex as its number)
//!   2 => reason-code,
//!   3 => numeric-date,       ; when it was revoked
//! }
//!
//! reason-code = &(unspecified: 0, issued-in-error: 1, obtained-by-fraud: 2, withdrawn: 3) / uint
//! numeric-date = int         ; seconds since 1970-01-01T00:00:00Z (RFC 8392 §2)
//! ```
//!
//! Unknown reason codes are kept as [`RevocationReason::Other`]: a newer issuer may add codes,
//! and a revoked document stays revoked whatever the reason. At most [`MAX_REVOCATION_LIST_BYTES`].
//!
//! A list older than the verifier's configured maximum age is [`Freshness::Stale`]: it is
//! still used (a document it lists is still revoked) and the report says so.
//! Everything here is pure Rust with no I/O but [`RevocationCache`], so it builds for
//! `wasm32-unknown-unknown`.

mod cache;
mod codec;
#[cfg(feature = "issue")]
mod issue;

use time::{Duration, OffsetDateTime};

use crate::seal::DocumentId;
use crate::trust::{TrustAnchor, TrustError};

pub use cache::{RevocationCache, RevocationLoaded};
pub use codec::{CONTENT_TYPE, MAX_REVOCATION_LIST_BYTES};

/// The well-known path under which the server publishes the signed revocation list.
pub const WELL_KNOWN_PATH: &str = "/.well-known/guichet/revocation-list";

/// The maximum age a verifier accepts by default before it calls a list stale: 7 days.
pub const DEFAULT_MAX_AGE: Duration = Duration::days(7);

/// Why a document was revoked, as a code (the list carries no free text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RevocationReason {
    /// 0: no reason given.
    Unspecified,
    /// 1: issued by mistake (wrong person, wrong data).
    IssuedInError,
    /// 2: obtained by fraud.
    ObtainedByFraud,
    /// 3: withdrawn (e.g. by a court decision) after it was issued.
    Withdrawn,
    /// A code this verifier does not know (a newer issuer's).
    Other(u64),
}

impl RevocationReason {
    /// The codes this verifier knows, in code order.
    pub const KNOWN: [Self; 4] = [
        Self::Unspecified,
        Self::IssuedInError,
        Self::ObtainedByFraud,
        Self::Withdrawn,
    ];

    /// The code on the wire.
    pub fn code(self) -> u64 {
        match self {
            Self::Unspecified => 0,
            Self::IssuedInError => 1,
            Self::ObtainedByFraud => 2,
            Self::Withdrawn => 3,
            Self::Other(code) => code,
        }
    }

    /// The reason of a wire code (unknown codes are [`RevocationReason::Other`]).
    pub fn from_code(code: u64) -> Self {
        Self::KNOWN
            .into_iter()
            .find(|r| r.code() == code)
            .unwrap_or(Self::Other(code))
    }

    /// A stable text name (`unspecified`, `issued-in-error`, `obtained-by-fraud`, `withdrawn`,
    /// `other`), as the server's API and the JSON report write it.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Unspecified => "unspecified",
            Self::IssuedInError => "issued-in-error",
            Self::ObtainedByFraud => "obtained-by-fraud",
            Self::Withdrawn => "withdrawn",
            Self::Other(_) => "other",
        }
    }

    /// The reason named by a slug (`other` is not accepted: it has no code).
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::KNOWN.into_iter().find(|r| r.slug() == slug)
    }
}

/// One revoked document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedDocument {
    /// The document id (its number).
    pub document_id: DocumentId,
    /// Why.
    pub reason: RevocationReason,
    /// When it was revoked (whole seconds).
    pub revoked_at: OffsetDateTime,
}

/// How old a list is against the verifier's maximum age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Younger than the maximum age.
    Fresh,
    /// Older than the maximum age: still used, reported as stale.
    Stale,
}

/// The verified content of a revocation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationList {
    /// Never lower in a later list; with `issued_at`, decides which of two lists is newer.
    pub sequence: u64,
    /// When the issuer signed the list.
    pub issued_at: OffsetDateTime,
    /// The revoked documents.
    pub revoked: Vec<RevokedDocument>,
}

impl RevocationList {
    /// An empty list (builder start): add entries with [`RevocationList::with`].
    pub fn new(sequence: u64, issued_at: OffsetDateTime) -> Self {
        Self {
            sequence,
            issued_at,
            revoked: Vec::new(),
        }
    }

    /// Adds a revoked document (builder).
    #[must_use]
    pub fn with(mut self, entry: RevokedDocument) -> Self {
        self.revoked.push(entry);
        self
    }

    /// Reads a signed list and checks the anchor's signature (strict Ed25519, the trust
    /// list's rules, plus the content type); only then returns its content.
    ///
    /// Errors: [`TrustError::TooLarge`], [`TrustError::Malformed`] (not this format, or a
    /// trust list), [`TrustError::WrongAnchor`], [`TrustError::BadSignature`].
    pub fn from_signed(bytes: &[u8], anchor: &TrustAnchor) -> Result<Self, TrustError> {
        codec::verify(bytes, anchor)
    }

    /// The entry for this document, if the list revokes it.
    pub fn find(&self, document_id: &DocumentId) -> Option<&RevokedDocument> {
        self.revoked.iter().find(|r| &r.document_id == document_id)
    }

    /// How old the list is at `now` (zero for a list dated in the future).
    pub fn age(&self, now: OffsetDateTime) -> Duration {
        (now - self.issued_at).max(Duration::ZERO)
    }

    /// Fresh or stale at `now` against `max_age`.
    pub fn freshness(&self, now: OffsetDateTime, max_age: Duration) -> Freshness {
        if self.age(now) > max_age {
            Freshness::Stale
        } else {
            Freshness::Fresh
        }
    }

    /// Whether this list should replace `other`: a higher sequence, or the same sequence
    /// signed later (or the same list).
    pub fn supersedes(&self, other: &RevocationList) -> bool {
        (self.sequence, self.issued_at) >= (other.sequence, other.issued_at)
    }
}

/// What a revocation list says about one document, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationCheck {
    /// The list's sequence number.
    pub list_sequence: u64,
    /// When the list was signed ("revoked (list of DATE)").
    pub list_issued_at: OffsetDateTime,
    /// The list's age at the verification time.
    pub age: Duration,
    /// Fresh or stale against the configured maximum age.
    pub freshness: Freshness,
    /// The entry, when the list revokes the document.
    pub revoked: Option<RevokedDocument>,
}

impl RevocationList {
    /// Checks `document_id` against the list at `now`, with `max_age` for staleness.
    pub fn check(
        &self,
        document_id: &DocumentId,
        now: OffsetDateTime,
        max_age: Duration,
    ) -> RevocationCheck {
        RevocationCheck {
            list_sequence: self.sequence,
            list_issued_at: self.issued_at,
            age: self.age(now),
            freshness: self.freshness(now, max_age),
            revoked: self.find(document_id).cloned(),
        }
    }
}
