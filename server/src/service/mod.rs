//! Use cases: each orchestrates the store, identity checks and side effects, and owns its transaction.

pub mod access;
pub mod access_record;
pub mod backoffice;
pub mod catalog;
pub mod certificates;
pub mod certification;
pub mod closure;
pub mod communications;
mod context;
pub mod dossiers;
pub mod issuer_keys;
pub mod members;
pub mod metrics;
pub mod my_data;
pub mod offline_forms;
pub mod operator_use;
pub mod payments;
pub mod professional;
pub mod push;
pub mod recipients;
pub mod registration;
pub mod retention;
pub mod revocation;
pub mod signin;
pub mod spaces;
pub mod tokens;

pub use context::Context;

use crate::domain::Error;

/// Starts a transaction that writes: on SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
/// so a read followed by a write never fails on a snapshot another writer moved.
pub(crate) async fn begin_write(
    conn: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, Error> {
    let options = sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    Ok(sea_orm::TransactionTrait::begin_with_options(conn, options).await?)
}

/// Starts a transaction that only reads, on one snapshot: a page's items and its counts then
/// agree even while a worker commits new rows (PostgreSQL `REPEATABLE READ READ ONLY`; on
/// SQLite a deferred transaction reads one snapshot from its first read on).
pub(crate) async fn begin_read(
    conn: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, Error> {
    let options = match conn.get_database_backend() {
        sea_orm::DbBackend::Postgres => sea_orm::TransactionOptions {
            isolation_level: Some(sea_orm::IsolationLevel::RepeatableRead),
            access_mode: Some(sea_orm::AccessMode::ReadOnly),
            ..Default::default()
        },
        _ => sea_orm::TransactionOptions::default(),
    };
    Ok(sea_orm::TransactionTrait::begin_with_options(conn, options).await?)
}

/// The person `person_id` (a signed-in caller always exists).
pub async fn person(
    ctx: &Context,
    person_id: &crate::domain::ids::PersonId,
) -> Result<crate::domain::persons::Person, Error> {
    crate::store::persons::find(&ctx.db, person_id)
        .await?
        .ok_or(Error::Unauthenticated)
}
