//! The `postal_letters` table: letters the operator prints and posts.

use crate::domain::ids::SpaceId;
use sea_orm::entity::prelude::*;

/// A row of `postal_letters`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "postal_letters")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: SpaceId,
    pub administration_id: String,
    pub domain: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub file_name: Option<String>,
    pub content: Option<Vec<u8>>,
    pub communication_id: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub printed_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
