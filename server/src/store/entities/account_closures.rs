//! The `account_closures` table.

use sea_orm::entity::prelude::*;

/// A row of `account_closures`: one closed account, the national identification number it had
/// (moved here from `persons`, which then carries a tombstone), and what was kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_closures")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: String,
    pub matricule: String,
    pub closed_at: TimeDateTimeWithTimeZone,
    /// JSON list of what was kept: `{kind, id, rule, until}`.
    pub kept: String,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
