//! Certificate revocation lists: imported by the operator, kept in the database, loaded by every instance.

use super::Context;
use crate::domain::Error;
use crate::store;
use guichet_identity::{TrustStore, certificate::CrlUpdate};
use sea_orm::ConnectionTrait;
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
    store::revocation::upsert(conn, digest, pem, now).await
}

/// Applies every stored CRL to `trust` (at start, and periodically so other instances' imports apply).
pub async fn load_into<C: ConnectionTrait>(
    conn: &C,
    trust: &mut TrustStore,
) -> Result<usize, Error> {
    let rows = store::revocation::all(conn).await?;
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
