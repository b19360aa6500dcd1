//! The `dossier_events` table: an entry of a dossier's timeline (never changed).

use crate::domain::{
    dossiers::Status,
    ids::{DossierId, SpaceId},
    rights::{ActorKind, Role},
};
use sea_orm::entity::prelude::*;

/// A row of `dossier_events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_events")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub dossier_id: DossierId,
    pub at: TimeDateTimeWithTimeZone,
    pub actor_kind: ActorKind,
    pub actor_id: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub reason: Option<String>,
    pub actor_role: Option<Role>,
    pub space_id: Option<SpaceId>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
