//! The `procedure_versions` table: a published version of a procedure.

use sea_orm::entity::prelude::*;

/// A row of `procedure_versions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure_versions")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub procedure_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub administration_id: String,
    pub digest: String,
    pub definition: String,
    pub published_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
