//! Chain verification: trust, validity, usage, identity, tampering.

use time::Duration;
use time::macros::datetime;

use super::*;

#[test]
fn valid_ed25519_authentication_certificate_is_accepted_with_its_identity() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();

    let id = store(&ca)
        .verify(&chain(&person.authentication), Usage::Authentication, NOW)
        .unwrap();

    assert_eq!(id.matricule, marie());
    assert_eq!(id.given_names, "Marie");
    assert_eq!(id.family_name, "Schmit");
    assert_eq!(id.kind, CertificateKind::Private);
    assert_eq!(id.usage, Usage::Authentication);
    assert_eq!(id.serial_hex, person.authentication.serial_hex);
    assert_eq!(id.public_key.algorithm(), KeyAlgorithm::Ed25519);
    assert_eq!(id.not_after, datetime!(2028-01-01 0:00 UTC));
    assert!(id.issuer_dn.contains("guichet test CA"), "{}", id.issuer_dn);
    assert_eq!(id.fingerprint_sha256.len(), 64);
}

#[test]
fn valid_p256_pro_signature_certificate_is_accepted_with_its_organisation() {
    let ca = ca();
    let kind = CertificateKind::Pro {
        organisation: "Boulangerie Müller Sàrl".into(),
        organisation_identifier: Some("LU-B123456".into()),
    };
    let person = ca
        .mint_person(&spec(KeyAlgorithm::P256, kind.clone()))
        .unwrap();

    let id = store(&ca)
        .verify(&chain(&person.signature), Usage::Signature, NOW)
        .unwrap();

    assert_eq!(id.kind, kind);
    assert_eq!(id.usage, Usage::Signature);
    assert_eq!(id.public_key.algorithm(), KeyAlgorithm::P256);
}

#[test]
fn names_with_accents_survive_the_round_trip() {
    let ca = ca();
    let mut spec = spec(KeyAlgorithm::Ed25519, CertificateKind::Private);
    spec.given_names = "Léa Françoise".into();
    spec.family_name = "Gonçalves Thüringer".into();
    let person = ca.mint_person(&spec).unwrap();

    let id = store(&ca)
        .verify(&chain(&person.authentication), Usage::Authentication, NOW)
        .unwrap();

    assert_eq!(id.given_names, "Léa Françoise");
    assert_eq!(id.family_name, "Gonçalves Thüringer");
}

#[test]
fn chain_through_an_intermediate_is_accepted_with_or_without_the_root_appended() {
    let root = ca();
    let issuing = root
        .intermediate(
            "guichet issuing CA",
            NOW - Duration::days(10),
            NOW + Duration::days(900),
        )
        .unwrap();
    let person = issuing
        .mint_person(&spec(KeyAlgorithm::P256, CertificateKind::Private))
        .unwrap();
    let store = store(&root);
    let mut chain = vec![
        person.authentication.cert_der.clone(),
        issuing.cert_der().to_vec(),
    ];

    assert!(store.verify(&chain, Usage::Authentication, NOW).is_ok());
    chain.push(root.cert_der().to_vec());
    assert!(store.verify(&chain, Usage::Authentication, NOW).is_ok());
    // Without the intermediate the leaf does not reach a trusted CA.
    let leaf_only = vec![person.authentication.cert_der.clone()];
    assert_eq!(
        store.verify(&leaf_only, Usage::Authentication, NOW),
        Err(CertificateError::UntrustedIssuer)
    );
}

#[test]
fn certificate_from_an_untrusted_ca_is_refused() {
    let trusted = ca();
    let other = DevCa::generate("someone else's CA", NOW).unwrap();
    let person = other
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();

    let result = store(&trusted).verify(&chain(&person.authentication), Usage::Authentication, NOW);

    assert_eq!(result, Err(CertificateError::UntrustedIssuer));
}

#[test]
fn certificate_from_a_rogue_ca_reusing_the_trusted_name_is_refused() {
    let trusted = ca();
    let rogue = ca(); // same name, different key
    let person = rogue
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();

    let result = store(&trusted).verify(&chain(&person.authentication), Usage::Authentication, NOW);

    assert!(
        matches!(result, Err(CertificateError::BadChainSignature(_))),
        "{result:?}"
    );
}

#[test]
fn expired_and_not_yet_valid_certificates_are_refused() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let store = store(&ca);
    let chain = chain(&person.authentication);

    assert_eq!(
        store.verify(
            &chain,
            Usage::Authentication,
            datetime!(2028-01-01 0:00:01 UTC)
        ),
        Err(CertificateError::Expired)
    );
    assert_eq!(
        store.verify(
            &chain,
            Usage::Authentication,
            datetime!(2025-12-31 23:59 UTC)
        ),
        Err(CertificateError::NotYetValid)
    );
    assert!(
        store
            .verify(
                &chain,
                Usage::Authentication,
                datetime!(2027-12-31 23:59 UTC)
            )
            .is_ok()
    );
}

