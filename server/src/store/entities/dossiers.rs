//! The `dossiers` table: a dossier.

use sea_orm::entity::prelude::*;

/// A row of `dossiers`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossiers")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: String,
    pub procedure_id: String,
    pub procedure_version: i32,
    pub administration_id: String,
    pub status: String,
    pub outcome: Option<String>,
    pub channel: String,
    pub data: String,
    pub created_by_kind: String,
    pub created_by_id: String,
    pub acting_person_id: Option<String>,
    pub assigned_agent_id: Option<String>,
    pub signed_digest: Option<String>,
    pub signature_base64: Option<String>,
    pub signature_certificate: Option<String>,
    pub signed_at: Option<TimeDateTimeWithTimeZone>,
    pub transmitted_at: Option<TimeDateTimeWithTimeZone>,
    pub revision: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
