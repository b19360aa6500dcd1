//! The `communications` table: a document or letter delivered into a space ("my communications").

use crate::domain::{
    communications::{Kind, State},
    ids::{AdministrationId, AgentId, CommunicationId, DocumentNumber, DossierId, SpaceId},
};
use sea_orm::entity::prelude::*;

/// A row of `communications`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "communications")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CommunicationId,
    pub space_id: SpaceId,
    pub kind: Kind,
    pub administration_id: AdministrationId,
    pub dossier_id: Option<DossierId>,
    pub document_number: Option<DocumentNumber>,
    pub key_id: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub language: String,
    pub file_name: Option<String>,
    pub media_type: Option<String>,
    pub size: Option<i64>,
    pub sha256: Option<String>,
    pub seal_text: Option<String>,
    pub status: State,
    pub revoked_reason: Option<String>,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    pub revoked_by: Option<AgentId>,
    pub superseded_by: Option<DocumentNumber>,
    pub issuance_job_id: Option<String>,
    pub delivered_at: TimeDateTimeWithTimeZone,
    pub read_at: Option<TimeDateTimeWithTimeZone>,
    pub verification_code_hash: Option<String>,
    pub revocation_code: Option<String>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