#[test]
fn expired_intermediate_makes_the_chain_expired() {
    let root = ca();
    let issuing = root
        .intermediate(
            "short-lived CA",
            NOW - Duration::days(10),
            NOW + Duration::days(1),
        )
        .unwrap();
    let person = issuing
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let chain = vec![
        person.authentication.cert_der.clone(),
        issuing.cert_der().to_vec(),
    ];

    let result = store(&root).verify(&chain, Usage::Authentication, NOW + Duration::days(2));

    assert_eq!(result, Err(CertificateError::Expired));
}

#[test]
fn signature_certificate_cannot_be_used_to_authenticate_and_vice_versa() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::P256, CertificateKind::Private))
        .unwrap();
    let store = store(&ca);

    assert_eq!(
        store.verify(&chain(&person.signature), Usage::Authentication, NOW),
        Err(CertificateError::WrongUsage("authentication"))
    );
    assert_eq!(
        store.verify(&chain(&person.authentication), Usage::Signature, NOW),
        Err(CertificateError::WrongUsage("signature"))
    );
}

#[test]
fn tampered_certificate_bytes_are_refused() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let store = store(&ca);
    let der = &person.authentication.cert_der;
    // Change one digit of the matricule inside the signed part.
    let at = der
        .windows(13)
        .position(|w| w == marie().as_str().as_bytes())
        .unwrap();
    let mut tampered = der.clone();
    tampered[at + 10] = if tampered[at + 10] == b'9' {
        b'8'
    } else {
        tampered[at + 10] + 1
    };
    let mut bad_signature = der.clone();
    *bad_signature.last_mut().unwrap() ^= 0x01;

    for bytes in [tampered, bad_signature] {
        let result = store.verify(&[bytes], Usage::Authentication, NOW);
        assert!(
            matches!(result, Err(CertificateError::BadChainSignature(_))),
            "{result:?}"
        );
    }
}

#[test]
fn garbage_empty_and_overlong_chains_are_malformed() {
    let ca = ca();
    let store = store(&ca);
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let leaf = person.authentication.cert_der.clone();

    for chain in [
        vec![],
        vec![b"not a certificate".to_vec()],
        vec![leaf.clone(), leaf.clone(), leaf.clone(), leaf],
    ] {
        let result = store.verify(&chain, Usage::Authentication, NOW);
        assert!(
            matches!(result, Err(CertificateError::Malformed(_))),
            "{result:?}"
        );
    }
}

#[test]
fn leaf_certificate_cannot_act_as_an_issuer() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    // Claim the signature certificate issued the authentication one: names do not match.
    let chain = vec![
        person.authentication.cert_der.clone(),
        person.signature.cert_der.clone(),
    ];

    let result = store(&ca).verify(&chain, Usage::Authentication, NOW);

    assert!(
        matches!(result, Err(CertificateError::BadChainSignature(_))),
        "{result:?}"
    );
}

#[test]
fn certificate_without_a_matricule_or_with_an_invalid_one_is_refused() {
    let ca = ca();
    let store = store(&ca);
    let missing = ca
        .mint_custom_subject(&[("2.5.4.42", "Marie"), ("2.5.4.4", "Schmit")], NOW)
        .unwrap();
    let invalid = ca
        .mint_custom_subject(
            &[
                ("2.5.4.5", "1893120105733"),
                ("2.5.4.42", "Marie"),
                ("2.5.4.4", "Schmit"),
            ],
            NOW,
        )
        .unwrap();

    assert_eq!(
        store.verify(&[missing], Usage::Authentication, NOW),
        Err(CertificateError::MissingIdentity("serialNumber"))
    );
    assert_eq!(
        store.verify(&[invalid], Usage::Authentication, NOW),
        Err(CertificateError::InvalidMatricule(
            MatriculeError::WrongVerhoeffDigit
        ))
    );
}

#[test]
fn pem_chains_parse_in_order_and_text_without_certificates_is_malformed() {
    let root = ca();
    let issuing = root
        .intermediate("issuing", NOW, NOW + Duration::days(10))
        .unwrap();
    let person = issuing
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let pem = format!("{}{}", person.authentication.cert_pem, issuing.cert_pem());

    let parsed = parse_pem_chain(&pem).unwrap();

    assert_eq!(
        parsed,
        vec![
            person.authentication.cert_der.clone(),
            issuing.cert_der().to_vec()
        ]
    );
    assert!(matches!(
        parse_pem_chain("hello"),
        Err(CertificateError::Malformed(_))
    ));
}

#[test]
fn the_committed_development_ca_loads_and_mints_verifiable_certificates() {
    let cert = include_str!("../../../../fixtures/dev-ca/ca.pem");
    let key = include_str!("../../../../fixtures/dev-ca/ca.key.pem");
    let ca = DevCa::from_pem(cert, key).unwrap();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();

    let id = TrustStore::from_pem(cert)
        .unwrap()
        .verify(&chain(&person.authentication), Usage::Authentication, NOW)
        .unwrap();

    assert_eq!(id.matricule, marie());
}

#[test]
fn a_non_ca_certificate_cannot_be_trusted() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();

    let result = TrustStore::from_pem(&person.authentication.cert_pem);

    assert!(matches!(
        result,
        Err(TrustStoreError::NotACertificateAuthority)
    ));
}
