//! "My data": a copy of everything the platform holds about a space and its people (GDPR access
//! and portability), prepared in the background by a job of the engine with visible progress,
//! announced by mail and push, downloaded through an expiring link whose token is kept only as a
//! hash; and the deletion records of the space.

pub mod archive;

use super::{Context, begin_write};
use crate::{
    config::Worker,
    domain::{
        Error,
        ids::SpaceId,
        push::Notice,
        rights::{ExportData, Grant, Read},
    },
    jobs::{Claimed, JobKind, JobState, Ran, Recorded},
    mail::outbox,
    store::{
        self,
        entities::data_exports::{self, Column},
        exports::Export,
        retention::DeletionRecord,
    },
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use tokio::sync::Notify;

/// How long a download link works once the export is ready.
pub const LINK_VALIDITY: Duration = Duration::days(7);

/// Where an export stands, as its holder sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for the worker.
    Queued,
    /// Being written (see the progress).
    Preparing,
    /// Ready to download until `expires_at`.
    Ready,
    /// The link expired: ask again.
    Expired,
    /// The platform could not prepare it.
    Failed,
}

impl Stage {
    /// The published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Preparing => "preparing",
            Self::Ready => "ready",
            Self::Expired => "expired",
            Self::Failed => "failed",
        }
    }
}

/// An export as its holder sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Its id.
    pub id: String,
    /// The space.
    pub space_id: String,
    /// Where it stands.
    pub stage: Stage,
    /// Items (sections and files) written so far.
    pub items_done: i32,
    /// Items in all (0 until the worker counted them).
    pub items_total: i32,
    /// Size of the archive, bytes, once ready.
    pub size_bytes: Option<i64>,
    /// When asked for.
    pub created_at: OffsetDateTime,
    /// When ready.
    pub ready_at: Option<OffsetDateTime>,
    /// When the link stops working.
    pub expires_at: Option<OffsetDateTime>,
}

fn status(e: Export, now: OffsetDateTime) -> Status {
    let stage = match e.status {
        JobState::Done if e.expires_at.is_some_and(|x| x <= now) => Stage::Expired,
        JobState::Done => Stage::Ready,
        JobState::Failed => Stage::Failed,
        _ if e.attempts > 0 => Stage::Preparing,
        _ => Stage::Queued,
    };
    Status {
        id: e.id,
        space_id: e.space_id,
        stage,
        items_done: e.items_done,
        items_total: e.items_total,
        size_bytes: e.size_bytes,
        created_at: e.created_at,
        ready_at: e.ready_at,
        expires_at: e.expires_at,
    }
}

fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Asks for an export of the grant's space; a retry with the same idempotency key returns the
/// first one. The second element says whether it was created now.
pub async fn request(
    ctx: &Context,
    grant: &Grant<ExportData>,
    idempotency_key: Option<&str>,
    request_id: &str,
) -> Result<(Status, bool), Error> {
    let now = ctx.now();
    let person = grant.caller().id().to_string();
    let space = grant.space();
    let key = idempotency_key.map(|k| super::dossiers::key_hash(&person, "export", space, k));
    if let Some(k) = &key {
        if let Some(e) = store::exports::by_key(&ctx.db, k).await? {
            return Ok((status(e, now), false));
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    let txn = begin_write(&ctx.db).await?;
    store::exports::insert(&txn, &id, space, &person, key.clone(), now).await?;
    let access = crate::domain::spaces::Access::under(
        grant,
        "export.requested",
        format!("export {id}"),
        request_id,
    );
    store::access_log::record(&txn, access, now).await?;
    if let Err(e) = txn.commit().await {
        if let Some(k) = &key {
            if let Some(existing) = store::exports::by_key(&ctx.db, k).await? {
                return Ok((status(existing, now), false));
            }
        }
        return Err(e.into());
    }
    ctx.exports_queued().notify_one();
    let e = store::exports::find(&ctx.db, &id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((status(e, now), true))
}

/// The export `id` of the grant's space; another space's is not found.
async fn in_space(ctx: &Context, space: &SpaceId, id: &str) -> Result<Export, Error> {
    store::exports::find(&ctx.db, id)
        .await?
        .filter(|e| e.space_id == space.as_str())
        .ok_or(Error::NotFound)
}

/// Where export `id` of the grant's space stands.
pub async fn read(ctx: &Context, grant: &Grant<ExportData>, id: &str) -> Result<Status, Error> {
    Ok(status(in_space(ctx, grant.space(), id).await?, ctx.now()))
}

/// The archive of export `id`, for the link's `token`; an unknown, wrong or expired token, or an
/// export not ready, is not found. The download is recorded.
pub async fn download(
    ctx: &Context,
    grant: &Grant<ExportData>,
    id: &str,
    token: &str,
    request_id: &str,
) -> Result<(String, Vec<u8>), Error> {
    let now = ctx.now();
    let e = in_space(ctx, grant.space(), id).await?;
    let matches = e.token_hash.as_deref() == Some(sha256_hex(token).as_str());
    let live = e.status == JobState::Done && e.expires_at.is_some_and(|x| x > now);
    if !matches || !live {
        return Err(Error::NotFound);
    }
    let bytes = store::exports::archive(&ctx.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let access = crate::domain::spaces::Access::under(
        grant,
        "export.downloaded",
        format!("export {id}"),
        request_id,
    );
    ctx.record_access(access, now).await?;
    Ok((e.file_name.unwrap_or_else(|| format!("{id}.zip")), bytes))
}

/// The deletion records of the grant's space, newest first.
pub async fn deletions(ctx: &Context, grant: &Grant<Read>) -> Result<Vec<DeletionRecord>, Error> {
    store::retention::records(&ctx.db, grant.space()).await
}

/// Preparing one export: gather, write the archive item by item (progress), keep it, then in
/// one transaction record the job done with the token's hash and queue the mail and pushes.
pub struct PrepareExport;

impl JobKind for PrepareExport {
    type Table = data_exports::Entity;
    const WORKER: Worker = Worker::Exports;

    fn queued(ctx: &Context) -> Arc<Notify> {
        ctx.exports_queued()
    }

    async fn run(
        &self,
        ctx: &Context,
        job: &Claimed<data_exports::Entity>,
    ) -> Ran<data_exports::Entity> {
        match prepare(ctx, job).await {
            Ok(recorded) => Ran::recorded(recorded),
            Err(e) => Ran::retry(e.to_string()),
        }
    }
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn deletions_json(records: &[DeletionRecord]) -> Value {
    Value::Array(
        records
            .iter()
            .map(|r| {
                json!({"object_kind": r.object_kind, "object_id": r.object_id,
                    "procedure_id": r.procedure_id, "state": r.state, "rule": r.rule,
                    "deleted_at": rfc3339(r.deleted_at)})
            })
            .collect(),
    )
}

async fn about(ctx: &Context, e: &Export, now: OffsetDateTime) -> Result<archive::About, Error> {
    let space_id = SpaceId::from(e.space_id.as_str());
    let space = store::spaces::find(&ctx.db, &space_id)
        .await?
        .ok_or(Error::NotFound)?;
    let profile = match store::spaces::profile(&ctx.db, &space_id).await? {
        Some(p) => json!({"family_name": p.family_name, "given_names": p.given_names,
            "birth_date": p.birth_date, "birth_place": p.birth_place,
            "nationality": p.nationality, "street": p.street, "house_number": p.house_number,
            "postcode": p.postcode, "locality": p.locality, "country": p.country,
            "email": p.email, "phone": p.phone, "iban": p.iban,
            "preferred_language": p.preferred_language}),
        None => match store::organisations::find(&ctx.db, &space_id).await? {
            Some(o) => {
                let o = o.organisation;
                json!({"name": o.name, "legal_form": o.legal_form, "rcs_number": o.rcs_number,
                    "vat_number": o.vat_number, "street": o.street,
                    "house_number": o.house_number, "postcode": o.postcode,
                    "locality": o.locality, "country": o.country, "email": o.email,
                    "phone": o.phone})
            }
            None => Value::Null,
        },
    };
    let records = store::retention::records(&ctx.db, &space_id).await?;
    Ok(archive::About {
        export_id: e.id.clone(),
        space: json!({"id": space.id.to_string(), "kind": space.kind.as_str(),
            "name": space.name, "created_at": rfc3339(space.created_at)}),
        profile,
        requested_by: e.requested_by.clone(),
        generated_at: now,
        deletions: deletions_json(&records),
    })
}

async fn prepare(ctx: &Context, job: &Claimed<data_exports::Entity>) -> Result<Recorded, Error> {
    let now = ctx.now();
    let e = &job.row;
    let space = SpaceId::from(e.space_id.as_str());
    let mut held = store::exports::holdings(&ctx.db, &space).await?;
    // The accounts and devices of the person who asked only, not their co-workers'.
    held.persons.retain(|p| p.id.as_str() == e.requested_by);
    held.devices.retain(|d| d.person_id == e.requested_by);
    let about = about(ctx, e, now).await?;
    let (manifest, files) = archive::plan(&about, &held);
    let total = i32::try_from(files.len() + 1).unwrap_or(i32::MAX);
    store::exports::progress(&ctx.db, &e.id, 0, total).await?;
    let mut writer = archive::Writer::default();
    for (n, f) in files.iter().enumerate() {
        writer.add(f)?;
        let done = i32::try_from(n + 1).unwrap_or(i32::MAX);
        store::exports::progress(&ctx.db, &e.id, done, total).await?;
    }
    let bytes = writer.finish(manifest)?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let token = URL_SAFE_NO_PAD.encode(raw);
    let expires = now + LINK_VALIDITY;
    let file_name = format!("guichet-{}-{}.zip", e.space_id, now.date());
    let txn = begin_write(&ctx.db).await?;
    store::exports::store_archive(&txn, &e.id, bytes).await?;
    let done = Ran::done(JobState::Done)
        .set(Column::TokenHash, Some(sha256_hex(&token)))
        .set(Column::FileName, Some(file_name))
        .set(Column::SizeBytes, Some(size))
        .set(Column::ItemsDone, total)
        .set(Column::ReadyAt, Some(now))
        .set(Column::ExpiresAt, Some(expires));
    let recorded = crate::jobs::record(&txn, job, done, now).await?;
    if recorded == Recorded::Lost {
        txn.rollback().await?;
        return Ok(recorded);
    }
    announce(ctx, &txn, e, &token, expires).await?;
    txn.commit().await?;
    ctx.mail_queued.notify_one();
    ctx.push.queued.notify_one();
    tracing::info!(export_id = %e.id, size, "export ready");
    Ok(recorded)
}

/// Queues the mail with the link (its body is emptied once a relay took it) and the pushes.
async fn announce(
    ctx: &Context,
    txn: &sea_orm::DatabaseTransaction,
    e: &Export,
    token: &str,
    expires: OffsetDateTime,
) -> Result<(), Error> {
    let person = crate::domain::ids::PersonId::from(e.requested_by.as_str());
    let lang = super::push::language_of(txn, &person).await?;
    let email = match store::spaces::private_space_of(txn, &person).await? {
        Some(s) => store::spaces::profile(txn, &s.id)
            .await?
            .and_then(|p| p.email),
        None => None,
    };
    let email = match email {
        Some(m) => Some(m),
        None => store::persons::find(txn, &person).await?.map(|p| p.email),
    };
    let link = format!(
        "{}/api/v1/spaces/{}/exports/{}/archive?token={token}",
        ctx.config.public_url.trim_end_matches('/'),
        e.space_id,
        e.id
    );
    let until = expires
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    if let Some(to) = email {
        let (subject, body) = crate::mail::templates::export_ready(lang, &link, &until);
        outbox::enqueue(txn, &to, &subject, &body, ctx.now()).await?;
    }
    let notice = Notice::ExportReady {
        export_id: e.id.clone(),
        space_id: e.space_id.clone(),
    };
    super::push::notify_in(txn, ctx, &e.requested_by, &notice).await?;
    Ok(())
}
