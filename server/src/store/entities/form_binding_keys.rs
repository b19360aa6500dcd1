//! The `form_binding_keys` table.

use sea_orm::entity::prelude::*;

/// A row of `form_binding_keys`: the key authenticating fillable forms' binding field.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_binding_keys")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// 32 random bytes, base64url: a secret, so this type has no derived `Debug`.
    pub secret: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormBindingKey")
            .field("id", &self.id)
            .field("secret", &"***")
            .finish()
    }
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
