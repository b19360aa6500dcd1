//! Signing revocation lists (feature `issue`), for the server to publish at the well-known path.

use coset::{CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana};
use ed25519_dalek::{Signer, SigningKey};

use super::{CONTENT_TYPE, RevocationList, codec};
use crate::seal::KeyId;
use crate::trust::TrustError;

impl RevocationList {
    /// Signs the list with the trust anchor's key: returns the bytes to publish at
    /// [`super::WELL_KNOWN_PATH`] (`application/cose`) and for verifiers to cache.
    /// Ed25519 is deterministic: the same list and key give the same bytes (and ETag).
    pub fn sign(&self, anchor_key: &SigningKey) -> Result<Vec<u8>, TrustError> {
        let payload = codec::encode(self)?;
        let protected = HeaderBuilder::new()
            .algorithm(iana::Algorithm::EdDSA)
            .content_type(CONTENT_TYPE.to_string())
            .key_id(
                KeyId::for_public_key(&anchor_key.verifying_key())
                    .as_bytes()
                    .to_vec(),
            )
            .build();
        CoseSign1Builder::new()
            .protected(protected)
            .payload(payload)
            .create_signature(&[], |tbs| anchor_key.sign(tbs).to_bytes().to_vec())
            .build()
            .to_tagged_vec()
            .map_err(|e| TrustError::Encode(e.to_string()))
    }
}
