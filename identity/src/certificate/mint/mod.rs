//! Minting certificates from a development CA, for tests, demos and the operator CLI (feature `mint`).

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DistinguishedName,
    DnType, DnValue, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose,
    RevokedCertParams, SerialNumber,
};
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::FromDer;

use super::chain::serial_hex;
use super::{CertificateKind, KeyAlgorithm};
use crate::matricule::Matricule;

/// Why minting or signing failed.
#[derive(Debug, thiserror::Error)]
pub enum MintError {
    /// rcgen refused the parameters or the key.
    #[error("certificate generation failed: {0}")]
    Rcgen(#[from] rcgen::Error),
    /// A serial number given to [`DevCa::crl`] is not hex.
    #[error("serial number {0:?} is not hexadecimal")]
    BadSerial(String),
    /// A private key is neither an Ed25519 nor a P-256 PKCS#8 PEM key.
    #[error("unsupported or malformed private key")]
    BadKey,
    /// A country given to [`DevCa::constrained_intermediate`] is not two ASCII letters.
    #[error("country {0:?} is not an ISO 3166 alpha-2 code")]
    BadCountry(String),
    /// A freshly minted certificate could not be read back.
    #[error("minted certificate is unreadable: {0}")]
    Unreadable(String),
}

/// Who to mint certificates for.
#[derive(Debug, Clone)]
pub struct PersonSpec {
    /// The holder's national identification number (subject `serialNumber`).
    pub matricule: Matricule,
    /// Given names (subject `givenName`).
    pub given_names: String,
    /// Family name (subject `surname`).
    pub family_name: String,
    /// Private, or Pro naming the mandating organisation.
    pub kind: CertificateKind,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// Key algorithm of both certificates.
    pub algorithm: KeyAlgorithm,
}

/// One certificate and its private key.
#[derive(Debug, Clone)]
pub struct MintedCertificate {
    /// The certificate, PEM.
    pub cert_pem: String,
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// The private key, PKCS#8 PEM (`PRIVATE KEY`).
    pub key_pem: String,
    /// Serial number, lowercase hex as in [`super::CertifiedIdentity::serial_hex`].
    pub serial_hex: String,
}

/// A person's pair of certificates.
#[derive(Debug, Clone)]
pub struct PersonCredentials {
    /// To sign in (digitalSignature + clientAuth).
    pub authentication: MintedCertificate,
    /// To sign legally (nonRepudiation).
    pub signature: MintedCertificate,
}

/// A development certificate authority. TEST ONLY: never trust one in production.
pub struct DevCa {
    issuer: Issuer<'static, KeyPair>,
    cert_pem: String,
    cert_der: Vec<u8>,
    key_pem: String,
}

impl std::fmt::Debug for DevCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DevCa")
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}

fn ca_params(
    common_name: &str,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "LU");
    dn.push(DnType::OrganizationName, "guichet development (TEST ONLY)");
    dn.push(DnType::CommonName, common_name);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.not_before = not_before;
    params.not_after = not_after;
    params.use_authority_key_identifier_extension = true;
    params
}

fn read_back(cert: &rcgen::Certificate, key: &KeyPair) -> Result<MintedCertificate, MintError> {
    let der = cert.der().to_vec();
    let (_, parsed) = x509_parser::certificate::X509Certificate::from_der(&der)
        .map_err(|e| MintError::Unreadable(e.to_string()))?;
    Ok(MintedCertificate {
        cert_pem: cert.pem(),
        serial_hex: serial_hex(parsed.raw_serial()),
        cert_der: der,
        key_pem: portable_key_pem(key)?,
    })
}

/// The key as PKCS#8 PEM. Ed25519 keys are re-encoded as PKCS#8 v1 (RFC 8410, seed
/// only): ring writes v2 with the public key, which OpenSSL 3 and some WebCrypto
/// implementations refuse.
fn portable_key_pem(key: &KeyPair) -> Result<String, MintError> {
    use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
    use ed25519_dalek::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, KeypairBytes};
    if key.algorithm() != &rcgen::PKCS_ED25519 {
        return Ok(key.serialize_pem());
    }
    let pair = KeypairBytes::from_pkcs8_der(key.serialized_der()).map_err(|_| MintError::BadKey)?;
    let seed_only = KeypairBytes {
        secret_key: pair.secret_key,
        public_key: None,
    };
    let pem = seed_only
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|_| MintError::BadKey)?;
    Ok(pem.as_str().to_owned())
}

