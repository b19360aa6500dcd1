//! Issuing documents: accepting a dossier whose procedure results in a document queues an
//! issuance job in the same transaction; a worker renders and seals the document, delivers it
//! into the space and queues its notices, all in one transaction.
//!
//! Exactly once: a job is unique per dossier and a communication unique per job. A job is taken
//! inside the transaction that issues it (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances
//! sharing the database take different jobs; SQLite's write lock serialises them): if the
//! server dies mid-way, the transaction rolls back and the job is taken again at restart.

use super::{NewCommunication, NewFile, administration_name, deliver, kind, state, wake_notices};
use crate::{
    domain::{Error, Language},
    mail::outbox::backoff,
    service::{Context, begin_write, db, issuer_keys},
    store::entities::{
        communications, dossiers, issuance_jobs as jobs, persons, register_people, spaces,
    },
};
use guichet_documents::extract::{self, ExtractContent, Outcome, Subject};
use guichet_verifier::seal::DocumentId;
use rand::RngCore as _;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, LockBehavior, LockType},
};
use std::{sync::Arc, time::Duration as StdDuration};
use time::{Date, Duration, OffsetDateTime, macros::format_description};
use tokio::sync::Notify;

/// Attempts after which a job is marked failed (the operator sees it in `guichet documents jobs`).
pub const MAX_ATTEMPTS: i32 = 10;

/// States of an issuance job.
pub mod job_status {
    /// Waiting (for its first attempt, or another one after a failure: see `attempts`).
    pub const QUEUED: &str = "queued";
    /// Issued: `communication_id` says which.
    pub const DONE: &str = "done";
    /// Given up after [`super::MAX_ATTEMPTS`]; `last_error` says why.
    pub const FAILED: &str = "failed";
}

/// Queues the issuance of `document_type` for the accepted `dossier`, in the caller's transaction.
pub async fn queue_in<C: ConnectionTrait>(
    conn: &C,
    dossier: &dossiers::Model,
    document_type: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    jobs::Entity::insert(jobs::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        dossier_id: Set(dossier.id.clone()),
        document_type: Set(document_type.to_string()),
        status: Set(job_status::QUEUED.into()),
        attempts: Set(0),
        created_at: Set(now),
        next_attempt_at: Set(now),
        done_at: Set(None),
        last_error: Set(None),
        communication_id: Set(None),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// What one job came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issued {
    /// Issued as this communication.
    Done(String),
    /// Failed this time; retried later, or given up after [`MAX_ATTEMPTS`].
    Failed(String),
}

/// Takes the next due job and issues it; `None` when no job is due.
pub async fn issue_next(ctx: &Context) -> Result<Option<Issued>, Error> {
    let now = ctx.now();
    let issuer = issuer_keys::current_issuer(ctx).await?;
    let txn = begin_write(&ctx.db).await?;
    let mut due = jobs::Entity::find()
        .filter(jobs::Column::Status.eq(job_status::QUEUED))
        .filter(jobs::Column::NextAttemptAt.lte(now))
        .order_by_asc(jobs::Column::NextAttemptAt)
        .order_by_asc(jobs::Column::Id)
        .limit(1);
    if txn.get_database_backend() == DbBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let Some(job) = due.one(&txn).await.map_err(db)? else {
        return Ok(None);
    };
    match issue_in(&txn, ctx, &job, &issuer, now).await {
        Ok(id) => {
            jobs::Entity::update_many()
                .col_expr(jobs::Column::Status, Expr::value(job_status::DONE))
                .col_expr(jobs::Column::Attempts, Expr::value(job.attempts + 1))
                .col_expr(jobs::Column::DoneAt, Expr::value(Some(now)))
                .col_expr(jobs::Column::CommunicationId, Expr::value(Some(id.clone())))
                .filter(jobs::Column::Id.eq(job.id.clone()))
                .exec(&txn)
                .await
                .map_err(db)?;
            txn.commit().await.map_err(db)?;
            ctx.metrics
                .communications
                .with_label_values(&["issued"])
                .inc();
            tracing::info!(job_id = %job.id, communication_id = %id, "document issued");
            Ok(Some(Issued::Done(id)))
        }
        Err(e) => {
            txn.rollback().await.map_err(db)?;
            record_failure(ctx, &job, &e, now).await?;
            Ok(Some(Issued::Failed(e.to_string())))
        }
    }
}

async fn record_failure(
    ctx: &Context,
    job: &jobs::Model,
    error: &Error,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let attempts = job.attempts + 1;
    let given_up = attempts >= MAX_ATTEMPTS;
    let status = if given_up {
        job_status::FAILED
    } else {
        job_status::QUEUED
    };
    jobs::Entity::update_many()
        .col_expr(jobs::Column::Status, Expr::value(status))
        .col_expr(jobs::Column::Attempts, Expr::value(attempts))
        .col_expr(
            jobs::Column::NextAttemptAt,
            Expr::value(now + backoff(job.attempts)),
        )
        .col_expr(
            jobs::Column::LastError,
            Expr::value(Some(error.to_string())),
        )
        .filter(jobs::Column::Id.eq(job.id.clone()))
        .filter(jobs::Column::Attempts.eq(job.attempts))
        .filter(jobs::Column::Status.eq(job_status::QUEUED))
        .exec(&ctx.db)
        .await
        .map_err(db)?;
    let event = if given_up {
        "issuance_failed"
    } else {
        "issuance_retrying"
    };
    ctx.metrics.communications.with_label_values(&[event]).inc();
    tracing::error!(job_id = %job.id, attempts, error = %error, "document not issued");
    Ok(())
}

/// Whole seconds: the seal carries a NumericDate, and the page prints the same day.
fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t - Duration::nanoseconds(i64::from(t.nanosecond()))
}

