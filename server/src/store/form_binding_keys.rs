//! The key authenticating the binding field of fillable forms: made on first use, kept in the
//! database, shared by instances.

use super::entities::form_binding_keys;
use crate::domain::Error;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use time::OffsetDateTime;

/// Id of the first key; a rotation would add `v2` and keep `v1` for forms already out.
const FIRST_KEY_ID: &str = "v1";

async fn find<C: ConnectionTrait>(conn: &C) -> Result<Option<Vec<u8>>, Error> {
    let row = form_binding_keys::Entity::find_by_id(FIRST_KEY_ID.to_string())
        .one(conn)
        .await?;
    row.map(|r| URL_SAFE_NO_PAD.decode(r.secret).map_err(Error::internal))
        .transpose()
}

/// The key's bytes, made and stored on first use. Two instances making it together agree:
/// the second insert hits the primary key and the stored key is read back.
pub async fn load_or_create<C: ConnectionTrait>(
    conn: &C,
    now: OffsetDateTime,
) -> Result<Vec<u8>, Error> {
    if let Some(key) = find(conn).await? {
        return Ok(key);
    }
    let mut key = vec![0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    let inserted = form_binding_keys::Entity::insert(form_binding_keys::ActiveModel {
        id: Set(FIRST_KEY_ID.to_string()),
        secret: Set(URL_SAFE_NO_PAD.encode(&key)),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await;
    match inserted {
        Ok(_) => Ok(key),
        Err(e) => find(conn).await?.ok_or_else(|| Error::internal(e)),
    }
}
