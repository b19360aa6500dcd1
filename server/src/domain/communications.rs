//! "My communications": documents and letters an administration delivers into a space, and the
//! state of an issued document (valid, revoked, superseded).

use super::ids::{AdministrationId, AgentId, CommunicationId, DocumentNumber, DossierId, SpaceId};
use std::fmt;
use time::OffsetDateTime;

/// Kinds of communication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The sealed criminal record extract.
    CriminalRecordExtract,
    /// The sealed certificate of residence.
    ResidenceCertificate,
    /// A letter from an administration (text, and a file if it sends one).
    Letter,
    /// The receipt of a fee paid online (a PDF, not sealed).
    PaymentReceipt,
    /// The sealed letter of a professional space's certification codes.
    CertificationCodes,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Self; 5] = [
        Self::CriminalRecordExtract,
        Self::ResidenceCertificate,
        Self::Letter,
        Self::PaymentReceipt,
        Self::CertificationCodes,
    ];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CriminalRecordExtract => "criminal-record-extract",
            Self::ResidenceCertificate => "residence-certificate",
            Self::Letter => "letter",
            Self::PaymentReceipt => "payment-receipt",
            Self::CertificationCodes => "certification-codes",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of an issued document, as the public status endpoint reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Neither revoked nor replaced.
    Valid,
    /// Revoked by the issuing administration.
    Revoked,
    /// Replaced by a newer document.
    Superseded,
}

impl State {
    /// Every state.
    pub const ALL: [Self; 3] = [Self::Valid, Self::Revoked, Self::Superseded];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Revoked => "revoked",
            Self::Superseded => "superseded",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the issuing administration may still revoke it: anything not revoked yet (a
    /// superseded document too, e.g. one obtained by fraud).
    pub fn revocable(self) -> bool {
        self != Self::Revoked
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The file delivered with a communication, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// File name shown to the holder.
    pub name: String,
    /// Media type.
    pub media_type: String,
    /// Size, bytes.
    pub size: i64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// A communication as kept, without its file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Id.
    pub id: CommunicationId,
    /// The space it was delivered into.
    pub space_id: SpaceId,
    /// What it is.
    pub kind: Kind,
    /// The sending administration.
    pub administration_id: AdministrationId,
    /// The dossier it answers, if any.
    pub dossier_id: Option<DossierId>,
    /// The seal's document number, for sealed documents.
    pub document_number: Option<DocumentNumber>,
    /// Title shown in the list.
    pub title: String,
    /// The letter's text.
    pub body: Option<String>,
    /// The language it is written in (two-letter code).
    pub language: String,
    /// Its file, if it has one.
    pub file: Option<FileInfo>,
    /// Valid, revoked or superseded.
    pub state: State,
    /// Why it was revoked.
    pub revoked_reason: Option<String>,
    /// Who revoked it.
    pub revoked_by: Option<AgentId>,
    /// The number of the document that replaced it.
    pub superseded_by: Option<DocumentNumber>,
    /// When delivered.
    pub delivered_at: OffsetDateTime,
    /// When first read.
    pub read_at: Option<OffsetDateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_round_trip_and_only_a_revoked_document_stays_revoked() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
            assert_eq!(s.revocable(), s != State::Revoked);
        }
        assert_eq!(Kind::parse("parcel"), None);
    }
}

/// How one notice went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// `mail` or `push`.
    pub channel: &'static str,
    /// The job's state ([`crate::jobs::JobState`]): `queued`, `retrying`, `sent` (mail handed
    /// to the relay), `kept` (mail kept in the local folder), `accepted` (by the push service),
    /// `failed`, `gone` (the device's subscription ended), `cancelled`.
    pub status: String,
    /// Attempts made.
    pub attempts: i32,
    /// When the next attempt is due, while one is.
    pub next_attempt_at: Option<time::OffsetDateTime>,
    /// When it left.
    pub sent_at: Option<time::OffsetDateTime>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The device's label, for a push.
    pub device: Option<String>,
}
