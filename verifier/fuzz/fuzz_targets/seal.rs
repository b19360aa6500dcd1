//! Fuzz target: any text through the seal parser and the full offline verification.
#![no_main]

use ed25519_dalek::SigningKey;
use guichet_verifier::seal::{DocumentType, KeyId};
use guichet_verifier::trust::{TrustList, TrustedKey};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = guichet_verifier::seal::parse(&text);
    let public_key = SigningKey::from_bytes(&[1; 32]).verifying_key();
    let list = TrustList::new(1, OffsetDateTime::UNIX_EPOCH).with_key(TrustedKey {
        key_id: KeyId::for_public_key(&public_key),
        issuer: "fuzz".into(),
        public_key,
        document_types: DocumentType::ALL.to_vec(),
        valid_from: OffsetDateTime::UNIX_EPOCH,
        valid_until: OffsetDateTime::UNIX_EPOCH + time::Duration::days(40_000),
    });
    let _ = guichet_verifier::verify::verify_text(&text, &list, OffsetDateTime::UNIX_EPOCH);
});
