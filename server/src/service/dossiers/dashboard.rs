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
use std::collections::HashMap;

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
pub async fn page(ctx: &Context, grant: &Grant<Read>, q: Query<'_>) -> Result<Page, Error> {
    // One snapshot for the lines, the total and the unread counts (and so the ETag).
    let txn = crate::service::begin_read(&ctx.db).await?;
    let (rows, total) = match q.status.map(Status::parse) {
        Some(None) => (Vec::new(), 0),
        status => {
            let status = status.flatten();
            store::dossiers::page_in_space(
                &txn,
                grant.space(),
                grant.member_reach(),
                status,
                q.page,
                q.per_page,
            )
            .await?
        }
    };
    // One query for the unread counts of the page; each procedure version read once.
    let ids: Vec<DossierId> = rows.iter().map(|r| r.id.clone()).collect();
    let unread_counts =
        store::messages::unread_by_dossier(&txn, &ids, Side::Administration).await?;
    let mut procedures = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    let mut hasher = Sha256::new();
    hasher.update(format!("{total}|{}|", q.lang.code()));
    for row in rows {
        let key = (row.procedure_id.clone(), row.procedure_version);
        if !procedures.contains_key(&key) {
            let p = catalog::version(&txn, &key.0, key.1).await?;
            procedures.insert(key.clone(), p);
        }
        let (title, signature_required, payment) = match procedures.get(&key) {
            Some(p) => (
                p.title.get(q.lang).to_string(),
                p.signature_required,
                crate::service::payments::label(&txn, &row, p).await?,
            ),
            None => (String::new(), false, None),
        };
        let unread = unread_counts
            .get(row.id.as_str())
            .copied()
            .unwrap_or_default();
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
            status => next_action(status, signature_required),
        };
        items.push(Line {
            payment,
            next_action: action,
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
    txn.commit().await?;
    Ok(Page {
        items,
        total,
        etag: format!("\"{}\"", &hex::encode(hasher.finalize())[..32]),
    })
}
