//! The `dossier_messages` table: a message about a dossier.

use crate::domain::{
    dossiers::Side,
    ids::{DossierId, MessageId},
    rights::Role,
};
use sea_orm::entity::prelude::*;

/// A row of `dossier_messages`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_messages")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: MessageId,
    pub dossier_id: DossierId,
    pub sender_kind: Side,
    pub sender_id: String,
    pub body: String,
    pub sent_at: TimeDateTimeWithTimeZone,
    pub read_at: Option<TimeDateTimeWithTimeZone>,
    pub author_role: Option<Role>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
