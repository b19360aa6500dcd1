//! The trust store: CAs the server trusts, their revocation lists, and chain verification.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;
use x509_parser::revocation_list::CertificateRevocationList;

use super::chain::{NameKey, check_extensions, name_key, parse_cert, same_name, serial_hex};
use super::pem::der_from_pem_or_der;
use super::subject::{check_usage, identity};
use super::{CertificateError, CertifiedIdentity, PublicKey, TrustStoreError, Usage};

/// Most certificates a presented chain may hold: the leaf and up to two intermediates
/// (a trusted CA appended at the end is ignored and not counted).
pub const MAX_CHAIN_LENGTH: usize = 3;

/// What [`TrustStore::add_crl`] did with a verified revocation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrlUpdate {
    /// First list for this issuer.
    Installed,
    /// Replaced an older (or same-dated) list from the same issuer.
    Replaced,
    /// Ignored: the store already holds a newer list from this issuer.
    KeptNewer,
}

#[derive(Debug, Clone)]
struct Anchor {
    der: Vec<u8>,
}

#[derive(Debug, Clone)]
struct Crl {
    issuer_dn: String,
    this_update: OffsetDateTime,
    next_update: Option<OffsetDateTime>,
    revoked_serials: HashSet<String>,
}

/// Trusted certificate authorities and their current revocation lists.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Anchor>,
    /// Keyed by the issuer's distinguished name.
    crls: HashMap<NameKey, Crl>,
}

impl TrustStore {
    /// An empty store: trusts nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store trusting every CA certificate in `pem` (one or more `CERTIFICATE` blocks).
    pub fn from_pem(pem: &str) -> Result<Self, TrustStoreError> {
        let mut store = Self::new();
        store.add_ca_pem(pem)?;
        Ok(store)
    }

    /// Trusts every CA certificate in `pem`; returns how many were added.
    pub fn add_ca_pem(&mut self, pem: &str) -> Result<usize, TrustStoreError> {
        let chain =
            super::parse_pem_chain(pem).map_err(|e| TrustStoreError::Malformed(e.to_string()))?;
        for der in &chain {
            self.add_ca_der(der)?;
        }
        Ok(chain.len())
    }

    /// Trusts one DER CA certificate. It must carry basicConstraints cA=TRUE.
    pub fn add_ca_der(&mut self, der: &[u8]) -> Result<(), TrustStoreError> {
        let cert = parse_cert(der).map_err(TrustStoreError::Malformed)?;
        if !cert.is_ca() {
            return Err(TrustStoreError::NotACertificateAuthority);
        }
        if !self.anchors.iter().any(|a| a.der == der) {
            self.anchors.push(Anchor { der: der.to_vec() });
        }
        Ok(())
    }

    /// How many CAs are trusted.
    pub fn ca_count(&self) -> usize {
        self.anchors.len()
    }

    /// Installs a revocation list (PEM `X509 CRL` or DER) after checking it is signed by
    /// a trusted CA. Per issuer, a list replaces the one held if its thisUpdate is the
    /// same or later; an older list is ignored ([`CrlUpdate::KeptNewer`]).
    pub fn add_crl(&mut self, pem_or_der: &[u8]) -> Result<CrlUpdate, TrustStoreError> {
        let der =
            der_from_pem_or_der(pem_or_der, "X509 CRL").map_err(TrustStoreError::Malformed)?;
        let (rest, crl) = CertificateRevocationList::from_der(&der)
            .map_err(|e| TrustStoreError::Malformed(e.to_string()))?;
        if !rest.is_empty() {
            return Err(TrustStoreError::Malformed(
                "trailing bytes after CRL".into(),
            ));
        }
        let mut issuer_known = false;
        let mut verified = false;
        for anchor in &self.anchors {
            let Ok(ca) = parse_cert(&anchor.der) else {
                continue;
            };
            if same_name(crl.issuer(), ca.subject()) {
                issuer_known = true;
                if may_sign_crls(&ca) && crl.verify_signature(ca.public_key()).is_ok() {
                    verified = true;
                    break;
                }
            }
        }
        if !issuer_known {
            return Err(TrustStoreError::UntrustedCrlIssuer);
        }
        if !verified {
            return Err(TrustStoreError::BadCrlSignature);
        }
        let this_update = crl.last_update().to_datetime();
        let next_update = crl.next_update().map(|t| t.to_datetime());
        let revoked_serials = crl
            .iter_revoked_certificates()
            .map(|r| serial_hex(r.raw_serial()))
            .collect();
        let key = name_key(crl.issuer());
        let issuer_dn = crl.issuer().to_string();
        let update = match self.crls.get(&key) {
            Some(held) if held.this_update > this_update => return Ok(CrlUpdate::KeptNewer),
            Some(_) => CrlUpdate::Replaced,
            None => CrlUpdate::Installed,
        };
        self.crls.insert(
            key,
            Crl {
                issuer_dn,
                this_update,
                next_update,
                revoked_serials,
            },
        );
        Ok(update)
    }

