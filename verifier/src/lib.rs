//! guichet-verifier: checks the QR seal on documents issued by guichet, offline.

pub mod pdf;
pub mod photo;
pub mod seal;
pub mod trust;
pub mod verify;
