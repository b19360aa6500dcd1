//! Issue 13: certification of professional spaces and mandates per domain. The codes the social
//! security centre sends (kept only as Argon2id hashes, each with its failure count and lock),
//! the mandates they lead to, the domains whose eDelivery is on, the letters waiting for the
//! post, and the mandate a dossier was filed under.

use crate::shape::{create, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the certification and mandate tables and the dossier's `mandate_id`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "certification_codes",
    "mandates",
    "domain_deliveries",
    "postal_letters",
    "code_lockouts",
];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("certification_codes")
            .col(id("id"))
            // The employer's space, the request that led to it, the employer's number.
            .col(string_len("space_id", 36))
            .col(string_len("dossier_id", 36))
            .col(string_len("employer_number", 16))
            .col(string_len("domain", 32))
            // `holder`, `revocation` or `mandatary`.
            .col(string_len("kind", 16))
            .col(string_len_null("mandatary_matricule", 13))
            .col(string_len_null("mandatary_name", 120))
            // Argon2id PHC strings: the code, and the security code that goes with it.
            .col(string_len("code_hash", 160))
            .col(string_len_null("security_hash", 160))
            .col(timestamp_with_time_zone_null("used_at"))
            .col(timestamp_with_time_zone_null("voided_at"))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        t("mandates")
            .col(id("id"))
            .col(string_len("employer_space_id", 36))
            .col(string_len("domain", 32))
            // `main` (the employer's own) or `mandatary`.
            .col(string_len("kind", 16))
            // The space acting under it: the employer's own for the main mandate.
            .col(string_len("holder_space_id", 36))
            .col(string_len("code_id", 36))
            .col(string_len("created_by", 36))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .col(string_len_null("revoked_by", 36))
            .take(),
        t("domain_deliveries")
            .col(string_len("space_id", 36))
            .col(string_len("domain", 32))
            .col(timestamp_with_time_zone("since"))
            .primary_key(Index::create().col("space_id").col("domain"))
            .take(),
        t("postal_letters")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("administration_id", 64))
            .col(string_len_null("domain", 32))
            .col(string_len("title", 200))
            .col(text_null("body"))
            .col(string_len_null("file_name", 200))
            .col(blob_null("content"))
            .col(string_len_null("communication_id", 36))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("printed_at"))
            .take(),
        t("code_lockouts")
            // `space:<id>` or `code:<id>`.
            .col(string_len("subject", 80).primary_key())
            .col(integer("failures"))
            .col(timestamp_with_time_zone_null("locked_until"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("certification_codes", &["space_id", "domain"]),
        index("certification_codes", &["employer_number", "domain"]),
        index("mandates", &["employer_space_id", "domain"]),
        index("mandates", &["holder_space_id"]),
        index("postal_letters", &["printed_at"]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, tables(), indexes()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table("dossiers")
                    .add_column(string_len_null("mandate_id", 36))
                    .take(),
            )
            .await?;
        // Keys that seal every type may seal the new letter too.
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE issuer_keys SET document_types = document_types || ',certification-codes' \
             WHERE document_types = 'criminal-record-extract,residence-certificate'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("dossiers")
                    .drop_column("mandate_id")
                    .take(),
            )
            .await?;
        drop_tables(manager, TABLES).await
    }
}
