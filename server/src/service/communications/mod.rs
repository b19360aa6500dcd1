//! "My communications": documents and letters administrations deliver into a space, with the
//! delivery state of the mail and pushes that announce them.
//!
//! A communication is delivered inside the transaction that creates it, together with its
//! notices (one mail to the space's contact address, one push per device of each holder), so
//! either all of it exists or none of it does.

pub mod deliveries;
pub mod issuance;
pub mod letters;
pub mod status;

use super::{Context, db, spaces};
use crate::{
    domain::{Error, Language, procedures::Texts, push::Notice},
    mail::{communication_notice, outbox as mail_outbox},
    store::entities::{administrations, communication_files, communications as rows, profiles},
};
use deliveries::Delivery;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Kinds of communication.
pub mod kind {
    /// The sealed criminal record extract.
    pub const CRIMINAL_RECORD_EXTRACT: &str = "criminal-record-extract";
    /// A letter from an administration (text, and a file if it sends one).
    pub const LETTER: &str = "letter";
}

/// What an issued document's status is, as the public status endpoint reports it.
pub mod state {
    /// Neither revoked nor replaced.
    pub const VALID: &str = "valid";
    /// Revoked by the issuing administration.
    pub const REVOKED: &str = "revoked";
    /// Replaced by a newer document.
    pub const SUPERSEDED: &str = "superseded";
}

/// A communication as its holder (or the administration that sent it) sees it.
#[derive(Debug, Clone)]
pub struct Communication {
    /// The row, without the file's bytes.
    pub row: rows::Model,
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
    pub id: String,
    /// The space.
    pub space_id: &'a str,
    /// One of [`kind`].
    pub kind: &'a str,
    /// The sending administration.
    pub administration_id: &'a str,
    /// The dossier it answers, if any.
    pub dossier_id: Option<&'a str>,
    /// The seal's document id, for sealed documents.
    pub document_number: Option<String>,
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
}

/// Stores `new` and queues its notices, inside the caller's write transaction. Wake the mail
/// and push workers after commit ([`wake_notices`]).
pub async fn deliver<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    new: NewCommunication<'_>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let (size, sha256, name, media_type) = match &new.file {
        Some(f) => (
            Some(i64::try_from(f.content.len()).map_err(Error::internal)?),
            Some(hex::encode(Sha256::digest(&f.content))),
            Some(f.name.clone()),
            Some(f.media_type.clone()),
        ),
        None => (None, None, None, None),
    };
    rows::Entity::insert(rows::ActiveModel {
        id: Set(new.id.clone()),
        space_id: Set(new.space_id.to_string()),
        kind: Set(new.kind.to_string()),
        administration_id: Set(new.administration_id.to_string()),
        dossier_id: Set(new.dossier_id.map(str::to_string)),
        document_number: Set(new.document_number.clone()),
        key_id: Set(new.key_id),
        title: Set(new.title.clone()),
        body: Set(new.body),
        language: Set(new.language.code().to_string()),
        file_name: Set(name),
        media_type: Set(media_type),
        size: Set(size),
        sha256: Set(sha256),
        seal_text: Set(new.seal_text),
        status: Set(state::VALID.to_string()),
        revoked_reason: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
        superseded_by: Set(None),
        issuance_job_id: Set(new.issuance_job_id),
        delivered_at: Set(now),
        read_at: Set(None),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    if let Some(f) = new.file {
        communication_files::Entity::insert(communication_files::ActiveModel {
            communication_id: Set(new.id.clone()),
            content: Set(f.content),
        })
        .exec_without_returning(conn)
        .await
        .map_err(db)?;
    }
    announce(
        conn,
        ctx,
        &new.id,
        new.space_id,
        new.administration_id,
        &new.title,
        now,
    )
    .await?;
    Ok(new.id)
}

/// Queues the mail (to the space's contact address, in its language) and the pushes (to every
/// device of every holder) that announce a communication. Neither carries its content.
async fn announce<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    id: &str,
    space_id: &str,
    administration_id: &str,
    title: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let profile = profiles::Entity::find_by_id(space_id.to_string())
        .one(conn)
        .await
        .map_err(db)?;
    if let Some(p) = profile {
        let lang = p
            .preferred_language
            .as_deref()
            .and_then(Language::parse)
            .unwrap_or_default();
        if let Some(email) = p.email {
            let admin = administration_name(conn, administration_id, lang).await?;
            let (subject, body) = communication_notice::text(lang, &admin, title);
            mail_outbox::enqueue_about(conn, &email, &subject, &body, now, Some(id))
                .await
                .map_err(db)?;
        }
    }
    let notice = Notice::DocumentReady {
        document_id: id.to_string(),
    };
    super::push::notify_space_in(conn, ctx, space_id, &notice).await?;
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
    administration_id: &str,
    lang: Language,
) -> Result<String, Error> {
    let row = administrations::Entity::find_by_id(administration_id.to_string())
        .one(conn)
        .await
        .map_err(db)?;
    Ok(row
        .and_then(|a| serde_json::from_str::<Texts>(&a.names).ok())
        .map(|t| t.get(lang).to_string())
        .unwrap_or_else(|| administration_id.to_string()))
}

