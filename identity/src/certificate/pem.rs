//! PEM helpers: certificate chains and revocation lists given as text.

use x509_parser::pem::Pem;

use super::CertificateError;

/// Parses every `CERTIFICATE` block of a PEM text into DER, in order (leaf first).
/// Fails with [`CertificateError::Malformed`] if there is none or a block is broken.
pub fn parse_pem_chain(pem: &str) -> Result<Vec<Vec<u8>>, CertificateError> {
    let mut chain = Vec::new();
    for block in Pem::iter_from_buffer(pem.as_bytes()) {
        let block = block.map_err(|e| CertificateError::Malformed(e.to_string()))?;
        if block.label == "CERTIFICATE" {
            chain.push(block.contents);
        }
    }
    if chain.is_empty() {
        return Err(CertificateError::Malformed(
            "no CERTIFICATE block in PEM input".into(),
        ));
    }
    Ok(chain)
}

/// Returns the DER content of the first PEM block with `label`, or the input itself
/// if it does not look like PEM (already DER).
pub(crate) fn der_from_pem_or_der(input: &[u8], label: &str) -> Result<Vec<u8>, String> {
    let looks_like_pem = input
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'-');
    if !looks_like_pem {
        return Ok(input.to_vec());
    }
    for block in Pem::iter_from_buffer(input) {
        let block = block.map_err(|e| e.to_string())?;
        if block.label == label {
            return Ok(block.contents);
        }
    }
    Err(format!("no {label} block in PEM input"))
}
