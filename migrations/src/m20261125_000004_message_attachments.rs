//! Files sent with a message about a dossier (not part of the signed dossier).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the `message_attachments` table.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("message_attachments")
                    .col(string_len("id", 36).primary_key())
                    .col(string_len("message_id", 36))
                    .col(string_len("dossier_id", 36))
                    .col(string("filename"))
                    .col(string_len("media_type", 64))
                    .col(big_integer("size"))
                    .col(string_len("sha256", 64))
                    .col(blob("content"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_message_attachments_message_id")
                    .table("message_attachments")
                    .col("message_id")
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table("message_attachments")
                    .if_exists()
                    .take(),
            )
            .await
    }
}
