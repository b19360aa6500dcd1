//! The `mandates` table: a space acting for an employer in one domain (the employer's own main
//! mandate, or a mandatary's).

use crate::domain::ids::SpaceId;
use sea_orm::entity::prelude::*;

/// A row of `mandates`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mandates")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub employer_space_id: SpaceId,
    pub domain: String,
    pub kind: String,
    pub holder_space_id: SpaceId,
    pub code_id: String,
    pub created_by: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    pub revoked_by: Option<String>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