    /// Issuers (RFC 4514 names) whose installed revocation list is past its nextUpdate
    /// at `now`: the operator should fetch newer lists. Verification keeps using them.
    pub fn stale_crl_issuers(&self, now: OffsetDateTime) -> Vec<String> {
        let mut stale: Vec<String> = self
            .crls
            .values()
            .filter(|crl| crl.next_update.is_some_and(|next| next < now))
            .map(|crl| crl.issuer_dn.clone())
            .collect();
        stale.sort();
        stale
    }

    /// [`TrustStore::verify`] for a PEM chain (leaf first), see [`super::parse_pem_chain`].
    pub fn verify_pem(
        &self,
        pem: &str,
        usage: Usage,
        now: OffsetDateTime,
    ) -> Result<CertifiedIdentity, CertificateError> {
        self.verify(&super::parse_pem_chain(pem)?, usage, now)
    }

    /// Verifies a person's certificate chain (DER, leaf first, then any intermediates)
    /// for `usage` at time `now`, and returns the identity it certifies.
    ///
    /// Checks, in order: parsing (at most [`MAX_CHAIN_LENGTH`] certificates), then
    /// the path to a trusted CA by OpenSSL (RFC 5280 §6: signatures, basicConstraints
    /// and path length, name constraints, keyCertSign, extended key usage of the chain
    /// for authentication, unknown critical extensions, validity of every certificate
    /// at `now`), the leaf's key usage, revocation of every certificate on the path by
    /// the installed lists, and the subject's identity and matricule.
    pub fn verify(
        &self,
        chain: &[Vec<u8>],
        usage: Usage,
        now: OffsetDateTime,
    ) -> Result<CertifiedIdentity, CertificateError> {
        let mut ders: Vec<&[u8]> = chain.iter().map(Vec::as_slice).collect();
        if ders.len() > 1
            && ders
                .last()
                .is_some_and(|last| self.anchors.iter().any(|a| a.der == *last))
        {
            ders.pop();
        }
        let Some(leaf_der) = ders.first().copied() else {
            return Err(CertificateError::Malformed(
                "empty certificate chain".into(),
            ));
        };
        if ders.len() > MAX_CHAIN_LENGTH {
            return Err(CertificateError::Malformed(format!(
                "chain longer than {MAX_CHAIN_LENGTH} certificates"
            )));
        }
        let certs = ders
            .iter()
            .map(|der| parse_cert(der))
            .collect::<Result<Vec<_>, _>>()
            .map_err(CertificateError::Malformed)?;

        for cert in &certs {
            check_extensions(cert)?;
        }
        let anchors: Vec<Vec<u8>> = self.anchors.iter().map(|a| a.der.clone()).collect();
        let path = super::path::validate(&anchors, &ders, usage, now)?;
        let leaf = &certs[0];
        check_usage(leaf, usage)?;
        // Every certificate on the validated path below the trusted CA, against the
        // list of its issuer (lists are only ever installed from trusted CAs).
        for der in path.iter().take(path.len().saturating_sub(1)) {
            let cert = parse_cert(der).map_err(CertificateError::Malformed)?;
            if let Some(crl) = self.crls.get(&name_key(cert.issuer())) {
                if crl.revoked_serials.contains(&serial_hex(cert.raw_serial())) {
                    return Err(CertificateError::Revoked);
                }
            }
        }
        let who = identity(leaf)?;
        Ok(CertifiedIdentity {
            matricule: who.matricule,
            given_names: who.given_names,
            family_name: who.family_name,
            kind: who.kind,
            usage,
            serial_hex: serial_hex(leaf.raw_serial()),
            issuer_dn: leaf.issuer().to_string(),
            fingerprint_sha256: hex::encode(Sha256::digest(leaf_der)),
            not_before: leaf.validity().not_before.to_datetime(),
            not_after: leaf.validity().not_after.to_datetime(),
            public_key: PublicKey::from_spki(leaf.public_key())?,
        })
    }
}

/// A CA may sign revocation lists unless its KeyUsage extension leaves out cRLSign.
fn may_sign_crls(ca: &X509Certificate<'_>) -> bool {
    match ca.key_usage() {
        Ok(Some(ku)) => ku.value.crl_sign(),
        Ok(None) => true,
        Err(_) => false,
    }
}
