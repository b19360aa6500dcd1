//! Test-only minting helpers: certificates and CRLs that a correct CA would not produce.

use rcgen::{
    CertificateParams, CertificateRevocationListParams, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, SerialNumber,
};
use time::{Duration, OffsetDateTime};

use super::{DevCa, MintError, PersonSpec, ca_params, generate_key, person_dn};
use crate::certificate::KeyAlgorithm;

impl DevCa {
    /// Test helper: an authentication certificate with exactly the given subject attributes.
    pub(crate) fn mint_custom_subject(
        &self,
        attributes: &[(&str, &str)],
        now: OffsetDateTime,
    ) -> Result<Vec<u8>, MintError> {
        let key = generate_key(KeyAlgorithm::Ed25519)?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        for (oid, value) in attributes {
            let arcs = oid.split('.').map(|a| a.parse().unwrap_or(0)).collect();
            dn.push(DnType::CustomDnType(arcs), *value);
        }
        params.distinguished_name = dn;
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(1);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        Ok(params.signed_by(&key, &self.issuer)?.der().to_vec())
    }

    /// Test helper: a CA whose certificate lacks cRLSign, and a CRL it signed anyway
    /// (rcgen refuses to, so the CRL is signed through an issuer without key usages).
    pub(crate) fn ca_without_crl_sign_and_its_crl(
        now: OffsetDateTime,
    ) -> Result<(String, String), MintError> {
        let key = generate_key(KeyAlgorithm::P256)?;
        let mut params = ca_params(
            "no-CRL CA",
            now - Duration::days(1),
            now + Duration::days(30),
        );
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign];
        let cert = params.self_signed(&key)?;
        params.key_usages = Vec::new();
        let unrestricted = Issuer::new(params, KeyPair::from_pem(&key.serialize_pem())?);
        let crl = CertificateRevocationListParams {
            this_update: now,
            next_update: now + Duration::days(1),
            crl_number: SerialNumber::from_slice(&[1]),
            issuing_distribution_point: None,
            revoked_certs: Vec::new(),
            key_identifier_method: KeyIdMethod::Sha256,
        };
        Ok((cert.pem(), crl.signed_by(&unrestricted)?.pem()?))
    }

    /// Test helper: a person's authentication certificate carrying an extra critical
    /// extension with an OID nobody understands.
    pub(crate) fn mint_with_unknown_critical_extension(
        &self,
        spec: &PersonSpec,
    ) -> Result<Vec<u8>, MintError> {
        let key = generate_key(spec.algorithm)?;
        let mut params = CertificateParams::default();
        params.distinguished_name = person_dn(spec, "LU")?;
        params.not_before = spec.not_before;
        params.not_after = spec.not_after;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let mut extension = rcgen::CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 4, 1, 99999, 1],
            vec![0x05, 0x00],
        );
        extension.set_criticality(true);
        params.custom_extensions = vec![extension];
        Ok(params.signed_by(&key, &self.issuer)?.der().to_vec())
    }

    /// Test helper: a person's authentication certificate (C=LU) whose parameters
    /// `tweak` changes, e.g. to give it another extended key usage.
    pub(crate) fn mint_authentication_with(
        &self,
        spec: &PersonSpec,
        tweak: impl FnOnce(&mut CertificateParams),
    ) -> Result<Vec<u8>, MintError> {
        let key = generate_key(spec.algorithm)?;
        let mut params = CertificateParams::default();
        params.distinguished_name = person_dn(spec, "LU")?;
        params.not_before = spec.not_before;
        params.not_after = spec.not_after;
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        tweak(&mut params);
        Ok(params.signed_by(&key, &self.issuer)?.der().to_vec())
    }
}
