//! Who a person is to guichet: certificates and the national identification number.
//!
//! - [`Matricule`]: the 13-digit national identification number (date, serial,
//!   Luhn and Verhoeff check digits).
//! - [`TrustStore::verify`]: checks a LuxTrust / eID style certificate chain for a
//!   [`Usage`] at a given time and returns the [`CertifiedIdentity`]; its
//!   [`PublicKey`] then checks what the holder signs (e.g. a sign-in challenge).
//! - Feature `mint`: [`DevCa`] mints such certificates and revocation lists for tests
//!   and demos, and [`sign`] answers a challenge as a client would.
//!
//! ```
//! # #[cfg(feature = "mint")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use guichet_identity::*;
//! use time::macros::datetime;
//!
//! let now = datetime!(2026-06-01 9:00 UTC);
//! let ca = DevCa::generate("example CA", now)?;
//! let marie = ca.mint_person(&PersonSpec {
//!     matricule: Matricule::parse("1984031204237")?,
//!     given_names: "Marie".into(),
//!     family_name: "Schmit".into(),
//!     kind: CertificateKind::Private,
//!     not_before: now,
//!     not_after: datetime!(2029-06-01 0:00 UTC),
//!     algorithm: KeyAlgorithm::Ed25519,
//! })?;
//!
//! // Server side: trust the CA, verify the presented chain, then the challenge answer.
//! let store = TrustStore::from_pem(ca.cert_pem())?;
//! let who = store.verify_pem(&marie.authentication.cert_pem, Usage::Authentication, now)?;
//! assert_eq!(who.matricule.as_str(), "1984031204237");
//! let answer = sign(&marie.authentication.key_pem, b"challenge-1234")?;
//! who.public_key.verify(b"challenge-1234", &answer)?;
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "mint"))]
//! # fn main() {}
//! ```

pub mod certificate;
mod checksum;
pub mod matricule;
#[cfg(test)]
mod register_fixture;

pub use certificate::{
    CertificateError, CertificateKind, CertifiedIdentity, CrlUpdate, KeyAlgorithm, PublicKey,
    SignatureError, TrustStore, TrustStoreError, Usage, parse_pem_chain,
};
#[cfg(feature = "mint")]
pub use certificate::{DevCa, MintError, MintedCertificate, PersonCredentials, PersonSpec, sign};
pub use matricule::{Matricule, MatriculeError};
