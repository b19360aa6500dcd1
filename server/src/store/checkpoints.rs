//! The checkpoint keys (secrets: their `Debug` hides the private halves) and the signed
//! access-log checkpoints.

use super::entities::{access_checkpoints, checkpoint_keys};
use crate::domain::Error;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use time::OffsetDateTime;

/// A checkpoint key as kept.
pub type CheckpointKey = checkpoint_keys::Model;
/// A signed checkpoint as kept.
pub type Checkpoint = access_checkpoints::Model;

/// Every checkpoint key, oldest first.
pub async fn keys<C: ConnectionTrait>(conn: &C) -> Result<Vec<CheckpointKey>, Error> {
    Ok(checkpoint_keys::Entity::find()
        .order_by_asc(checkpoint_keys::Column::Serial)
        .all(conn)
        .await?)
}

/// Keeps a checkpoint key (fails if its serial is taken: that decides races).
pub async fn insert_key<C: ConnectionTrait>(conn: &C, key: CheckpointKey) -> Result<(), Error> {
    checkpoint_keys::Entity::insert(checkpoint_keys::ActiveModel {
        serial: Set(key.serial),
        key_id: Set(key.key_id),
        private_key: Set(key.private_key),
        public_key: Set(key.public_key),
        valid_from: Set(key.valid_from),
        signing_until: Set(key.signing_until),
        created_at: Set(key.created_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Ends a checkpoint key's signing period at `at`.
pub async fn retire_key<C: ConnectionTrait>(
    conn: &C,
    serial: i32,
    at: OffsetDateTime,
) -> Result<(), Error> {
    checkpoint_keys::Entity::update_many()
        .col_expr(checkpoint_keys::Column::SigningUntil, Expr::value(Some(at)))
        .filter(checkpoint_keys::Column::Serial.eq(serial))
        .exec(conn)
        .await?;
    Ok(())
}

/// The latest checkpoint.
pub async fn latest<C: ConnectionTrait>(conn: &C) -> Result<Option<Checkpoint>, Error> {
    Ok(access_checkpoints::Entity::find()
        .order_by_desc(access_checkpoints::Column::Sequence)
        .one(conn)
        .await?)
}

/// Every checkpoint, oldest first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Checkpoint>, Error> {
    Ok(access_checkpoints::Entity::find()
        .order_by_asc(access_checkpoints::Column::Sequence)
        .all(conn)
        .await?)
}

/// Keeps a checkpoint (fails if its sequence is taken: two instances sign one of them).
pub async fn insert<C: ConnectionTrait>(conn: &C, c: Checkpoint) -> Result<(), Error> {
    access_checkpoints::Entity::insert(access_checkpoints::ActiveModel {
        sequence: Set(c.sequence),
        signed_at: Set(c.signed_at),
        key_id: Set(c.key_id),
        spaces: Set(c.spaces),
        signed: Set(c.signed),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
