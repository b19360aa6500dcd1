//! The `checkpoint_keys` table.

use sea_orm::entity::prelude::*;

/// A row of `checkpoint_keys`: one Ed25519 key of the platform that signs access-log checkpoints.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkpoint_keys")]
#[allow(missing_docs)]
pub struct Model {
    /// 1 for the first key, then one more per rotation: the primary key decides races.
    #[sea_orm(primary_key, auto_increment = false)]
    pub serial: i32,
    /// Hex of the first 4 bytes of SHA-256 of the public key.
    pub key_id: String,
    /// The 32-byte Ed25519 seed, hex: a secret, so this type's `Debug` hides it.
    pub private_key: String,
    /// The 32-byte Ed25519 public key, hex.
    pub public_key: String,
    pub valid_from: TimeDateTimeWithTimeZone,
    /// When the key stopped signing (a rotation); `None` for the active key.
    pub signing_until: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckpointKey")
            .field("serial", &self.serial)
            .field("key_id", &self.key_id)
            .field("public_key", &self.public_key)
            .field("private_key", &"***")
            .finish()
    }
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
