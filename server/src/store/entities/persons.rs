//! The `persons` table.

use crate::domain::ids::PersonId;
use sea_orm::entity::prelude::*;

/// A row of `persons`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "persons")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PersonId,
    pub matricule: String,
    pub email: String,
    pub terms_accepted_at: TimeDateTimeWithTimeZone,
    pub created_at: TimeDateTimeWithTimeZone,
    /// Whether the person is told (push) when an administration reads their data.
    pub notify_agent_reads: bool,
    /// When the account was closed (the row then identifies no live account: see
    /// `account_closures`).
    pub closed_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
