//! Chain building blocks: parsing, name matching, CA constraints, validity, extensions.

use time::OffsetDateTime;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;

use super::CertificateError;

/// A distinguished name reduced to comparable form: (attribute OID, text or raw value).
pub(crate) type NameKey = Vec<(String, Vec<u8>)>;

/// Parses one DER certificate, refusing trailing bytes and inconsistent algorithms.
pub(crate) fn parse_cert(der: &[u8]) -> Result<X509Certificate<'_>, String> {
    let (rest, cert) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
    if !rest.is_empty() {
        return Err("trailing bytes after certificate".into());
    }
    if cert.signature_algorithm != cert.tbs_certificate.signature {
        return Err("signature algorithm differs inside and outside the signed part".into());
    }
    Ok(cert)
}

/// The comparable form of a name: string attributes compare by their text whatever
/// their ASN.1 string type, others by their raw bytes.
pub(crate) fn name_key(name: &X509Name<'_>) -> NameKey {
    name.iter_attributes()
        .map(|attr| {
            let value = attr
                .as_str()
                .map_or_else(|_| attr.as_slice().to_vec(), |s| s.as_bytes().to_vec());
            (attr.attr_type().to_id_string(), value)
        })
        .collect()
}

/// Whether two names designate the same entity.
pub(crate) fn same_name(a: &X509Name<'_>, b: &X509Name<'_>) -> bool {
    a.as_raw() == b.as_raw() || name_key(a) == name_key(b)
}

/// Refuses certificates with a critical extension this code does not understand
/// (RFC 5280 §4.2) or with an extension that does not parse.
pub(crate) fn check_extensions(cert: &X509Certificate<'_>) -> Result<(), CertificateError> {
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::ParseError { error } => {
                return Err(CertificateError::Malformed(format!(
                    "extension {}: {error}",
                    ext.oid
                )));
            }
            ParsedExtension::UnsupportedExtension { .. } if ext.critical => {
                return Err(CertificateError::Malformed(format!(
                    "unsupported critical extension {}",
                    ext.oid
                )));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks that `parent` issued `child`: names match, parent is a CA allowing `below`
/// intermediates under it, and the signature verifies.
pub(crate) fn check_link(
    child: &X509Certificate<'_>,
    parent: &X509Certificate<'_>,
    below: usize,
) -> Result<(), CertificateError> {
    if !same_name(child.issuer(), parent.subject()) {
        return Err(CertificateError::BadChainSignature(
            "issuer name does not match the next certificate".into(),
        ));
    }
    check_ca(parent, below)?;
    child
        .verify_signature(Some(parent.public_key()))
        .map_err(|e| CertificateError::BadChainSignature(e.to_string()))
}

pub(crate) fn check_ca(ca: &X509Certificate<'_>, below: usize) -> Result<(), CertificateError> {
    let broken = |why: &str| CertificateError::BadChainSignature(why.to_owned());
    let constraints = ca.basic_constraints().map_err(|e| broken(&e.to_string()))?;
    let Some(constraints) = constraints.filter(|c| c.value.ca) else {
        return Err(broken("issuer is not a certificate authority"));
    };
    if let Some(max) = constraints.value.path_len_constraint {
        if below > max as usize {
            return Err(broken("path length constraint exceeded"));
        }
    }
    if let Some(ku) = ca.key_usage().map_err(|e| broken(&e.to_string()))? {
        if !ku.value.key_cert_sign() {
            return Err(broken("issuer may not sign certificates"));
        }
    }
    Ok(())
}

pub(crate) fn check_validity(
    cert: &X509Certificate<'_>,
    now: OffsetDateTime,
) -> Result<(), CertificateError> {
    let validity = cert.validity();
    if now < validity.not_before.to_datetime() {
        return Err(CertificateError::NotYetValid);
    }
    if now > validity.not_after.to_datetime() {
        return Err(CertificateError::Expired);
    }
    Ok(())
}

/// Serial number as lowercase hex without leading zero bytes ("00" for zero).
pub(crate) fn serial_hex(bytes: &[u8]) -> String {
    let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if trimmed.is_empty() {
        "00".into()
    } else {
        hex::encode(trimmed)
    }
}
