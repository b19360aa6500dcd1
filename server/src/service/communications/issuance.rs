//! Issuing documents: accepting a dossier whose procedure results in a document queues an
//! issuance job in the same transaction; a worker reads and renders and seals the document
//! (no write lock held), then delivers it into the space, queues its notices and records the
//! job, all in one transaction.
//!
//! The jobs run on the engine of [`crate::jobs`]. Exactly once: a job is unique per dossier, a
//! communication unique per job, and the job is recorded `done` in the transaction that issues
//! it, only while the instance still holds its lease: if the server dies mid-way, the
//! transaction rolls back and the job is taken again once the lease has expired.

use super::{NewCommunication, NewFile, administration_name, deliver, wake_notices};
use crate::{
    config::Worker,
    domain::{
        Error, Language, communications::Kind, criminal_record, ids::DocumentNumber,
        verification_code::VerificationCode,
    },
    jobs::{Claimed, JobKind, JobState, Ran, Recorded},
    service::{Context, begin_read, begin_write, issuer_keys},
    store::{
        self,
        entities::{dossiers, issuance_jobs as jobs, register_people},
    },
};
use guichet_documents::extract::{self, Entry, ExtractContent, Outcome, Subject};
use guichet_documents::residence::{self, ResidenceContent};
use guichet_verifier::seal::{Address, DocumentId};
use rand::RngCore as _;
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use std::sync::Arc;
use time::{Date, Duration, OffsetDateTime, macros::format_description};
use tokio::sync::Notify;

/// Queues the issuance of `document_type` for the accepted `dossier`, in the caller's transaction.
pub async fn queue_in<C: ConnectionTrait>(
    conn: &C,
    dossier: &crate::domain::dossiers::DossierRecord,
    document_type: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    store::issuance::queue(conn, &dossier.id, document_type, now).await
}

crate::jobs::job_table!(jobs);

/// Issuing the document of one job: render, seal, deliver into the space and queue its notices,
/// then record the job `done` in that same transaction (only while this instance still holds
/// the job's lease), so a document is issued once even if two instances ran the job.
pub struct IssueDocument;

impl JobKind for IssueDocument {
    type Table = jobs::Entity;
    const WORKER: Worker = Worker::Issuance;

    fn queued(ctx: &Context) -> Arc<Notify> {
        ctx.issuance_queued.clone()
    }

    async fn run(&self, ctx: &Context, job: &Claimed<jobs::Entity>) -> Ran<jobs::Entity> {
        match issue(ctx, job).await {
            Ok(recorded) => Ran::recorded(recorded),
            Err(e) => Ran::retry(e.to_string()),
        }
    }
}

async fn issue(ctx: &Context, job: &Claimed<jobs::Entity>) -> Result<Recorded, Error> {
    let now = ctx.now();
    let issuer = issuer_keys::current_issuer(ctx).await?;
    let kind = Kind::parse(&job.row.document_type)
        .filter(|k| *k != Kind::Letter)
        .ok_or_else(|| {
            Error::internal(format!(
                "no issuer for documents of type {}",
                job.row.document_type
            ))
        })?;
    // Read, render and seal before taking the write lock (rendering is the slow part); the
    // write transaction stores the document, queues its notices and records the job.
    let ready = match kind {
        Kind::CertificationCodes => None,
        kind => Some(prepare(ctx, &job.row, kind, &issuer, now).await?),
    };
    let txn = begin_write(&ctx.db).await?;
    let stored = match ready {
        None => {
            crate::service::certification::letter::issue_in(&txn, ctx, &job.row, &issuer, now).await
        }
        Some(ready) => store_ready(&txn, ctx, &job.row, ready, &issuer, now).await,
    };
    let id = match stored {
        Ok(id) => id,
        Err(e) => {
            txn.rollback().await?;
            return Err(e);
        }
    };
    let done = Ran::done(JobState::Done)
        .set(jobs::Column::DoneAt, Some(now))
        .set(jobs::Column::CommunicationId, Some(id.clone()));
    let recorded = crate::jobs::record(&txn, job, done, now).await?;
    if recorded == Recorded::Lost {
        txn.rollback().await?;
        return Ok(recorded);
    }
    txn.commit().await?;
    ctx.metrics
        .communications
        .with_label_values(&["issued"])
        .inc();
    tracing::info!(job_id = %job.id(), communication_id = %id, "document issued");
    wake_notices(ctx);
    Ok(recorded)
}

