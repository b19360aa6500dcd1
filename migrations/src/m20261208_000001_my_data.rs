//! "My data": the access log's hash chain, signed checkpoints of every chain head and the
//! platform key that signs them, prepared exports of a space, and the record of every deletion.

use crate::shape::{add_columns, create, drop_columns, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Chains the access log and creates the checkpoint, export and deletion tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "checkpoint_keys",
    "access_checkpoints",
    "data_exports",
    "data_export_archives",
    "deletion_records",
];

/// Columns added to existing tables: (table, column, shape). Entries written before this
/// migration keep them empty: they are outside every chain, and the check counts them.
fn added() -> Vec<(&'static str, ColumnDef)> {
    vec![
        ("access_log", big_integer_null("seq")),
        ("access_log", string_len_null("prev_hash", 64)),
        ("access_log", string_len_null("hash", 64)),
    ]
}

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("checkpoint_keys")
            .col(integer("serial").primary_key())
            .col(string_len("key_id", 16))
            .col(string_len("private_key", 64))
            .col(string_len("public_key", 64))
            .col(timestamp_with_time_zone("valid_from"))
            .col(timestamp_with_time_zone_null("signing_until"))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        t("access_checkpoints")
            .col(big_integer("sequence").primary_key())
            .col(timestamp_with_time_zone("signed_at"))
            .col(string_len("key_id", 16))
            .col(integer("spaces"))
            .col(blob("signed"))
            .take(),
        t("data_exports")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("requested_by", 36))
            .col(string_len_null("key_hash", 64).unique_key())
            .col(string_len("status", 16))
            .col(integer("attempts"))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(text_null("last_error"))
            .col(integer("items_done"))
            .col(integer("items_total"))
            .col(string_len_null("token_hash", 64).unique_key())
            .col(string_null("file_name"))
            .col(big_integer_null("size_bytes"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("ready_at"))
            .col(timestamp_with_time_zone_null("expires_at"))
            .take(),
        t("data_export_archives")
            .col(string_len("export_id", 36).primary_key())
            .col(blob("content"))
            .take(),
        t("deletion_records")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("object_kind", 32))
            .col(string_len("object_id", 36))
            .col(string_len_null("procedure_id", 64))
            .col(string_len_null("state", 32))
            .col(string_len("rule", 64))
            .col(string_len("deleted_by", 64))
            .col(text("kept"))
            .col(timestamp_with_time_zone("object_created_at"))
            .col(timestamp_with_time_zone("deleted_at"))
            .take(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let indexes = vec![
            index("data_exports", &["space_id", "created_at"]),
            index("deletion_records", &["space_id", "deleted_at"]),
        ];
        create(manager, tables(), indexes).await?;
        add_columns(manager, added()).await?;
        // One entry per position in a space's chain: two writers cannot both extend one head.
        manager
            .create_index(
                Index::create()
                    .name("idx_access_log_space_id_seq")
                    .table("access_log")
                    .col("space_id")
                    .col("seq")
                    .unique()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_access_log_space_id_seq")
                    .table("access_log")
                    .to_owned(),
            )
            .await?;
        drop_columns(manager, added()).await?;
        drop_tables(manager, TABLES).await
    }
}
