//! "My communications": documents and letters administrations deliver into a space, with the
//! delivery state of the mail and pushes that announce them.
//!
//! A communication is delivered inside the transaction that creates it, together with its
//! notices (one mail to the space's contact address, one push per device of each holder), so
//! either all of it exists or none of it does.

pub mod checks;
pub mod issuance;
pub mod letters;
pub mod revocation_list;
pub mod status;

use super::Context;
use crate::domain::communications::Delivery;
use crate::store::deliveries;
/// The delivery state is read by `deliveries`, which keeps its own queries until the job engine.
use crate::{
    domain::{
        Error, Language,
        communications::{FileInfo, Kind, Record, State},
        ids::{AdministrationId, CommunicationId, DocumentNumber, DossierId, SpaceId},
        procedures::Texts,
        push::Notice,
        rights::{Grant, Procedures, ReadCommunications},
        spaces::Access,
    },
    mail::{communication_notice, outbox as mail_outbox},
    store::{self, communications::Sealing},
};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use time::OffsetDateTime;

/// Kinds of communication, by their old names.
pub mod kind {
    use crate::domain::communications::Kind;

    /// The sealed criminal record extract.
    pub const CRIMINAL_RECORD_EXTRACT: Kind = Kind::CriminalRecordExtract;
    /// The sealed certificate of residence.
    pub const RESIDENCE_CERTIFICATE: Kind = Kind::ResidenceCertificate;
    /// A letter from an administration (text, and a file if it sends one).
    pub const LETTER: Kind = Kind::Letter;
    /// The receipt of a fee paid online.
    pub const PAYMENT_RECEIPT: Kind = Kind::PaymentReceipt;
}

/// What an issued document's status is, as the public status endpoint reports it, by the old
/// names.
pub mod state {
    use crate::domain::communications::State;

    /// Neither revoked nor replaced.
    pub const VALID: State = State::Valid;
    /// Revoked by the issuing administration.
    pub const REVOKED: State = State::Revoked;
    /// Replaced by a newer document.
    pub const SUPERSEDED: State = State::Superseded;
}

/// A communication as its holder (or the administration that sent it) sees it.
#[derive(Debug, Clone)]
pub struct Communication {
    /// What is kept, without the file's bytes.
    pub record: Record,
    /// The sending administration's name in the reader's language.
    pub administration_name: String,
    /// How the notices announcing it went.
    pub deliveries: Vec<Delivery>,
}

/// A file to deliver with a communication.
#[derive(Clone)]
pub struct NewFile {
    /// File name shown to the holder.
    pub name: String,
    /// Media type, as checked.
    pub media_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A communication to deliver into a space.
pub struct NewCommunication<'a> {
    /// Its id (the issuance chooses it before sealing).
    pub id: CommunicationId,
    /// The space.
    pub space_id: &'a SpaceId,
    /// What it is.
    pub kind: Kind,
    /// The sending administration.
    pub administration_id: &'a AdministrationId,
    /// The dossier it answers, if any.
    pub dossier_id: Option<&'a DossierId>,
    /// The seal's document id, for sealed documents.
    pub document_number: Option<DocumentNumber>,
    /// The issuer key that sealed it.
    pub key_id: Option<String>,
    /// Title shown in the list.
    pub title: String,
    /// The letter's text.
    pub body: Option<String>,
    /// The language it is written in.
    pub language: Language,
    /// Its file.
    pub file: Option<NewFile>,
    /// The seal text its QR code holds.
    pub seal_text: Option<String>,
    /// The issuance job that made it.
    pub issuance_job_id: Option<String>,
    /// The hash of the verification code printed on it.
    pub verification_code_hash: Option<String>,
}

