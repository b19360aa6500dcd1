//! The foundation: persons, certificates, sign-in, registration, spaces, profiles, audit, mail.

use crate::shape::{create, drop_tables, id, index};
use sea_orm_migration::{prelude::*, schema::*};

/// Creates the tables of the foundation.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "register_people",
    "persons",
    "spaces",
    "space_holders",
    "profiles",
    "certificates",
    "registrations",
    "challenges",
    "sessions",
    "tokens",
    "access_log",
    "mail_outbox",
    "revocation_lists",
];

fn tables() -> Vec<TableCreateStatement> {
    let t = |name: &'static str| Table::create().table(name).take();
    vec![
        t("register_people")
            .col(string_len("matricule", 13).primary_key())
            .col(string("family_name"))
            .col(string("given_names"))
            .col(string_len("sex", 1))
            .col(string_len("birth_date", 10))
            .col(string("birth_place"))
            .col(string("nationality"))
            .col(string("street"))
            .col(string("house_number"))
            .col(string("postcode"))
            .col(string("locality"))
            .col(string("country"))
            .take(),
        t("persons")
            .col(id("id"))
            .col(string_len_uniq("matricule", 13))
            .col(string("email"))
            .col(timestamp_with_time_zone("terms_accepted_at"))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        t("spaces")
            .col(id("id"))
            .col(string_len("kind", 16))
            .col(string("name"))
            .col(string_len_null("private_owner_id", 36).unique_key())
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        t("space_holders")
            .col(string_len("space_id", 36))
            .col(string_len("person_id", 36))
            .col(string_len("role", 16))
            .col(timestamp_with_time_zone("added_at"))
            .primary_key(Index::create().col("space_id").col("person_id"))
            .take(),
        t("profiles")
            .col(string_len("space_id", 36).primary_key())
            .col(string("family_name"))
            .col(string("given_names"))
            .col(string_len("birth_date", 10))
            .col(string("birth_place"))
            .col(string("nationality"))
            .col(string("street"))
            .col(string("house_number"))
            .col(string("postcode"))
            .col(string("locality"))
            .col(string("country"))
            .col(string_null("email"))
            .col(string_null("phone"))
            .col(string_null("iban"))
            .col(string_len_null("preferred_language", 2))
            .col(integer("version"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
        t("certificates")
            .col(id("id"))
            .col(string_len("person_id", 36))
            .col(string_len_uniq("fingerprint", 64))
            .col(string("serial_hex"))
            .col(text("issuer_dn"))
            .col(string_len("usage", 16))
            .col(string_len("kind", 16))
            .col(string_null("organisation"))
            .col(text("der_base64"))
            .col(timestamp_with_time_zone("not_after"))
            .col(timestamp_with_time_zone("registered_at"))
            .take(),
        t("registrations")
            .col(id("id"))
            .col(string_len("certificate_fingerprint", 64))
            .col(text("certificate_der_base64"))
            .col(string_len("matricule", 13))
            .col(string("email"))
            .col(string_len("language", 2))
            .col(string_len_uniq("link_hash", 64))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("confirmed_at"))
            .col(timestamp_with_time_zone_null("superseded_at"))
            .take(),
        t("challenges")
            .col(string_len("hash", 64).primary_key())
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .take(),
        t("sessions")
            .col(id("id"))
            .col(string_len("kind", 16))
            .col(string_len_null("person_id", 36))
            .col(string_len("certificate_fingerprint", 64))
            .col(text_null("certificate_der_base64"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .col(string_null("revoked_reason"))
            .take(),
        t("tokens")
            .col(string_len("hash", 64).primary_key())
            .col(string_len("session_id", 36))
            .col(string_len("kind", 16))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .take(),
        t("access_log")
            .col(id("id"))
            .col(string_len("space_id", 36))
            .col(string_len("actor_person_id", 36))
            .col(string_len("action", 32))
            .col(text("detail"))
            .col(string_len("request_id", 64))
            .col(timestamp_with_time_zone("at"))
            .take(),
        t("mail_outbox")
            .col(id("id"))
            .col(string("recipient"))
            .col(string("subject"))
            .col(text("body"))
            .col(string_len("status", 16))
            .col(integer("attempts"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .col(text_null("last_error"))
            .take(),
        t("revocation_lists")
            .col(string_len("digest", 64).primary_key())
            .col(text("pem"))
            .col(timestamp_with_time_zone("imported_at"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("space_holders", &["person_id"]),
        index("certificates", &["person_id"]),
        index("registrations", &["certificate_fingerprint"]),
        index("tokens", &["session_id"]),
        index("access_log", &["space_id", "at"]),
        index("mail_outbox", &["status", "next_attempt_at"]),
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
