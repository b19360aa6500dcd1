//! The `dossier_shares` table: a dossier an administrator shared with a member, with the rights given on it.

use crate::domain::ids::{DossierId, PersonId, SpaceId};
use sea_orm::entity::prelude::*;

/// A row of `dossier_shares`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_shares")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub dossier_id: DossierId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    pub space_id: SpaceId,
    /// Comma-separated right names.
    pub rights: String,
    pub shared_by: PersonId,
    pub shared_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
