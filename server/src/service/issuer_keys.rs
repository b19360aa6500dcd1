//! Issuer keys that seal documents, the trust anchor, the signed trust list they publish, and key rotation.
//!
//! Keys are made at first start and kept in the database, **unencrypted** (hex seeds in
//! `issuer_keys` and `trust_anchor_keys`): whoever reads the database can sign. In production an
//! HSM or a KMS would hold them and only sign on request; the private keys never appear in logs
//! or `Debug` output.

use super::{Context, begin_write};
use crate::{
    config::Secret,
    domain::Error,
    store::{
        self,
        issuer_keys::{AnchorKey, IssuerKey},
    },
};
use ed25519_dalek::{SigningKey, VerifyingKey};
use guichet_verifier::{
    revocation::RevocationList,
    seal::{DocumentType, Issuer, KeyId},
    trust::{TrustAnchor, TrustList, TrustedKey},
};
use rand::RngCore as _;
use sea_orm::ConnectionTrait;
use time::{Duration, OffsetDateTime};

/// Who holds the issuer keys, as the trust list names them to the person checking.
pub const ISSUER_NAME: &str = "Ministère de la Justice";

/// Id of the trust anchor key (one anchor; changing it means configuring verifiers anew).
const ANCHOR_ID: &str = "anchor-1";

/// How long the trust list says the active key may sign, until a rotation ends it.
const ACTIVE_HORIZON: Duration = Duration::days(100 * 365);

/// An issuer key as the operator sees it: no private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySummary {
    /// The key id seals carry, upper-case hex.
    pub key_id: String,
    /// When the key was made.
    pub created_at: OffsetDateTime,
    /// The first instant it may sign.
    pub valid_from: OffsetDateTime,
    /// When it stopped signing (a rotation); `None` while active.
    pub signing_until: Option<OffsetDateTime>,
}

impl KeySummary {
    /// Whether this is the key that seals new documents.
    pub fn active(&self) -> bool {
        self.signing_until.is_none()
    }
}

/// An Ed25519 key from the OS random source, with its seed in hex (kept as a [`Secret`]).
fn generate() -> (SigningKey, Secret) {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let key = SigningKey::from_bytes(&seed);
    (key, Secret::new(hex::encode(seed)))
}

fn signing_key(seed_hex: &str) -> Result<SigningKey, Error> {
    let seed: [u8; 32] = hex::decode(seed_hex)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::internal("a stored private key is not a 32-byte hex seed"))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn verifying_key(public_hex: &str) -> Result<VerifyingKey, Error> {
    hex::decode(public_hex)
        .ok()
        .and_then(|b| TrustAnchor::from_bytes(&b))
        .map(|a| a.public_key)
        .ok_or_else(|| Error::internal("a stored public key is not an Ed25519 key"))
}

/// Whole seconds: seals and trust lists carry NumericDates, so key periods are kept to the second.
fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t - Duration::nanoseconds(i64::from(t.nanosecond()))
}

fn issuer_row(serial: i32, key: &SigningKey, seed: Secret, at: OffsetDateTime) -> IssuerKey {
    let types: Vec<&str> = DocumentType::ALL.iter().map(|t| t.slug()).collect();
    IssuerKey {
        serial,
        key_id: KeyId::for_public_key(&key.verifying_key()).to_string(),
        private_key: seed.expose().to_string(),
        public_key: hex::encode(key.verifying_key().as_bytes()),
        document_types: types.join(","),
        valid_from: at,
        signing_until: None,
        created_at: at,
    }
}