/// A critical NameConstraints extension (RFC 5280 §4.2.1.10) whose only permitted
/// subtree is the directoryName `C=<country>`. Encoded here because rcgen 0.14 tags a
/// directoryName base IMPLICIT, which OpenSSL rightly refuses to parse: Name is a
/// CHOICE, so the `[4]` tag of GeneralName must be EXPLICIT (RFC 5280 Appendix A.2).
fn permitting_country(country: &str) -> Result<rcgen::CustomExtension, MintError> {
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(MintError::BadCountry(country.to_owned()));
    }
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        // Every part here is shorter than 128 bytes: short-form length.
        let mut out = vec![tag, u8::try_from(content.len()).unwrap_or(u8::MAX)];
        out.extend_from_slice(content);
        out
    }
    let country_oid = tlv(0x06, &[0x55, 0x04, 0x06]);
    let value = tlv(0x13, country.as_bytes()); // PrintableString
    let attribute = tlv(0x30, &[country_oid, value].concat());
    let name = tlv(0x30, &tlv(0x31, &attribute)); // RDNSequence of one SET
    let base = tlv(0xa4, &name); // directoryName [4] EXPLICIT Name
    let subtree = tlv(0x30, &base); // GeneralSubtree { base }
    let permitted = tlv(0xa0, &subtree); // permittedSubtrees [0] IMPLICIT
    let mut extension =
        rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 30], tlv(0x30, &permitted));
    extension.set_criticality(true);
    Ok(extension)
}

fn generate_key(algorithm: KeyAlgorithm) -> Result<KeyPair, MintError> {
    let alg = match algorithm {
        KeyAlgorithm::Ed25519 => &rcgen::PKCS_ED25519,
        KeyAlgorithm::P256 => &rcgen::PKCS_ECDSA_P256_SHA256,
    };
    Ok(KeyPair::generate_for(alg)?)
}

impl DevCa {
    /// A new self-signed P-256 CA named `common_name`, valid from `now` for 20 years.
    pub fn generate(common_name: &str, now: OffsetDateTime) -> Result<Self, MintError> {
        let key = generate_key(KeyAlgorithm::P256)?;
        let params = ca_params(
            common_name,
            now - Duration::days(1),
            now + Duration::days(20 * 365),
        );
        let cert = params.self_signed(&key)?;
        Ok(Self::assemble(params, key, &cert))
    }

    /// A CA from its certificate and PKCS#8 private key, both PEM (e.g. `fixtures/dev-ca`).
    pub fn from_pem(cert_pem: &str, key_pem: &str) -> Result<Self, MintError> {
        let key = KeyPair::from_pem(key_pem)?;
        let key_pem = key.serialize_pem();
        let der = super::parse_pem_chain(cert_pem)
            .map_err(|e| MintError::Unreadable(e.to_string()))?
            .into_iter()
            .next()
            .ok_or_else(|| MintError::Unreadable("no certificate".into()))?;
        let issuer = Issuer::from_ca_cert_der(&der.clone().into(), key)?;
        Ok(Self {
            issuer,
            cert_pem: cert_pem.to_owned(),
            cert_der: der,
            key_pem,
        })
    }

    fn assemble(params: CertificateParams, key: KeyPair, cert: &rcgen::Certificate) -> Self {
        let key_pem = key.serialize_pem();
        Self {
            issuer: Issuer::new(params, key),
            cert_pem: cert.pem(),
            cert_der: cert.der().to_vec(),
            key_pem,
        }
    }

