//! Certificate revocation lists imported by the operator, shared by every instance.

use super::entities::revocation_lists;
use crate::domain::Error;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, sea_query::OnConflict};
use time::OffsetDateTime;

/// A stored revocation list.
pub type RevocationList = revocation_lists::Model;

/// Stores a CRL under `digest`, replacing the text and date of one stored under it before.
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    digest: String,
    pem: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
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
    .await?;
    Ok(())
}

/// Every stored CRL, oldest import first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<RevocationList>, Error> {
    Ok(revocation_lists::Entity::find()
        .order_by_asc(revocation_lists::Column::ImportedAt)
        .all(conn)
        .await?)
}
