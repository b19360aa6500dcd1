//! The `register_people` table.

use sea_orm::entity::prelude::*;

/// A row of `register_people`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_people")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub matricule: String,
    pub family_name: String,
    pub given_names: String,
    pub sex: String,
    pub birth_date: String,
    pub birth_place: String,
    pub nationality: String,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub locality: String,
    pub country: String,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
