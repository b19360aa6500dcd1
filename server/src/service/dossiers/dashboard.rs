//! The dashboard: a space's dossiers with status, last change, next action and unread messages.

use super::{messages, status_of};
use crate::domain::{Error, Language, dossiers::next_action};
use crate::service::{Context, catalog, db, spaces};
use crate::store::entities::dossiers;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// One line of the dashboard.
#[derive(Debug, Clone)]
pub struct Line {
    /// The dossier.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Its title in the caller's language.
    pub title: String,
    /// The status.
    pub status: String,
    /// `accepted` or `rejected` once closed.
    pub outcome: Option<String>,
    /// `online` or `paper`.
    pub channel: String,
    /// Last change.
    pub updated_at: time::OffsetDateTime,
    /// What the holder should do next, if anything.
    pub next_action: Option<&'static str>,
    /// Messages from the administration not read yet.
    pub unread_messages: u64,
}

/// A page of the dashboard and its entity tag.
#[derive(Debug, Clone)]
pub struct Page {
    /// The lines, most recently changed first.
    pub items: Vec<Line>,
    /// How many dossiers match the filter.
    pub total: u64,
    /// A strong entity tag of this page.
    pub etag: String,
}

/// Which dossiers to show.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// Only this status.
    pub status: Option<&'a str>,
    /// Page number, from 1.
    pub page: u64,
    /// Lines per page (1 to 100).
    pub per_page: u64,
    /// The language of titles.
    pub lang: Language,
}

/// The dashboard of a space the person holds.
pub async fn page(
    ctx: &Context,
    space_id: &str,
    person_id: &str,
    q: Query<'_>,
) -> Result<Page, Error> {
    spaces::require_holder(&ctx.db, space_id, person_id).await?;
    let mut select = dossiers::Entity::find().filter(dossiers::Column::SpaceId.eq(space_id));
    if let Some(s) = q.status {
        select = select.filter(dossiers::Column::Status.eq(s));
    }
    let paginator = select
        .order_by_desc(dossiers::Column::UpdatedAt)
        .order_by_desc(dossiers::Column::Id)
        .paginate(&ctx.db, q.per_page.clamp(1, 100));
    let total = paginator.num_items().await.map_err(db)?;
    let rows = paginator.fetch_page(q.page.max(1) - 1).await.map_err(db)?;
    let mut titles: HashMap<(String, i32), (String, bool)> = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    let mut hasher = Sha256::new();
    hasher.update(format!("{total}|{}|", q.lang.code()));
    for row in rows {
        let key = (row.procedure_id.clone(), row.procedure_version);
        if !titles.contains_key(&key) {
            let p = catalog::version(&ctx.db, &key.0, key.1).await?;
            titles.insert(
                key.clone(),
                (p.title.get(q.lang).to_string(), p.signature_required),
            );
        }
        let (title, signature_required) = titles.get(&key).cloned().unwrap_or_default();
        let unread = messages::unread(&ctx.db, &row.id, "administration").await?;
        hasher.update(format!("{}:{}:{}|", row.id, row.revision, unread));
        items.push(Line {
            next_action: next_action(status_of(&row)?, signature_required),
            id: row.id,
            procedure_id: row.procedure_id,
            title,
            status: row.status,
            outcome: row.outcome,
            channel: row.channel,
            updated_at: row.updated_at,
            unread_messages: unread,
        });
    }
    Ok(Page {
        items,
        total,
        etag: format!("\"{}\"", &hex::encode(hasher.finalize())[..32]),
    })
}
