//! The `spaces` table.

use crate::domain::{
    ids::{PersonId, SpaceId},
    spaces::SpaceKind,
};
use sea_orm::entity::prelude::*;

/// A row of `spaces`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "spaces")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: SpaceId,
    pub kind: SpaceKind,
    pub name: String,
    pub private_owner_id: Option<PersonId>,
    pub collaborative: bool,
    /// SHA-256 fingerprint of the certificate the space was created with (professional spaces).
    pub created_with: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
