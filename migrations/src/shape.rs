//! Column and index shapes the migrations share. Changing one changes every migration that uses
//! it: only ever add new helpers here, never alter what an applied migration creates.

use sea_orm_migration::{prelude::*, schema::*};

/// A 36-character text primary key (UUIDs).
pub(crate) fn id(name: &'static str) -> ColumnDef {
    string_len(name, 36).primary_key().take()
}

/// An index named `idx_<table>_<cols>` over `cols`.
pub(crate) fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("idx_{table}_{}", cols.join("_")))
        .table(table);
    for col in cols {
        stmt.col(*col);
    }
    stmt.take()
}

/// Creates `tables`, then `indexes`.
pub(crate) async fn create(
    manager: &SchemaManager<'_>,
    tables: Vec<TableCreateStatement>,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    for table in tables {
        manager.create_table(table).await?;
    }
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

/// Drops `names` (given in creation order) in reverse order, each if it exists.
pub(crate) async fn drop_tables(
    manager: &SchemaManager<'_>,
    names: &[&'static str],
) -> Result<(), DbErr> {
    for name in names.iter().rev() {
        manager
            .drop_table(Table::drop().table(*name).if_exists().take())
            .await?;
    }
    Ok(())
}

/// Adds `columns` (table, column) one statement each: SQLite alters one column at a time.
pub(crate) async fn add_columns(
    manager: &SchemaManager<'_>,
    columns: Vec<(&'static str, ColumnDef)>,
) -> Result<(), DbErr> {
    for (table, mut column) in columns {
        manager
            .alter_table(Table::alter().table(table).add_column(&mut column).take())
            .await?;
    }
    Ok(())
}

/// Drops what [`add_columns`] added, in reverse order.
pub(crate) async fn drop_columns(
    manager: &SchemaManager<'_>,
    columns: Vec<(&'static str, ColumnDef)>,
) -> Result<(), DbErr> {
    for (table, column) in columns.into_iter().rev() {
        manager
            .alter_table(
                Table::alter()
                    .table(table)
                    .drop_column(column.get_column_name())
                    .take(),
            )
            .await?;
    }
    Ok(())
}
