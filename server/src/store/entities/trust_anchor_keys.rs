//! The `trust_anchor_keys` table.

use sea_orm::entity::prelude::*;

/// A row of `trust_anchor_keys`: the Ed25519 key that signs the published trust list.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trust_anchor_keys")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The 32-byte Ed25519 seed, hex: a secret, so this type's `Debug` hides it.
    pub private_key: String,
    /// The 32-byte Ed25519 public key, hex (what verifiers are configured with).
    pub public_key: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustAnchorKey")
            .field("id", &self.id)
            .field("public_key", &self.public_key)
            .field("private_key", &"***")
            .finish()
    }
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
