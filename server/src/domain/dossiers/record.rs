//! What is kept of a dossier: the dossier itself, its timeline, its files, its messages.

use super::{Channel, Outcome, Side, Status};
use crate::domain::ids::{
    AdministrationId, AgentId, AttachmentId, DossierId, MessageFileId, MessageId, PersonId,
    SpaceId, UploadId,
};
use crate::domain::rights::ActorKind;
use time::OffsetDateTime;

/// A dossier as kept: its state, its form data (JSON text) and its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRecord {
    /// Id.
    pub id: DossierId,
    /// The space it belongs to.
    pub space_id: SpaceId,
    /// The procedure.
    pub procedure_id: String,
    /// The procedure version it keeps.
    pub procedure_version: i32,
    /// The competent administration.
    pub administration_id: AdministrationId,
    /// Where it stands.
    pub status: Status,
    /// How it ended, once closed.
    pub outcome: Option<Outcome>,
    /// How it reached the administration.
    pub channel: Channel,
    /// The form data, a JSON object as text.
    pub data: String,
    /// Who started it: kind.
    pub created_by_kind: ActorKind,
    /// Who started it: the person's or the agent's id.
    pub created_by_id: String,
    /// The person acting online (none for a paper request).
    pub acting_person_id: Option<PersonId>,
    /// The agent it is assigned to.
    pub assigned_agent_id: Option<AgentId>,
    /// The signed digest.
    pub signed_digest: Option<String>,
    /// The signature, base64.
    pub signature_base64: Option<String>,
    /// SHA-256 fingerprint of the signature certificate.
    pub signature_certificate: Option<String>,
    /// When signed.
    pub signed_at: Option<OffsetDateTime>,
    /// When transmitted.
    pub transmitted_at: Option<OffsetDateTime>,
    /// Increases with every change.
    pub revision: i32,
    /// When started.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// The mandate it was started under, when a mandatary filed it for the space's employer.
    pub mandate_id: Option<String>,
}

impl DossierRecord {
    /// What a grant's reach is checked against.
    pub fn scope(&self) -> crate::domain::rights::DossierScope<'_> {
        crate::domain::rights::DossierScope {
            id: &self.id,
            space: &self.space_id,
            procedure: &self.procedure_id,
            administration: &self.administration_id,
            transmitted: self.transmitted_at.is_some(),
        }
    }
}

/// An entry of a dossier's timeline (never changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub at: OffsetDateTime,
    /// Who: kind.
    pub actor_kind: ActorKind,
    /// Who: the person's or the agent's id.
    pub actor_id: String,
    /// Who: their role in the space they acted in (none for agents and the operator).
    pub actor_role: Option<crate::domain::rights::Role>,
    /// The status before (none for the first entry).
    pub from_status: Option<Status>,
    /// The status after.
    pub to_status: Status,
    /// Why.
    pub reason: Option<String>,
}

/// A supporting document, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Id.
    pub id: AttachmentId,
    /// The procedure's file field.
    pub field: String,
    /// The file name given.
    pub filename: String,
    /// The media type, read from the bytes.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
    /// When.
    pub uploaded_at: OffsetDateTime,
}

/// The bytes of a file, with what a download tells about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    /// The media type.
    pub media_type: String,
    /// Lowercase hex SHA-256.
    pub sha256: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A resumable upload: announced, then filled chunk by chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Id.
    pub id: UploadId,
    /// The dossier.
    pub dossier_id: DossierId,
    /// The procedure's file field.
    pub field: String,
    /// The file name.
    pub filename: String,
    /// The declared media type.
    pub media_type: String,
    /// The announced size.
    pub size: i64,
    /// The announced SHA-256, lowercase hex.
    pub sha256: String,
    /// Bytes received so far.
    pub received: i64,
    /// The bytes received.
    pub content: Vec<u8>,
}

/// A message about a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Id.
    pub id: MessageId,
    /// The side it comes from.
    pub sender: Side,
    /// The sender's id (person or agent).
    pub sender_id: String,
    /// The sender's role in the space (none for an agent).
    pub sender_role: Option<crate::domain::rights::Role>,
    /// The text.
    pub body: String,
    /// When sent.
    pub sent_at: OffsetDateTime,
    /// When the other side read it.
    pub read_at: Option<OffsetDateTime>,
}

/// A file sent with a message, with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageFile {
    /// The file name.
    pub filename: String,
    /// The media type, read from the bytes.
    pub media_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A file sent with a message, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageFileInfo {
    /// Id.
    pub id: MessageFileId,
    /// The message.
    pub message_id: MessageId,
    /// The file name.
    pub filename: String,
    /// The media type, read from the bytes.
    pub media_type: String,
    /// Size, bytes.
    pub size: i64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}
