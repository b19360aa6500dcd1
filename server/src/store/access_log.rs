//! Who read or changed a space's data: appended on every access, read by the holder.

use super::entities::access_log;
use crate::domain::{
    Error,
    ids::SpaceId,
    spaces::{Access, AccessEntry},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Records an access.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    access: Access,
    at: time::OffsetDateTime,
) -> Result<(), Error> {
    access_log::Entity::insert(access_log::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        space_id: Set(access.space_id),
        actor_person_id: Set(access.actor),
        action: Set(access.action.to_string()),
        detail: Set(access.detail),
        request_id: Set(access.request_id),
        at: Set(at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The latest `limit` accesses to `space`, newest first.
pub async fn latest<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    limit: u64,
) -> Result<Vec<AccessEntry>, Error> {
    Ok(access_log::Entity::find()
        .filter(access_log::Column::SpaceId.eq(space.clone()))
        .order_by_desc(access_log::Column::At)
        .order_by_desc(access_log::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(|a| AccessEntry {
            at: a.at,
            actor: a.actor_person_id,
            action: a.action,
            detail: a.detail,
        })
        .collect())
}
