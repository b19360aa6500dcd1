//! The `data_exports` table.

use sea_orm::entity::prelude::*;

/// A row of `data_exports`: a copy of a space's data asked for, prepared by a job.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_exports")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: String,
    /// The person who asked.
    pub requested_by: String,
    /// The idempotency key's hash, when the request carried one.
    pub key_hash: Option<String>,
    pub status: crate::jobs::JobState,
    pub attempts: i32,
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    pub last_error: Option<String>,
    /// Items (sections and files) written so far, and in all.
    pub items_done: i32,
    pub items_total: i32,
    /// SHA-256 of the download token, hex (the token itself is only in the mail).
    pub token_hash: Option<String>,
    pub file_name: Option<String>,
    pub size_bytes: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub ready_at: Option<TimeDateTimeWithTimeZone>,
    /// When the download link stops working.
    pub expires_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
