//! Who read or changed a space's data, when, and what: recorded on every access.

use super::{Context, db};
use crate::domain::Error;
use crate::store::entities::access_log;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// One access to a space's data.
#[derive(Debug, Clone)]
pub struct Access<'a> {
    /// The space.
    pub space_id: &'a str,
    /// Who acted.
    pub actor_person_id: &'a str,
    /// What was done, e.g. `profile.read`.
    pub action: &'a str,
    /// Which data (field names, never values).
    pub detail: String,
    /// The request, for correlation with logs.
    pub request_id: &'a str,
}

/// Records an access.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    access: Access<'_>,
    at: time::OffsetDateTime,
) -> Result<(), Error> {
    access_log::Entity::insert(access_log::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        space_id: Set(access.space_id.to_string()),
        actor_person_id: Set(access.actor_person_id.to_string()),
        action: Set(access.action.to_string()),
        detail: Set(access.detail),
        request_id: Set(access.request_id.chars().take(64).collect()),
        at: Set(at),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// The latest `limit` accesses to a space, newest first.
pub async fn list(
    ctx: &Context,
    space_id: &str,
    limit: u64,
) -> Result<Vec<access_log::Model>, Error> {
    access_log::Entity::find()
        .filter(access_log::Column::SpaceId.eq(space_id.to_string()))
        .order_by_desc(access_log::Column::At)
        .order_by_desc(access_log::Column::Id)
        .limit(limit)
        .all(&ctx.db)
        .await
        .map_err(db)
}