async fn issue_in(
    txn: &DatabaseTransaction,
    ctx: &Context,
    job: &jobs::Model,
    issuer: &guichet_verifier::seal::Issuer,
    now: OffsetDateTime,
) -> Result<String, Error> {
    if job.document_type != kind::CRIMINAL_RECORD_EXTRACT {
        return Err(Error::internal(format!(
            "no issuer for documents of type {}",
            job.document_type
        )));
    }
    let dossier = dossiers::Entity::find_by_id(job.dossier_id.clone())
        .one(txn)
        .await
        .map_err(db)?
        .ok_or_else(|| Error::internal("the dossier to answer is gone"))?;
    let mut find_space = spaces::Entity::find_by_id(dossier.space_id.clone());
    if txn.get_database_backend() == DbBackend::Postgres {
        // Issuances into one space take turns: the later one then sees the earlier extract
        // (committed) and supersedes it, instead of both staying valid.
        find_space = find_space.lock(LockType::Update);
    }
    let space = find_space
        .one(txn)
        .await
        .map_err(db)?
        .ok_or_else(|| Error::internal("the dossier's space is gone"))?;
    let owner = space
        .private_owner_id
        .clone()
        .ok_or_else(|| Error::internal("an extract is issued into a private space only"))?;
    let person = persons::Entity::find_by_id(owner)
        .one(txn)
        .await
        .map_err(db)?
        .ok_or_else(|| Error::internal("the space's owner is gone"))?;
    let register = register_people::Entity::find_by_id(person.matricule.clone())
        .one(txn)
        .await
        .map_err(db)?
        .ok_or(Error::NotInRegister)?;
    let lang = language(txn, &dossier).await?;
    let number = fresh_document_number(txn).await?;
    let issued_at = whole_seconds(now);
    let birth_date = Date::parse(
        &register.birth_date,
        format_description!("[year]-[month]-[day]"),
    )
    .map_err(|e| Error::internal(format!("register birth date: {e}")))?;
    let content = ExtractContent {
        subject: Subject {
            family_name: register.family_name.clone(),
            given_names: register.given_names.clone(),
            birth_date,
            birth_place: register.birth_place.clone(),
        },
        // No authentic source of convictions is connected: the record is read as empty.
        outcome: Outcome::NoEntry,
        document_number: number.to_string(),
        issue_date: issued_at.date(),
        authority: administration_name(txn, &dossier.administration_id, lang).await?,
        language: lang,
    };
    let sealed = extract::issue(&content, issuer, issued_at).map_err(Error::internal)?;
    let (title, file_prefix) = extract_names(lang);
    let number_text = number.to_string();
    let superseded = communications::Entity::update_many()
        .col_expr(
            communications::Column::Status,
            Expr::value(state::SUPERSEDED),
        )
        .col_expr(
            communications::Column::SupersededBy,
            Expr::value(Some(number_text.clone())),
        )
        .filter(communications::Column::SpaceId.eq(space.id.clone()))
        .filter(communications::Column::Kind.eq(kind::CRIMINAL_RECORD_EXTRACT))
        .filter(communications::Column::Status.eq(state::VALID))
        .exec(txn)
        .await
        .map_err(db)?;
    if superseded.rows_affected > 0 {
        ctx.metrics
            .communications
            .with_label_values(&["superseded"])
            .inc_by(superseded.rows_affected);
    }
    let new = NewCommunication {
        id: uuid::Uuid::now_v7().to_string(),
        space_id: &space.id,
        kind: kind::CRIMINAL_RECORD_EXTRACT,
        administration_id: &dossier.administration_id,
        dossier_id: Some(&dossier.id),
        document_number: Some(number_text.clone()),
        key_id: Some(issuer.key_id.to_string()),
        title: title.to_string(),
        body: None,
        language: lang,
        file: Some(NewFile {
            name: format!("{file_prefix}-{number_text}.pdf"),
            media_type: "application/pdf".into(),
            content: sealed.pdf,
        }),
        seal_text: Some(sealed.seal_text),
        issuance_job_id: Some(job.id.clone()),
    };
    deliver(txn, ctx, new, now).await
}

