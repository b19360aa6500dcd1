//! Use cases: each orchestrates the store, identity checks and side effects, and owns its transaction.

pub mod access_log;
pub mod backoffice;
pub mod catalog;
pub mod certificates;
pub mod communications;
mod context;
pub mod dossiers;
pub mod issuer_keys;
pub mod metrics;
pub mod push;
pub mod registration;
pub mod revocation;
pub mod signin;
pub mod spaces;
pub mod tokens;

pub use context::Context;

use crate::domain::Error;
use sea_orm::DbErr;

/// Database failures are internal errors: the cause is logged, the user sees an opaque 500.
pub(crate) fn db(e: DbErr) -> Error {
    Error::internal(e)
}

/// Starts a transaction that writes: on SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
/// so a read followed by a write never fails on a snapshot another writer moved.
pub(crate) async fn begin_write(
    conn: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, Error> {
    let options = sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    sea_orm::TransactionTrait::begin_with_options(conn, options)
        .await
        .map_err(db)
}

/// The person `person_id` (a signed-in caller always exists).
pub async fn person(
    ctx: &Context,
    person_id: &str,
) -> Result<crate::store::entities::persons::Model, Error> {
    use sea_orm::EntityTrait;
    crate::store::entities::persons::Entity::find_by_id(person_id.to_string())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::Unauthenticated)
}
