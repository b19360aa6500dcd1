//! The seal: a COSE_Sign1 over CWT claims, signed with Ed25519, carried as base45 text.
//!
//! # Wire format (`GC1:`)
//!
//! `GC1:` + base45(COSE_Sign1), the COSE_Sign1 untagged (the prefix says what follows):
//!
//! ```text
//! [ bstr{ 1: -8 (EdDSA), 4: kid (4 bytes) },   protected header
//!   {},                                         unprotected header: must be empty
//!   bstr(claims), bstr(64-byte Ed25519 signature) ]
//! claims = { 6: iat, 4: exp (optional), 7: cti (document id, 4..=16 bytes),
//!            1: iss (optional), -260: { 1: document type code, 2: family name,
//!            3: given name, 4: birth date (days since 1970-01-01),
//!            6: language code, 7: content digest (first 8..=32 bytes of SHA-256),
//!            8: page count (absent when 1), and the type's own keys (see [`document`]) } }
//! ```
//!
//! The payload is never compressed: an Ed25519 signature and a digest are incompressible and
//! zlib's framing costs more than it saves on ~60 bytes of claims, so there is no flag for it.
//! See [`claims`] for what each claim means and the size budget.
//!
//! The private claim key -260 is the one the EU DCC registered (as `hcert`) with IANA; it is
//! reused here, as the brief suggested, because any key from -257 down costs the same 3 bytes
//! while a private-use key (below -65536) would cost 2 more and break the version-10 budget.
//! The `GC1:` prefix keeps the two apart; registering our own key would be cleaner.

mod cbor;
pub mod claims;
pub(crate) mod codec;
mod cose;
pub mod document;
#[cfg(feature = "issue")]
mod issue;
mod text;

pub use claims::{
    Claims, ContentDigest, DocumentId, DocumentType, KeyId, Language, MAX_PAGES, Outcome, Subject,
    language_code, language_from_code,
};
pub use cose::{SignedSeal, parse};
pub use document::{
    Address, Bulletin, CodesData, DocumentData, Domain, ExtractData, ResidenceData,
};
#[cfg(feature = "issue")]
pub use issue::Issuer;
pub use text::{PREFIX, decode_text, encode_text};

/// Why a seal could not be read or built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The text does not start with the `GC1:` prefix.
    #[error("not a guichet seal (expected the prefix {PREFIX})")]
    BadPrefix,
    /// The text after the prefix is not valid base45.
    #[error("the seal text is not valid base45")]
    BadBase45,
    /// The bytes are not a well-formed COSE_Sign1 as this format defines it.
    #[error("malformed COSE_Sign1: {0}")]
    BadCose(String),
    /// The signed claims are not well-formed.
    #[error("malformed claims: {0}")]
    BadClaims(String),
    /// The claims cannot be encoded (issuer side): a value is out of range.
    #[error("cannot encode the claims: {0}")]
    Encode(String),
    /// The text is longer than any seal (over 4096 bytes): it is not read.
    #[error("the seal text is too long")]
    TooLong,
}