/// Makes the trust anchor and the first issuer key if absent. Two instances starting together
/// agree: the second insert hits the primary key and is ignored.
pub async fn ensure_keys<C: ConnectionTrait>(db: &C, now: OffsetDateTime) -> Result<(), Error> {
    let now = whole_seconds(now);
    if store::issuer_keys::anchor(db, ANCHOR_ID).await?.is_none() {
        let (key, seed) = generate();
        let anchor = AnchorKey {
            id: ANCHOR_ID.to_string(),
            private_key: seed.expose().to_string(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
            created_at: now,
        };
        match store::issuer_keys::insert_anchor(db, anchor).await {
            Ok(()) => tracing::info!("trust anchor key generated and stored in the database"),
            Err(e) => {
                if store::issuer_keys::anchor(db, ANCHOR_ID).await?.is_none() {
                    return Err(e);
                }
            }
        }
    }
    if !store::issuer_keys::exists(db, 1).await? {
        let (key, seed) = generate();
        match store::issuer_keys::insert(db, issuer_row(1, &key, seed, now)).await {
            Ok(()) => tracing::info!(
                key_id = %KeyId::for_public_key(&key.verifying_key()),
                "issuer key generated and stored in the database"
            ),
            Err(e) => {
                if !store::issuer_keys::exists(db, 1).await? {
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

async fn anchor_row(ctx: &Context) -> Result<AnchorKey, Error> {
    store::issuer_keys::anchor(&ctx.db, ANCHOR_ID)
        .await?
        .ok_or_else(|| Error::internal("no trust anchor key in the database"))
}

/// The trust anchor verifiers are configured with (its public key only).
pub async fn trust_anchor(ctx: &Context) -> Result<TrustAnchor, Error> {
    Ok(TrustAnchor::new(verifying_key(
        &anchor_row(ctx).await?.public_key,
    )?))
}

async fn all_keys<C: ConnectionTrait>(conn: &C) -> Result<Vec<IssuerKey>, Error> {
    store::issuer_keys::all(conn).await
}

/// The key that seals new documents: the newest one, which no rotation has retired.
pub async fn current_issuer(ctx: &Context) -> Result<Issuer, Error> {
    let row = all_keys(&ctx.db)
        .await?
        .pop()
        .filter(|k| k.signing_until.is_none())
        .ok_or_else(|| Error::internal("no active issuer key in the database"))?;
    let key = signing_key(&row.private_key)?;
    let key_id =
        KeyId::parse(&row.key_id).ok_or_else(|| Error::internal("a stored key id is not hex"))?;
    Ok(Issuer {
        key_id,
        signing_key: key,
    })
}

fn trusted(row: &IssuerKey) -> Result<TrustedKey, Error> {
    Ok(TrustedKey {
        key_id: KeyId::parse(&row.key_id)
            .ok_or_else(|| Error::internal("a stored key id is not hex"))?,
        issuer: ISSUER_NAME.to_string(),
        public_key: verifying_key(&row.public_key)?,
        document_types: row
            .document_types
            .split(',')
            .filter_map(DocumentType::from_slug)
            .collect(),
        valid_from: row.valid_from,
        valid_until: row.signing_until.unwrap_or(row.valid_from + ACTIVE_HORIZON),
    })
}

/// The trust list as published: every key ever used, each with its signing period. Its sequence
/// is the newest key's serial (one more per rotation) and it is dated at the last rotation, so
/// every instance serves the same bytes until the next rotation.
pub async fn trust_list_content(ctx: &Context) -> Result<TrustList, Error> {
    let rows = all_keys(&ctx.db).await?;
    let last = rows
        .last()
        .ok_or_else(|| Error::internal("no issuer key in the database"))?;
    let sequence = u64::try_from(last.serial).map_err(Error::internal)?;
    rows.iter()
        .try_fold(TrustList::new(sequence, last.valid_from), |list, row| {
            Ok(list.with_key(trusted(row)?))
        })
}

/// The signed trust list to serve at [`guichet_verifier::trust::WELL_KNOWN_PATH`].
pub async fn trust_list(ctx: &Context) -> Result<Vec<u8>, Error> {
    let list = trust_list_content(ctx).await?;
    let anchor = signing_key(&anchor_row(ctx).await?.private_key)?;
    list.sign(&anchor).map_err(Error::internal)
}

/// Signs a revocation list with the trust anchor, like the trust list.
pub async fn sign_revocation_list(ctx: &Context, list: &RevocationList) -> Result<Vec<u8>, Error> {
    let anchor = signing_key(&anchor_row(ctx).await?.private_key)?;
    list.sign(&anchor).map_err(Error::internal)
}

/// Signs the access-log checkpoint keys with the trust anchor, like the trust list.
pub async fn sign_checkpoint_keys(
    ctx: &Context,
    list: &guichet_verifier::checkpoint_keys::CheckpointKeys,
) -> Result<Vec<u8>, Error> {
    let anchor = signing_key(&anchor_row(ctx).await?.private_key)?;
    list.sign(&anchor).map_err(Error::internal)
}

/// Adds a new issuer key valid from now and ends the previous key's signing period now: it signs
/// no more but stays in the trust list, so the documents it sealed stay valid until they expire.
/// Returns the new key id. Two rotations at once: the primary key (`serial`) lets one commit;
/// the other fails and changes nothing.
pub async fn rotate(ctx: &Context) -> Result<KeyId, Error> {
    let now = whole_seconds(ctx.now());
    let txn = begin_write(&ctx.db).await?;
    let previous = all_keys(&txn)
        .await?
        .pop()
        .ok_or_else(|| Error::internal("no issuer key in the database"))?;
    let serial = previous.serial + 1;
    if previous.signing_until.is_none() {
        store::issuer_keys::retire(&txn, previous.serial, now).await?;
    }
    let (key, seed) = generate();
    store::issuer_keys::insert(&txn, issuer_row(serial, &key, seed, now)).await?;
    txn.commit().await?;
    let key_id = KeyId::for_public_key(&key.verifying_key());
    tracing::info!(%key_id, serial, "issuer key rotated");
    Ok(key_id)
}

/// Every issuer key, oldest first, for the operator.
pub async fn list(ctx: &Context) -> Result<Vec<KeySummary>, Error> {
    Ok(all_keys(&ctx.db)
        .await?
        .into_iter()
        .map(|k| KeySummary {
            key_id: k.key_id,
            created_at: k.created_at,
            valid_from: k.valid_from,
            signing_until: k.signing_until,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_seed_gives_back_the_same_key_and_debug_hides_it() {
        let (key, seed) = generate();
        let again = signing_key(seed.expose()).unwrap();
        assert_eq!(again.verifying_key(), key.verifying_key());
        assert!(!format!("{seed:?}").contains(seed.expose()));
        let row = IssuerKey {
            serial: 1,
            key_id: "00000000".into(),
            private_key: seed.expose().to_string(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
            document_types: "criminal-record-extract".into(),
            valid_from: OffsetDateTime::UNIX_EPOCH,
            signing_until: None,
            created_at: OffsetDateTime::UNIX_EPOCH,
        };
        assert!(!format!("{row:?}").contains(seed.expose()));
    }
}
