//! The `certification_codes` table: a code the social security centre sent, as an Argon2id hash.

use crate::domain::ids::{DossierId, SpaceId};
use sea_orm::entity::prelude::*;

/// A row of `certification_codes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certification_codes")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: SpaceId,
    pub dossier_id: DossierId,
    pub employer_number: String,
    pub domain: String,
    pub kind: String,
    pub mandatary_matricule: Option<String>,
    pub mandatary_name: Option<String>,
    pub code_hash: String,
    pub security_hash: Option<String>,
    pub used_at: Option<TimeDateTimeWithTimeZone>,
    pub voided_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
