//! The `data_export_archives` table.

use sea_orm::entity::prelude::*;

/// A row of `data_export_archives`: the ZIP of a prepared export (kept apart so that reading an
/// export's state never loads it).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_export_archives")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub export_id: String,
    pub content: Vec<u8>,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
