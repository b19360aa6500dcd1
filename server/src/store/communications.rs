//! Communications delivered into spaces, their files, and the state of issued documents.

use super::entities::{communication_files, communications as rows};
use crate::domain::{
    Error,
    communications::{FileInfo, Kind, Record, State},
    ids::{AdministrationId, AgentId, CommunicationId, DocumentNumber, DossierId, SpaceId},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use time::OffsetDateTime;

impl From<rows::Model> for Record {
    fn from(r: rows::Model) -> Self {
        let file = match (r.file_name, r.media_type, r.size, r.sha256) {
            (Some(name), Some(media_type), Some(size), Some(sha256)) => Some(FileInfo {
                name,
                media_type,
                size,
                sha256,
            }),
            _ => None,
        };
        Self {
            id: r.id,
            space_id: r.space_id,
            kind: r.kind,
            administration_id: r.administration_id,
            dossier_id: r.dossier_id,
            document_number: r.document_number,
            title: r.title,
            body: r.body,
            language: r.language,
            file,
            state: r.status,
            revoked_reason: r.revoked_reason,
            revoked_by: r.revoked_by,
            superseded_by: r.superseded_by,
            delivered_at: r.delivered_at,
            read_at: r.read_at,
        }
    }
}

/// What is kept with a communication besides its record.
#[derive(Debug, Clone, Default)]
pub struct Sealing {
    /// The issuer key that sealed it.
    pub key_id: Option<String>,
    /// The seal text its QR code holds.
    pub seal_text: Option<String>,
    /// The issuance job that made it.
    pub issuance_job_id: Option<String>,
    /// The hash of the verification code printed on it ([`crate::domain::verification_code`]).
    pub verification_code_hash: Option<String>,
}

/// Stores a delivered communication, and its file's bytes.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    record: &Record,
    sealing: Sealing,
    content: Option<Vec<u8>>,
) -> Result<(), Error> {
    let r = record.clone();
    let (file_name, media_type, size, sha256) = match r.file {
        Some(f) => (
            Some(f.name),
            Some(f.media_type),
            Some(f.size),
            Some(f.sha256),
        ),
        None => (None, None, None, None),
    };
    rows::Entity::insert(rows::ActiveModel {
        id: Set(r.id.clone()),
        space_id: Set(r.space_id),
        kind: Set(r.kind),
        administration_id: Set(r.administration_id),
        dossier_id: Set(r.dossier_id),
        document_number: Set(r.document_number),
        key_id: Set(sealing.key_id),
        title: Set(r.title),
        body: Set(r.body),
        language: Set(r.language),
        file_name: Set(file_name),
        media_type: Set(media_type),
        size: Set(size),
        sha256: Set(sha256),
        seal_text: Set(sealing.seal_text),
        status: Set(r.state),
        revoked_reason: Set(r.revoked_reason),
        revoked_at: Set(None),
        revoked_by: Set(r.revoked_by),
        superseded_by: Set(r.superseded_by),
        issuance_job_id: Set(sealing.issuance_job_id),
        delivered_at: Set(r.delivered_at),
        read_at: Set(r.read_at),
        verification_code_hash: Set(sealing.verification_code_hash),
        revocation_code: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    if let Some(content) = content {
        communication_files::Entity::insert(communication_files::ActiveModel {
            communication_id: Set(r.id),
            content: Set(content),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// The communication `id`.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    id: &CommunicationId,
) -> Result<Option<Record>, Error> {
    Ok(rows::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(Record::from))
}

/// A page of a space's communications, newest first.
#[derive(Debug, Clone)]
pub struct Page {
    /// The communications.
    pub items: Vec<Record>,
    /// How many match the filter.
    pub total: u64,
    /// How many are unread in the space.
    pub unread: u64,
}

/// A page of `space`'s communications, optionally only the unread ones.
pub async fn page_in_space<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    unread_only: bool,
    page: u64,
    per_page: u64,
) -> Result<Page, Error> {
    let in_space = || rows::Entity::find().filter(rows::Column::SpaceId.eq(space.clone()));
    let unread = in_space()
        .filter(rows::Column::ReadAt.is_null())
        .count(conn)
        .await?;
    let mut select = in_space();
    if unread_only {
        select = select.filter(rows::Column::ReadAt.is_null());
    }
    let paginator = select
        .order_by_desc(rows::Column::DeliveredAt)
        .order_by_desc(rows::Column::Id)
        .paginate(conn, per_page.clamp(1, 100));
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.max(1) - 1).await?;
    Ok(Page {
        items: items.into_iter().map(Record::from).collect(),
        total,
        unread,
    })
}

/// Marks a communication read (the first reading is kept) or unread.
pub async fn set_read<C: ConnectionTrait>(
    conn: &C,
    id: &CommunicationId,
    read: bool,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let update = rows::Entity::update_many().filter(rows::Column::Id.eq(id.clone()));
    let update = if read {
        update
            .col_expr(rows::Column::ReadAt, Expr::value(Some(now)))
            .filter(rows::Column::ReadAt.is_null())
    } else {
        update.col_expr(rows::Column::ReadAt, Expr::value(None::<OffsetDateTime>))
    };
    update.exec(conn).await?;
    Ok(())
}

/// The bytes of a communication's file.
pub async fn content<C: ConnectionTrait>(
    conn: &C,
    id: &CommunicationId,
) -> Result<Option<Vec<u8>>, Error> {
    Ok(communication_files::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(|f| f.content))
}

/// The sealed document numbered `number`.
pub async fn by_number<C: ConnectionTrait>(
    conn: &C,
    number: &DocumentNumber,
) -> Result<Option<Record>, Error> {
    Ok(rows::Entity::find()
        .filter(rows::Column::DocumentNumber.eq(number.clone()))
        .one(conn)
        .await?
        .map(Record::from))
}

/// Revokes a document unless it is revoked already; false if it was. `code` is the reason
/// code's slug the revocation list publishes.
pub async fn revoke<C: ConnectionTrait>(
    conn: &C,
    id: &CommunicationId,
    reason: String,
    code: &str,
    by: &AgentId,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let changed = rows::Entity::update_many()
        .col_expr(rows::Column::Status, Expr::value(State::Revoked))
        .col_expr(rows::Column::RevokedReason, Expr::value(Some(reason)))
        .col_expr(
            rows::Column::RevocationCode,
            Expr::value(Some(code.to_string())),
        )
        .col_expr(rows::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(rows::Column::RevokedBy, Expr::value(Some(by.clone())))
        .filter(rows::Column::Id.eq(id.clone()))
        .filter(rows::Column::Status.ne(State::Revoked))
        .exec(conn)
        .await?;
    Ok(changed.rows_affected > 0)
}

/// What `administration` delivered for `dossier`, newest first.
pub async fn for_dossier<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    administration: &AdministrationId,
) -> Result<Vec<Record>, Error> {
    Ok(rows::Entity::find()
        .filter(rows::Column::DossierId.eq(dossier.clone()))
        .filter(rows::Column::AdministrationId.eq(administration.clone()))
        .order_by_desc(rows::Column::DeliveredAt)
        .order_by_desc(rows::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(Record::from)
        .collect())
}

/// Marks the valid communications of `kind` in `space_id` superseded by document `by`; returns
/// how many were.
///
/// # Errors
/// A database error.
pub async fn supersede_valid<C: ConnectionTrait>(
    conn: &C,
    space_id: &SpaceId,
    kind: Kind,
    by: &DocumentNumber,
) -> Result<u64, Error> {
    let res = rows::Entity::update_many()
        .col_expr(rows::Column::Status, Expr::value(State::Superseded))
        .col_expr(rows::Column::SupersededBy, Expr::value(Some(by.clone())))
        .filter(rows::Column::SpaceId.eq(space_id.clone()))
        .filter(rows::Column::Kind.eq(kind))
        .filter(rows::Column::Status.eq(State::Valid))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// Whether a communication already carries document number `number`.
///
/// # Errors
/// A database error.
pub async fn number_taken<C: ConnectionTrait>(conn: &C, number: &str) -> Result<bool, Error> {
    Ok(rows::Entity::find()
        .filter(rows::Column::DocumentNumber.eq(number))
        .one(conn)
        .await?
        .is_some())
}

/// A revoked document, as the revocation list publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedDocument {
    /// Its number.
    pub number: DocumentNumber,
    /// The reason code's slug (`None` for revocations made before codes existed).
    pub code: Option<String>,
    /// When it was revoked.
    pub revoked_at: OffsetDateTime,
}

/// Every revoked sealed document, oldest revocation first (then by number).
pub async fn revoked_documents<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<RevokedDocument>, Error> {
    let rows = rows::Entity::find()
        .filter(rows::Column::Status.eq(State::Revoked))
        .filter(rows::Column::DocumentNumber.is_not_null())
        .order_by_asc(rows::Column::RevokedAt)
        .order_by_asc(rows::Column::DocumentNumber)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(RevokedDocument {
                number: r.document_number?,
                code: r.revocation_code,
                revoked_at: r.revoked_at.unwrap_or(r.delivered_at),
            })
        })
        .collect())
}

/// A sealed document with what checking it by its code needs.
#[derive(Debug, Clone)]
pub struct SealedDocument {
    /// The communication.
    pub record: Record,
    /// The seal text its QR code holds.
    pub seal_text: Option<String>,
    /// The hash of its verification code, if it was issued with one.
    pub verification_code_hash: Option<String>,
}

/// The sealed document numbered `number`, with its seal text and code hash.
pub async fn sealed_by_number<C: ConnectionTrait>(
    conn: &C,
    number: &DocumentNumber,
) -> Result<Option<SealedDocument>, Error> {
    Ok(rows::Entity::find()
        .filter(rows::Column::DocumentNumber.eq(number.clone()))
        .one(conn)
        .await?
        .map(|r| SealedDocument {
            seal_text: r.seal_text.clone(),
            verification_code_hash: r.verification_code_hash.clone(),
            record: Record::from(r),
        }))
}
