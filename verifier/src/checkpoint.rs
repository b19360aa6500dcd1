//! Access-log checkpoints: every space's access-log chain head at one instant, signed by a
//! checkpoint key of the platform (not the trust anchor), so that a chain rewritten afterwards
//! contradicts what was published.
//!
//! # Wire format
//!
//! Like the revocation list ([`crate::revocation`]): a tagged COSE_Sign1 (tag 18), EdDSA checked
//! with `verify_strict`, the checkpoint key's id and the content type [`CONTENT_TYPE`] in the
//! protected header, no critical headers, an attached payload:
//!
//! ```cddl
//! checkpoint = {
//!   1 => uint,            ; sequence: one more per checkpoint
//!   2 => numeric-date,    ; when it was signed
//!   5 => [* head],        ; key 5: never readable as a trust list (3) or revocation list (4)
//! }
//! head = {
//!   1 => tstr,            ; the space id
//!   2 => uint,            ; position of the space's last entry, from 1
//!   3 => bstr .size 32,   ; that entry's SHA-256 hash
//! }
//! ```

use ciborium::Value;
use coset::RegisteredLabel;
use time::OffsetDateTime;

use crate::seal::codec::{IntMap, bytes, read_value, text, timestamp, uint};
use crate::trust::{TrustAnchor, TrustError, codec::anchored_payload};

/// The content type in the protected header.
pub const CONTENT_TYPE: &str = "application/guichet-access-checkpoint+cbor";

/// The largest signed checkpoint accepted, in bytes (about 700,000 spaces).
pub const MAX_CHECKPOINT_BYTES: usize = 64 * 1024 * 1024;

/// The payload key of the heads.
const HEADS: i64 = 5;

/// One space's chain head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// The space id.
    pub space_id: String,
    /// Position of its last entry, from 1.
    pub seq: u64,
    /// That entry's hash.
    pub hash: [u8; 32],
}

/// Every space's chain head at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessCheckpoint {
    /// One more per checkpoint.
    pub sequence: u64,
    /// When it was signed.
    pub signed_at: OffsetDateTime,
    /// The heads, one per space.
    pub heads: Vec<ChainHead>,
}

impl AccessCheckpoint {
    /// Checks the signature of `signed` with the checkpoint key `key`, then decodes it.
    pub fn from_signed(signed: &[u8], key: &TrustAnchor) -> Result<Self, TrustError> {
        let payload = verified_payload(
            signed,
            MAX_CHECKPOINT_BYTES,
            key,
            CONTENT_TYPE,
            "a checkpoint",
        )?;
        decode(&payload).map_err(TrustError::Malformed)
    }

    /// The head of `space_id`, if the checkpoint holds one.
    pub fn head(&self, space_id: &str) -> Option<&ChainHead> {
        self.heads.iter().find(|h| h.space_id == space_id)
    }

    /// Signs the checkpoint with a checkpoint key (feature `issue`).
    #[cfg(feature = "issue")]
    pub fn sign(&self, key: &ed25519_dalek::SigningKey) -> Result<Vec<u8>, TrustError> {
        crate::trust::codec::sign_payload(key, CONTENT_TYPE, encode(self)?)
    }
}

/// The payload of `signed` once its signature verified with `key`, its content type is
/// `content_type` and its key id is `key`'s.
pub(crate) fn verified_payload(
    signed: &[u8],
    max_bytes: usize,
    key: &TrustAnchor,
    content_type: &str,
    what: &str,
) -> Result<Vec<u8>, TrustError> {
    anchored_payload(signed, max_bytes, key, |header| {
        if header.content_type != Some(RegisteredLabel::Text(content_type.into())) {
            return Err(TrustError::Malformed(format!("not {what} (content type)")));
        }
        if header.key_id != key.key_id().as_bytes() {
            return Err(TrustError::WrongAnchor);
        }
        Ok(())
    })
}

#[cfg(feature = "issue")]
fn encode(c: &AccessCheckpoint) -> Result<Vec<u8>, TrustError> {
    let heads = c
        .heads
        .iter()
        .map(|h| {
            Value::Map(vec![
                (1.into(), Value::Text(h.space_id.clone())),
                (2.into(), h.seq.into()),
                (3.into(), Value::Bytes(h.hash.to_vec())),
            ])
        })
        .collect();
    let content = Value::Map(vec![
        (1.into(), c.sequence.into()),
        (2.into(), c.signed_at.unix_timestamp().into()),
        (HEADS.into(), Value::Array(heads)),
    ]);
    let mut out = Vec::new();
    ciborium::ser::into_writer(&content, &mut out)
        .map_err(|e| TrustError::Encode(e.to_string()))?;
    Ok(out)
}

fn decode(payload: &[u8]) -> Result<AccessCheckpoint, String> {
    let mut map = IntMap::from_value(read_value(payload)?, "the checkpoint")?;
    let sequence = uint(map.require(1, "the sequence")?, "the sequence")?;
    let signed_at = timestamp(map.require(2, "the signing time")?, "the signing time")?;
    let Value::Array(entries) = map.require(HEADS, "the heads")? else {
        return Err("the heads are not an array".into());
    };
    map.finish("the checkpoint")?;
    let heads = entries
        .into_iter()
        .map(|v| {
            let mut m = IntMap::from_value(v, "a head")?;
            let space_id = text(m.require(1, "a space id")?, "a space id")?;
            let seq = uint(m.require(2, "a position")?, "a position")?;
            let hash: [u8; 32] = bytes(m.require(3, "a hash")?, "a hash")?
                .try_into()
                .map_err(|_| "a hash is not 32 bytes".to_string())?;
            m.finish("a head")?;
            Ok(ChainHead {
                space_id,
                seq,
                hash,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(AccessCheckpoint {
        sequence,
        signed_at,
        heads,
    })
}

#[cfg(all(test, feature = "issue"))]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    #[test]
    fn a_signed_checkpoint_reads_back_only_with_its_key() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let other = SigningKey::from_bytes(&[8; 32]);
        let c = AccessCheckpoint {
            sequence: 3,
            signed_at: OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
            heads: vec![ChainHead {
                space_id: "s1".into(),
                seq: 12,
                hash: [1; 32],
            }],
        };
        let signed = c.sign(&key).unwrap();
        let anchor = TrustAnchor::new(key.verifying_key());
        assert_eq!(AccessCheckpoint::from_signed(&signed, &anchor).unwrap(), c);
        let wrong = TrustAnchor::new(other.verifying_key());
        assert!(AccessCheckpoint::from_signed(&signed, &wrong).is_err());
        let mut tampered = signed.clone();
        let n = tampered.len();
        tampered[n - 70] ^= 1;
        assert!(AccessCheckpoint::from_signed(&tampered, &anchor).is_err());
    }
}
