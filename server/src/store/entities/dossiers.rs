//! The `dossiers` table: a dossier.

use crate::domain::{
    dossiers::{Channel, Outcome, Status},
    ids::{AdministrationId, AgentId, DossierId, PersonId, SpaceId},
    rights::ActorKind,
};
use sea_orm::entity::prelude::*;

/// A row of `dossiers`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossiers")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: DossierId,
    pub space_id: SpaceId,
    pub procedure_id: String,
    pub procedure_version: i32,
    pub administration_id: AdministrationId,
    pub status: Status,
    pub outcome: Option<Outcome>,
    pub channel: Channel,
    pub data: String,
    pub created_by_kind: ActorKind,
    pub created_by_id: String,
    pub acting_person_id: Option<PersonId>,
    pub assigned_agent_id: Option<AgentId>,
    pub signed_digest: Option<String>,
    pub signature_base64: Option<String>,
    pub signature_certificate: Option<String>,
    pub signed_at: Option<TimeDateTimeWithTimeZone>,
    pub transmitted_at: Option<TimeDateTimeWithTimeZone>,
    pub revision: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub mandate_id: Option<String>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
