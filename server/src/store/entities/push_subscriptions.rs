//! The `push_subscriptions` table.

use sea_orm::entity::prelude::*;

/// A row of `push_subscriptions`: one device of a person.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_subscriptions")]
#[allow(missing_docs)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: String,
    pub endpoint: String,
    pub endpoint_hash: String,
    pub p256dh: String,
    /// The subscriber's auth secret, base64url: a secret, so this type has no derived `Debug`.
    pub auth: String,
    pub label: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub last_accepted_at: Option<TimeDateTimeWithTimeZone>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushSubscription")
            .field("id", &self.id)
            .field("person_id", &self.person_id)
            .field("label", &self.label)
            .field("auth", &"***")
            .finish_non_exhaustive()
    }
}

/// No relations are declared; queries join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