    /// An intermediate CA signed by this one, valid from `not_before` to `not_after`.
    pub fn intermediate(
        &self,
        common_name: &str,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<Self, MintError> {
        let key = generate_key(KeyAlgorithm::P256)?;
        let params = ca_params(common_name, not_before, not_after);
        let cert = params.signed_by(&key, &self.issuer)?;
        Ok(Self::assemble(params, key, &cert))
    }

    /// An intermediate CA signed by this one whose critical name constraints permit
    /// only subjects under the directoryName `C=<country>` (RFC 5280 §4.2.1.10), as a
    /// national sub-CA of a citizen PKI. `country` is an ISO 3166 alpha-2 code.
    pub fn constrained_intermediate(
        &self,
        common_name: &str,
        country: &str,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<Self, MintError> {
        let constraint = permitting_country(country)?;
        self.intermediate_with(common_name, not_before, not_after, |params| {
            params.custom_extensions.push(constraint);
        })
    }

    /// An intermediate CA signed by this one, its certificate's parameters changed by
    /// `tweak` (which may make a certificate a correct CA would not issue). The new
    /// CA signs with the unchanged CA parameters, so that rcgen lets it sign.
    pub(crate) fn intermediate_with(
        &self,
        common_name: &str,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
        tweak: impl FnOnce(&mut CertificateParams),
    ) -> Result<Self, MintError> {
        let key = generate_key(KeyAlgorithm::P256)?;
        let mut params = ca_params(common_name, not_before, not_after);
        tweak(&mut params);
        let cert = params.signed_by(&key, &self.issuer)?;
        let signing = ca_params(common_name, not_before, not_after);
        Ok(Self::assemble(signing, key, &cert))
    }

    /// The CA certificate, PEM.
    pub fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    /// The CA certificate, DER.
    pub fn cert_der(&self) -> &[u8] {
        &self.cert_der
    }

    /// The CA's private key, PKCS#8 PEM. Keep it out of production.
    pub fn key_pem(&self) -> &str {
        &self.key_pem
    }

    /// Mints a person's authentication and signature certificates, each with a fresh key.
    /// Both name the person in country `C=LU`.
    pub fn mint_person(&self, spec: &PersonSpec) -> Result<PersonCredentials, MintError> {
        self.mint_person_in(spec, "LU")
    }

    /// [`DevCa::mint_person`] naming the person in `country` (subject `C`, ISO 3166
    /// alpha-2), e.g. to test a CA's name constraints.
    pub fn mint_person_in(
        &self,
        spec: &PersonSpec,
        country: &str,
    ) -> Result<PersonCredentials, MintError> {
        Ok(PersonCredentials {
            authentication: self.mint_one(spec, country, Usage::Authentication)?,
            signature: self.mint_one(spec, country, Usage::Signature)?,
        })
    }

    fn mint_one(
        &self,
        spec: &PersonSpec,
        country: &str,
        usage: Usage,
    ) -> Result<MintedCertificate, MintError> {
        let key = generate_key(spec.algorithm)?;
        let mut params = CertificateParams::default();
        params.distinguished_name = person_dn(spec, country)?;
        params.not_before = spec.not_before;
        params.not_after = spec.not_after;
        params.use_authority_key_identifier_extension = true;
        match usage {
            Usage::Authentication => {
                params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
                params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
            }
            Usage::Signature => params.key_usages = vec![KeyUsagePurpose::ContentCommitment],
        }
        let cert = params.signed_by(&key, &self.issuer)?;
        read_back(&cert, &key)
    }

    /// A revocation list (PEM) listing `revoked_serials_hex`, signed by this CA.
    pub fn crl<S: AsRef<str>>(
        &self,
        revoked_serials_hex: &[S],
        this_update: OffsetDateTime,
        next_update: OffsetDateTime,
    ) -> Result<String, MintError> {
        let revoked_certs = revoked_serials_hex
            .iter()
            .map(|s| {
                let s = s.as_ref();
                let bytes = hex::decode(s).map_err(|_| MintError::BadSerial(s.to_owned()))?;
                Ok(RevokedCertParams {
                    serial_number: SerialNumber::from_slice(&bytes),
                    revocation_time: this_update,
                    reason_code: None,
                    invalidity_date: None,
                })
            })
            .collect::<Result<Vec<_>, MintError>>()?;
        let crl_number = this_update.unix_timestamp().max(0).to_be_bytes();
        let params = CertificateRevocationListParams {
            this_update,
            next_update,
            crl_number: SerialNumber::from_slice(&crl_number),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: KeyIdMethod::Sha256,
        };
        Ok(params.signed_by(&self.issuer)?.pem()?)
    }
}

use super::Usage;

#[cfg(test)]
mod test_support;

fn person_dn(spec: &PersonSpec, country: &str) -> Result<DistinguishedName, MintError> {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, country);
    let serial = rcgen::string::PrintableString::try_from(spec.matricule.as_str())?;
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 5]),
        DnValue::PrintableString(serial),
    );
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 42]),
        spec.given_names.as_str(),
    );
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 4]),
        spec.family_name.as_str(),
    );
    dn.push(
        DnType::CommonName,
        format!("{} {}", spec.given_names, spec.family_name),
    );
    if let CertificateKind::Pro {
        organisation,
        organisation_identifier,
    } = &spec.kind
    {
        dn.push(DnType::OrganizationName, organisation.as_str());
        if let Some(id) = organisation_identifier {
            dn.push(DnType::CustomDnType(vec![2, 5, 4, 97]), id.as_str());
        }
    }
    Ok(dn)
}

/// Signs `message` with a PKCS#8 PEM private key, as a client answering a challenge:
/// Ed25519 gives 64 bytes; P-256 gives ECDSA/SHA-256 as raw 64-byte `r‖s` (WebCrypto's form).
pub fn sign(key_pem: &str, message: &[u8]) -> Result<Vec<u8>, MintError> {
    use ed25519_dalek::pkcs8::DecodePrivateKey as _;
    if let Ok(key) = ed25519_dalek::SigningKey::from_pkcs8_pem(key_pem) {
        return Ok(ed25519_dalek::Signer::sign(&key, message)
            .to_bytes()
            .to_vec());
    }
    use p256::pkcs8::DecodePrivateKey as _;
    let key = p256::ecdsa::SigningKey::from_pkcs8_pem(key_pem).map_err(|_| MintError::BadKey)?;
    let signature: p256::ecdsa::Signature = p256::ecdsa::signature::Signer::sign(&key, message);
    Ok(signature.to_bytes().to_vec())
}
