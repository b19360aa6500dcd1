//! Issued documents' keys: the issuer keys that seal documents and the trust anchor that signs the trust list.

use crate::shape::{create, drop_tables};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the key tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &["trust_anchor_keys", "issuer_keys"];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("trust_anchor_keys")
            .col(string_len("id", 16).primary_key())
            .col(text("private_key"))
            .col(string_len("public_key", 64))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        t("issuer_keys")
            .col(integer("serial").primary_key())
            .col(string_len("key_id", 32).unique_key())
            .col(text("private_key"))
            .col(string_len("public_key", 64))
            .col(string("document_types"))
            .col(timestamp_with_time_zone("valid_from"))
            .col(timestamp_with_time_zone_null("signing_until"))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, tables(), Vec::new()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
