//! The dashboard: a space's dossiers with status, last change, next action and unread messages.

use crate::domain::{
    Error, Language,
    dossiers::{Side, Status, next_action},
    ids::DossierId,
    rights::{Grant, Read},
};
use crate::service::{Context, catalog};
use crate::store;
use sha2::{Digest, Sha256};

/// One line of the dashboard.
#[derive(Debug, Clone)]
pub struct Line {
    /// The dossier.
    pub id: DossierId,
    /// The procedure.
    pub procedure_id: String,
    /// Its title in the caller's language.
    pub title: String,
    /// The status.
    pub status: Status,
    /// How it ended, once closed.
    pub outcome: Option<crate::domain::dossiers::Outcome>,
    /// Online or on paper.
    pub channel: crate::domain::dossiers::Channel,
    /// Last change.
    pub updated_at: time::OffsetDateTime,
    /// What the holder should do next, if anything.
    pub next_action: Option<&'static str>,
    /// Messages from the administration not read yet.
    pub unread_messages: u64,
    /// The payment of its fee (`due`, `pending`, `paid`, `refunded`…), when it has one.
    pub payment: Option<&'static str>,
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

/// The dashboard of the grant's space. A status filter that names no status matches nothing.
///
/// One statement reads the lines, the total and the unread counts (one snapshot, so one
/// ETag); the procedure versions come from the instance's cache ([`catalog::published`]).
pub async fn page(ctx: &Context, grant: &Grant<Read>, q: Query<'_>) -> Result<Page, Error> {
    let (rows, total) = match q.status.map(Status::parse) {
        Some(None) => (Vec::new(), 0),
        status => {
            store::dossiers::page_in_space(
                &ctx.db,
                grant.space(),
                grant.member_reach(),
                status.flatten(),
                Side::Administration,
                (q.page, q.per_page),
            )
            .await?
        }
    };
    let mut items = Vec::with_capacity(rows.len());
    let mut hasher = Sha256::new();
    hasher.update(format!("{total}|{}|", q.lang.code()));
    for row in rows {
        let p = catalog::published(ctx, &row.procedure_id, row.procedure_version).await?;
        // A fee depends on the form's data: only then is the whole dossier read.
        let payment = match &p.fee {
            None => None,
            Some(_) => match store::dossiers::find(&ctx.db, &row.id).await? {
                Some(record) => crate::service::payments::label(&ctx.db, &record, &p).await?,
                None => None,
            },
        };
        let unread = u64::try_from(row.unread_messages).unwrap_or(0);
        hasher.update(format!(
            "{}:{}:{}:{}|",
            row.id,
            row.revision,
            unread,
            payment.unwrap_or("")
        ));
        let pay_first = payment == Some("due")
            || payment.is_some_and(|p| matches!(p, "pending" | "failed" | "expired" | "cancelled"));
        let action = match row.status {
            Status::Draft | Status::Signed if pay_first => Some("pay"),
            status => next_action(status, p.signature_required),
        };
        items.push(Line {
            payment,
            next_action: action,
            title: p.title.get(q.lang).to_string(),
            id: row.id,
            procedure_id: row.procedure_id,
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
