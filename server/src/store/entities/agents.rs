//! The `agents` table: an agent of an administration.

use crate::domain::ids::{AdministrationId, AgentId};
use sea_orm::entity::prelude::*;

/// A row of `agents`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agents")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AgentId,
    pub matricule: String,
    pub administration_id: AdministrationId,
    pub role: String,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
