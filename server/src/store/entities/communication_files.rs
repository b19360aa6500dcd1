//! The `communication_files` table: the bytes of a communication's file, read only on download.

use crate::domain::ids::CommunicationId;
use sea_orm::entity::prelude::*;

/// A row of `communication_files`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "communication_files")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub communication_id: CommunicationId,
    pub content: Vec<u8>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