/// Stores `new` and queues its notices, inside the caller's write transaction. Wake the mail
/// and push workers after commit ([`wake_notices`]).
pub async fn deliver<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    new: NewCommunication<'_>,
    now: OffsetDateTime,
) -> Result<CommunicationId, Error> {
    let (file, content) = match new.file {
        Some(f) => (
            Some(FileInfo {
                size: i64::try_from(f.content.len()).map_err(Error::internal)?,
                sha256: hex::encode(Sha256::digest(&f.content)),
                name: f.name,
                media_type: f.media_type,
            }),
            Some(f.content),
        ),
        None => (None, None),
    };
    let record = Record {
        id: new.id.clone(),
        space_id: new.space_id.clone(),
        kind: new.kind,
        administration_id: new.administration_id.clone(),
        dossier_id: new.dossier_id.cloned(),
        document_number: new.document_number,
        title: new.title.clone(),
        body: new.body,
        language: new.language.code().to_string(),
        file,
        state: State::Valid,
        revoked_reason: None,
        revoked_by: None,
        superseded_by: None,
        delivered_at: now,
        read_at: None,
    };
    let sealing = Sealing {
        key_id: new.key_id,
        seal_text: new.seal_text,
        issuance_job_id: new.issuance_job_id,
        verification_code_hash: new.verification_code_hash,
    };
    store::communications::insert(conn, &record, sealing, content).await?;
    announce(conn, ctx, &record, now).await?;
    Ok(new.id)
}

/// Queues the mail and the pushes that announce a communication to everyone in the space who
/// reads communications about its dossier's procedure ([`crate::service::recipients`]), each
/// in their language. Neither carries its content.
async fn announce<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    record: &Record,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let procedure = match &record.dossier_id {
        Some(d) => store::dossiers::find(conn, d)
            .await?
            .map(|r| r.procedure_id),
        None => None,
    };
    let recipients =
        crate::service::recipients::of_space(conn, &record.space_id, procedure.as_deref()).await?;
    for r in &recipients {
        if let Some(email) = &r.email {
            let lang = r.language;
            let admin = administration_name(conn, &record.administration_id, lang).await?;
            let (subject, body) = communication_notice::text(lang, &admin, &record.title);
            mail_outbox::enqueue_about(conn, email, &subject, &body, now, Some(&record.id)).await?;
        }
    }
    let notice = Notice::DocumentReady {
        document_id: record.id.to_string(),
    };
    super::push::notify_space_in(conn, ctx, &record.space_id, procedure.as_deref(), &notice)
        .await?;
    Ok(())
}

/// Wakes the mail and push workers after a transaction that queued notices committed.
pub fn wake_notices(ctx: &Context) {
    ctx.mail_queued.notify_one();
    ctx.push.queued.notify_one();
}

/// The administration's name in `lang` (its id when the stored names cannot be read).
pub async fn administration_name<C: ConnectionTrait>(
    conn: &C,
    administration_id: &AdministrationId,
    lang: Language,
) -> Result<String, Error> {
    let names = store::catalog::administration_names(conn, administration_id).await?;
    Ok(names
        .and_then(|n| serde_json::from_str::<Texts>(&n).ok())
        .map(|t| t.get(lang).to_string())
        .unwrap_or_else(|| administration_id.to_string()))
}

/// Completes records with the administration names and their deliveries.
pub(crate) async fn complete<C: ConnectionTrait>(
    conn: &C,
    list: Vec<Record>,
    lang: Language,
) -> Result<Vec<Communication>, Error> {
    let ids: Vec<String> = list.iter().map(|r| r.id.to_string()).collect();
    let mut deliveries = deliveries::of(conn, &ids).await?;
    let mut names: HashMap<AdministrationId, String> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for record in list {
        let name = match names.get(&record.administration_id) {
            Some(n) => n.clone(),
            None => {
                let n = administration_name(conn, &record.administration_id, lang).await?;
                names.insert(record.administration_id.clone(), n.clone());
                n
            }
        };
        out.push(Communication {
            deliveries: deliveries.remove(record.id.as_str()).unwrap_or_default(),
            administration_name: name,
            record,
        });
    }
    Ok(out)
}

/// One communication, completed.
pub(crate) async fn completed<C: ConnectionTrait>(
    conn: &C,
    record: Record,
    lang: Language,
) -> Result<Communication, Error> {
    complete(conn, vec![record], lang)
        .await?
        .pop()
        .ok_or_else(|| Error::internal("a communication vanished while read"))
}

