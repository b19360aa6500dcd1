//! Professional spaces and their co-workers: the organisation's data, the helpdesk's raised
//! limits, invitations, members' rights per procedure, dossiers shared with members, and the
//! role each actor had (timeline, messages, access log).

use crate::shape::{add_columns, create, drop_columns, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the professional-space tables and records roles where actors are recorded.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "organisations",
    "space_limits",
    "space_invitations",
    "member_rights",
    "dossier_shares",
];

/// Columns added to existing tables: (table, column, shape).
fn added() -> Vec<(&'static str, ColumnDef)> {
    vec![
        ("spaces", boolean("collaborative").default(false).take()),
        ("spaces", string_len_null("created_with", 64)),
        ("dossier_events", string_len_null("actor_role", 16)),
        ("dossier_events", string_len_null("space_id", 36)),
        ("dossier_messages", string_len_null("author_role", 16)),
        ("access_log", string_len_null("actor_role", 16)),
    ]
}

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("organisations")
            .col(string_len("space_id", 36).primary_key())
            .col(string("name"))
            .col(string_len("legal_form", 16))
            .col(string_len_null("rcs_number", 16))
            .col(string_len_null("vat_number", 16))
            .col(string("street"))
            .col(string_len("house_number", 16))
            .col(string_len("postcode", 16))
            .col(string("locality"))
            .col(string_len("country", 2))
            .col(string("email"))
            .col(string_len("phone", 32))
            .col(string("locked_fields"))
            .col(integer("version"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
        t("space_limits")
            .col(string_len("person_id", 36).primary_key())
            .col(integer("max_spaces"))
            .col(string("set_by"))
            .col(text("reason"))
            .col(timestamp_with_time_zone("set_at"))
            .take(),
        t("space_invitations")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("token_hash", 64).unique_key())
            .col(string("email"))
            .col(string_len_null("matricule", 13))
            .col(string_len("role", 16))
            .col(text("rights"))
            .col(string_len("invited_by", 36))
            .col(string_len("language", 2))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("expires_at"))
            .col(string_len_null("accepted_by", 36))
            .col(timestamp_with_time_zone_null("accepted_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .take(),
        t("member_rights")
            .col(string_len("space_id", 36))
            .col(string_len("person_id", 36))
            .col(string_len("procedure_id", 64))
            .col(string("rights"))
            .primary_key(
                Index::create()
                    .col("space_id")
                    .col("person_id")
                    .col("procedure_id"),
            )
            .take(),
        t("dossier_shares")
            .col(string_len("dossier_id", 36))
            .col(string_len("person_id", 36))
            .col(string_len("space_id", 36))
            .col(string("rights"))
            .col(string_len("shared_by", 36))
            .col(timestamp_with_time_zone("shared_at"))
            .primary_key(Index::create().col("dossier_id").col("person_id"))
            .take(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let indexes = vec![
            index("space_invitations", &["space_id"]),
            index("dossier_shares", &["space_id", "person_id"]),
        ];
        create(manager, tables(), indexes).await?;
        add_columns(manager, added()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, added()).await?;
        drop_tables(manager, TABLES).await
    }
}
