//! Fuzz target: any bytes as a signed trust list.
#![no_main]

use ed25519_dalek::SigningKey;
use guichet_verifier::trust::{TrustAnchor, TrustList};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let anchor = TrustAnchor::new(SigningKey::from_bytes(&[9; 32]).verifying_key());
    let _ = TrustList::from_signed(data, &anchor);
});
