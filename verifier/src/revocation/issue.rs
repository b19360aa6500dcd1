//! Signing revocation lists (feature `issue`), for the server to publish at the well-known path.

use ed25519_dalek::SigningKey;

use super::{CONTENT_TYPE, RevocationList, codec};
use crate::trust::TrustError;

impl RevocationList {
    /// Signs the list with the trust anchor's key: returns the bytes to publish at
    /// [`super::WELL_KNOWN_PATH`] (`application/cose`) and for verifiers to cache.
    /// Ed25519 is deterministic: the same list and key give the same bytes (and ETag).
    pub fn sign(&self, anchor_key: &SigningKey) -> Result<Vec<u8>, TrustError> {
        crate::trust::codec::sign_payload(anchor_key, CONTENT_TYPE, codec::encode(self)?)
    }
}
