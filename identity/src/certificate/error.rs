//! Errors of certificate verification, revocation lists and signatures.

use crate::matricule::MatriculeError;

/// Why a certificate chain was refused. Variants are stable: the API maps each
/// one to a problem type (see [`CertificateError::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// The input is not a well-formed X.509 certificate chain (bad PEM/DER, empty,
    /// too long, unsupported key algorithm).
    #[error("malformed certificate: {0}")]
    Malformed(String),
    /// The chain does not lead to a certificate authority this server trusts.
    #[error("the certificate was not issued by a trusted authority")]
    UntrustedIssuer,
    /// A signature in the chain does not verify, a presented certificate is not on the
    /// path, or path validation failed for another reason (OpenSSL's text).
    #[error("a signature in the certificate chain does not verify: {0}")]
    BadChainSignature(String),
    /// A certificate below a trusted CA signed another one without being a CA
    /// (basicConstraints cA=FALSE or absent, or keyUsage without keyCertSign).
    #[error("a certificate in the chain is not a certificate authority")]
    IssuerNotACertificateAuthority,
    /// More intermediate CAs follow a CA than its pathLenConstraint allows (RFC 5280 §4.2.1.9).
    #[error("the chain has more intermediate authorities than allowed")]
    PathLengthExceeded,
    /// A certificate's name lies outside what a CA above it may certify (RFC 5280
    /// §4.2.1.10 name constraints), or a constraint cannot be evaluated.
    #[error("the certificate names someone its authority may not certify")]
    NameConstraintViolated,
    /// A certificate in the chain is not valid yet at the given time.
    #[error("the certificate is not valid yet")]
    NotYetValid,
    /// A certificate in the chain has expired at the given time.
    #[error("the certificate has expired")]
    Expired,
    /// A certificate in the chain is listed on its issuer's revocation list.
    #[error("the certificate has been revoked")]
    Revoked,
    /// The certificate's key usage / extended key usage does not allow the requested use.
    #[error("the certificate may not be used for {0}")]
    WrongUsage(&'static str),
    /// The subject lacks the holder's identity (serialNumber, givenName or surname).
    #[error("the certificate does not name its holder: missing {0}")]
    MissingIdentity(&'static str),
    /// The subject's serialNumber is not a valid national identification number.
    #[error("the certificate's national identification number is invalid: {0}")]
    InvalidMatricule(MatriculeError),
}

impl CertificateError {
    /// A stable machine-readable code, e.g. for an RFC 9457 problem type.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "certificate-malformed",
            Self::UntrustedIssuer => "certificate-untrusted-issuer",
            Self::BadChainSignature(_) => "certificate-bad-chain-signature",
            Self::IssuerNotACertificateAuthority => "certificate-issuer-not-a-ca",
            Self::PathLengthExceeded => "certificate-path-length-exceeded",
            Self::NameConstraintViolated => "certificate-name-constraint-violated",
            Self::NotYetValid => "certificate-not-yet-valid",
            Self::Expired => "certificate-expired",
            Self::Revoked => "certificate-revoked",
            Self::WrongUsage(_) => "certificate-wrong-usage",
            Self::MissingIdentity(_) => "certificate-missing-identity",
            Self::InvalidMatricule(_) => "certificate-invalid-matricule",
        }
    }
}

/// Why a certificate authority or a revocation list was not added to a [`super::TrustStore`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustStoreError {
    /// The input is not a well-formed PEM/DER certificate or CRL.
    #[error("malformed input: {0}")]
    Malformed(String),
    /// A certificate given as a trust anchor is not a CA (basicConstraints cA=TRUE).
    #[error("the certificate is not a certificate authority")]
    NotACertificateAuthority,
    /// The revocation list's issuer is not one of the trusted CAs.
    #[error("the revocation list was not issued by a trusted authority")]
    UntrustedCrlIssuer,
    /// The revocation list's signature does not verify against its issuer's key.
    #[error("the revocation list's signature does not verify")]
    BadCrlSignature,
}

/// Why a signature made with a certified key was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The signature bytes have the wrong length or encoding for the key's algorithm.
    #[error("the signature is not well formed")]
    Malformed,
    /// The signature does not match the message and key.
    #[error("the signature does not verify")]
    Invalid,
}