/// A page of a space's communications.
#[derive(Debug, Clone)]
pub struct Page {
    /// Newest first.
    pub items: Vec<Communication>,
    /// Communications matching the filter.
    pub total: u64,
    /// Unread communications in the space.
    pub unread: u64,
}

/// The communications of the grant's space, newest first.
pub async fn list(
    ctx: &Context,
    grant: &Grant<ReadCommunications>,
    unread_only: bool,
    page: u64,
    per_page: u64,
    lang: Language,
) -> Result<Page, Error> {
    let procedures = member_procedures(grant);
    let txn = crate::service::begin_read(&ctx.db).await?;
    let p = store::communications::page_in_space(
        &txn,
        grant.space(),
        procedures,
        unread_only,
        page,
        per_page,
    )
    .await?;
    let items = complete(&txn, p.items, lang).await?;
    txn.commit().await?;
    Ok(Page {
        items,
        total: p.total,
        unread: p.unread,
    })
}

/// For a member who reads communications about some procedures only, those procedures.
fn member_procedures(grant: &Grant<ReadCommunications>) -> Option<&BTreeSet<String>> {
    match grant.member_reach().map(|r| &r.procedures) {
        Some(Procedures::Only(ids)) => Some(ids),
        _ => None,
    }
}

/// The communication `id` of the grant's space, within a member's reach; `NotFound` otherwise.
async fn in_space<C: ConnectionTrait>(
    conn: &C,
    grant: &Grant<ReadCommunications>,
    id: &CommunicationId,
) -> Result<Record, Error> {
    let record = store::communications::find(conn, id)
        .await?
        .filter(|r| &r.space_id == grant.space())
        .ok_or(Error::NotFound)?;
    if let Some(ids) = member_procedures(grant) {
        let procedure = match &record.dossier_id {
            Some(d) => store::dossiers::find(conn, d)
                .await?
                .map(|r| r.procedure_id),
            None => None,
        };
        if !procedure.is_some_and(|p| ids.contains(&p)) {
            return Err(Error::NotFound);
        }
    }
    Ok(record)
}

/// One communication of the grant's space.
pub async fn get(
    ctx: &Context,
    grant: &Grant<ReadCommunications>,
    id: &CommunicationId,
    lang: Language,
) -> Result<Communication, Error> {
    let record = in_space(&ctx.db, grant, id).await?;
    completed(&ctx.db, record, lang).await
}

/// Marks a communication read (the first reading is kept) or unread.
pub async fn mark(
    ctx: &Context,
    grant: &Grant<ReadCommunications>,
    id: &CommunicationId,
    read: bool,
    lang: Language,
) -> Result<Communication, Error> {
    let record = in_space(&ctx.db, grant, id).await?;
    store::communications::set_read(&ctx.db, &record.id, read, ctx.now()).await?;
    get(ctx, grant, id, lang).await
}

/// A downloaded file.
#[derive(Debug, Clone)]
pub struct File {
    /// File name.
    pub name: String,
    /// Media type.
    pub media_type: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// Downloads a communication's file: it is then read, and the download is recorded in the
/// space's access log.
pub async fn download(
    ctx: &Context,
    grant: &Grant<ReadCommunications>,
    id: &CommunicationId,
    request_id: &str,
) -> Result<File, Error> {
    let record = in_space(&ctx.db, grant, id).await?;
    let content = store::communications::content(&ctx.db, &record.id)
        .await?
        .ok_or(Error::NotFound)?;
    let now = ctx.now();
    if record.read_at.is_none() {
        store::communications::set_read(&ctx.db, &record.id, true, now).await?;
    }
    let detail = format!("communication {id}");
    let access = Access::under(grant, "communication.download", detail, request_id);
    ctx.record_access(access, now).await?;
    let file = record.file;
    Ok(File {
        name: file
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_else(|| format!("{id}.pdf")),
        media_type: file
            .as_ref()
            .map(|f| f.media_type.clone())
            .unwrap_or_else(|| "application/octet-stream".into()),
        sha256: file.map(|f| f.sha256).unwrap_or_default(),
        content,
    })
}
