//! The trust list: issuer keys, the document types each may sign, and when, signed by a trust anchor.
//!
//! # Wire format
//!
//! A tagged COSE_Sign1 (tag 18), EdDSA, the anchor's key id in the protected header, over:
//!
//! ```text
//! { 1: sequence (uint), 2: issued at (NumericDate),
//!   3: [ { 1: kid (bstr), 2: issuer name (tstr), 3: Ed25519 public key (32-byte bstr),
//!          4: [document type codes], 5: valid from, 6: valid until (NumericDates) }, … ] }
//! ```
//!
//! A key may sign a document only if the document's `iat` lies within `[valid from, valid
//! until]` and its type is listed. Type codes this verifier does not know are ignored. A list
//! with a lower sequence number never replaces a cached one with a higher number
//! ([`TrustCache`]).

mod cache;
pub(crate) mod codec;
#[cfg(feature = "issue")]
mod issue;

use ed25519_dalek::VerifyingKey;
use time::OffsetDateTime;

use crate::seal::{Claims, DocumentType, KeyId};

pub(crate) use cache::replace_file;
pub use cache::{Loaded, Origin, TrustCache};
pub use codec::MAX_TRUST_LIST_BYTES;

/// The well-known path under which the server publishes the signed trust list.
pub const WELL_KNOWN_PATH: &str = "/.well-known/guichet/trust-list";

/// The media type to serve the signed trust list with (RFC 9052).
pub const MEDIA_TYPE: &str = "application/cose; cose-type=\"cose-sign1\"";

/// Why a trust list was refused or is unavailable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// The bytes are not a well-formed signed trust list.
    #[error("malformed trust list: {0}")]
    Malformed(String),
    /// The list names a different trust anchor than the one configured.
    #[error("the trust list is signed by another trust anchor")]
    WrongAnchor,
    /// The anchor's signature over the list does not verify.
    #[error("the trust list's signature does not verify with the trust anchor")]
    BadSignature,
    /// The list is larger than the verifier accepts.
    #[error("the trust list is larger than {MAX_TRUST_LIST_BYTES} bytes")]
    TooLarge,
    /// The list cannot be encoded (issuer side).
    #[error("cannot encode the trust list: {0}")]
    Encode(String),
    /// No valid list: none could be fetched and none is cached.
    #[error("no trust list available: {0}")]
    Unavailable(String),
}

/// The trust anchor: the public key the verifier is configured with, which signs trust lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    /// The anchor's Ed25519 public key.
    pub public_key: VerifyingKey,
}

impl TrustAnchor {
    /// An anchor from its public key.
    pub fn new(public_key: VerifyingKey) -> Self {
        Self { public_key }
    }

    /// An anchor from the 32 bytes of its Ed25519 public key; `None` if they are not a valid key.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let bytes: [u8; 32] = bytes.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok().map(Self::new)
    }

    /// The anchor's key id (the first 4 bytes of SHA-256 over its public key).
    pub fn key_id(&self) -> KeyId {
        KeyId::for_public_key(&self.public_key)
    }
}

/// One issuer key published in the trust list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// The key id seals carry in their protected header.
    pub key_id: KeyId,
    /// Who holds the key (e.g. "Ministère de la Justice"), shown to the person checking.
    pub issuer: String,
    /// The Ed25519 public key.
    pub public_key: VerifyingKey,
    /// The document types the key may sign.
    pub document_types: Vec<DocumentType>,
    /// The first instant a document signed with it may be issued.
    pub valid_from: OffsetDateTime,
    /// The last instant a document signed with it may be issued.
    pub valid_until: OffsetDateTime,
}

impl TrustedKey {
    /// Whether a document issued at `issued_at` falls within the key's signing period.
    pub fn valid_at(&self, issued_at: OffsetDateTime) -> bool {
        self.valid_from <= issued_at && issued_at <= self.valid_until
    }

    /// Whether the key may sign documents of this type.
    pub fn allows(&self, document_type: DocumentType) -> bool {
        self.document_types.contains(&document_type)
    }

    /// Whether the key may have signed these claims (issue time and document type).
    pub fn permits(&self, claims: &Claims) -> bool {
        self.valid_at(claims.issued_at) && self.allows(claims.document_type())
    }
}

/// The verified content of a trust list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustList {
    /// Increases with every list the anchor signs; an older list never replaces a newer one.
    pub sequence: u64,
    /// When the anchor signed the list.
    pub issued_at: OffsetDateTime,
    /// The issuer keys.
    pub keys: Vec<TrustedKey>,
}

impl TrustList {
    /// An empty list (builder start): add keys with [`TrustList::with_key`].
    pub fn new(sequence: u64, issued_at: OffsetDateTime) -> Self {
        Self {
            sequence,
            issued_at,
            keys: Vec::new(),
        }
    }

    /// Adds an issuer key (builder).
    #[must_use]
    pub fn with_key(mut self, key: TrustedKey) -> Self {
        self.keys.push(key);
        self
    }

    /// Reads a signed trust list and checks the anchor's signature; only then returns its content.
    pub fn from_signed(bytes: &[u8], anchor: &TrustAnchor) -> Result<Self, TrustError> {
        codec::verify(bytes, anchor)
    }

    /// The keys published under this key id (normally one).
    pub fn keys_with_id<'a>(&'a self, key_id: &'a KeyId) -> impl Iterator<Item = &'a TrustedKey> {
        self.keys.iter().filter(move |k| &k.key_id == key_id)
    }

    /// Whether this list should replace `other`: a higher sequence, or the same sequence
    /// signed later.
    pub fn supersedes(&self, other: &TrustList) -> bool {
        (self.sequence, self.issued_at) >= (other.sequence, other.issued_at)
    }
}
