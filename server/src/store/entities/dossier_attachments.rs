//! The `dossier_attachments` table: a supporting document of a dossier.

use crate::domain::ids::{AttachmentId, DossierId};
use sea_orm::entity::prelude::*;

/// A row of `dossier_attachments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_attachments")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AttachmentId,
    pub dossier_id: DossierId,
    pub field: String,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
    pub uploaded_by: String,
    pub uploaded_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
