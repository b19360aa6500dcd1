//! The keys that seal documents and the trust anchor that signs their list (secrets: their
//! `Debug` hides the private halves).

use super::entities::{issuer_keys, trust_anchor_keys};
use crate::domain::Error;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, sea_query::Expr};
use sea_orm::{ColumnTrait, QueryFilter};
use time::OffsetDateTime;

/// An issuer key as kept.
pub type IssuerKey = issuer_keys::Model;
/// The trust anchor key as kept.
pub type AnchorKey = trust_anchor_keys::Model;

/// The trust anchor key `id`.
pub async fn anchor<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<AnchorKey>, Error> {
    Ok(trust_anchor_keys::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?)
}

/// Keeps a trust anchor key (fails if one with that id exists).
pub async fn insert_anchor<C: ConnectionTrait>(conn: &C, key: AnchorKey) -> Result<(), Error> {
    trust_anchor_keys::Entity::insert(trust_anchor_keys::ActiveModel {
        id: Set(key.id),
        private_key: Set(key.private_key),
        public_key: Set(key.public_key),
        created_at: Set(key.created_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Every issuer key, oldest (lowest serial) first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<IssuerKey>, Error> {
    Ok(issuer_keys::Entity::find()
        .order_by_asc(issuer_keys::Column::Serial)
        .all(conn)
        .await?)
}

/// Whether an issuer key with `serial` exists.
pub async fn exists<C: ConnectionTrait>(conn: &C, serial: i32) -> Result<bool, Error> {
    Ok(issuer_keys::Entity::find_by_id(serial)
        .one(conn)
        .await?
        .is_some())
}

/// Keeps an issuer key (fails if its serial is taken: that decides races between rotations).
pub async fn insert<C: ConnectionTrait>(conn: &C, key: IssuerKey) -> Result<(), Error> {
    issuer_keys::Entity::insert(issuer_keys::ActiveModel {
        serial: Set(key.serial),
        key_id: Set(key.key_id),
        private_key: Set(key.private_key),
        public_key: Set(key.public_key),
        document_types: Set(key.document_types),
        valid_from: Set(key.valid_from),
        signing_until: Set(key.signing_until),
        created_at: Set(key.created_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Ends an issuer key's signing period at `at`.
pub async fn retire<C: ConnectionTrait>(
    conn: &C,
    serial: i32,
    at: OffsetDateTime,
) -> Result<(), Error> {
    issuer_keys::Entity::update_many()
        .col_expr(issuer_keys::Column::SigningUntil, Expr::value(Some(at)))
        .filter(issuer_keys::Column::Serial.eq(serial))
        .exec(conn)
        .await?;
    Ok(())
}
