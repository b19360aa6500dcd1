//! The chain matrix: crafted paths that path validation must refuse for the right reason.

use rcgen::{BasicConstraints, CustomExtension, ExtendedKeyUsagePurpose, IsCa};
use time::Duration;

use super::*;

fn person() -> PersonSpec {
    spec(KeyAlgorithm::Ed25519, CertificateKind::Private)
}

/// The DER of the test person's authentication certificate issued by `ca`.
fn authentication_leaf(ca: &DevCa) -> Vec<u8> {
    ca.mint_person(&person()).unwrap().authentication.cert_der
}

fn issuing_with(root: &DevCa, tweak: impl FnOnce(&mut rcgen::CertificateParams)) -> DevCa {
    root.intermediate_with(
        "issuing CA",
        NOW - Duration::days(10),
        NOW + Duration::days(100),
        tweak,
    )
    .unwrap()
}

/// Verifies `leaf` issued by `issuing` (under `root`) for authentication at `at`.
fn verify_under(
    root: &DevCa,
    issuing: &DevCa,
    leaf: Vec<u8>,
    usage: Usage,
    at: OffsetDateTime,
) -> Result<CertifiedIdentity, CertificateError> {
    store(root).verify(&[leaf, issuing.cert_der().to_vec()], usage, at)
}

#[test]
fn sub_ca_constrained_to_c_be_certifies_a_c_be_person_and_not_a_c_lu_one() {
    let root = ca();
    let belgian = root
        .constrained_intermediate(
            "BE citizen CA",
            "BE",
            NOW - Duration::days(10),
            NOW + Duration::days(100),
        )
        .unwrap();
    let inside = belgian.mint_person_in(&person(), "BE").unwrap();
    let outside = belgian.mint_person_in(&person(), "LU").unwrap();

    for usage in [Usage::Authentication, Usage::Signature] {
        let pick = |c: &PersonCredentials| match usage {
            Usage::Authentication => c.authentication.cert_der.clone(),
            Usage::Signature => c.signature.cert_der.clone(),
        };
        let accepted = verify_under(&root, &belgian, pick(&inside), usage, NOW);
        let refused = verify_under(&root, &belgian, pick(&outside), usage, NOW);

        assert_eq!(accepted.map(|id| id.matricule), Ok(marie()));
        assert_eq!(refused, Err(CertificateError::NameConstraintViolated));
    }
}

#[test]
fn intermediate_marked_not_a_ca_cannot_issue() {
    let root = ca();
    for is_ca in [IsCa::NoCa, IsCa::ExplicitNoCa] {
        let issuing = issuing_with(&root, |p| p.is_ca = is_ca);
        let leaf = authentication_leaf(&issuing);

        let result = verify_under(&root, &issuing, leaf, Usage::Authentication, NOW);

        assert_eq!(
            result,
            Err(CertificateError::IssuerNotACertificateAuthority)
        );
    }
}

#[test]
fn path_length_constraint_is_enforced() {
    let root = ca();
    for (path_len, expected) in [
        (0, Err(CertificateError::PathLengthExceeded)),
        (1, Ok(marie())),
    ] {
        let top = issuing_with(&root, |p| {
            p.is_ca = IsCa::Ca(BasicConstraints::Constrained(path_len));
        });
        let below = top
            .intermediate(
                "second-level CA",
                NOW - Duration::days(10),
                NOW + Duration::days(100),
            )
            .unwrap();
        let leaf = authentication_leaf(&below);
        let chain = vec![leaf, below.cert_der().to_vec(), top.cert_der().to_vec()];

        let result = store(&root).verify(&chain, Usage::Authentication, NOW);

        assert_eq!(
            result.map(|id| id.matricule),
            expected,
            "pathLen {path_len}"
        );
    }
}

#[test]
fn intermediate_not_yet_valid_or_expired_refuses_the_chain() {
    let root = ca();
    let issuing = root
        .intermediate(
            "issuing CA",
            NOW + Duration::days(1),
            NOW + Duration::days(10),
        )
        .unwrap();
    let leaf = authentication_leaf(&issuing);

    let early = verify_under(&root, &issuing, leaf.clone(), Usage::Authentication, NOW);
    let late = verify_under(
        &root,
        &issuing,
        leaf,
        Usage::Authentication,
        NOW + Duration::days(11),
    );

    assert_eq!(early, Err(CertificateError::NotYetValid));
    assert_eq!(late, Err(CertificateError::Expired));
}

#[test]
fn intermediate_with_an_unknown_critical_extension_is_refused() {
    let root = ca();
    let issuing = issuing_with(&root, |p| {
        let mut extension =
            CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 2], vec![0x05, 0x00]);
        extension.set_criticality(true);
        p.custom_extensions = vec![extension];
    });
    let leaf = authentication_leaf(&issuing);

    let result = verify_under(&root, &issuing, leaf, Usage::Authentication, NOW);

    assert!(
        matches!(result, Err(CertificateError::Malformed(ref why)) if why.contains("critical")),
        "{result:?}"
    );
}

#[test]
fn authentication_needs_client_auth_on_the_leaf_and_on_any_intermediate_eku() {
    let root = ca();
    let server_leaf = root
        .mint_authentication_with(&person(), |p| {
            p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        })
        .unwrap();
    let mail_ca = issuing_with(&root, |p| {
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
    });
    let client_ca = issuing_with(&root, |p| {
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    });

    let wrong_leaf = store(&root).verify(&[server_leaf], Usage::Authentication, NOW);
    let wrong_ca = verify_under(
        &root,
        &mail_ca,
        authentication_leaf(&mail_ca),
        Usage::Authentication,
        NOW,
    );
    let right_ca = verify_under(
        &root,
        &client_ca,
        authentication_leaf(&client_ca),
        Usage::Authentication,
        NOW,
    );

    assert_eq!(
        wrong_leaf,
        Err(CertificateError::WrongUsage("authentication"))
    );
    assert_eq!(
        wrong_ca,
        Err(CertificateError::WrongUsage("authentication"))
    );
    assert_eq!(right_ca.map(|id| id.matricule), Ok(marie()));
}

#[test]
fn certificate_foreign_to_the_path_is_refused() {
    let root = ca();
    let issuing = root
        .intermediate(
            "issuing CA",
            NOW - Duration::days(1),
            NOW + Duration::days(9),
        )
        .unwrap();
    let unrelated = root
        .intermediate("other CA", NOW - Duration::days(1), NOW + Duration::days(9))
        .unwrap();
    let leaf = authentication_leaf(&issuing);
    let chain = vec![
        leaf,
        issuing.cert_der().to_vec(),
        unrelated.cert_der().to_vec(),
    ];

    let result = store(&root).verify(&chain, Usage::Authentication, NOW);

    assert!(
        matches!(result, Err(CertificateError::BadChainSignature(ref why)) if why.contains("not on the path")),
        "{result:?}"
    );
}
