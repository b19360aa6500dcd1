//! Issued documents and letters in a space's "my communications", the durable issuance queue,
//! and the link from each mail and push to the communication it announces (its delivery state).

use crate::shape::{create, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the communication tables and links the outboxes to them.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &["communications", "communication_files", "issuance_jobs"];

/// Outboxes whose rows may announce a communication.
const OUTBOXES: &[&str] = &["mail_outbox", "push_outbox"];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("communications")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("kind", 32))
            .col(string_len("administration_id", 64))
            .col(string_len_null("dossier_id", 36))
            .col(string_len_null("document_number", 32).unique_key())
            .col(string_len_null("key_id", 32))
            .col(text("title"))
            .col(text_null("body"))
            .col(string_len("language", 2))
            .col(string_null("file_name"))
            .col(string_len_null("media_type", 64))
            .col(big_integer_null("size"))
            .col(string_len_null("sha256", 64))
            .col(text_null("seal_text"))
            .col(string_len("status", 16))
            .col(text_null("revoked_reason"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .col(string_len_null("revoked_by", 36))
            .col(string_len_null("superseded_by", 32))
            .col(string_len_null("issuance_job_id", 36).unique_key())
            .col(timestamp_with_time_zone("delivered_at"))
            .col(timestamp_with_time_zone_null("read_at"))
            .take(),
        t("communication_files")
            .col(id("communication_id"))
            .col(blob("content"))
            .take(),
        t("issuance_jobs")
            .col(id("id"))
            .col(string_len("dossier_id", 36).unique_key())
            .col(string_len("document_type", 32))
            .col(string_len("status", 16))
            .col(integer("attempts"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(timestamp_with_time_zone_null("done_at"))
            .col(text_null("last_error"))
            .col(string_len_null("communication_id", 36))
            .take(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let indexes = vec![
            index("communications", &["space_id", "delivered_at"]),
            index("communications", &["dossier_id"]),
            index("issuance_jobs", &["status", "next_attempt_at"]),
        ];
        create(manager, tables(), indexes).await?;
        for outbox in OUTBOXES {
            manager
                .alter_table(
                    Table::alter()
                        .table(*outbox)
                        .add_column(string_len_null("communication_id", 36))
                        .take(),
                )
                .await?;
            manager
                .create_index(index(outbox, &["communication_id"]))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for outbox in OUTBOXES {
            let mut drop = Index::drop();
            drop.name(format!("idx_{outbox}_communication_id"))
                .table(*outbox);
            manager.drop_index(drop).await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(*outbox)
                        .drop_column("communication_id")
                        .take(),
                )
                .await?;
        }
        drop_tables(manager, TABLES).await
    }
}
