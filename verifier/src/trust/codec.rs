//! CBOR and COSE encoding of the trust list.

use ciborium::Value;
use coset::{CoseSign1, TaggedCborSerializable, iana};
use ed25519_dalek::{Signature, VerifyingKey};

use super::{TrustAnchor, TrustError, TrustList, TrustedKey};
use crate::seal::codec::{IntMap, bytes, read_value, text, timestamp, uint};
use crate::seal::{DocumentType, KeyId};

/// The largest signed trust list accepted, in bytes.
pub const MAX_TRUST_LIST_BYTES: usize = 1024 * 1024;

/// Checks the anchor's signature over a signed trust list, then decodes its content.
pub(super) fn verify(signed: &[u8], anchor: &TrustAnchor) -> Result<TrustList, TrustError> {
    let payload = anchored_payload(signed, MAX_TRUST_LIST_BYTES, anchor, |header| {
        // The trust list may leave the key id out; when given, it must be the anchor's.
        if !header.key_id.is_empty() && header.key_id != anchor.key_id().as_bytes() {
            return Err(TrustError::WrongAnchor);
        }
        Ok(())
    })?;
    decode(&payload).map_err(TrustError::Malformed)
}

/// A tagged COSE_Sign1 over `payload`: EdDSA, `content_type` and the key's id in the protected
/// header, the payload attached.
#[cfg(feature = "issue")]
pub(crate) fn sign_payload(
    key: &ed25519_dalek::SigningKey,
    content_type: &str,
    payload: Vec<u8>,
) -> Result<Vec<u8>, TrustError> {
    use coset::{CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana};
    use ed25519_dalek::Signer;
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .content_type(content_type.to_string())
        .key_id(
            crate::seal::KeyId::for_public_key(&key.verifying_key())
                .as_bytes()
                .to_vec(),
        )
        .build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(payload)
        .create_signature(&[], |tbs| key.sign(tbs).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .map_err(|e| TrustError::Encode(e.to_string()))
}

/// The payload of a tagged COSE_Sign1 (RFC 9052 §4.2) that the trust anchor signed: at most
/// `max_bytes`, EdDSA with no critical header, the list's own header rule (`header_rule`: key
/// id, content type), then a strict Ed25519 signature over the `Signature1` structure. Shared by
/// the trust list and the revocation list, which only differ in their header rules.
pub(crate) fn anchored_payload(
    signed: &[u8],
    max_bytes: usize,
    anchor: &TrustAnchor,
    header_rule: impl FnOnce(&coset::Header) -> Result<(), TrustError>,
) -> Result<Vec<u8>, TrustError> {
    if signed.len() > max_bytes {
        return Err(TrustError::TooLarge);
    }
    let malformed = |e: &dyn std::fmt::Display| TrustError::Malformed(e.to_string());
    let sign1 = CoseSign1::from_tagged_slice(signed).map_err(|e| malformed(&e))?;
    let header = &sign1.protected.header;
    if header.alg != Some(coset::Algorithm::Assigned(iana::Algorithm::EdDSA))
        || !header.crit.is_empty()
    {
        return Err(malformed(&"the algorithm is not EdDSA"));
    }
    header_rule(header)?;
    let signature: [u8; 64] = sign1
        .signature
        .as_slice()
        .try_into()
        .map_err(|_| malformed(&"the signature is not 64 bytes"))?;
    anchor
        .public_key
        .verify_strict(&sign1.tbs_data(&[]), &Signature::from_bytes(&signature))
        .map_err(|_| TrustError::BadSignature)?;
    sign1.payload.ok_or_else(|| malformed(&"no payload"))
}

/// Encodes the list's content (the payload the anchor signs).
#[cfg(feature = "issue")]
pub(super) fn encode(list: &TrustList) -> Result<Vec<u8>, TrustError> {
    let keys = list
        .keys
        .iter()
        .map(|k| {
            Value::Map(vec![
                (1.into(), Value::Bytes(k.key_id.as_bytes().to_vec())),
                (2.into(), Value::Text(k.issuer.clone())),
                (3.into(), Value::Bytes(k.public_key.as_bytes().to_vec())),
                (
                    4.into(),
                    Value::Array(k.document_types.iter().map(|t| t.code().into()).collect()),
                ),
                (5.into(), k.valid_from.unix_timestamp().into()),
                (6.into(), k.valid_until.unix_timestamp().into()),
            ])
        })
        .collect();
    let content = Value::Map(vec![
        (1.into(), list.sequence.into()),
        (2.into(), list.issued_at.unix_timestamp().into()),
        (3.into(), Value::Array(keys)),
    ]);
    let mut out = Vec::new();
    ciborium::ser::into_writer(&content, &mut out)
        .map_err(|e| TrustError::Encode(e.to_string()))?;
    Ok(out)
}

fn decode(payload: &[u8]) -> Result<TrustList, String> {
    let mut map = IntMap::from_value(read_value(payload)?, "the trust list")?;
    let sequence = uint(
        map.require(1, "the sequence number")?,
        "the sequence number",
    )?;
    let issued_at = timestamp(map.require(2, "the issue time")?, "the issue time")?;
    let Value::Array(entries) = map.require(3, "the keys")? else {
        return Err("the keys are not an array".into());
    };
    map.finish("the trust list")?;
    let keys = entries
        .into_iter()
        .map(decode_key)
        .collect::<Result<_, _>>()?;
    Ok(TrustList {
        sequence,
        issued_at,
        keys,
    })
}

fn decode_key(value: Value) -> Result<TrustedKey, String> {
    let mut map = IntMap::from_value(value, "a key entry")?;
    let key_id = KeyId::from_bytes(&bytes(map.require(1, "a key id")?, "a key id")?)
        .ok_or("a key id has a bad length")?;
    let issuer = text(map.require(2, "an issuer name")?, "an issuer name")?;
    let public_key = bytes(map.require(3, "a public key")?, "a public key")?;
    let public_key: [u8; 32] = public_key
        .as_slice()
        .try_into()
        .map_err(|_| "a public key is not 32 bytes")?;
    let public_key =
        VerifyingKey::from_bytes(&public_key).map_err(|_| "a public key is invalid")?;
    let Value::Array(codes) = map.require(4, "the document types")? else {
        return Err("the document types are not an array".into());
    };
    let mut document_types = Vec::new();
    for code in codes {
        // Types this verifier does not know are ignored: a newer list may add them.
        if let Some(t) = DocumentType::from_code(uint(code, "a document type")?) {
            document_types.push(t);
        }
    }
    let valid_from = timestamp(map.require(5, "valid from")?, "valid from")?;
    let valid_until = timestamp(map.require(6, "valid until")?, "valid until")?;
    map.finish("a key entry")?;
    Ok(TrustedKey {
        key_id,
        issuer,
        public_key,
        document_types,
        valid_from,
        valid_until,
    })
}
