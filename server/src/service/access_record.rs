//! The tamper-evident access record: the platform's checkpoint keys (rotatable, like issuer
//! keys), signed checkpoints of every space's chain head (daily and on demand), what is
//! published of them, and the check of every chain against them.
//!
//! Keys are kept in the database unencrypted, like the issuer keys ([`super::issuer_keys`]).

use super::{Context, begin_write};
use crate::{
    domain::{
        Error,
        access_chain::{self, Break, Head},
    },
    store::{self, checkpoints::CheckpointKey},
};
use ed25519_dalek::{SigningKey, VerifyingKey};
use guichet_verifier::{
    checkpoint::{AccessCheckpoint, ChainHead},
    seal::KeyId,
    trust::TrustAnchor,
};
use rand::RngCore as _;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::collections::BTreeMap;
use time::{Duration, OffsetDateTime};

/// Path of the latest signed checkpoint (`application/cose`).
pub const CHECKPOINT_PATH: &str = "/.well-known/guichet/access-checkpoint";

/// Path of the checkpoint keys, signed by the trust anchor (`application/cose`, format:
/// [`guichet_verifier::checkpoint_keys`]).
pub const CHECKPOINT_KEYS_PATH: &str = "/.well-known/guichet/access-checkpoint-keys";

/// How often a checkpoint is signed without being asked.
pub const CHECKPOINT_PERIOD: Duration = Duration::days(1);

fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t - Duration::nanoseconds(i64::from(t.nanosecond()))
}

fn key_row(serial: i32, at: OffsetDateTime) -> (CheckpointKey, KeyId) {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let key = SigningKey::from_bytes(&seed);
    let key_id = KeyId::for_public_key(&key.verifying_key());
    let row = CheckpointKey {
        serial,
        key_id: key_id.to_string(),
        private_key: hex::encode(seed),
        public_key: hex::encode(key.verifying_key().as_bytes()),
        valid_from: at,
        signing_until: None,
        created_at: at,
    };
    (row, key_id)
}

