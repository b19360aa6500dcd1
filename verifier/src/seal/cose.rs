//! Reading a seal's COSE_Sign1 and checking its Ed25519 signature.

use coset::{AsCborValue, CborSerializable, CoseSign1, iana};
use ed25519_dalek::{Signature, VerifyingKey};

use super::claims::{Claims, KeyId};
use super::{SealError, cbor, codec, text};

/// A seal whose structure has been read but whose signature is not yet checked.
///
/// Its claims are **not trustworthy** until [`SignedSeal::verify`] succeeds with a trusted key.
#[derive(Debug, Clone)]
pub struct SignedSeal {
    key_id: KeyId,
    to_be_signed: Vec<u8>,
    signature: Signature,
    claims: Claims,
}

/// Parses the text of a seal (`GC1:…`) into its key id, signed bytes and claims.
///
/// Refuses anything but exactly this format's COSE_Sign1: EdDSA in the protected header,
/// a key id there, no critical headers, an empty unprotected header, an attached payload,
/// a 64-byte signature, and well-formed claims.
pub fn parse(seal_text: &str) -> Result<SignedSeal, SealError> {
    let cose_bytes = text::decode_text(seal_text)?;
    parse_cose(&cose_bytes)
}

/// Parses the COSE bytes of a seal (the base45-decoded text).
pub(crate) fn parse_cose(cose_bytes: &[u8]) -> Result<SignedSeal, SealError> {
    let bad = |msg: &str| SealError::BadCose(msg.to_owned());
    // coset's from_slice is ciborium's value, then from_cbor_value: the same on the same value.
    let sign1 = match cbor::read_definite(cose_bytes) {
        Some(value) => CoseSign1::from_cbor_value(value),
        None => CoseSign1::from_slice(cose_bytes),
    }
    .map_err(|e| SealError::BadCose(e.to_string()))?;
    let header = &sign1.protected.header;
    if header.alg != Some(coset::Algorithm::Assigned(iana::Algorithm::EdDSA)) {
        return Err(bad("the algorithm is not EdDSA"));
    }
    if !header.crit.is_empty()
        || header.content_type.is_some()
        || !header.iv.is_empty()
        || !header.partial_iv.is_empty()
        || !header.counter_signatures.is_empty()
        || !header.rest.is_empty()
    {
        return Err(bad("unexpected protected header parameters"));
    }
    let key_id = KeyId::from_bytes(&header.key_id).ok_or_else(|| bad("missing or bad key id"))?;
    if !sign1.unprotected.is_empty() {
        return Err(bad("the unprotected header must be empty"));
    }
    let payload = sign1
        .payload
        .as_deref()
        .ok_or_else(|| bad("detached payload"))?;
    let signature: [u8; 64] = sign1
        .signature
        .as_slice()
        .try_into()
        .map_err(|_| bad("the signature is not 64 bytes"))?;
    let claims = codec::decode(payload)?;
    let to_be_signed = match &sign1.protected.original_data {
        Some(protected) => sig_structure(protected, payload),
        None => sign1.tbs_data(&[]),
    };
    Ok(SignedSeal {
        key_id,
        to_be_signed,
        signature: Signature::from_bytes(&signature),
        claims,
    })
}

/// The bytes a COSE_Sign1 signature covers (RFC 9052 §4.4): the CBOR array
/// `["Signature1", protected, h'', payload]`, written as coset writes it (definite lengths,
/// shortest heads) without building it as values first.
fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    const HEAD: &[u8] = b"\x84\x6aSignature1";
    let mut out = Vec::with_capacity(HEAD.len() + protected.len() + payload.len() + 11);
    out.extend_from_slice(HEAD);
    for bytes in [protected, &[], payload] {
        byte_string_head(&mut out, bytes.len());
        out.extend_from_slice(bytes);
    }
    out
}

/// The head of a CBOR byte string of `len` bytes (RFC 8949 §3.1, major type 2, shortest form).
fn byte_string_head(out: &mut Vec<u8>, len: usize) {
    match (u8::try_from(len), u16::try_from(len), u32::try_from(len)) {
        (Ok(n), _, _) if n < 24 => out.push(0x40 | n),
        (Ok(n), _, _) => out.extend([0x58, n]),
        (_, Ok(n), _) => {
            out.push(0x59);
            out.extend(n.to_be_bytes());
        }
        (_, _, Ok(n)) => {
            out.push(0x5A);
            out.extend(n.to_be_bytes());
        }
        _ => {
            out.push(0x5B);
            out.extend((len as u64).to_be_bytes());
        }
    }
}

impl SignedSeal {
    /// The key id from the protected header: which trust list key to check with.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The claims, **unverified**: for diagnostics only, never to show as the document's data.
    pub fn unverified_claims(&self) -> &Claims {
        &self.claims
    }

    /// The bytes the signature covers (the COSE `Signature1` structure): what a bare Ed25519
    /// verification of this seal checks, e.g. to measure the seal's overhead over its signature.
    pub fn signed_bytes(&self) -> &[u8] {
        &self.to_be_signed
    }

    /// The Ed25519 signature.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// Checks the signature with `key` (strict Ed25519: no malleable or small-order forms);
    /// on success returns the claims, now authentic.
    pub fn verify(&self, key: &VerifyingKey) -> Option<&Claims> {
        key.verify_strict(&self.to_be_signed, &self.signature)
            .ok()
            .map(|()| &self.claims)
    }
}

#[cfg(test)]
mod tests {
    use coset::{CborSerializable, CoseSign1Builder, HeaderBuilder};

    use super::*;

    #[test]
    fn the_signed_bytes_are_cosets_sig_structure_for_every_length_head() {
        let protected = HeaderBuilder::new()
            .algorithm(iana::Algorithm::EdDSA)
            .key_id(vec![1, 2, 3, 4])
            .build();
        for len in [0, 1, 23, 24, 255, 256, 65_535, 65_536] {
            let sign1 = CoseSign1Builder::new()
                .protected(protected.clone())
                .payload(vec![0xA5; len])
                .build();
            let parsed = CoseSign1::from_slice(&sign1.to_vec().unwrap()).unwrap();
            let original = parsed.protected.original_data.as_deref().unwrap();
            let payload = parsed.payload.as_deref().unwrap();
            assert_eq!(
                sig_structure(original, payload),
                parsed.tbs_data(&[]),
                "{len}"
            );
        }
    }
}
