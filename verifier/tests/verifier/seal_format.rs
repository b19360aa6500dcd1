//! The seal format: round trip, tamper detection, strict parsing.

use coset::{CborSerializable, CoseSign1Builder, HeaderBuilder, iana};
use ed25519_dalek::Signer;
use guichet_verifier::seal::{self, SealError, decode_text, encode_text};
use guichet_verifier::verify::{Reason, Verdict, verify_text};

use crate::common::*;

#[test]
fn issued_seal_verifies_and_returns_the_claims() {
    let text = extract_seal();
    assert!(text.starts_with("GC1:"));
    let result = verify_text(&text, &trust_list(1), NOW);
    assert_eq!(result.verdict, Verdict::Valid);
    let claims = result.claims.unwrap();
    assert_eq!(claims.subject, extract().subject);
    assert_eq!(claims.document_id, extract().document_id);
    assert_eq!(claims.issued_at, ISSUED);
    assert_eq!(
        claims.valid_until(),
        Some(time::macros::datetime!(2027-02-25 10:30:00 UTC))
    );
    assert_eq!(result.issuer.as_deref(), Some("Ministère de la Justice"));
}

#[test]
fn seal_text_uses_only_the_qr_alphanumeric_charset() {
    let text = extract_seal();
    let allowed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    assert!(text.chars().all(|c| allowed.contains(c)), "{text}");
}

#[test]
fn every_single_bit_flip_of_the_cose_bytes_is_rejected() {
    let cose = decode_text(&extract_seal()).unwrap();
    let list = trust_list(1);
    for bit in 0..cose.len() * 8 {
        let mut flipped = cose.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let result = verify_text(&encode_text(&flipped), &list, NOW);
        let reason = result
            .verdict
            .reason()
            .unwrap_or_else(|| panic!("bit {bit} accepted"));
        assert!(
            matches!(
                reason,
                Reason::Malformed(_) | Reason::BadSignature | Reason::UnknownKey
            ),
            "bit {bit}: {reason:?}"
        );
        assert!(result.claims.is_none(), "bit {bit}: claims shown");
    }
}

#[test]
fn every_single_bit_flip_of_the_text_is_rejected() {
    let text = extract_seal();
    let list = trust_list(1);
    let mut parseable = 0;
    for bit in 0..text.len() * 8 {
        let mut bytes = text.clone().into_bytes();
        bytes[bit / 8] ^= 1 << (bit % 8);
        let Ok(flipped) = String::from_utf8(bytes) else {
            continue;
        };
        if decode_text(&flipped).is_ok() {
            parseable += 1;
        }
        let result = verify_text(&flipped, &list, NOW);
        if bit < 3 * 8 && flipped.eq_ignore_ascii_case(&text) {
            // The prefix's case is scanner noise (the QR alphanumeric mode is upper case
            // only); the signed bytes are unchanged, so it is the same seal.
            assert!(result.verdict.is_valid(), "bit {bit}: prefix case refused");
            continue;
        }
        assert!(!result.verdict.is_valid(), "bit {bit} accepted: {flipped}");
        assert!(result.claims.is_none(), "bit {bit}: claims shown");
    }
    assert!(parseable > 100, "only {parseable} flips stayed parseable");
}

/// Signs arbitrary claim bytes as a seal, to test what the parser refuses.
fn seal_with_payload(payload: Vec<u8>) -> String {
    let issuer = issuer();
    let cose = CoseSign1Builder::new()
        .protected(
            HeaderBuilder::new()
                .algorithm(iana::Algorithm::EdDSA)
                .key_id(issuer.key_id.as_bytes().to_vec())
                .build(),
        )
        .payload(payload)
        .create_signature(&[], |tbs| issuer.signing_key.sign(tbs).to_bytes().to_vec())
        .build()
        .to_vec()
        .unwrap();
    encode_text(&cose)
}

/// The realistic extract's claim bytes with the content digest replaced.
fn payload_with_digest(digest: &[u8]) -> Vec<u8> {
    use ciborium::Value;
    let cose = decode_text(&extract_seal()).unwrap();
    let sign1 = coset::CoseSign1::from_slice(&cose).unwrap();
    let mut claims: Value = ciborium::de::from_reader(sign1.payload.unwrap().as_slice()).unwrap();
    let Value::Map(outer) = &mut claims else {
        panic!()
    };
    let (_, Value::Map(inner)) = outer
        .iter_mut()
        .find(|(k, _)| *k == Value::from(-260))
        .unwrap()
    else {
        panic!()
    };
    inner
        .iter_mut()
        .find(|(k, _)| *k == Value::from(7))
        .unwrap()
        .1 = Value::Bytes(digest.to_vec());
    let mut out = Vec::new();
    ciborium::ser::into_writer(&claims, &mut out).unwrap();
    out
}

#[test]
fn a_digest_shorter_than_8_bytes_is_refused_even_when_signed() {
    let short = seal_with_payload(payload_with_digest(&DIGEST[..7]));
    let result = verify_text(&short, &trust_list(1), NOW);
    assert!(
        matches!(result.verdict, Verdict::Invalid(Reason::Malformed(ref m)) if m.contains("digest"))
    );
    let eight = seal_with_payload(payload_with_digest(&DIGEST[..8]));
    assert_eq!(
        verify_text(&eight, &trust_list(1), NOW).verdict,
        Verdict::Valid
    );
}

#[test]
fn unknown_claim_keys_and_trailing_bytes_are_refused() {
    let mut payload = payload_with_digest(&DIGEST[..8]);
    payload.push(0x00);
    assert!(matches!(
        seal::parse(&seal_with_payload(payload)),
        Err(SealError::BadClaims(_))
    ));
    let mut cose = decode_text(&extract_seal()).unwrap();
    cose.push(0xA0);
    assert!(matches!(
        seal::parse(&encode_text(&cose)),
        Err(SealError::BadCose(_))
    ));
}

#[test]
fn text_without_the_prefix_is_refused() {
    let text = extract_seal();
    assert_eq!(seal::parse(&text[4..]).unwrap_err(), SealError::BadPrefix);
    assert_eq!(
        seal::parse("HC1:6BFOXN%TS3DH").unwrap_err(),
        SealError::BadPrefix
    );
    assert_eq!(seal::parse("GC1:a").unwrap_err(), SealError::BadBase45);
}

#[test]
fn a_trailing_newline_from_a_scanner_is_ignored() {
    let text = format!("{}\r\n", extract_seal());
    assert_eq!(
        verify_text(&text, &trust_list(1), NOW).verdict,
        Verdict::Valid
    );
}

#[test]
fn an_explicit_expiry_different_from_the_standard_is_signed_and_honoured() {
    let mut claims = extract();
    claims.expires_at = Some(time::macros::datetime!(2026-12-24 00:00 UTC));
    let text = issuer().seal(&claims).unwrap();
    let early = verify_text(&text, &trust_list(1), NOW);
    assert_eq!(early.verdict, Verdict::Valid);
    let late = verify_text(
        &text,
        &trust_list(1),
        time::macros::datetime!(2027-01-02 00:00 UTC),
    );
    assert!(matches!(
        late.verdict,
        Verdict::Invalid(Reason::Expired { .. })
    ));
}
