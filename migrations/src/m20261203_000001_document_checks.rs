//! Issue 14: the verification code printed on an issued document (kept only as a hash) and the
//! reason code of a revocation, published in the signed revocation list.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `verification_code_hash` and `revocation_code` to `communications`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The added columns, one `ALTER TABLE` each (SQLite adds one column per statement).
fn columns() -> Vec<ColumnDef> {
    vec![
        // SHA-256 of the code with the document number, lowercase hex.
        string_len_null("verification_code_hash", 64),
        // `unspecified`, `issued-in-error`, `obtained-by-fraud` or `withdrawn`.
        string_len_null("revocation_code", 32),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table("communications")
                        .add_column(column)
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["revocation_code", "verification_code_hash"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("communications")
                        .drop_column(column)
                        .take(),
                )
                .await?;
        }
        Ok(())
    }
}
