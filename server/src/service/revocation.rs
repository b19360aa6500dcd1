//! Certificate revocation lists: imported by the operator, kept in the database, loaded by every instance.

use super::{Context, db};
use crate::domain::Error;
use crate::store::entities::revocation_lists;
use guichet_identity::{TrustStore, certificate::CrlUpdate};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, sea_query::OnConflict};
use sha2::{Digest, Sha256};

/// A revocation list the trust store refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Unreadable, or not signed by a trusted authority.
    #[error("revocation list refused: {0}")]
    Refused(String),
    /// It could not be stored.
    #[error(transparent)]
    Store(#[from] Error),
}

/// Checks a CRL against the trust store, applies it (a newer list replaces its issuer's older one)
/// and stores it so every instance applies it too.
pub async fn import(ctx: &Context, pem: &str) -> Result<CrlUpdate, ImportError> {
    let update = {
        let mut trust = ctx
            .trust
            .write()
            .map_err(|_| Error::internal("trust store lock poisoned"))?;
        trust
            .add_crl(pem.as_bytes())
            .map_err(|e| ImportError::Refused(e.to_string()))?
    };
    store(&ctx.db, pem, ctx.now()).await?;
    Ok(update)
}

/// Stores a CRL under the digest of its text.
pub async fn store<C: ConnectionTrait>(
    conn: &C,
    pem: &str,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    let digest = hex::encode(Sha256::digest(pem.trim().as_bytes()));
    revocation_lists::Entity::insert(revocation_lists::ActiveModel {
        digest: Set(digest),
        pem: Set(pem.to_string()),
        imported_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(revocation_lists::Column::Digest)
            .update_columns([
                revocation_lists::Column::Pem,
                revocation_lists::Column::ImportedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Applies every stored CRL to `trust` (at start, and periodically so other instances' imports apply).
pub async fn load_into<C: ConnectionTrait>(
    conn: &C,
    trust: &mut TrustStore,
) -> Result<usize, Error> {
    let rows = revocation_lists::Entity::find()
        .order_by_asc(revocation_lists::Column::ImportedAt)
        .all(conn)
        .await
        .map_err(db)?;
    let mut applied = 0;
    for row in rows {
        match trust.add_crl(row.pem.as_bytes()) {
            Ok(_) => applied += 1,
            Err(e) => {
                tracing::warn!(digest = %row.digest, error = %e, "stored revocation list not applied")
            }
        }
    }
    Ok(applied)
}
