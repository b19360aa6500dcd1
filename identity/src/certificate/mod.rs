//! LuxTrust / eID style X.509 certificates: verification of a person's chain, and minting for tests.

mod chain;
mod error;
#[cfg(feature = "mint")]
mod mint;
mod path;
mod pem;
mod public_key;
mod subject;
mod trust;

#[cfg(test)]
#[cfg(feature = "mint")]
mod tests;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::matricule::Matricule;

pub use error::{CertificateError, SignatureError, TrustStoreError};
#[cfg(feature = "mint")]
pub use mint::{DevCa, MintError, MintedCertificate, PersonCredentials, PersonSpec, sign};
pub use pem::parse_pem_chain;
pub use public_key::{KeyAlgorithm, PublicKey};
pub use trust::{CrlUpdate, MAX_CHAIN_LENGTH, TrustStore};

/// What a certificate is used for: each person holds one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Usage {
    /// Signing in: KeyUsage digitalSignature and ExtendedKeyUsage clientAuth.
    Authentication,
    /// A legal electronic signature: KeyUsage nonRepudiation (contentCommitment).
    Signature,
}

impl Usage {
    /// A lowercase name, for messages and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Authentication => "authentication",
            Self::Signature => "signature",
        }
    }
}

/// Whether a certificate is personal, or professional on behalf of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CertificateKind {
    /// A person acting for themself.
    Private,
    /// A person mandated by an organisation, named in the subject's `O`.
    Pro {
        /// The organisation's name (subject `O`).
        organisation: String,
        /// The organisation's identifier (subject `organizationIdentifier`, 2.5.4.97), if any.
        organisation_identifier: Option<String>,
    },
}

/// The identity a verified certificate vouches for, and facts about the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedIdentity {
    /// The holder's national identification number (subject `serialNumber`).
    pub matricule: Matricule,
    /// The holder's given names (subject `givenName`).
    pub given_names: String,
    /// The holder's family name (subject `surname`).
    pub family_name: String,
    /// Private, or Pro with the mandating organisation.
    pub kind: CertificateKind,
    /// The usage that was requested and checked.
    pub usage: Usage,
    /// The certificate's serial number, lowercase hex without leading zero bytes.
    pub serial_hex: String,
    /// The issuer's distinguished name, RFC 4514 style.
    pub issuer_dn: String,
    /// SHA-256 of the leaf certificate's DER, lowercase hex.
    pub fingerprint_sha256: String,
    /// Start of the leaf certificate's validity.
    pub not_before: OffsetDateTime,
    /// End of the leaf certificate's validity.
    pub not_after: OffsetDateTime,
    /// The leaf certificate's public key, to check what the holder signs.
    pub public_key: PublicKey,
}
