//! The `domain_deliveries` table: the domains of a certified space whose documents are
//! delivered electronically (since its first use of the domain).

use crate::domain::ids::SpaceId;
use sea_orm::entity::prelude::*;

/// A row of `domain_deliveries`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "domain_deliveries")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub space_id: SpaceId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub domain: String,
    pub since: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
