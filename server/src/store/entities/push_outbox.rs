//! The `push_outbox` table.

use sea_orm::entity::prelude::*;

/// A row of `push_outbox`: one notice for one device, and its delivery state.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_outbox")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub subscription_id: String,
    pub person_id: String,
    pub kind: String,
    pub payload: String,
    pub topic: String,
    pub urgency: String,
    pub ttl_secs: i32,
    pub status: crate::jobs::JobState,
    pub attempts: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    pub sent_at: Option<TimeDateTimeWithTimeZone>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub communication_id: Option<String>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
