//! Issuing seals (feature `issue`): signing claims with an issuer's Ed25519 key.

use coset::{CborSerializable, CoseSign1Builder, HeaderBuilder, iana};
use ed25519_dalek::{Signer, SigningKey};

use super::claims::{Claims, KeyId, whole_seconds};
use super::{SealError, codec, text};

/// An issuer's signing key and the key id the trust list publishes for it.
#[derive(Debug, Clone)]
pub struct Issuer {
    /// The key id written in every seal's protected header.
    pub key_id: KeyId,
    /// The Ed25519 signing key.
    pub signing_key: SigningKey,
}

impl Issuer {
    /// An issuer whose key id is the default for its public key ([`KeyId::for_public_key`]).
    pub fn new(signing_key: SigningKey) -> Self {
        Self {
            key_id: KeyId::for_public_key(&signing_key.verifying_key()),
            signing_key,
        }
    }

    /// Seals the claims: returns the full seal text (`GC1:` + base45), ready for a QR code
    /// in alphanumeric mode. Timestamps are truncated to whole seconds.
    pub fn seal(&self, claims: &Claims) -> Result<String, SealError> {
        Ok(text::encode_text(&self.seal_cose(claims)?))
    }

    /// Seals the claims and returns the raw COSE_Sign1 bytes (untagged), before base45.
    pub fn seal_cose(&self, claims: &Claims) -> Result<Vec<u8>, SealError> {
        let mut claims = claims.clone();
        claims.issued_at = whole_seconds(claims.issued_at);
        claims.expires_at = claims.expires_at.map(whole_seconds);
        let payload = codec::encode(&claims)?;
        let protected = HeaderBuilder::new()
            .algorithm(iana::Algorithm::EdDSA)
            .key_id(self.key_id.as_bytes().to_vec())
            .build();
        CoseSign1Builder::new()
            .protected(protected)
            .payload(payload)
            .create_signature(&[], |tbs| self.signing_key.sign(tbs).to_bytes().to_vec())
            .build()
            .to_vec()
            .map_err(|e| SealError::Encode(e.to_string()))
    }
}
