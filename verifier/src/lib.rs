//! guichet-verifier: checks the QR seal on documents issued by guichet, offline.
//!
//! - [`seal`]: the seal format (`GC1:` + base45 of a COSE_Sign1 over CWT claims, Ed25519);
//!   with feature `issue`, [`seal::Issuer::seal`] signs claims.
//! - [`trust`]: the anchor-signed list of issuer keys, and its offline cache; with feature
//!   `issue`, [`trust::TrustList::sign`].
//! - [`revocation`]: the anchor-signed list of revoked documents, its freshness and offline
//!   cache; with feature `issue`, [`revocation::RevocationList::sign`].
//! - [`checkpoint`]: signed access-log checkpoints (chain heads) of the platform; with
//!   feature `issue`, [`checkpoint::AccessCheckpoint::sign`].
//! - [`verify`]: [`verify::verify_text`], [`verify::verify_pdf`], [`verify::verify_image`]
//!   give a [`verify::Verification`]: valid, or invalid with a precise [`verify::Reason`].
//! - [`pdf`], [`photo`]: reading the seal (and the content digest) out of a PDF or a photo.
//! - with feature `cli` (default), [`cli`]: the `guichet-verify` command line, callable
//!   in-process with [`cli::run_with`].
//!
//! Time is always a parameter (`now`); nothing here reads the clock.

pub mod checkpoint;
pub mod checkpoint_keys;
#[cfg(feature = "cli")]
pub mod cli;
pub mod pdf;
pub mod photo;
pub mod revocation;
pub mod seal;
pub mod trust;
pub mod verify;
