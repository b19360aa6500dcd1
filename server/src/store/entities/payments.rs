//! The `payments` table: one checkout session at the provider for a dossier's fee.

use sea_orm::entity::prelude::*;

/// A row of `payments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub dossier_id: String,
    pub space_id: String,
    pub administration_id: String,
    pub amount_cents: i64,
    pub currency: String,
    pub status: String,
    pub provider: String,
    pub session_id: Option<String>,
    pub checkout_url: Option<String>,
    pub payment_reference: Option<String>,
    pub idempotency_key_hash: Option<String>,
    pub receipt_communication_id: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub paid_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
