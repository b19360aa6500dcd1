//! Issue 19: who used a person's data, in which role or administration, and why; and the
//! holder's wish to be told (push) when an administration reads their data.
//!
//! Entries written before this migration keep the new columns empty and keep hashing as
//! version 1 of the chain's encoding (see the server's `domain::access_chain`).

use crate::shape::{add_columns, drop_columns};
use sea_orm_migration::{prelude::*, schema::*};

/// Adds the actor's kind, administration and purpose to `access_log`, and the notification
/// wish to `persons`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column) added.
fn added() -> Vec<(&'static str, ColumnDef)> {
    vec![
        // `person`, `agent`, `operator` or `platform`.
        ("access_log", string_len_null("actor_kind", 16)),
        // The agent's administration, for an agent's use.
        ("access_log", string_len_null("administration", 128)),
        // Why the data was used (the dossier worked, the form prefilled, the operator's reason).
        ("access_log", text_null("purpose")),
        (
            "persons",
            boolean("notify_agent_reads").default(false).take(),
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager, added()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, added()).await
    }
}
