//! The `access_log` table.

use crate::domain::{ids::SpaceId, rights::Role};
use sea_orm::entity::prelude::*;

/// A row of `access_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_log")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub space_id: SpaceId,
    pub actor_person_id: String,
    pub action: String,
    pub detail: String,
    pub request_id: String,
    pub actor_role: Option<Role>,
    pub at: TimeDateTimeWithTimeZone,
    /// Position in the space's chain, from 1 (none: written before the chain existed).
    pub seq: Option<i64>,
    /// The previous entry's hash, hex (64 zeros for the first entry).
    pub prev_hash: Option<String>,
    /// SHA-256 of this entry's canonical encoding and `prev_hash`, hex.
    pub hash: Option<String>,
    /// `person`, `agent`, `operator` or `platform` (none: written before the column existed).
    pub actor_kind: Option<String>,
    /// The agent's administration.
    pub administration: Option<String>,
    /// Why the data was used.
    pub purpose: Option<String>,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
