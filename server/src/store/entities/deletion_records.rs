//! The `deletion_records` table.

use sea_orm::entity::prelude::*;

/// A row of `deletion_records`: the legally required trace of a deletion (what, under which
/// rule, by whom, when, what was kept), with no personal data of what was deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deletion_records")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: String,
    /// `dossier`, `profile`, `devices`, ...
    pub object_kind: String,
    pub object_id: String,
    pub procedure_id: Option<String>,
    /// The object's state when deleted (a dossier's status).
    pub state: Option<String>,
    /// Why: `retention:<procedure>:<state>:<days>d`, `holder-request`, `account-closure`.
    pub rule: String,
    /// `platform` (retention job) or the person's id.
    pub deleted_by: String,
    /// What was kept and why (JSON list).
    pub kept: String,
    pub object_created_at: TimeDateTimeWithTimeZone,
    pub deleted_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
