//! The `member_rights` table: the rights an administrator gave a member, per procedure (`*`: every one).

use crate::domain::ids::{PersonId, SpaceId};
use sea_orm::entity::prelude::*;

/// A row of `member_rights`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "member_rights")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub space_id: SpaceId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub procedure_id: String,
    /// Comma-separated right names.
    pub rights: String,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
