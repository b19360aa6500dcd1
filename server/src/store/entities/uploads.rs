//! The `uploads` table: a supporting document arriving in chunks.

use crate::domain::ids::{DossierId, UploadId};
use sea_orm::entity::prelude::*;

/// A row of `uploads`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "uploads")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: UploadId,
    pub dossier_id: DossierId,
    pub field: String,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub received: i64,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
    pub created_by: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
