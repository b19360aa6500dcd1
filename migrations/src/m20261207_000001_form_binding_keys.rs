//! Issue 18: the server key that authenticates the hidden binding field of the offline route's
//! fillable forms (an HMAC), made on first use and shared by instances.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `form_binding_keys`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("form_binding_keys")
                    .col(string_len("id", 16).primary_key())
                    // 32 random bytes, base64url: a secret.
                    .col(text("secret"))
                    .col(timestamp_with_time_zone("created_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("form_binding_keys").take())
            .await
    }
}
