//! The `organisations` table: the organisation a professional space acts for.

use crate::domain::ids::SpaceId;
use sea_orm::entity::prelude::*;

/// A row of `organisations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub space_id: SpaceId,
    pub name: String,
    pub legal_form: String,
    pub rcs_number: Option<String>,
    pub vat_number: Option<String>,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub locality: String,
    pub country: String,
    pub email: String,
    pub phone: String,
    /// Comma-separated fields fixed by the Pro certificate.
    pub locked_fields: String,
    pub version: i32,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
