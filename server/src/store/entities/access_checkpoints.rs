//! The `access_checkpoints` table.

use sea_orm::entity::prelude::*;

/// A row of `access_checkpoints`: every space's chain head at one instant, signed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_checkpoints")]
#[allow(missing_docs)]
pub struct Model {
    /// 1 for the first checkpoint, then one more each time.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sequence: i64,
    pub signed_at: TimeDateTimeWithTimeZone,
    /// The checkpoint key that signed it.
    pub key_id: String,
    /// How many chain heads it holds.
    pub spaces: i32,
    /// The COSE_Sign1 as published.
    pub signed: Vec<u8>,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
