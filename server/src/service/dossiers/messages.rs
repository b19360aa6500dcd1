//! Messages about a dossier between its holder and the administration, with read state.

use super::load;
use crate::domain::{
    Error, Invalid,
    dossiers::{
        AttachmentFile, Message as Stored, MessageFileInfo, Side, Status,
        attachment::{self, FileRejection},
    },
    ids::{DossierId, MessageFileId, MessageId},
    push::Notice,
    rights::{Actor, Caller, Converse, Grant, Read},
};
use crate::service::Context;
use crate::store;
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

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
    dossier_id: &DossierId,
    actor: Actor<'_>,
    body: &str,
    now: OffsetDateTime,
) -> Result<Stored, Error> {
    let caller = actor.caller;
    let message = Stored {
        id: MessageId::generate(),
        sender: Side::of(caller),
        sender_id: caller.id().to_string(),
        sender_role: actor.role,
        body: body.to_string(),
        sent_at: now,
        read_at: None,
    };
    store::messages::insert(conn, dossier_id, &message).await?;
    Ok(message)
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

/// A message with the files sent with it.
#[derive(Debug, Clone)]
pub struct Message {
    /// The message.
    pub message: Stored,
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
pub async fn send<R: Converse>(
    ctx: &Context,
    grant: &Grant<R>,
    dossier_id: &DossierId,
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
    let caller = grant.caller();
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if matches!(record.status, Status::Draft | Status::Signed) {
        return Err(Error::illegal(record.status));
    }
    let message = insert(&txn, &record.id, grant.actor(), &body, ctx.now()).await?;
    let mut infos = Vec::with_capacity(checked.len());
    for (filename, media_type, bytes) in checked {
        let info = MessageFileInfo {
            id: MessageFileId::generate(),
            message_id: message.id.clone(),
            filename,
            media_type: media_type.to_string(),
            size: i64::try_from(bytes.len()).map_err(Error::internal)?,
            sha256: attachment::sha256_hex(&bytes),
        };
        store::messages::insert_file(&txn, &record.id, &info, bytes).await?;
        infos.push(info);
    }
    if let Caller::Agent(_) = caller {
        let notice = Notice::Message {
            dossier_id: record.id.to_string(),
        };
        crate::service::push::notify_space_in(
            &txn,
            ctx,
            &record.space_id,
            Some(&record.procedure_id),
            &notice,
        )
        .await?;
    }
    txn.commit().await?;
    ctx.push.queued.notify_one();
    Ok(Message {
        message,
        files: infos,
    })
}

/// A file sent with a message about a dossier.
pub async fn file(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
    message_id: &MessageId,
    file_id: &MessageFileId,
) -> Result<AttachmentFile, Error> {
    let record = load(&ctx.db, grant, dossier_id).await?;
    store::messages::file(&ctx.db, &record.id, message_id, file_id)
        .await?
        .ok_or(Error::NotFound)
}

/// The messages, oldest first; those from the other side are marked read.
pub async fn list(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
) -> Result<Vec<Message>, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    let list = store::messages::list(&txn, &record.id).await?;
    let mut files = store::messages::files(&txn, &record.id).await?;
    let other = Side::of(grant.caller()).other();
    store::messages::mark_read(&txn, &record.id, other, ctx.now()).await?;
    txn.commit().await?;
    Ok(list
        .into_iter()
        .map(|message| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut files)
                .into_iter()
                .partition(|f| f.message_id == message.id);
            files = rest;
            Message {
                message,
                files: mine,
            }
        })
        .collect())
}
