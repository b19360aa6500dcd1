//! Messages about a dossier between its holder and the administration, with read state.

use super::{Actor, load_for, status_of};
use crate::domain::{
    Error, Invalid,
    dossiers::{
        Status,
        attachment::{self, FileRejection},
    },
    push::Notice,
};
use crate::service::{Context, db};
use crate::store::entities::{dossier_messages, message_attachments};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};
use time::OffsetDateTime;

/// The side a sender is on: `holder` or `administration`.
fn side(actor: Actor<'_>) -> &'static str {
    match actor {
        Actor::Person(_) => "holder",
        Actor::Agent(_) => "administration",
    }
}

fn other_side(actor: Actor<'_>) -> &'static str {
    match actor {
        Actor::Person(_) => "administration",
        Actor::Agent(_) => "holder",
    }
}

/// A trimmed, non-empty message of at most 5,000 characters.
pub(crate) fn check_body(text: &str) -> Result<String, Error> {
    let body = crate::domain::text::multi_line("text", text)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::invalid("text", Invalid::Required));
    }
    if body.chars().count() > 5000 {
        return Err(Error::invalid("text", Invalid::TooLong));
    }
    Ok(body.to_string())
}

pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    actor: Actor<'_>,
    body: &str,
    now: OffsetDateTime,
) -> Result<dossier_messages::Model, Error> {
    let row = dossier_messages::Model {
        id: uuid::Uuid::now_v7().to_string(),
        dossier_id: dossier_id.to_string(),
        sender_kind: side(actor).into(),
        sender_id: actor.id().to_string(),
        body: body.to_string(),
        sent_at: now,
        read_at: None,
    };
    dossier_messages::Entity::insert(dossier_messages::ActiveModel {
        id: Set(row.id.clone()),
        dossier_id: Set(row.dossier_id.clone()),
        sender_kind: Set(row.sender_kind.clone()),
        sender_id: Set(row.sender_id.clone()),
        body: Set(row.body.clone()),
        sent_at: Set(now),
        read_at: Set(None),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(row)
}

/// A file sent with a message.
#[derive(Debug, Clone)]
pub struct MessageFile {
    /// The file name.
    pub filename: String,
    /// The declared media type.
    pub media_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A file sent with a message, without its bytes.
#[derive(Debug, Clone)]
pub struct MessageFileInfo {
    /// Id.
    pub id: String,
    /// The file name.
    pub filename: String,
    /// The media type, read from the bytes.
    pub media_type: String,
    /// Size, bytes.
    pub size: i64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// A message with the files sent with it.
#[derive(Debug, Clone)]
pub struct Message {
    /// The message.
    pub message: dossier_messages::Model,
    /// Its files.
    pub files: Vec<MessageFileInfo>,
}

/// Checks a file an administration or a holder sends (message or letter) against the
/// published limits; the error names `field`.
pub(crate) fn check_file(
    field: &str,
    media_type: &str,
    bytes: &[u8],
) -> Result<&'static str, Error> {
    attachment::check_message_file(media_type, bytes).map_err(|r| match r {
        FileRejection::TooLarge => Error::FileTooLarge {
            field: field.to_string(),
            max_bytes: attachment::MESSAGE_MAX_BYTES,
        },
        FileRejection::WrongType => Error::FileType(field.to_string()),
        FileRejection::Empty => Error::invalid(field, Invalid::Required),
    })
}

/// At most this many files per message.
pub const MAX_FILES: usize = 3;

/// Sends a message, with up to [`MAX_FILES`] files; a draft has no one to talk to yet.
pub async fn send(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
    text: &str,
    files: Vec<MessageFile>,
) -> Result<Message, Error> {
    let body = check_body(text)?;
    if files.len() > MAX_FILES {
        return Err(Error::invalid("attachments", Invalid::TooLong));
    }
    let mut checked = Vec::with_capacity(files.len());
    for (i, f) in files.into_iter().enumerate() {
        let field = format!("attachments/{i}");
        let media_type = check_file(&field, &f.media_type, &f.bytes)?;
        let filename = crate::domain::text::filename(&format!("{field}/filename"), &f.filename)?;
        let filename = filename.trim().to_string();
        if filename.is_empty() || filename.chars().count() > 200 {
            return Err(Error::invalid(format!("{field}/filename"), Invalid::Format));
        }
        checked.push((filename, media_type, f.bytes));
    }
    let txn = super::begin_write(&ctx.db).await?;
    let row = load_for(&txn, dossier_id, actor).await?;
    let status = status_of(&row)?;
    if matches!(status, Status::Draft | Status::Signed) {
        return Err(Error::illegal(status));
    }
    let message = insert(&txn, &row.id, actor, &body, ctx.now()).await?;
    let mut infos = Vec::with_capacity(checked.len());
    for (filename, media_type, bytes) in checked {
        let info = MessageFileInfo {
            id: uuid::Uuid::now_v7().to_string(),
            filename,
            media_type: media_type.to_string(),
            size: i64::try_from(bytes.len()).map_err(Error::internal)?,
            sha256: attachment::sha256_hex(&bytes),
        };
        message_attachments::Entity::insert(message_attachments::ActiveModel {
            id: Set(info.id.clone()),
            message_id: Set(message.id.clone()),
            dossier_id: Set(row.id.clone()),
            filename: Set(info.filename.clone()),
            media_type: Set(info.media_type.clone()),
            size: Set(info.size),
            sha256: Set(info.sha256.clone()),
            content: Set(bytes),
        })
        .exec_without_returning(&txn)
        .await
        .map_err(db)?;
        infos.push(info);
    }
    if let Actor::Agent(_) = actor {
        let notice = Notice::Message {
            dossier_id: row.id.clone(),
        };
        crate::service::push::notify_space_in(&txn, ctx, &row.space_id, &notice).await?;
    }
    txn.commit().await.map_err(db)?;
    ctx.push.queued.notify_one();
    Ok(Message {
        message,
        files: infos,
    })
}

/// A file sent with a message about a dossier `actor` may see.
pub async fn file(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
    message_id: &str,
    file_id: &str,
) -> Result<message_attachments::Model, Error> {
    let row = load_for(&ctx.db, dossier_id, actor).await?;
    message_attachments::Entity::find_by_id(file_id.to_string())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .filter(|f| f.dossier_id == row.id && f.message_id == message_id)
        .ok_or(Error::NotFound)
}

async fn files_of<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
) -> Result<Vec<(String, MessageFileInfo)>, Error> {
    use message_attachments::Column as M;
    type Row = (String, String, String, String, i64, String);
    let rows: Vec<Row> = message_attachments::Entity::find()
        .select_only()
        .columns([
            M::MessageId,
            M::Id,
            M::Filename,
            M::MediaType,
            M::Size,
            M::Sha256,
        ])
        .filter(M::DossierId.eq(dossier_id.to_string()))
        .order_by_asc(M::Id)
        .into_tuple()
        .all(conn)
        .await
        .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(|(message_id, id, filename, media_type, size, sha256)| {
            (
                message_id,
                MessageFileInfo {
                    id,
                    filename,
                    media_type,
                    size,
                    sha256,
                },
            )
        })
        .collect())
}

/// The messages, oldest first; those from the other side are marked read.
pub async fn list(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
) -> Result<Vec<Message>, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let row = load_for(&txn, dossier_id, actor).await?;
    let list = dossier_messages::Entity::find()
        .filter(dossier_messages::Column::DossierId.eq(row.id.clone()))
        .order_by_asc(dossier_messages::Column::SentAt)
        .order_by_asc(dossier_messages::Column::Id)
        .all(&txn)
        .await
        .map_err(db)?;
    let mut files = files_of(&txn, &row.id).await?;
    dossier_messages::Entity::update_many()
        .col_expr(
            dossier_messages::Column::ReadAt,
            Expr::value(Some(ctx.now())),
        )
        .filter(dossier_messages::Column::DossierId.eq(row.id))
        .filter(dossier_messages::Column::SenderKind.eq(other_side(actor)))
        .filter(dossier_messages::Column::ReadAt.is_null())
        .exec(&txn)
        .await
        .map_err(db)?;
    txn.commit().await.map_err(db)?;
    Ok(list
        .into_iter()
        .map(|message| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut files)
                .into_iter()
                .partition(|(m, _)| *m == message.id);
            files = rest;
            Message {
                message,
                files: mine.into_iter().map(|(_, f)| f).collect(),
            }
        })
        .collect())
}

/// How many messages from `sender_kind` are unread on a dossier.
pub(crate) async fn unread<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    sender_kind: &str,
) -> Result<u64, Error> {
    dossier_messages::Entity::find()
        .filter(dossier_messages::Column::DossierId.eq(dossier_id.to_string()))
        .filter(dossier_messages::Column::SenderKind.eq(sender_kind.to_string()))
        .filter(dossier_messages::Column::ReadAt.is_null())
        .count(conn)
        .await
        .map_err(db)
}
