//! The `profiles` table.

use crate::domain::ids::SpaceId;
use sea_orm::entity::prelude::*;

/// A row of `profiles`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "profiles")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub space_id: SpaceId,
    pub family_name: String,
    pub given_names: String,
    pub birth_date: String,
    pub birth_place: String,
    pub nationality: String,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub locality: String,
    pub country: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub iban: Option<String>,
    pub preferred_language: Option<String>,
    pub version: i32,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
