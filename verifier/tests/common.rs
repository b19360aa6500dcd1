//! Shared fixtures: keys, realistic claims, a trust list.

use ed25519_dalek::SigningKey;
use guichet_verifier::seal::{
    Claims, ContentDigest, DocumentId, DocumentType, Issuer, Language, Outcome, Subject,
};
use time::OffsetDateTime;
use time::macros::{date, datetime};

/// A deterministic signing key from a one-byte seed.
pub fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

/// The issuer of the tests' seals.
pub fn issuer() -> Issuer {
    Issuer::new(key(1))
}

/// When the tests' documents are issued.
pub const ISSUED: OffsetDateTime = datetime!(2026-11-25 10:30:00 UTC);

/// The full content digest the tests' PDF would have.
pub const DIGEST: [u8; 32] = [0xA5; 32];

/// A realistic criminal record extract.
pub fn extract() -> Claims {
    Claims {
        issuer: None,
        document_id: DocumentId::from_bytes(&[0x3F, 0x91, 0x0C, 0x7A]).unwrap(),
        document_type: DocumentType::CriminalRecordExtract,
        issued_at: ISSUED,
        expires_at: None,
        subject: Subject {
            family_name: "Schmit-Weber".into(),
            given_name: "Jean-Claude".into(),
            birth_date: date!(1985 - 03 - 12),
        },
        outcome: Outcome::NoEntry,
        language: Language::Fr,
        content_digest: ContentDigest::truncated(&DIGEST, 8),
    }
}