/// The extract's language: English when the request asks for the translation, otherwise the
/// language the holder chose (French by default).
async fn language<C: ConnectionTrait>(
    conn: &C,
    dossier: &dossiers::Model,
) -> Result<Language, Error> {
    let data: serde_json::Value = serde_json::from_str(&dossier.data).unwrap_or_default();
    if data.get("english_translation") == Some(&serde_json::Value::Bool(true)) {
        return Ok(Language::En);
    }
    crate::service::spaces::preferred_language(conn, &dossier.space_id).await
}

fn extract_names(lang: Language) -> (String, String) {
    use crate::catalog::{extract_communication_file_prefix, extract_communication_title};
    (
        extract_communication_title(lang).into_owned(),
        extract_communication_file_prefix(lang).into_owned(),
    )
}

/// A random 4-byte document id not used yet (the seal's `cti`, printed as the document number).
async fn fresh_document_number<C: ConnectionTrait>(conn: &C) -> Result<DocumentId, Error> {
    for _ in 0..8 {
        let mut bytes = [0u8; 4];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = DocumentId::from_bytes(&bytes)
            .ok_or_else(|| Error::internal("a 4-byte document id was refused"))?;
        let taken = communications::Entity::find()
            .filter(communications::Column::DocumentNumber.eq(id.to_string()))
            .one(conn)
            .await
            .map_err(db)?
            .is_some();
        if !taken {
            return Ok(id);
        }
    }
    Err(Error::internal("no free document number after 8 draws"))
}

/// Jobs handled in one pass before the worker looks at its stop signal again.
const PASS: usize = 32;

/// Runs the issuance queue until `stop` is notified: jobs while some are due, then a wait for a
/// new one or 2 s.
pub async fn worker(ctx: Context, stop: Arc<Notify>) {
    loop {
        let mut handled = 0;
        let mut issued = 0;
        while handled < PASS {
            match issue_next(&ctx).await {
                Ok(Some(Issued::Done(_))) => {
                    handled += 1;
                    issued += 1;
                }
                Ok(Some(Issued::Failed(_))) => handled += 1,
                Ok(None) => break,
                Err(e) => {
                    tracing::error!(error = %e, "issuance pass failed");
                    break;
                }
            }
        }
        if issued > 0 {
            wake_notices(&ctx);
        }
        if handled > 0 {
            continue;
        }
        tokio::select! {
            _ = stop.notified() => break,
            _ = ctx.issuance_queued.notified() => {}
            _ = tokio::time::sleep(StdDuration::from_secs(2)) => {}
        }
    }
}

/// The latest `limit` issuance jobs, newest first, for the operator.
pub async fn jobs<C: ConnectionTrait>(conn: &C, limit: u64) -> Result<Vec<jobs::Model>, Error> {
    jobs::Entity::find()
        .order_by_desc(jobs::Column::CreatedAt)
        .order_by_desc(jobs::Column::Id)
        .limit(limit)
        .all(conn)
        .await
        .map_err(db)
}
