//! The `push_vapid_keys` table.

use sea_orm::entity::prelude::*;

/// A row of `push_vapid_keys`: one VAPID key pair of the server (RFC 8292).
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_vapid_keys")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The private scalar, base64url: a secret, so this type has no `Debug`.
    pub private_key: String,
    pub public_key: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub retired_at: Option<TimeDateTimeWithTimeZone>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VapidKey")
            .field("id", &self.id)
            .field("public_key", &self.public_key)
            .field("private_key", &"***")
            .finish()
    }
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
