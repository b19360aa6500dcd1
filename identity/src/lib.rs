//! Who a person is to guichet: certificates and the national identification number.

pub mod certificate;
mod checksum;
pub mod matricule;
#[cfg(test)]
mod register_fixture;

pub use certificate::{
    CertificateError, CertificateKind, CertifiedIdentity, KeyAlgorithm, PublicKey, SignatureError,
    TrustStore, TrustStoreError, Usage, parse_pem_chain,
};
#[cfg(feature = "mint")]
pub use certificate::{DevCa, MintError, MintedCertificate, PersonCredentials, PersonSpec, sign};
pub use matricule::{Matricule, MatriculeError};
