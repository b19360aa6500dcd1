//! Retention: what the procedures' periods let go is deleted or anonymised by a daily job, each
//! with a deletion record; a holder deletes a draft at once. A dossier whose issued document is
//! still valid is kept until the document expires (it stays verifiable online until then).

use super::{Context, begin_write};
use crate::domain::{
    Error,
    dossiers::Status,
    ids::DossierId,
    retention::{Retention, Then},
    rights::{ActorKind, Fill, Grant},
    spaces::Access,
};
use crate::store::{
    self,
    entities::communications,
    retention::{Candidate, DeletionRecord},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::sync::{
    LazyLock,
    atomic::{AtomicI64, Ordering},
};
use time::{Duration, OffsetDateTime};

/// The shipped retention periods (`fixtures/procedures/retention.json`).
static RULES: LazyLock<Result<Retention, String>> =
    LazyLock::new(|| Retention::parse(include_str!("../../../fixtures/procedures/retention.json")));

/// When this instance last applied retention (Unix seconds; 0: not yet).
static LAST_RUN: AtomicI64 = AtomicI64::new(0);

/// The retention periods.
pub fn rules() -> Result<&'static Retention, Error> {
    RULES
        .as_ref()
        .map_err(|e| Error::internal(format!("retention.json: {e}")))
}

/// What one pass of retention did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Dossiers deleted, with the rule.
    pub deleted: Vec<(DossierId, String)>,
    /// Dossiers anonymised, with the rule.
    pub anonymised: Vec<(DossierId, String)>,
    /// Dossiers due but kept, with why (a document still valid).
    pub kept: Vec<(DossierId, String)>,
}

/// The latest instant until which a document issued for `dossier` stays valid, if one is still
/// valid at `now`.
pub(crate) async fn valid_document_until<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    now: OffsetDateTime,
) -> Result<Option<(String, OffsetDateTime)>, Error> {
    let rows = communications::Entity::find()
        .filter(communications::Column::DossierId.eq(dossier.clone()))
        .all(conn)
        .await?;
    let mut latest: Option<(String, OffsetDateTime)> = None;
    for c in rows {
        let Some(seal) = c.seal_text.as_deref() else {
            continue;
        };
        let until = match guichet_verifier::seal::parse(seal) {
            Ok(s) => s.unverified_claims().valid_until(),
            // A seal that no longer reads is kept as if it never expired.
            Err(_) => Some(OffsetDateTime::from_unix_timestamp(253_402_300_799).unwrap_or(now)),
        };
        let Some(until) = until.filter(|u| *u > now) else {
            continue;
        };
        let number = c.document_number.map(|n| n.to_string()).unwrap_or_default();
        if latest.as_ref().is_none_or(|(_, l)| until > *l) {
            latest = Some((number, until));
        }
    }
    Ok(latest)
}

/// The deletion record of `c`, deleted under `rule` by `by` at `now`.
pub(crate) fn record(c: &Candidate, rule: &str, by: &str, now: OffsetDateTime) -> DeletionRecord {
    DeletionRecord {
        id: uuid::Uuid::now_v7().to_string(),
        space_id: c.space_id.to_string(),
        object_kind: "dossier".into(),
        object_id: c.id.to_string(),
        procedure_id: Some(c.procedure_id.clone()),
        state: Some(c.status.as_str().to_string()),
        rule: rule.to_string(),
        deleted_by: by.to_string(),
        kept: "[\"deletion record\",\"access record\"]".into(),
        object_created_at: c.created_at,
        deleted_at: now,
    }
}

/// Applies every procedure's retention periods at the context's now.
pub async fn apply(ctx: &Context) -> Result<Applied, Error> {
    let rules = rules()?;
    let now = ctx.now();
    let mut applied = Applied::default();
    for c in store::retention::candidates(&ctx.db, now - Duration::days(1)).await? {
        let Some(due) = rules.due(&c.procedure_id, c.status, c.updated_at, now) else {
            continue;
        };
        if due.period.then == Then::Anonymise && !c.has_data {
            continue;
        }
        if let Some((number, until)) = valid_document_until(&ctx.db, &c.id, now).await? {
            applied
                .kept
                .push((c.id, format!("document {number} valid until {until}")));
            continue;
        }
        let txn = begin_write(&ctx.db).await?;
        match due.period.then {
            Then::Delete => store::retention::delete(&txn, &c.id).await?,
            Then::Anonymise => store::retention::strip(&txn, &c.id).await?,
        }
        let mut rec = record(&c, &due.rule, "platform", now);
        if due.period.then == Then::Anonymise {
            rec.object_kind = "dossier-content".into();
            rec.kept =
                "[\"dossier status and dates\",\"timeline\",\"deletion record\",\"access record\"]"
                    .into();
        }
        store::retention::insert_record(&txn, rec).await?;
        let access = Access::by_operator(
            &c.space_id,
            ActorKind::Platform,
            "platform",
            match due.period.then {
                Then::Delete => "dossier.deleted",
                Then::Anonymise => "dossier.anonymised",
            },
            format!("dossier {}", c.id),
            format!("retention period ran out ({})", due.rule),
        );
        store::access_log::record(&txn, access, now).await?;
        txn.commit().await?;
        match due.period.then {
            Then::Delete => applied.deleted.push((c.id, due.rule)),
            Then::Anonymise => applied.anonymised.push((c.id, due.rule)),
        }
    }
    LAST_RUN.store(now.unix_timestamp(), Ordering::Relaxed);
    if !applied.deleted.is_empty() || !applied.anonymised.is_empty() {
        tracing::info!(
            deleted = applied.deleted.len(),
            anonymised = applied.anonymised.len(),
            kept = applied.kept.len(),
            "retention applied"
        );
    }
    Ok(applied)
}

/// [`apply`] when this instance has not applied retention for a day.
pub async fn apply_if_due(ctx: &Context) -> Result<Option<Applied>, Error> {
    let last = LAST_RUN.load(Ordering::Relaxed);
    if ctx.now().unix_timestamp() - last < Duration::days(1).whole_seconds() {
        return Ok(None);
    }
    apply(ctx).await.map(Some)
}

/// Deletes a draft at its holder's request, at once, with a deletion record; another status is
/// refused (its retention period applies).
pub async fn delete_draft(
    ctx: &Context,
    grant: &Grant<Fill>,
    id: &DossierId,
    request_id: &str,
) -> Result<(), Error> {
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let d = super::dossiers::load(&txn, grant, id).await?;
    if d.status != Status::Draft {
        return Err(Error::illegal(d.status));
    }
    store::retention::delete(&txn, id).await?;
    let by = grant.caller().id().to_string();
    let c = Candidate {
        id: d.id.clone(),
        space_id: d.space_id.clone(),
        procedure_id: d.procedure_id.clone(),
        status: d.status,
        created_at: d.created_at,
        updated_at: d.updated_at,
        has_data: true,
    };
    let rec = record(&c, "holder-request", &by, now);
    store::retention::insert_record(&txn, rec).await?;
    let access = Access::under(grant, "dossier.deleted", format!("draft {id}"), request_id);
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    Ok(())
}
