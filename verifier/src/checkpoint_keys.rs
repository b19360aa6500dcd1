//! The list of access-log checkpoint keys, signed by the trust anchor: how an auditor who pins
//! only the anchor (`/.well-known/guichet/trust-anchor`) learns which keys sign checkpoints
//! ([`crate::checkpoint`]), in the trust list's way.
//!
//! # Wire format
//!
//! A tagged COSE_Sign1 (tag 18), EdDSA checked with `verify_strict` against the trust anchor,
//! the anchor's key id and the content type [`CONTENT_TYPE`] in the protected header, no
//! critical headers, an attached payload:
//!
//! ```cddl
//! checkpoint-keys = {
//!   2 => numeric-date,    ; when the list last changed (the newest key's creation)
//!   6 => [* key],         ; key 6: never readable as a trust list (3), a revocation list (4)
//!                         ; or a checkpoint (5)
//! }
//! key = {
//!   1 => bstr,            ; key id (as in a checkpoint's protected header)
//!   2 => bstr .size 32,   ; Ed25519 public key
//!   3 => numeric-date,    ; signs checkpoints from
//!   ? 4 => numeric-date,  ; signs no more after (absent while it signs)
//! }
//! ```

use ciborium::Value;
use time::OffsetDateTime;

use crate::checkpoint::verified_payload;
use crate::seal::codec::{IntMap, bytes, read_value, timestamp};
use crate::trust::{TrustAnchor, TrustError};

/// The content type in the protected header.
pub const CONTENT_TYPE: &str = "application/guichet-access-checkpoint-keys+cbor";

/// The largest signed list accepted, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;

/// The payload key of the keys.
const KEYS: i64 = 6;

/// One checkpoint key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointKey {
    /// Its id, as in the protected header of the checkpoints it signs.
    pub key_id: Vec<u8>,
    /// Its Ed25519 public key.
    pub public_key: [u8; 32],
    /// It signs checkpoints from this instant.
    pub valid_from: OffsetDateTime,
    /// It signs no more after this instant (none while it signs).
    pub signing_until: Option<OffsetDateTime>,
}

impl CheckpointKey {
    /// The key to check checkpoints with.
    pub fn anchor(&self) -> Option<TrustAnchor> {
        TrustAnchor::from_bytes(&self.public_key)
    }
}

/// The checkpoint keys, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointKeys {
    /// When the list last changed.
    pub updated_at: OffsetDateTime,
    /// The keys.
    pub keys: Vec<CheckpointKey>,
}

impl CheckpointKeys {
    /// Checks the trust anchor's signature on `signed`, then decodes it.
    ///
    /// Errors: [`TrustError::TooLarge`] past [`MAX_BYTES`], [`TrustError::WrongAnchor`] for
    /// another key id, [`TrustError::Malformed`] for another content type or a bad payload, and
    /// the signature's error.
    pub fn from_signed(signed: &[u8], anchor: &TrustAnchor) -> Result<Self, TrustError> {
        let payload = verified_payload(
            signed,
            MAX_BYTES,
            anchor,
            CONTENT_TYPE,
            "a checkpoint key list",
        )?;
        decode(&payload).map_err(TrustError::Malformed)
    }

    /// The key whose id is `key_id`.
    pub fn key(&self, key_id: &[u8]) -> Option<&CheckpointKey> {
        self.keys.iter().find(|k| k.key_id == key_id)
    }

    /// Signs the list with the trust anchor's key (feature `issue`).
    #[cfg(feature = "issue")]
    pub fn sign(&self, anchor: &ed25519_dalek::SigningKey) -> Result<Vec<u8>, TrustError> {
        crate::trust::codec::sign_payload(anchor, CONTENT_TYPE, encode(self)?)
    }
}

