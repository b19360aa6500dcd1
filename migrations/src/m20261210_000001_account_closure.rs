//! Account closure: when a person's account was closed, and the record of each closure (the
//! national identification number it had, and what was kept, with why and until when).

use crate::shape::{add_columns, create, drop_columns, drop_tables, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates `account_closures` and the persons' `closed_at`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &["account_closures"];

/// Columns added to existing tables: (table, column, shape).
fn added() -> Vec<(&'static str, ColumnDef)> {
    vec![("persons", timestamp_with_time_zone_null("closed_at"))]
}

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("account_closures")
            // One closure per account: a person who registers again is a new account.
            .col(string_len("person_id", 36).primary_key())
            // Not unique: the same person may close a later account too.
            .col(string_len("matricule", 13))
            .col(timestamp_with_time_zone("closed_at"))
            // JSON: what was kept, each with its kind, id, rule and until when.
            .col(text("kept"))
            .take(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let indexes = vec![index("account_closures", &["matricule"])];
        create(manager, tables(), indexes).await?;
        add_columns(manager, added()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, added()).await?;
        drop_tables(manager, TABLES).await
    }
}