/// Completes rows with the administration names and their deliveries.
pub(crate) async fn complete<C: ConnectionTrait>(
    conn: &C,
    list: Vec<rows::Model>,
    lang: Language,
) -> Result<Vec<Communication>, Error> {
    let ids: Vec<String> = list.iter().map(|r| r.id.clone()).collect();
    let mut deliveries = deliveries::of(conn, &ids).await?;
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for row in list {
        let name = match names.get(&row.administration_id) {
            Some(n) => n.clone(),
            None => {
                let n = administration_name(conn, &row.administration_id, lang).await?;
                names.insert(row.administration_id.clone(), n.clone());
                n
            }
        };
        out.push(Communication {
            deliveries: deliveries.remove(&row.id).unwrap_or_default(),
            administration_name: name,
            row,
        });
    }
    Ok(out)
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

/// The communications of a space held by `person_id`, newest first.
pub async fn list(
    ctx: &Context,
    person_id: &str,
    space_id: &str,
    unread_only: bool,
    page: u64,
    per_page: u64,
    lang: Language,
) -> Result<Page, Error> {
    spaces::require_holder(&ctx.db, space_id, person_id).await?;
    let in_space = || rows::Entity::find().filter(rows::Column::SpaceId.eq(space_id));
    let unread = in_space()
        .filter(rows::Column::ReadAt.is_null())
        .count(&ctx.db)
        .await
        .map_err(db)?;
    let mut select = in_space();
    if unread_only {
        select = select.filter(rows::Column::ReadAt.is_null());
    }
    let paginator = select
        .order_by_desc(rows::Column::DeliveredAt)
        .order_by_desc(rows::Column::Id)
        .paginate(&ctx.db, per_page.clamp(1, 100));
    let total = paginator.num_items().await.map_err(db)?;
    let rows = paginator.fetch_page(page.max(1) - 1).await.map_err(db)?;
    Ok(Page {
        items: complete(&ctx.db, rows, lang).await?,
        total,
        unread,
    })
}

/// The row of a communication in a space `person_id` holds; `NotFound` otherwise.
async fn for_holder<C: ConnectionTrait>(
    conn: &C,
    person_id: &str,
    space_id: &str,
    id: &str,
) -> Result<rows::Model, Error> {
    spaces::require_holder(conn, space_id, person_id).await?;
    rows::Entity::find_by_id(id.to_string())
        .one(conn)
        .await
        .map_err(db)?
        .filter(|r| r.space_id == space_id)
        .ok_or(Error::NotFound)
}

/// One communication, for a holder of its space.
pub async fn get(
    ctx: &Context,
    person_id: &str,
    space_id: &str,
    id: &str,
    lang: Language,
) -> Result<Communication, Error> {
    let row = for_holder(&ctx.db, person_id, space_id, id).await?;
    one(&ctx.db, row, lang).await
}

async fn one<C: ConnectionTrait>(
    conn: &C,
    row: rows::Model,
    lang: Language,
) -> Result<Communication, Error> {
    complete(conn, vec![row], lang)
        .await?
        .pop()
        .ok_or_else(|| Error::internal("a communication vanished while read"))
}

/// Marks a communication read or unread, for a holder.
pub async fn mark(
    ctx: &Context,
    person_id: &str,
    space_id: &str,
    id: &str,
    read: bool,
    lang: Language,
) -> Result<Communication, Error> {
    let row = for_holder(&ctx.db, person_id, space_id, id).await?;
    let mut update = rows::Entity::update_many().filter(rows::Column::Id.eq(row.id.clone()));
    update = if read {
        // The first reading is kept: marking read again changes nothing.
        update
            .col_expr(rows::Column::ReadAt, Expr::value(Some(ctx.now())))
            .filter(rows::Column::ReadAt.is_null())
    } else {
        update.col_expr(rows::Column::ReadAt, Expr::value(None::<OffsetDateTime>))
    };
    update.exec(&ctx.db).await.map_err(db)?;
    get(ctx, person_id, space_id, id, lang).await
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

/// Downloads a communication's file for a holder: it is then read, and the download is
/// recorded in the space's access log.
pub async fn download(
    ctx: &Context,
    person_id: &str,
    space_id: &str,
    id: &str,
    request_id: &str,
) -> Result<File, Error> {
    let row = for_holder(&ctx.db, person_id, space_id, id).await?;
    let content = communication_files::Entity::find_by_id(row.id.clone())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?
        .content;
    let now = ctx.now();
    if row.read_at.is_none() {
        rows::Entity::update_many()
            .col_expr(rows::Column::ReadAt, Expr::value(Some(now)))
            .filter(rows::Column::Id.eq(row.id.clone()))
            .filter(rows::Column::ReadAt.is_null())
            .exec(&ctx.db)
            .await
            .map_err(db)?;
    }
    let access = crate::domain::spaces::Access {
        space_id: space_id.into(),
        actor: person_id.to_string(),
        action: "communication.download",
        detail: format!("communication {id}"),
        request_id: request_id.chars().take(64).collect(),
    };
    crate::store::access_log::record(&ctx.db, access, now).await?;
    Ok(File {
        name: row.file_name.unwrap_or_else(|| format!("{id}.pdf")),
        media_type: row
            .media_type
            .unwrap_or_else(|| "application/octet-stream".into()),
        sha256: row.sha256.unwrap_or_default(),
        content,
    })
}