#[cfg(feature = "issue")]
fn encode(list: &CheckpointKeys) -> Result<Vec<u8>, TrustError> {
    let keys = list
        .keys
        .iter()
        .map(|k| {
            let mut m = vec![
                (1.into(), Value::Bytes(k.key_id.clone())),
                (2.into(), Value::Bytes(k.public_key.to_vec())),
                (3.into(), k.valid_from.unix_timestamp().into()),
            ];
            if let Some(until) = k.signing_until {
                m.push((4.into(), until.unix_timestamp().into()));
            }
            Value::Map(m)
        })
        .collect();
    let content = Value::Map(vec![
        (2.into(), list.updated_at.unix_timestamp().into()),
        (KEYS.into(), Value::Array(keys)),
    ]);
    let mut out = Vec::new();
    ciborium::ser::into_writer(&content, &mut out)
        .map_err(|e| TrustError::Encode(e.to_string()))?;
    Ok(out)
}

fn decode(payload: &[u8]) -> Result<CheckpointKeys, String> {
    let mut map = IntMap::from_value(read_value(payload)?, "the key list")?;
    let updated_at = timestamp(map.require(2, "the update time")?, "the update time")?;
    let Value::Array(entries) = map.require(KEYS, "the keys")? else {
        return Err("the keys are not an array".into());
    };
    map.finish("the key list")?;
    let keys = entries
        .into_iter()
        .map(|v| {
            let mut m = IntMap::from_value(v, "a key")?;
            let key_id = bytes(m.require(1, "a key id")?, "a key id")?;
            let public_key: [u8; 32] = bytes(m.require(2, "a public key")?, "a public key")?
                .try_into()
                .map_err(|_| "a public key is not 32 bytes".to_string())?;
            let valid_from = timestamp(m.require(3, "a start")?, "a start")?;
            let signing_until = m.take(4).map(|v| timestamp(v, "an end")).transpose()?;
            m.finish("a key")?;
            Ok(CheckpointKey {
                key_id,
                public_key,
                valid_from,
                signing_until,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(CheckpointKeys { updated_at, keys })
}

#[cfg(all(test, feature = "issue"))]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    fn at(s: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + time::Duration::seconds(s)
    }

    #[test]
    fn the_list_reads_back_only_with_the_anchor_and_is_no_checkpoint() {
        let anchor = SigningKey::from_bytes(&[3; 32]);
        let old = SigningKey::from_bytes(&[4; 32]);
        let new = SigningKey::from_bytes(&[5; 32]);
        let key = |k: &SigningKey, from: i64, until: Option<i64>| CheckpointKey {
            key_id: crate::seal::KeyId::for_public_key(&k.verifying_key())
                .as_bytes()
                .to_vec(),
            public_key: k.verifying_key().to_bytes(),
            valid_from: at(from),
            signing_until: until.map(at),
        };
        let list = CheckpointKeys {
            updated_at: at(1_800_000_100),
            keys: vec![
                key(&old, 1_800_000_000, Some(1_800_000_100)),
                key(&new, 1_800_000_100, None),
            ],
        };
        let signed = list.sign(&anchor).unwrap();
        let pinned = TrustAnchor::new(anchor.verifying_key());
        let read = CheckpointKeys::from_signed(&signed, &pinned).unwrap();
        assert_eq!(read, list);
        assert!(read.key(&list.keys[1].key_id).unwrap().anchor().is_some());
        // Signed by a checkpoint key instead of the anchor: refused.
        let by_old = list.sign(&old).unwrap();
        assert!(CheckpointKeys::from_signed(&by_old, &pinned).is_err());
        // A checkpoint signed by the anchor is not a key list, and the list is no checkpoint.
        let checkpoint = crate::checkpoint::AccessCheckpoint {
            sequence: 1,
            signed_at: at(1_800_000_000),
            heads: vec![],
        }
        .sign(&anchor)
        .unwrap();
        assert!(CheckpointKeys::from_signed(&checkpoint, &pinned).is_err());
        assert!(crate::checkpoint::AccessCheckpoint::from_signed(&signed, &pinned).is_err());
    }
}
