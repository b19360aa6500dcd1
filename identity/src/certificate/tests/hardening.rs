//! Edge cases: CA certificates as leaves, unknown critical extensions, PEM input, stale CRLs.

use time::Duration;

use super::*;

#[test]
fn a_ca_certificate_presented_as_a_person_is_refused() {
    let ca = ca();

    let result = store(&ca).verify(&[ca.cert_der().to_vec()], Usage::Authentication, NOW);

    assert_eq!(result, Err(CertificateError::WrongUsage("authentication")));
}

#[test]
fn certificate_with_an_unknown_critical_extension_is_malformed() {
    let ca = ca();
    let der = ca
        .mint_with_unknown_critical_extension(&spec(
            KeyAlgorithm::Ed25519,
            CertificateKind::Private,
        ))
        .unwrap();

    let result = store(&ca).verify(&[der], Usage::Authentication, NOW);

    assert!(
        matches!(result, Err(CertificateError::Malformed(ref why)) if why.contains("critical")),
        "{result:?}"
    );
}

#[test]
fn pem_chain_verifies_like_der() {
    let ca = ca();
    let person = ca
        .mint_person(&spec(KeyAlgorithm::P256, CertificateKind::Private))
        .unwrap();

    let id = store(&ca)
        .verify_pem(&person.signature.cert_pem, Usage::Signature, NOW)
        .unwrap();

    assert_eq!(id.serial_hex, person.signature.serial_hex);
    assert!(matches!(
        store(&ca).verify_pem("", Usage::Signature, NOW),
        Err(CertificateError::Malformed(_))
    ));
}

#[test]
fn crl_past_its_next_update_is_reported_stale() {
    let ca = ca();
    let mut store = store(&ca);
    store
        .add_crl(
            ca.crl::<&str>(&[], NOW, NOW + Duration::days(7))
                .unwrap()
                .as_bytes(),
        )
        .unwrap();

    assert!(store.stale_crl_issuers(NOW + Duration::days(6)).is_empty());
    let stale = store.stale_crl_issuers(NOW + Duration::days(8));

    assert_eq!(stale.len(), 1);
    assert!(stale[0].contains("guichet test CA"), "{stale:?}");
}

#[test]
fn error_codes_are_stable() {
    assert_eq!(CertificateError::Revoked.code(), "certificate-revoked");
    assert_eq!(
        CertificateError::UntrustedIssuer.code(),
        "certificate-untrusted-issuer"
    );
    assert_eq!(CertificateError::Expired.code(), "certificate-expired");
}
