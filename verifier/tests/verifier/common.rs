//! Shared fixtures: keys, realistic claims, a trust list.

use ed25519_dalek::SigningKey;
use guichet_verifier::seal::{
    Address, Bulletin, Claims, ContentDigest, DocumentData, DocumentId, DocumentType, ExtractData,
    Issuer, Language, Outcome, ResidenceData, Subject,
};
use guichet_verifier::trust::{TrustAnchor, TrustList, TrustedKey};
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
        document: DocumentData::CriminalRecordExtract(ExtractData {
            bulletin: Bulletin::No3,
            outcome: Outcome::NoEntry,
        }),
        pages: 1,
        issued_at: ISSUED,
        expires_at: None,
        subject: Subject {
            family_name: "Schmit-Weber".into(),
            given_name: "Jean-Claude".into(),
            birth_date: date!(1985 - 03 - 12),
        },
        language: Language::Fr,
        content_digest: ContentDigest::truncated(&DIGEST, 8),
    }
}

/// A realistic certificate of residence (one page), with its address.
pub fn residence() -> Claims {
    Claims {
        document: DocumentData::ResidenceCertificate(ResidenceData {
            address: Address {
                line: "45A Avenue de la Liberté".into(),
                postcode: 4601,
                locality: "Differdange".into(),
            },
        }),
        ..extract()
    }
}

/// The trust anchor's signing key.
pub fn anchor_key() -> SigningKey {
    key(9)
}

/// The trust anchor verifiers are configured with.
pub fn anchor() -> TrustAnchor {
    TrustAnchor::new(anchor_key().verifying_key())
}

/// The trust list entry of `issuer`, allowed to sign extracts during 2026–2027.
pub fn trusted(issuer: &Issuer) -> TrustedKey {
    TrustedKey {
        key_id: issuer.key_id.clone(),
        issuer: "Ministère de la Justice".into(),
        public_key: issuer.signing_key.verifying_key(),
        document_types: vec![DocumentType::CriminalRecordExtract],
        valid_from: datetime!(2026-01-01 00:00 UTC),
        valid_until: datetime!(2027-12-31 23:59:59 UTC),
    }
}

/// A trust list with the tests' issuer.
pub fn trust_list(sequence: u64) -> TrustList {
    TrustList::new(sequence, datetime!(2026-11-01 00:00 UTC)).with_key(trusted(&issuer()))
}

/// The signed bytes of [`trust_list`].
pub fn signed_list(sequence: u64) -> Vec<u8> {
    trust_list(sequence).sign(&anchor_key()).unwrap()
}

/// The seal text of the realistic extract.
pub fn extract_seal() -> String {
    issuer().seal(&extract()).unwrap()
}

/// A moment when the extract is valid.
pub const NOW: OffsetDateTime = datetime!(2026-12-01 12:00 UTC);

/// A fresh empty temporary directory for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("guichet-verifier-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether tests that need an external tool must fail rather than skip when it is missing.
pub fn peers_required() -> bool {
    std::env::var("GUICHET_REQUIRE_PEERS").is_ok_and(|v| v == "1")
}