/// Whole seconds: the seal carries a NumericDate, and the page prints the same day.
pub(crate) fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t - Duration::nanoseconds(i64::from(t.nanosecond()))
}

/// A document rendered and sealed, not stored yet.
struct Ready {
    kind: Kind,
    dossier: dossiers::Model,
    space_id: crate::domain::ids::SpaceId,
    number: DocumentId,
    lang: Language,
    sealed: guichet_documents::extract::Issued,
    code_hash: Option<String>,
}

/// Reads what the document says (one snapshot) and renders and seals it, off the async
/// workers: no write lock is held meanwhile.
async fn prepare(
    ctx: &Context,
    job: &jobs::Model,
    kind: Kind,
    issuer: &guichet_verifier::seal::Issuer,
    now: OffsetDateTime,
) -> Result<Ready, Error> {
    let read = begin_read(&ctx.db).await?;
    let answering = store::issuance::answering(&read, &job.dossier_id).await?;
    let lang = language(&read, &answering.dossier).await?;
    // Drawn before the write: a draw another issuance takes meanwhile is refused by the
    // unique number when it is stored, and the job tried again.
    let number = fresh_document_number(&read).await?;
    let issued_at = whole_seconds(now);
    let authority = administration_name(&read, &answering.dossier.administration_id, lang).await?;
    let subject = subject(&answering.register)?;
    let (render, code_hash): (Render, _) = match kind {
        Kind::ResidenceCertificate => {
            let content =
                residence_content(&answering, subject, &number, issued_at, authority, lang)?;
            (Render::Residence(content), None)
        }
        _ => {
            // The code printed under the seal for people without a camera: part of the sealed
            // content, kept only as a hash.
            let code = VerificationCode::generate(&mut rand::rngs::OsRng);
            let code_hash = code.hash(&DocumentNumber::from(number.clone()));
            let mut content = extract_content(
                ctx, &answering, subject, &number, issued_at, authority, lang,
            )
            .await?;
            content.verification_code = Some(code.to_string());
            (Render::Extract(content), Some(code_hash))
        }
    };
    read.commit().await?;
    let issuer = issuer.clone();
    let sealed = tokio::task::spawn_blocking(move || match render {
        Render::Residence(content) => residence::issue(&content, &issuer, issued_at),
        Render::Extract(content) => extract::issue(&content, &issuer, issued_at),
    })
    .await
    .map_err(Error::internal)?
    .map_err(Error::internal)?;
    let store::issuance::Answering { dossier, space, .. } = answering;
    Ok(Ready {
        kind,
        dossier,
        space_id: space.id,
        number,
        lang,
        sealed,
        code_hash,
    })
}

/// What is rendered.
enum Render {
    Residence(ResidenceContent),
    Extract(ExtractContent),
}

/// Stores `ready` in its space (superseding the valid document of its kind there) and queues
/// its notices, in the caller's write transaction.
async fn store_ready(
    txn: &DatabaseTransaction,
    ctx: &Context,
    job: &jobs::Model,
    ready: Ready,
    issuer: &guichet_verifier::seal::Issuer,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let Ready {
        kind,
        dossier,
        space_id,
        number,
        lang,
        sealed,
        code_hash,
    } = ready;
    store::issuance::take_turn(txn, &space_id).await?;
    let (title, file_prefix) = names(kind, lang);
    let number_text = number.to_string();
    let superseded =
        store::communications::supersede_valid(txn, &space_id, kind, &number.clone().into())
            .await?;
    if superseded > 0 {
        ctx.metrics
            .communications
            .with_label_values(&["superseded"])
            .inc_by(superseded);
    }
    let new = NewCommunication {
        id: crate::domain::ids::CommunicationId::generate(),
        space_id: &space_id,
        kind,
        administration_id: &dossier.administration_id,
        dossier_id: Some(&dossier.id),
        document_number: Some(number.into()),
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
        verification_code_hash: code_hash,
    };
    deliver(txn, ctx, new, now).await.map(String::from)
}

/// The person as the register knows them.
pub(crate) fn subject(register: &register_people::Model) -> Result<Subject, Error> {
    let birth_date = Date::parse(
        &register.birth_date,
        format_description!("[year]-[month]-[day]"),
    )
    .map_err(|e| Error::internal(format!("register birth date: {e}")))?;
    Ok(Subject {
        family_name: register.family_name.clone(),
        given_names: register.given_names.clone(),
        birth_date,
        birth_place: register.birth_place.clone(),
    })
}

