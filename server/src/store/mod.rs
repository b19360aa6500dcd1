//! Persistence with sea-orm: connecting, migrating, and one module per aggregate.

pub mod access_log;
pub mod access_log_writer;
pub mod attachments;
pub mod catalog;
pub mod checkpoints;
pub mod closure;
pub mod communications;
pub mod criminal_record;
pub mod deliveries;
pub mod dossiers;
pub mod entities;
pub mod exports;
pub mod form_binding_keys;
pub mod issuance;
pub mod issuer_keys;
pub mod mandates;
pub mod members;
pub mod messages;
pub mod organisations;
pub mod payments;
pub mod persons;
pub mod postal;
pub mod push;
pub mod register;
pub mod registrations;
pub mod retention;
pub mod revocation;
pub mod sessions;
pub mod spaces;
pub mod values;

use crate::config::Secret;
use guichet_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Opens the database at `url` (SQLite file or PostgreSQL), creating the SQLite file's folder.
pub async fn connect(url: &Secret) -> Result<DatabaseConnection, DbErr> {
    let url = url.expose();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .map(|rest| rest.split('?').next().unwrap_or(rest))
    {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| DbErr::Custom(e.to_string()))?;
            }
        }
    }
    let sqlite = url.starts_with("sqlite");
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(if sqlite { 4 } else { 16 })
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    // A pooled connection is checked (pinged) before use only when it may have been dropped
    // meanwhile: a PostgreSQL connection idle for 30 s (a restart, a proxy); a SQLite file's
    // never. Pinging at every checkout was one more round trip per query.
    if sqlite {
        options.test_before_acquire(false);
    } else {
        options.test_before_acquire_if_idle_for(Duration::from_secs(30));
    }
    let db = Database::connect(options).await?;
    if sqlite {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared(
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
        )
        .await?;
    }
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Reverts the last `steps` migrations.
pub async fn migrate_down(db: &DatabaseConnection, steps: u32) -> Result<(), DbErr> {
    Migrator::down(db, Some(steps)).await
}

/// Names of applied and pending migrations.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, DbErr> {
    let applied = Migrator::get_applied_migrations(db).await?;
    let pending = Migrator::get_pending_migrations(db).await?;
    Ok(applied
        .iter()
        .map(|m| (m.name().to_string(), true))
        .chain(pending.iter().map(|m| (m.name().to_string(), false)))
        .collect())
}
