//! The server's VAPID key pair (RFC 8292): made at first start, kept in the database, shared by instances.

use crate::{config::Secret, store::entities::push_vapid_keys};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use p256::{SecretKey, elliptic_curve::sec1::ToEncodedPoint};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;

/// Id of the first key; a rotation would add `v2` and retire `v1`.
const FIRST_KEY_ID: &str = "v1";

/// The current VAPID key: its id, its public point and (hidden) its private scalar.
#[derive(Clone)]
pub struct VapidKey {
    /// The key's version, e.g. `v1`.
    pub id: String,
    /// The uncompressed P-256 public point, base64url without padding (`applicationServerKey`).
    pub public_key: String,
    private_key: Secret,
}

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VapidKey")
            .field("id", &self.id)
            .field("public_key", &self.public_key)
            .field("private_key", &self.private_key)
            .finish()
    }
}

impl VapidKey {
    /// A fresh random key pair.
    pub fn generate(id: &str) -> Self {
        let secret = SecretKey::random(&mut rand::rngs::OsRng);
        let public = secret.public_key().to_encoded_point(false);
        Self {
            id: id.to_string(),
            public_key: URL_SAFE_NO_PAD.encode(public.as_bytes()),
            private_key: Secret::new(URL_SAFE_NO_PAD.encode(secret.to_bytes())),
        }
    }

    /// The private scalar, base64url without padding, for the signer.
    pub fn private_base64(&self) -> &str {
        self.private_key.expose()
    }

    fn from_row(row: push_vapid_keys::Model) -> Self {
        Self {
            id: row.id,
            public_key: row.public_key,
            private_key: Secret::new(row.private_key),
        }
    }
}

async fn current<C: ConnectionTrait>(db: &C) -> Result<Option<VapidKey>, DbErr> {
    Ok(push_vapid_keys::Entity::find()
        .filter(push_vapid_keys::Column::RetiredAt.is_null())
        .order_by_desc(push_vapid_keys::Column::CreatedAt)
        .one(db)
        .await?
        .map(VapidKey::from_row))
}

/// The key in use, made and stored on first start. Two instances starting together agree:
/// the second insert hits the primary key and the stored key is read back.
pub async fn load_or_create<C: ConnectionTrait>(
    db: &C,
    now: OffsetDateTime,
) -> Result<VapidKey, DbErr> {
    if let Some(key) = current(db).await? {
        return Ok(key);
    }
    let key = VapidKey::generate(FIRST_KEY_ID);
    let inserted = push_vapid_keys::Entity::insert(push_vapid_keys::ActiveModel {
        id: Set(key.id.clone()),
        private_key: Set(key.private_base64().to_string()),
        public_key: Set(key.public_key.clone()),
        created_at: Set(now),
        retired_at: Set(None),
    })
    .exec_without_returning(db)
    .await;
    match inserted {
        Ok(_) => {
            tracing::info!(key_id = %key.id, "VAPID key pair generated and stored in the database");
            Ok(key)
        }
        Err(e) => current(db).await?.ok_or(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_key_is_an_uncompressed_point_and_the_private_key_never_prints() {
        let key = VapidKey::generate("v1");
        let public = URL_SAFE_NO_PAD.decode(&key.public_key).unwrap();
        assert_eq!(public.len(), 65);
        assert_eq!(public[0], 4);
        let printed = format!("{key:?}");
        assert!(!printed.contains(key.private_base64()));
    }
}
