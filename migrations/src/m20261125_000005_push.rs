//! Web push: the VAPID key of the server, subscriptions per device, and the durable push outbox.

use crate::shape::{create, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the push tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &["push_vapid_keys", "push_subscriptions", "push_outbox"];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("push_vapid_keys")
            .col(string_len("id", 16).primary_key())
            .col(text("private_key"))
            .col(text("public_key"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("retired_at"))
            .take(),
        t("push_subscriptions")
            .col(id("id"))
            .col(string_len("person_id", 36))
            .col(text("endpoint"))
            .col(string_len("endpoint_hash", 64).unique_key())
            .col(string_len("p256dh", 100))
            .col(string_len("auth", 32))
            .col(string_null("label"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("last_accepted_at"))
            .take(),
        t("push_outbox")
            .col(id("id"))
            .col(string_len("subscription_id", 36))
            .col(string_len("person_id", 36))
            .col(string_len("kind", 32))
            .col(text("payload"))
            .col(string_len("topic", 32))
            .col(string_len("urgency", 16))
            .col(integer("ttl_secs"))
            .col(string_len("status", 16))
            .col(integer("attempts"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .col(integer_null("last_status_code"))
            .col(text_null("last_error"))
            .take(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let indexes = vec![
            index("push_subscriptions", &["person_id"]),
            index("push_outbox", &["status", "next_attempt_at"]),
            index("push_outbox", &["subscription_id"]),
        ];
        create(manager, tables(), indexes).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
