//! Revocation lists: installation, replacement, and refusal of forged lists.

use time::Duration;

use super::*;

#[test]
fn revoked_certificate_is_refused_once_the_crl_is_installed() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let mut store = store(&ca);
    let chain = chain(&person.authentication);
    assert!(store.verify(&chain, Usage::Authentication, NOW).is_ok());

    let crl = ca
        .crl(
            &[person.authentication.serial_hex.as_str()],
            NOW,
            NOW + Duration::days(7),
        )
        .unwrap();
    assert_eq!(store.add_crl(crl.as_bytes()), Ok(CrlUpdate::Installed));

    assert_eq!(
        store.verify(&chain, Usage::Authentication, NOW),
        Err(CertificateError::Revoked)
    );
    // The signature certificate was not revoked.
    assert!(
        store
            .verify(&super::chain(&person.signature), Usage::Signature, NOW)
            .is_ok()
    );
}

#[test]
fn crl_is_accepted_as_der_too() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::P256, CertificateKind::Private))
        .unwrap();
    let mut store = store(&ca);
    let pem = ca
        .crl(
            &[person.signature.serial_hex.as_str()],
            NOW,
            NOW + Duration::days(7),
        )
        .unwrap();
    let der = parse_pem_like(&pem);

    assert_eq!(store.add_crl(&der), Ok(CrlUpdate::Installed));
    assert_eq!(
        store.verify(&chain(&person.signature), Usage::Signature, NOW),
        Err(CertificateError::Revoked)
    );
}

fn parse_pem_like(pem: &str) -> Vec<u8> {
    x509_parser::pem::Pem::iter_from_buffer(pem.as_bytes())
        .next()
        .unwrap()
        .unwrap()
        .contents
}

#[test]
fn newer_crl_replaces_the_older_and_an_older_one_is_ignored() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let mut store = store(&ca);
    let chain = chain(&person.authentication);
    let serial = person.authentication.serial_hex.as_str();
    let old = ca
        .crl(&[serial], NOW - Duration::days(2), NOW + Duration::days(5))
        .unwrap();
    let newer = ca
        .crl::<&str>(&[], NOW - Duration::days(1), NOW + Duration::days(6))
        .unwrap();

    assert_eq!(store.add_crl(old.as_bytes()), Ok(CrlUpdate::Installed));
    assert_eq!(
        store.verify(&chain, Usage::Authentication, NOW),
        Err(CertificateError::Revoked)
    );
    assert_eq!(store.add_crl(newer.as_bytes()), Ok(CrlUpdate::Replaced));
    assert!(store.verify(&chain, Usage::Authentication, NOW).is_ok());
    assert_eq!(store.add_crl(old.as_bytes()), Ok(CrlUpdate::KeptNewer));
    assert!(store.verify(&chain, Usage::Authentication, NOW).is_ok());
}

#[test]
fn crl_signed_by_an_untrusted_key_is_refused() {
    let trusted = ca();
    let rogue_same_name = ca();
    let stranger = DevCa::generate("stranger CA", NOW).unwrap();
    let mut store = store(&trusted);

    let forged = rogue_same_name
        .crl(&["01"], NOW, NOW + Duration::days(1))
        .unwrap();
    let foreign = stranger.crl(&["01"], NOW, NOW + Duration::days(1)).unwrap();

    assert_eq!(
        store.add_crl(forged.as_bytes()),
        Err(TrustStoreError::BadCrlSignature)
    );
    assert_eq!(
        store.add_crl(foreign.as_bytes()),
        Err(TrustStoreError::UntrustedCrlIssuer)
    );
    assert!(matches!(
        store.add_crl(b"garbage"),
        Err(TrustStoreError::Malformed(_))
    ));
}

#[test]
fn revoked_intermediate_revokes_the_chain_below_it() {
    let root = ca();
    let issuing = root
        .intermediate(
            "issuing",
            NOW - Duration::days(1),
            NOW + Duration::days(100),
        )
        .unwrap();
    let person = issuing
        .mint_person(&spec(KeyAlgorithm::Ed25519, CertificateKind::Private))
        .unwrap();
    let mut store = store(&root);
    let issuing_serial = {
        use x509_parser::prelude::FromDer;
        let (_, cert) =
            x509_parser::certificate::X509Certificate::from_der(issuing.cert_der()).unwrap();
        super::super::chain::serial_hex(cert.raw_serial())
    };
    store
        .add_crl(
            root.crl(&[issuing_serial.as_str()], NOW, NOW + Duration::days(1))
                .unwrap()
                .as_bytes(),
        )
        .unwrap();

    let chain = vec![
        person.authentication.cert_der.clone(),
        issuing.cert_der().to_vec(),
    ];

    assert_eq!(
        store.verify(&chain, Usage::Authentication, NOW),
        Err(CertificateError::Revoked)
    );
}

#[test]
fn crl_from_a_ca_not_allowed_to_sign_crls_is_refused() {
    let (ca_pem, crl_pem) = DevCa::ca_without_crl_sign_and_its_crl(NOW).unwrap();
    let mut store = TrustStore::from_pem(&ca_pem).unwrap();

    assert_eq!(
        store.add_crl(crl_pem.as_bytes()),
        Err(TrustStoreError::BadCrlSignature)
    );
}
