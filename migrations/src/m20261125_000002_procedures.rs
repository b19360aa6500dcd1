//! Procedures and dossiers: catalog versions, administrations and agents, dossiers, timeline,
//! attachments, messages, idempotency keys.

use crate::shape::{create, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the tables of procedures and dossiers.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "procedure_versions",
    "administrations",
    "agents",
    "dossiers",
    "dossier_events",
    "dossier_attachments",
    "dossier_messages",
    "idempotency_keys",
];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("procedure_versions")
            .col(string_len("procedure_id", 64))
            .col(integer("version"))
            .col(string_len("administration_id", 64))
            .col(string_len("digest", 64))
            .col(text("definition"))
            .col(timestamp_with_time_zone("published_at"))
            .primary_key(Index::create().col("procedure_id").col("version"))
            .take(),
        t("administrations")
            .col(string_len("id", 64).primary_key())
            .col(text("names"))
            .take(),
        t("agents")
            .col(id("id"))
            .col(string_len_uniq("matricule", 13))
            .col(string_len("administration_id", 64))
            .col(string_len("role", 32))
            .take(),
        t("dossiers")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("procedure_id", 64))
            .col(integer("procedure_version"))
            .col(string_len("administration_id", 64))
            .col(string_len("status", 32))
            .col(string_len_null("outcome", 16))
            .col(string_len("channel", 16))
            .col(text("data"))
            .col(string_len("created_by_kind", 16))
            .col(string_len("created_by_id", 36))
            .col(string_len_null("acting_person_id", 36))
            .col(string_len_null("assigned_agent_id", 36))
            .col(string_len_null("signed_digest", 64))
            .col(text_null("signature_base64"))
            .col(string_len_null("signature_certificate", 64))
            .col(timestamp_with_time_zone_null("signed_at"))
            .col(timestamp_with_time_zone_null("transmitted_at"))
            .col(integer("revision"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
        t("dossier_events")
            .col(id("id"))
            .col(string_len("dossier_id", 36))
            .col(timestamp_with_time_zone("at"))
            .col(string_len("actor_kind", 16))
            .col(string_len("actor_id", 36))
            .col(string_len_null("from_status", 32))
            .col(string_len("to_status", 32))
            .col(text_null("reason"))
            .take(),
        t("dossier_attachments")
            .col(id("id"))
            .col(string_len("dossier_id", 36))
            .col(string_len("field", 64))
            .col(string("filename"))
            .col(string_len("media_type", 64))
            .col(big_integer("size"))
            .col(string_len("sha256", 64))
            .col(blob("content"))
            .col(string_len("uploaded_by", 36))
            .col(timestamp_with_time_zone("uploaded_at"))
            .take(),
        t("dossier_messages")
            .col(id("id"))
            .col(string_len("dossier_id", 36))
            .col(string_len("sender_kind", 16))
            .col(string_len("sender_id", 36))
            .col(text("body"))
            .col(timestamp_with_time_zone("sent_at"))
            .col(timestamp_with_time_zone_null("read_at"))
            .take(),
        t("idempotency_keys")
            .col(string_len("key_hash", 64).primary_key())
            .col(string_len("dossier_id", 36))
            .col(string_len("operation", 16))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("dossiers", &["space_id", "updated_at"]),
        index("dossiers", &["administration_id", "status"]),
        index("dossier_events", &["dossier_id", "at"]),
        index("dossier_attachments", &["dossier_id"]),
        index("dossier_messages", &["dossier_id", "sent_at"]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, tables(), indexes()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
