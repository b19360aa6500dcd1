//! Chain building blocks read with x509-parser: parsing, name matching, extensions, serials.

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

/// Refuses certificates with an extension that does not parse, so that names and
/// usages are read from well-formed data (unknown critical extensions are refused
/// by path validation, see [`super::path`]).
pub(crate) fn check_extensions(cert: &X509Certificate<'_>) -> Result<(), CertificateError> {
    for ext in cert.extensions() {
        if let ParsedExtension::ParseError { error } = ext.parsed_extension() {
            return Err(CertificateError::Malformed(format!(
                "extension {}: {error}",
                ext.oid
            )));
        }
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
