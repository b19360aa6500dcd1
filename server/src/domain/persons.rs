//! Registered persons and the certificates that lead to them.

use super::ids::PersonId;
use std::fmt;
use time::OffsetDateTime;

/// A registered person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Id.
    pub id: PersonId,
    /// National identification number.
    pub matricule: String,
    /// Contact address given at registration.
    pub email: String,
    /// When the terms were accepted.
    pub terms_accepted_at: OffsetDateTime,
    /// When registered.
    pub created_at: OffsetDateTime,
}

/// What a certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateUsage {
    /// Signing in.
    Authentication,
    /// Signing dossiers.
    Signature,
}

impl CertificateUsage {
    /// Every usage.
    pub const ALL: [Self; 2] = [Self::Authentication, Self::Signature];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Authentication => "authentication",
            Self::Signature => "signature",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

impl From<guichet_identity::Usage> for CertificateUsage {
    fn from(u: guichet_identity::Usage) -> Self {
        match u {
            guichet_identity::Usage::Authentication => Self::Authentication,
            guichet_identity::Usage::Signature => Self::Signature,
        }
    }
}

impl fmt::Display for CertificateUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whose certificate it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateKind {
    /// A private person's.
    Private,
    /// A professional's, mandated by an organisation.
    Pro,
}

impl CertificateKind {
    /// Every kind.
    pub const ALL: [Self; 2] = [Self::Private, Self::Pro];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Pro => "pro",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for CertificateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A certificate registered to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// Id.
    pub id: String,
    /// Authentication or signature.
    pub usage: CertificateUsage,
    /// Private or pro.
    pub kind: CertificateKind,
    /// For a Pro certificate, the mandating organisation.
    pub organisation: Option<String>,
    /// SHA-256 of the certificate (hex).
    pub fingerprint: String,
    /// Issuing authority.
    pub issuer_dn: String,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// When it was registered.
    pub registered_at: OffsetDateTime,
}

/// A device of a person subscribed to web push, as its owner sees it (never its keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// Id.
    pub id: String,
    /// The push service URL.
    pub endpoint: String,
    /// The name given to the device.
    pub label: Option<String>,
    /// When it was subscribed.
    pub created_at: OffsetDateTime,
    /// When a push service last accepted a notice for it.
    pub last_accepted_at: Option<OffsetDateTime>,
}
