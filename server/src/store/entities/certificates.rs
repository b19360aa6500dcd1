//! The `certificates` table.

use crate::domain::{
    ids::PersonId,
    persons::{CertificateKind, CertificateUsage},
};
use sea_orm::entity::prelude::*;

/// A row of `certificates`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: PersonId,
    pub fingerprint: String,
    pub serial_hex: String,
    pub issuer_dn: String,
    pub usage: CertificateUsage,
    pub kind: CertificateKind,
    pub organisation: Option<String>,
    pub der_base64: String,
    pub not_after: TimeDateTimeWithTimeZone,
    pub registered_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
