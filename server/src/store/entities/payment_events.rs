//! The `payment_events` table: every status the provider reported, with its event id.

use sea_orm::entity::prelude::*;

/// A row of `payment_events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_events")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub payment_id: Option<String>,
    pub refund_id: Option<String>,
    pub provider_event_id: Option<String>,
    pub event_type: String,
    pub source: String,
    pub observed: Option<String>,
    pub applied: bool,
    pub received_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
