//! The `issuance_jobs` table: the durable queue of documents to issue (one per dossier).

use crate::domain::ids::{CommunicationId, DossierId};
use sea_orm::entity::prelude::*;

/// A row of `issuance_jobs`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issuance_jobs")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub dossier_id: DossierId,
    pub document_type: String,
    pub status: crate::jobs::JobState,
    pub attempts: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    pub done_at: Option<TimeDateTimeWithTimeZone>,
    pub last_error: Option<String>,
    pub communication_id: Option<CommunicationId>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
