//! The `space_invitations` table: an invitation to a collaborative space (the link's token is stored only as its SHA-256).

use crate::domain::{
    ids::{PersonId, SpaceId},
    rights::Role,
};
use sea_orm::entity::prelude::*;

/// A row of `space_invitations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "space_invitations")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: SpaceId,
    pub token_hash: String,
    pub email: String,
    pub matricule: Option<String>,
    pub role: Role,
    /// JSON: the member rights given on acceptance.
    pub rights: String,
    pub invited_by: PersonId,
    pub language: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub expires_at: TimeDateTimeWithTimeZone,
    pub accepted_by: Option<PersonId>,
    pub accepted_at: Option<TimeDateTimeWithTimeZone>,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
