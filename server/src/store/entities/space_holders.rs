//! The `space_holders` table.

use crate::domain::{
    ids::{PersonId, SpaceId},
    rights::Role,
};
use sea_orm::entity::prelude::*;

/// A row of `space_holders`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "space_holders")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub space_id: SpaceId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    pub role: Role,
    pub added_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
