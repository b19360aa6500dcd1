//! Verifying what a certified person signed, with both key algorithms and both P-256 encodings.

use super::*;

fn certified(algorithm: KeyAlgorithm) -> (PersonCredentials, CertifiedIdentity) {
    let ca = ca();
    let person = ca
        .mint_person(&spec(algorithm, CertificateKind::Private))
        .unwrap();
    let id = store(&ca)
        .verify(&chain(&person.authentication), Usage::Authentication, NOW)
        .unwrap();
    (person, id)
}

#[test]
fn ed25519_signature_over_a_challenge_verifies_and_a_tampered_message_does_not() {
    let (person, id) = certified(KeyAlgorithm::Ed25519);
    let challenge = b"guichet sign-in challenge 8f2c";

    let signature = sign(&person.authentication.key_pem, challenge).unwrap();

    assert_eq!(signature.len(), 64);
    assert_eq!(id.public_key.verify(challenge, &signature), Ok(()));
    assert_eq!(
        id.public_key
            .verify(b"guichet sign-in challenge 8f2d", &signature),
        Err(SignatureError::Invalid)
    );
}

#[test]
fn p256_pkcs8_key_signs_webcrypto_style_raw_signatures_that_verify() {
    let (person, id) = certified(KeyAlgorithm::P256);
    let challenge = b"guichet sign-in challenge 8f2c";
    assert!(
        person
            .authentication
            .key_pem
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );

    let raw = sign(&person.authentication.key_pem, challenge).unwrap();

    assert_eq!(raw.len(), 64);
    assert_eq!(id.public_key.verify(challenge, &raw), Ok(()));
    assert_eq!(
        id.public_key.verify(b"tampered", &raw),
        Err(SignatureError::Invalid)
    );
}

#[test]
fn p256_der_encoded_signature_verifies_and_a_tampered_message_does_not() {
    let (person, id) = certified(KeyAlgorithm::P256);
    let raw = sign(&person.authentication.key_pem, b"message").unwrap();
    let der = p256::ecdsa::Signature::from_slice(&raw)
        .unwrap()
        .to_der()
        .as_bytes()
        .to_vec();

    assert_eq!(id.public_key.verify(b"message", &der), Ok(()));
    assert_eq!(
        id.public_key.verify(b"messagE", &der),
        Err(SignatureError::Invalid)
    );
}

#[test]
fn signature_from_another_key_is_refused() {
    let (_, id) = certified(KeyAlgorithm::Ed25519);
    let (other, _) = certified(KeyAlgorithm::Ed25519);

    let signature = sign(&other.authentication.key_pem, b"message").unwrap();

    assert_eq!(
        id.public_key.verify(b"message", &signature),
        Err(SignatureError::Invalid)
    );
}

#[test]
fn public_key_round_trips_through_its_spki_der() {
    let (_, id) = certified(KeyAlgorithm::P256);

    let again = PublicKey::from_spki_der(id.public_key.spki_der()).unwrap();

    assert_eq!(again, id.public_key);
}

#[test]
fn signing_with_garbage_key_fails() {
    assert!(matches!(sign("not a key", b"m"), Err(MintError::BadKey)));
}

#[test]
fn p256_signature_with_high_s_as_webcrypto_may_produce_verifies() {
    let (person, id) = certified(KeyAlgorithm::P256);
    let raw = sign(&person.authentication.key_pem, b"challenge").unwrap();
    let signature = p256::ecdsa::Signature::from_slice(&raw).unwrap();
    let (r, s) = signature.split_scalars();
    let flipped = p256::ecdsa::Signature::from_scalars(r.to_bytes(), (-*s).to_bytes()).unwrap();

    // Exactly one of (r, s) and (r, n - s) is the low-S form; both are valid ECDSA.
    assert_eq!(id.public_key.verify(b"challenge", &raw), Ok(()));
    assert_eq!(
        id.public_key.verify(b"challenge", &flipped.to_bytes()),
        Ok(())
    );
}

#[test]
fn ed25519_private_key_is_written_as_portable_pkcs8_v1() {
    let (person, _) = certified(KeyAlgorithm::Ed25519);
    let pem = &person.authentication.key_pem;
    let block = x509_parser::pem::Pem::iter_from_buffer(pem.as_bytes())
        .next()
        .unwrap()
        .unwrap();

    assert_eq!(block.label, "PRIVATE KEY");
    // RFC 8410 v1: SEQUENCE { INTEGER 0, AlgorithmIdentifier { 1.3.101.112 }, OCTET STRING { seed } }.
    assert_eq!(block.contents.len(), 48);
    assert_eq!(
        hex::encode(&block.contents[..16]),
        "302e020100300506032b657004220420"
    );
}
