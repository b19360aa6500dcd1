//! Tests of certificate verification against certificates minted by a development CA.

mod chain;
mod hardening;
mod path;
mod revocation;
mod signatures;

use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use super::*;
pub(super) use crate::matricule::MatriculeError;

/// "Now" in every test: certificates below are valid from 2026-01-01 to 2028-01-01.
pub(super) const NOW: OffsetDateTime = datetime!(2026-06-15 12:00 UTC);

pub(super) fn ca() -> DevCa {
    DevCa::generate("guichet test CA", NOW - Duration::days(30)).unwrap()
}

pub(super) fn marie() -> Matricule {
    Matricule::from_parts(date!(1984 - 03 - 12), 42)
}

pub(super) fn spec(algorithm: KeyAlgorithm, kind: CertificateKind) -> PersonSpec {
    PersonSpec {
        matricule: marie(),
        given_names: "Marie".into(),
        family_name: "Schmit".into(),
        kind,
        not_before: datetime!(2026-01-01 0:00 UTC),
        not_after: datetime!(2028-01-01 0:00 UTC),
        algorithm,
    }
}

pub(super) fn store(ca: &DevCa) -> TrustStore {
    TrustStore::from_pem(ca.cert_pem()).unwrap()
}

pub(super) fn chain(cert: &MintedCertificate) -> Vec<Vec<u8>> {
    vec![cert.cert_der.clone()]
}
