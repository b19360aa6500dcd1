//! Electronic payments: payments (one checkout session each), refunds, every status the provider
//! reported (with its event id, unique: the deduplication of webhooks), and the durable queue of
//! reconciliation checks.

use crate::shape::{create, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the payment tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &["payments", "refunds", "payment_events", "payment_checks"];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("payments")
            .col(id("id"))
            .col(string_len("dossier_id", 36))
            .col(string_len("space_id", 36))
            .col(string_len("administration_id", 64))
            .col(big_integer("amount_cents"))
            .col(string_len("currency", 3))
            .col(string_len("status", 16))
            .col(string_len("provider", 16))
            .col(string_len_null("session_id", 255).unique_key())
            .col(text_null("checkout_url"))
            .col(string_len_null("payment_reference", 255))
            .col(string_len_null("idempotency_key_hash", 64).unique_key())
            .col(string_len_null("receipt_communication_id", 36))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .col(timestamp_with_time_zone_null("paid_at"))
            .take(),
        t("refunds")
            .col(id("id"))
            .col(string_len("payment_id", 36))
            .col(big_integer("amount_cents"))
            .col(string_len("status", 16))
            .col(string_len_null("provider_reference", 255).unique_key())
            .col(string_len_null("idempotency_key_hash", 64).unique_key())
            .col(string_len("requested_by", 36))
            .col(text_null("reason"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
        t("payment_events")
            .col(id("id"))
            .col(string_len_null("payment_id", 36))
            .col(string_len_null("refund_id", 36))
            .col(string_len_null("provider_event_id", 255).unique_key())
            .col(string_len("event_type", 64))
            .col(string_len("source", 16))
            .col(string_len_null("observed", 16))
            .col(boolean("applied"))
            .col(timestamp_with_time_zone("received_at"))
            .take(),
        t("payment_checks")
            .col(id("id"))
            .col(string_len("payment_id", 36).unique_key())
            .col(string_len("status", 16))
            .col(integer("attempts"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(timestamp_with_time_zone_null("done_at"))
            .col(text_null("last_error"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("payments", &["dossier_id"]),
        index("refunds", &["payment_id"]),
        index("payment_events", &["payment_id"]),
        index("payment_checks", &["status", "next_attempt_at"]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, tables(), indexes()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
