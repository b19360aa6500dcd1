//! Certificate path validation (RFC 5280 §6) delegated to OpenSSL's `X509_verify_cert`.
//!
//! OpenSSL builds the path from the presented certificates to a trusted CA and checks
//! every signature, basicConstraints (cA, pathLenConstraint), name constraints
//! including directoryName subtrees (a citizen PKI constrains sub-CAs by subject DN,
//! e.g. `C=BE`), keyCertSign on issuers, the extended key usage of the whole chain
//! for authentication (purpose `sslclient`), unknown critical extensions, and the
//! validity of every certificate at the time given by the caller's clock.

use openssl::error::ErrorStack;
use openssl::stack::Stack;
use openssl::x509::store::X509StoreBuilder;
use openssl::x509::verify::{X509VerifyFlags, X509VerifyParam};
use openssl::x509::{X509, X509PurposeId, X509StoreContext};
use openssl_sys as ffi;
use time::OffsetDateTime;

use super::chain::{parse_cert, same_name};
use super::{CertificateError, MAX_CHAIN_LENGTH, Usage};

/// Why OpenSSL refused a path: its `X509_V_ERR_*` code and the certificate at fault.
struct Refusal {
    code: i32,
    text: &'static str,
    at: Option<Vec<u8>>,
}

/// Validates the path from `presented` (DER, leaf first, then intermediates in any
/// order) to one of `anchors` (DER CA certificates) for `usage` at `now`.
///
/// Returns the validated path, DER, leaf first and ending with the trusted CA. Every
/// presented certificate must be on it. Errors: the [`CertificateError`] variant for
/// OpenSSL's reason (see [`refusal`]); [`CertificateError::Malformed`] if OpenSSL
/// cannot read a certificate.
pub(crate) fn validate(
    anchors: &[Vec<u8>],
    presented: &[&[u8]],
    usage: Usage,
    now: OffsetDateTime,
) -> Result<Vec<Vec<u8>>, CertificateError> {
    let openssl = |e: ErrorStack| CertificateError::Malformed(format!("OpenSSL: {e}"));
    let (leaf, intermediates) = presented
        .split_first()
        .ok_or_else(|| CertificateError::Malformed("empty certificate chain".into()))?;
    let leaf = X509::from_der(leaf).map_err(openssl)?;
    let mut untrusted = Stack::new().map_err(openssl)?;
    for der in intermediates {
        untrusted
            .push(X509::from_der(der).map_err(openssl)?)
            .map_err(openssl)?;
    }
    let mut store = X509StoreBuilder::new().map_err(openssl)?;
    for der in anchors {
        store
            .add_cert(X509::from_der(der).map_err(openssl)?)
            .map_err(openssl)?;
    }
    let mut param = X509VerifyParam::new().map_err(openssl)?;
    // Our clock, never the wall clock: sets X509_V_FLAG_USE_CHECK_TIME.
    param.set_time(now.unix_timestamp());
    // Intermediates allowed between the leaf and the trusted CA.
    param.set_depth(i32::try_from(MAX_CHAIN_LENGTH - 1).unwrap_or(0));
    // Every configured CA is a trust anchor, self-signed or not (as `trusted_cas` promises).
    param
        .set_flags(X509VerifyFlags::PARTIAL_CHAIN)
        .map_err(openssl)?;
    if usage == Usage::Authentication {
        // Leaf and intermediates: an ExtendedKeyUsage, when present, must allow clientAuth.
        param
            .set_purpose(X509PurposeId::SSL_CLIENT)
            .map_err(openssl)?;
    }
    store.set_param(&param).map_err(openssl)?;
    let store = store.build();

    let mut context = X509StoreContext::new().map_err(openssl)?;
    let outcome = context
        .init(&store, &leaf, &untrusted, |c| {
            if c.verify_cert()? {
                let mut path = Vec::new();
                for cert in c.chain().into_iter().flatten() {
                    path.push(cert.to_der()?);
                }
                return Ok(Ok(path));
            }
            Ok(Err(Refusal {
                code: c.error().as_raw(),
                text: c.error().error_string(),
                at: c.current_cert().and_then(|cert| cert.to_der().ok()),
            }))
        })
        .map_err(openssl)?;
    let path = outcome.map_err(|why| refusal(&why, anchors, usage))?;
    if let Some(stray) = presented
        .iter()
        .position(|der| !path.iter().any(|on| on == der))
    {
        return Err(CertificateError::BadChainSignature(format!(
            "certificate {} of the chain is not on the path to a trusted authority",
            stray + 1
        )));
    }
    Ok(path)
}

/// The [`CertificateError`] for OpenSSL's reason (`X509_V_ERR_*`, see
/// `openssl-verify(1)`, "Diagnostics").
fn refusal(why: &Refusal, anchors: &[Vec<u8>], usage: Usage) -> CertificateError {
    match why.code {
        ffi::X509_V_ERR_CERT_NOT_YET_VALID => CertificateError::NotYetValid,
        ffi::X509_V_ERR_CERT_HAS_EXPIRED => CertificateError::Expired,
        ffi::X509_V_ERR_CERT_REVOKED => CertificateError::Revoked,
        ffi::X509_V_ERR_INVALID_PURPOSE => CertificateError::WrongUsage(usage.as_str()),
        ffi::X509_V_ERR_INVALID_CA | ffi::X509_V_ERR_KEYUSAGE_NO_CERTSIGN => {
            CertificateError::IssuerNotACertificateAuthority
        }
        ffi::X509_V_ERR_PATH_LENGTH_EXCEEDED => CertificateError::PathLengthExceeded,
        ffi::X509_V_ERR_PERMITTED_VIOLATION
        | ffi::X509_V_ERR_EXCLUDED_VIOLATION
        | ffi::X509_V_ERR_SUBTREE_MINMAX
        | ffi::X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE
        | ffi::X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX
        | ffi::X509_V_ERR_UNSUPPORTED_NAME_SYNTAX => CertificateError::NameConstraintViolated,
        ffi::X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION => {
            CertificateError::Malformed("unsupported critical extension".into())
        }
        ffi::X509_V_ERR_CERT_CHAIN_TOO_LONG => CertificateError::Malformed(format!(
            "chain longer than {MAX_CHAIN_LENGTH} certificates"
        )),
        ffi::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
        | ffi::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        | ffi::X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | ffi::X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | ffi::X509_V_ERR_CERT_UNTRUSTED => {
            if names_a_trusted_issuer(why.at.as_deref(), anchors) {
                CertificateError::BadChainSignature("not signed by the trusted CA's key".into())
            } else {
                CertificateError::UntrustedIssuer
            }
        }
        _ => CertificateError::BadChainSignature(why.text.to_owned()),
    }
}

/// Whether `cert` names a trusted CA as its issuer (a rogue CA reusing a trusted name).
fn names_a_trusted_issuer(cert: Option<&[u8]>, anchors: &[Vec<u8>]) -> bool {
    let Some(Ok(cert)) = cert.map(parse_cert) else {
        return false;
    };
    anchors
        .iter()
        .filter_map(|der| parse_cert(der).ok())
        .any(|ca| same_name(cert.issuer(), ca.subject()))
}
