//! Messages about dossiers, the files sent with them, and their read state.

use super::entities::{dossier_messages, message_attachments};
use crate::domain::{
    Error,
    dossiers::{AttachmentFile, Message, MessageFileInfo, Side},
    ids::{DossierId, MessageFileId, MessageId},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use time::OffsetDateTime;

impl From<dossier_messages::Model> for Message {
    fn from(m: dossier_messages::Model) -> Self {
        Self {
            id: m.id,
            sender: m.sender_kind,
            sender_id: m.sender_id,
            sender_role: m.author_role,
            body: m.body,
            sent_at: m.sent_at,
            read_at: m.read_at,
        }
    }
}

/// Stores a message about `dossier`.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    message: &Message,
) -> Result<(), Error> {
    let m = message.clone();
    dossier_messages::Entity::insert(dossier_messages::ActiveModel {
        id: Set(m.id),
        dossier_id: Set(dossier.clone()),
        sender_kind: Set(m.sender),
        sender_id: Set(m.sender_id),
        body: Set(m.body),
        sent_at: Set(m.sent_at),
        read_at: Set(m.read_at),
        author_role: Set(m.sender_role),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Stores a file sent with a message about `dossier`.
pub async fn insert_file<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    info: &MessageFileInfo,
    content: Vec<u8>,
) -> Result<(), Error> {
    let f = info.clone();
    message_attachments::Entity::insert(message_attachments::ActiveModel {
        id: Set(f.id),
        message_id: Set(f.message_id),
        dossier_id: Set(dossier.clone()),
        filename: Set(f.filename),
        media_type: Set(f.media_type),
        size: Set(f.size),
        sha256: Set(f.sha256),
        content: Set(content),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// A dossier's messages, oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
) -> Result<Vec<Message>, Error> {
    Ok(dossier_messages::Entity::find()
        .filter(dossier_messages::Column::DossierId.eq(dossier.clone()))
        .order_by_asc(dossier_messages::Column::SentAt)
        .order_by_asc(dossier_messages::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(Message::from)
        .collect())
}

/// The files sent with a dossier's messages, without their bytes.
pub async fn files<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
) -> Result<Vec<MessageFileInfo>, Error> {
    use message_attachments::Column as M;
    type Row = (MessageId, MessageFileId, String, String, i64, String);
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
        .filter(M::DossierId.eq(dossier.clone()))
        .order_by_asc(M::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(message_id, id, filename, media_type, size, sha256)| MessageFileInfo {
                id,
                message_id,
                filename,
                media_type,
                size,
                sha256,
            },
        )
        .collect())
}

/// The bytes of a file sent with message `message` about `dossier`.
pub async fn file<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    message: &MessageId,
    id: &MessageFileId,
) -> Result<Option<AttachmentFile>, Error> {
    Ok(message_attachments::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .filter(|f| &f.dossier_id == dossier && &f.message_id == message)
        .map(|f| AttachmentFile {
            media_type: f.media_type,
            sha256: f.sha256,
            content: f.content,
        }))
}

/// Marks read the unread messages about `dossier` sent from side `from`.
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    from: Side,
    now: OffsetDateTime,
) -> Result<(), Error> {
    dossier_messages::Entity::update_many()
        .col_expr(dossier_messages::Column::ReadAt, Expr::value(Some(now)))
        .filter(dossier_messages::Column::DossierId.eq(dossier.clone()))
        .filter(dossier_messages::Column::SenderKind.eq(from))
        .filter(dossier_messages::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
