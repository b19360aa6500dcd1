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
