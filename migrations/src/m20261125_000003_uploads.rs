//! Resumable uploads: a large supporting document arrives in chunks and is checked against its digest.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the `uploads` table.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("uploads")
                    .col(string_len("id", 36).primary_key())
                    .col(string_len("dossier_id", 36))
                    .col(string_len("field", 64))
                    .col(string("filename"))
                    .col(string_len("media_type", 64))
                    .col(big_integer("size"))
                    .col(string_len("sha256", 64))
                    .col(big_integer("received"))
                    .col(blob("content"))
                    .col(string_len("created_by", 36))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("uploads").if_exists().take())
            .await
    }
}
