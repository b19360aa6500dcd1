//! The `space_limits` table: a person's professional space limit, as the helpdesk raised it.

use crate::domain::ids::PersonId;
use sea_orm::entity::prelude::*;

/// A row of `space_limits`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "space_limits")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    pub max_spaces: i32,
    pub set_by: String,
    pub reason: String,
    pub set_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