fn signing_key(row: &CheckpointKey) -> Result<SigningKey, Error> {
    let seed: [u8; 32] = hex::decode(&row.private_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::internal("a stored checkpoint key is not a 32-byte hex seed"))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn public_key(row: &CheckpointKey) -> Result<TrustAnchor, Error> {
    let bytes: [u8; 32] = hex::decode(&row.public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::internal("a stored checkpoint public key is not 32 bytes"))?;
    VerifyingKey::from_bytes(&bytes)
        .map(TrustAnchor::new)
        .map_err(Error::internal)
}

/// Makes the first checkpoint key if there is none. Two instances starting together agree: the
/// second insert hits the primary key and is ignored.
pub async fn ensure_key<C: ConnectionTrait>(db: &C, now: OffsetDateTime) -> Result<(), Error> {
    if !store::checkpoints::keys(db).await?.is_empty() {
        return Ok(());
    }
    let (row, key_id) = key_row(1, whole_seconds(now));
    match store::checkpoints::insert_key(db, row).await {
        Ok(()) => {
            tracing::info!(%key_id, "checkpoint key generated and stored in the database");
            Ok(())
        }
        Err(e) if store::checkpoints::keys(db).await?.is_empty() => Err(e),
        Err(_) => Ok(()),
    }
}

/// Adds a checkpoint key that signs from now on; the previous one signs no more but stays
/// published, so the checkpoints it signed still verify. Returns the new key id.
pub async fn rotate_key(ctx: &Context) -> Result<KeyId, Error> {
    let now = whole_seconds(ctx.now());
    let txn = begin_write(&ctx.db).await?;
    let previous = store::checkpoints::keys(&txn)
        .await?
        .pop()
        .ok_or_else(|| Error::internal("no checkpoint key in the database"))?;
    if previous.signing_until.is_none() {
        store::checkpoints::retire_key(&txn, previous.serial, now).await?;
    }
    let (row, key_id) = key_row(previous.serial + 1, now);
    store::checkpoints::insert_key(&txn, row).await?;
    txn.commit().await?;
    tracing::info!(%key_id, "checkpoint key rotated");
    Ok(key_id)
}

/// The published list of checkpoint keys: one line per key, `key_id public_key_hex valid_from
/// signing_until` (RFC 3339; `-` while it signs).
pub async fn keys_text(ctx: &Context) -> Result<String, Error> {
    let fmt = |t: OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let mut out = String::new();
    for k in store::checkpoints::keys(&ctx.db).await? {
        let until = k.signing_until.map(fmt).unwrap_or_else(|| "-".into());
        out.push_str(&format!(
            "{} {} {} {until}\n",
            k.key_id,
            k.public_key,
            fmt(k.valid_from)
        ));
    }
    Ok(out)
}

/// The checkpoint keys as published: signed by the trust anchor, oldest first, dated by the
/// newest key's creation (so the same list signs to the same bytes until a rotation).
pub async fn keys_signed(ctx: &Context) -> Result<Vec<u8>, Error> {
    use guichet_verifier::checkpoint_keys::{CheckpointKey as Published, CheckpointKeys};
    let rows = store::checkpoints::keys(&ctx.db).await?;
    let updated_at = rows
        .iter()
        .map(|k| k.created_at)
        .max()
        .ok_or(Error::NotFound)?;
    let keys = rows
        .iter()
        .map(|k| {
            Ok(Published {
                key_id: KeyId::parse(&k.key_id)
                    .ok_or_else(|| Error::internal("a stored checkpoint key id is not hex"))?
                    .as_bytes()
                    .to_vec(),
                public_key: public_key(k)?.public_key.to_bytes(),
                valid_from: k.valid_from,
                signing_until: k.signing_until,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let list = CheckpointKeys {
        updated_at: whole_seconds(updated_at),
        keys,
    };
    super::issuer_keys::sign_checkpoint_keys(ctx, &list).await
}

/// What a signed checkpoint came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// Its sequence number.
    pub sequence: u64,
    /// The key that signed it.
    pub key_id: String,
    /// How many chain heads it holds.
    pub spaces: usize,
}

/// Signs a checkpoint of every space's chain head now.
pub async fn checkpoint(ctx: &Context) -> Result<Signed, Error> {
    let now = whole_seconds(ctx.now());
    let key = store::checkpoints::keys(&ctx.db)
        .await?
        .pop()
        .filter(|k| k.signing_until.is_none())
        .ok_or_else(|| Error::internal("no active checkpoint key in the database"))?;
    let heads = store::access_log::heads(&ctx.db)
        .await?
        .into_iter()
        .map(|h| {
            let hash: [u8; 32] = hex::decode(&h.hash)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| Error::internal("a stored access hash is not 32 bytes"))?;
            Ok(ChainHead {
                space_id: h.space_id,
                seq: u64::try_from(h.seq).map_err(Error::internal)?,
                hash,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let sequence = match store::checkpoints::latest(&ctx.db).await? {
        Some(c) => c.sequence + 1,
        None => 1,
    };
    let content = AccessCheckpoint {
        sequence: u64::try_from(sequence).map_err(Error::internal)?,
        signed_at: now,
        heads,
    };
    let signed = content.sign(&signing_key(&key)?).map_err(Error::internal)?;
    let spaces = content.heads.len();
    store::checkpoints::insert(
        &ctx.db,
        store::checkpoints::Checkpoint {
            sequence,
            signed_at: now,
            key_id: key.key_id.clone(),
            spaces: i32::try_from(spaces).map_err(Error::internal)?,
            signed,
        },
    )
    .await?;
    tracing::info!(sequence, spaces, key_id = %key.key_id, "access-log checkpoint signed");
    Ok(Signed {
        sequence: content.sequence,
        key_id: key.key_id,
        spaces,
    })
}

/// Signs a checkpoint when the latest is older than [`CHECKPOINT_PERIOD`] (or there is none);
/// two instances at once: one insert wins, the other fails on the sequence (and signs at the
/// next minute's look, when it is no longer due).
pub async fn checkpoint_if_due(ctx: &Context) -> Result<Option<Signed>, Error> {
    let due = match store::checkpoints::latest(&ctx.db).await? {
        Some(c) => ctx.now() - c.signed_at >= CHECKPOINT_PERIOD,
        None => true,
    };
    if !due {
        return Ok(None);
    }
    checkpoint(ctx).await.map(Some)
}

/// The latest signed checkpoint as published.
pub async fn latest_signed(ctx: &Context) -> Result<Vec<u8>, Error> {
    store::checkpoints::latest(&ctx.db)
        .await?
        .map(|c| c.signed)
        .ok_or(Error::NotFound)
}

/// What the check of every chain found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Spaces whose chain was checked.
    pub spaces: usize,
    /// Entries whose hash was recomputed.
    pub entries: usize,
    /// Entries written before the chain existed (outside every chain, so not checked).
    pub unchained: u64,
    /// Checkpoints whose signature verified.
    pub checkpoints: usize,
    /// Checkpoints that did not verify (sequence and why).
    pub bad_checkpoints: Vec<(i64, String)>,
    /// The first break of each broken chain, in space order.
    pub breaks: Vec<Break>,
}

impl CheckReport {
    /// Whether everything held.
    pub fn intact(&self) -> bool {
        self.breaks.is_empty() && self.bad_checkpoints.is_empty()
    }

    /// The first broken entry found, if any.
    pub fn first_break(&self) -> Option<&Break> {
        self.breaks.first()
    }
}

/// Checks every space's chain against itself and against every signed checkpoint whose
/// signature verifies with its checkpoint key.
pub async fn check(db: &DatabaseConnection) -> Result<CheckReport, Error> {
    let mut report = CheckReport {
        unchained: store::access_log::unchained(db).await?,
        ..CheckReport::default()
    };
    let keys: BTreeMap<String, CheckpointKey> = store::checkpoints::keys(db)
        .await?
        .into_iter()
        .map(|k| (k.key_id.clone(), k))
        .collect();
    let mut checkpointed: BTreeMap<String, Vec<Head>> = BTreeMap::new();
    for c in store::checkpoints::all(db).await? {
        let verified = match keys.get(&c.key_id) {
            None => Err("signed by an unknown key".to_string()),
            Some(k) => {
                AccessCheckpoint::from_signed(&c.signed, &public_key(k)?).map_err(|e| e.to_string())
            }
        };
        match verified {
            Ok(content) => {
                report.checkpoints += 1;
                for h in content.heads {
                    checkpointed
                        .entry(h.space_id.clone())
                        .or_default()
                        .push(Head {
                            space_id: h.space_id,
                            seq: i64::try_from(h.seq).unwrap_or(i64::MAX),
                            hash: hex::encode(h.hash),
                        });
                }
            }
            Err(why) => report.bad_checkpoints.push((c.sequence, why)),
        }
    }
    let mut spaces: Vec<String> = store::access_log::chained_spaces(db).await?;
    spaces.extend(checkpointed.keys().cloned());
    spaces.sort();
    spaces.dedup();
    for space in spaces {
        let entries = store::access_log::chain(db, &space).await?;
        report.spaces += 1;
        report.entries += entries.len();
        let heads = checkpointed.get(&space).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(b) = access_chain::first_break(&space, &entries, heads) {
            report.breaks.push(b);
        }
    }
    Ok(report)
}
