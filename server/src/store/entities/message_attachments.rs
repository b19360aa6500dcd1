//! The `message_attachments` table: a file sent with a message.

use crate::domain::ids::{DossierId, MessageFileId, MessageId};
use sea_orm::entity::prelude::*;

/// A row of `message_attachments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_attachments")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: MessageFileId,
    pub message_id: MessageId,
    pub dossier_id: DossierId,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