/// The extract for the bulletin the request names, computed from the criminal record now.
async fn extract_content(
    ctx: &Context,
    answering: &store::issuance::Answering,
    subject: Subject,
    number: &DocumentId,
    issued_at: OffsetDateTime,
    authority: String,
    lang: Language,
) -> Result<ExtractContent, Error> {
    let data: serde_json::Value = serde_json::from_str(&answering.dossier.data).unwrap_or_default();
    let field = |name: &str| data.get(name).and_then(serde_json::Value::as_str);
    let bulletin = criminal_record::requested_bulletin(field("bulletin"))
        .ok_or_else(|| Error::internal("the request names no known bulletin"))?;
    let purpose = match field("purpose") {
        Some(value) => purpose_label(ctx, &answering.dossier, value, lang).await?,
        None => None,
    };
    let convictions = ctx
        .criminal_record
        .convictions(&answering.register.matricule)?;
    let entries: Vec<Entry> = criminal_record::bulletin_entries(convictions, bulletin)
        .into_iter()
        .map(|c| Entry {
            court: c.court,
            date: c.decision_date,
            offence: c.offence,
            sentence: c.sentence,
        })
        .collect();
    Ok(ExtractContent {
        subject,
        bulletin,
        purpose,
        outcome: if entries.is_empty() {
            Outcome::NoEntry
        } else {
            Outcome::Entries(entries)
        },
        document_number: number.to_string(),
        issue_date: issued_at.date(),
        authority,
        language: lang,
        verification_code: None,
    })
}

/// The label of the purpose the request chose, in `lang`, from its procedure version.
async fn purpose_label(
    ctx: &Context,
    dossier: &dossiers::Model,
    value: &str,
    lang: Language,
) -> Result<Option<String>, Error> {
    let procedure =
        crate::service::catalog::published(ctx, &dossier.procedure_id, dossier.procedure_version)
            .await?;
    Ok(procedure
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.id == "purpose")
        .flat_map(|f| &f.rules.options)
        .find(|o| o.value == value)
        .map(|o| o.label.get(lang).to_string()))
}

/// The certificate of residence: the register's address on the day of issue.
fn residence_content(
    answering: &store::issuance::Answering,
    subject: Subject,
    number: &DocumentId,
    issued_at: OffsetDateTime,
    authority: String,
    lang: Language,
) -> Result<ResidenceContent, Error> {
    let r = &answering.register;
    let postcode = r
        .postcode
        .trim_start_matches("L-")
        .parse::<u16>()
        .map_err(|e| Error::internal(format!("register postcode {}: {e}", r.postcode)))?;
    Ok(ResidenceContent {
        subject,
        nationality: r.nationality.clone(),
        address: Address {
            line: format!("{} {}", r.house_number, r.street),
            postcode,
            locality: r.locality.clone(),
        },
        document_number: number.to_string(),
        issue_date: issued_at.date(),
        authority,
        language: lang,
    })
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

/// The communication's title and file name prefix for a document of `kind`.
fn names(kind: Kind, lang: Language) -> (String, String) {
    use crate::catalog::{
        extract_communication_file_prefix, extract_communication_title,
        residence_communication_file_prefix, residence_communication_title,
    };
    let (title, prefix) = match kind {
        Kind::ResidenceCertificate => (
            residence_communication_title(lang),
            residence_communication_file_prefix(lang),
        ),
        _ => (
            extract_communication_title(lang),
            extract_communication_file_prefix(lang),
        ),
    };
    (title.into_owned(), prefix.into_owned())
}

/// A random 4-byte document id not used yet (the seal's `cti`, printed as the document number).
pub(crate) async fn fresh_document_number<C: ConnectionTrait>(
    conn: &C,
) -> Result<DocumentId, Error> {
    for _ in 0..8 {
        let mut bytes = [0u8; 4];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = DocumentId::from_bytes(&bytes)
            .ok_or_else(|| Error::internal("a 4-byte document id was refused"))?;
        if !store::communications::number_taken(conn, &id.to_string()).await? {
            return Ok(id);
        }
    }
    Err(Error::internal("no free document number after 8 draws"))
}

/// The latest `limit` issuance jobs, newest first, for the operator.
pub async fn jobs<C: ConnectionTrait>(
    conn: &C,
    limit: u64,
) -> Result<Vec<store::issuance::Job>, Error> {
    store::issuance::latest(conn, limit).await
}
