//! Who read or changed a space's data: appended on every access, read by the holder.

use super::entities::access_log;
use crate::domain::{
    Error,
    ids::SpaceId,
    spaces::{Access, AccessEntry},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
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
        actor_role: Set(access.role),
        at: Set(at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Which entries of a space's access log to read.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    /// Only this actor's entries (person or agent id).
    pub actor: Option<&'a str>,
    /// Only actions starting with this (e.g. `profile.` or `dossier.read_by_agent`).
    pub action: Option<&'a str>,
    /// Only entries at or after this instant.
    pub since: Option<time::OffsetDateTime>,
    /// Only entries before this instant.
    pub until: Option<time::OffsetDateTime>,
}

/// A page of `space`'s access log matching `filter`, newest first, and how many match.
pub async fn page<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    filter: &Filter<'_>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AccessEntry>, u64), Error> {
    let mut select =
        access_log::Entity::find().filter(access_log::Column::SpaceId.eq(space.clone()));
    if let Some(actor) = filter.actor {
        select = select.filter(access_log::Column::ActorPersonId.eq(actor));
    }
    if let Some(action) = filter.action {
        select = select.filter(access_log::Column::Action.starts_with(action));
    }
    if let Some(since) = filter.since {
        select = select.filter(access_log::Column::At.gte(since));
    }
    if let Some(until) = filter.until {
        select = select.filter(access_log::Column::At.lt(until));
    }
    let paginator = select
        .order_by_desc(access_log::Column::At)
        .order_by_desc(access_log::Column::Id)
        .paginate(conn, per_page.clamp(1, 100));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.max(1) - 1).await?;
    let items = rows
        .into_iter()
        .map(|a| AccessEntry {
            at: a.at,
            actor_kind: if a.actor_role.is_some() {
                "person"
            } else {
                "agent"
            },
            actor: a.actor_person_id,
            role: a.actor_role,
            action: a.action,
            detail: a.detail,
        })
        .collect();
    Ok((items, total))
}
