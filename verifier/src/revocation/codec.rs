//! CBOR and COSE encoding of the revocation list (format in [`super`]).

use ciborium::Value;
use coset::RegisteredLabel;

use super::{RevocationList, RevocationReason, RevokedDocument};
use crate::seal::DocumentId;
use crate::seal::codec::{IntMap, bytes, read_value, timestamp, uint};
use crate::trust::{TrustAnchor, TrustError, codec::anchored_payload};

/// The largest signed revocation list accepted, in bytes (about 40,000 entries).
pub const MAX_REVOCATION_LIST_BYTES: usize = 1024 * 1024;

/// The content type in the protected header: what tells a revocation list from a trust list
/// signed by the same anchor.
pub const CONTENT_TYPE: &str = "application/guichet-revocations+cbor";

/// The payload key of the entries (3 is the trust list's keys).
const ENTRIES: i64 = 4;

/// Checks the anchor's signature over a signed list, then decodes its content.
pub(super) fn verify(signed: &[u8], anchor: &TrustAnchor) -> Result<RevocationList, TrustError> {
    let payload = anchored_payload(signed, MAX_REVOCATION_LIST_BYTES, anchor, |header| {
        if header.content_type != Some(RegisteredLabel::Text(CONTENT_TYPE.into())) {
            return Err(TrustError::Malformed(
                "not a revocation list (content type)".into(),
            ));
        }
        // Stricter than the trust list: the anchor's key id is required.
        if header.key_id != anchor.key_id().as_bytes() {
            return Err(TrustError::WrongAnchor);
        }
        Ok(())
    })?;
    decode(&payload).map_err(TrustError::Malformed)
}

/// Encodes the list's content (the payload the anchor signs).
#[cfg(feature = "issue")]
pub(super) fn encode(list: &RevocationList) -> Result<Vec<u8>, TrustError> {
    let entries = list
        .revoked
        .iter()
        .map(|r| {
            Value::Map(vec![
                (1.into(), Value::Bytes(r.document_id.as_bytes().to_vec())),
                (2.into(), r.reason.code().into()),
                (3.into(), r.revoked_at.unix_timestamp().into()),
            ])
        })
        .collect();
    let content = Value::Map(vec![
        (1.into(), list.sequence.into()),
        (2.into(), list.issued_at.unix_timestamp().into()),
        (ENTRIES.into(), Value::Array(entries)),
    ]);
    let mut out = Vec::new();
    ciborium::ser::into_writer(&content, &mut out)
        .map_err(|e| TrustError::Encode(e.to_string()))?;
    Ok(out)
}

fn decode(payload: &[u8]) -> Result<RevocationList, String> {
    let mut map = IntMap::from_value(read_value(payload)?, "the revocation list")?;
    let sequence = uint(
        map.require(1, "the sequence number")?,
        "the sequence number",
    )?;
    let issued_at = timestamp(map.require(2, "the issue time")?, "the issue time")?;
    let Value::Array(entries) = map.require(ENTRIES, "the revoked documents")? else {
        return Err("the revoked documents are not an array".into());
    };
    map.finish("the revocation list")?;
    let revoked = entries
        .into_iter()
        .map(decode_entry)
        .collect::<Result<_, _>>()?;
    Ok(RevocationList {
        sequence,
        issued_at,
        revoked,
    })
}

fn decode_entry(value: Value) -> Result<RevokedDocument, String> {
    let mut map = IntMap::from_value(value, "a revoked document")?;
    let document_id =
        DocumentId::from_bytes(&bytes(map.require(1, "a document id")?, "a document id")?)
            .ok_or("a document id has a bad length")?;
    let reason =
        RevocationReason::from_code(uint(map.require(2, "a reason code")?, "a reason code")?);
    let revoked_at = timestamp(map.require(3, "a revocation time")?, "a revocation time")?;
    map.finish("a revoked document")?;
    Ok(RevokedDocument {
        document_id,
        reason,
        revoked_at,
    })
}
