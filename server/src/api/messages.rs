//! Messages about a dossier between its holder and the administration, with files and read state.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, dossier_files::FileBytes};
use crate::domain::{
    Error, Invalid,
    ids::{DossierId, MessageFileId, MessageId},
    rights::{Read, Transmit},
};
use crate::service::{Context, access::authorize_dossier, dossiers::messages};
use base64::{Engine, engine::general_purpose::STANDARD};
use poem_openapi::{Object, OpenApi, param::Path, payload::Json};
use time::OffsetDateTime;

pub struct MessagesApi {
    pub ctx: Context,
}

/// A file sent with a message, without its bytes.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct MessageFileView {
    /// Id.
    id: String,
    /// File name.
    filename: String,
    /// Media type, read from the bytes.
    media_type: String,
    /// Size, bytes.
    size: i64,
    /// SHA-256, lowercase hex.
    sha256: String,
}

/// A message about a dossier.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct MessageView {
    /// Id.
    id: String,
    /// `holder` or `administration`.
    sender: String,
    /// The text.
    text: String,
    /// Files sent with it.
    attachments: Vec<MessageFileView>,
    /// When sent.
    sent_at: OffsetDateTime,
    /// When the other side read it.
    #[oai(nullable)]
    read_at: Option<OffsetDateTime>,
}

impl From<messages::Message> for MessageView {
    fn from(m: messages::Message) -> Self {
        Self {
            id: m.message.id.into(),
            sender: m.message.sender.as_str().into(),
            text: m.message.body,
            attachments: m
                .files
                .into_iter()
                .map(|f| MessageFileView {
                    id: f.id.into(),
                    filename: f.filename,
                    media_type: f.media_type,
                    size: f.size,
                    sha256: f.sha256,
                })
                .collect(),
            sent_at: m.message.sent_at,
            read_at: m.message.read_at,
        }
    }
}

/// A file to send with a message: PDF, JPEG or PNG, at most 512 KiB.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
pub struct NewMessageFile {
    /// File name.
    filename: String,
    /// Media type (must match the bytes).
    media_type: String,
    /// The bytes, base64.
    content_base64: String,
}

/// A new message.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
pub struct NewMessage {
    /// The text (at most 5,000 characters).
    text: String,
    /// Up to 3 files.
    #[oai(default)]
    attachments: Vec<NewMessageFile>,
}

/// Decodes the files of a new message.
pub fn decode(body: NewMessage) -> Result<(String, Vec<messages::MessageFile>), Error> {
    let mut files = Vec::with_capacity(body.attachments.len());
    for (i, f) in body.attachments.into_iter().enumerate() {
        let bytes = STANDARD.decode(f.content_base64.trim()).map_err(|_| {
            Error::invalid(format!("attachments/{i}/content_base64"), Invalid::Encoding)
        })?;
        files.push(messages::MessageFile {
            filename: f.filename,
            media_type: f.media_type,
            bytes,
        });
    }
    Ok((body.text, files))
}

#[OpenApi(tag = "Tag::Dossiers")]
impl MessagesApi {
    /// Read the dossier's messages (marks the administration's as read)
    #[oai(path = "/dossiers/:dossier_id/messages", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<MessageView>>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let list = messages::list(&self.ctx, &grant, &id).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Write to the administration about the dossier
    #[oai(path = "/dossiers/:dossier_id/messages", method = "post")]
    async fn send(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<NewMessage>,
    ) -> ApiResult<Json<MessageView>> {
        let caller = auth.0.person()?;
        let (text, files) = decode(body.0)?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Transmit).await?;
        let m = messages::send(&self.ctx, &grant, &id, &text, files).await?;
        Ok(Json(m.into()))
    }

    /// Download a file sent with a message
    #[oai(
        path = "/dossiers/:dossier_id/messages/:message_id/attachments/:file_id",
        method = "get"
    )]
    async fn file(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        message_id: Path<String>,
        file_id: Path<String>,
    ) -> ApiResult<FileBytes> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let message = MessageId::from(message_id.0);
        let file = MessageFileId::from(file_id.0);
        let f = messages::file(&self.ctx, &grant, &id, &message, &file).await?;
        Ok(FileBytes::Ok(
            poem_openapi::payload::Binary(f.content),
            f.media_type,
            f.sha256,
        ))
    }
}
