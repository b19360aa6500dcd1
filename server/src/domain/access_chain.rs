//! The access log's hash chain: the canonical encoding of an entry, its hash over the previous
//! entry's hash, and where a space's chain breaks.
//!
//! Each entry of a space carries its position (`seq`, from 1), the previous entry's hash, and
//! `hash = SHA-256(canonical(entry) ‖ prev_hash)`. The canonical encoding is a fixed domain tag
//! followed by every field as an 8-byte big-endian length and its UTF-8 bytes, in a fixed order;
//! the instant is written as whole microseconds since 1970 (what both databases keep exactly).
//! Version 2 (every entry with an actor kind) appends the actor's kind, administration and
//! purpose under its own tag; version 1 entries (written before those columns) keep hashing as
//! they did, and emptying a version 2 entry's kind changes its hash like any other edit.
//! Changing a field, removing or reordering an entry changes a hash that a later entry or a
//! signed checkpoint holds.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The previous hash of a chain's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Tells this encoding from any other SHA-256 input.
const DOMAIN_TAG: &[u8] = b"guichet/access-log/v1";

/// The tag of version 2 (with the actor's kind, administration and purpose).
const DOMAIN_TAG_V2: &[u8] = b"guichet/access-log/v2";

/// The fields of an entry the hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The entry's id.
    pub id: String,
    /// The space whose chain it extends.
    pub space_id: String,
    /// Its position in the chain, from 1.
    pub seq: i64,
    /// Who acted.
    pub actor: String,
    /// Their role (empty for an agent or the platform).
    pub role: String,
    /// What was done.
    pub action: String,
    /// Which data.
    pub detail: String,
    /// The request.
    pub request_id: String,
    /// When.
    pub at: OffsetDateTime,
    /// `person`, `agent`, `operator` or `platform`; empty for a version 1 entry.
    pub actor_kind: String,
    /// The agent's administration (empty otherwise).
    pub administration: String,
    /// Why the data was used (empty when the holder used their own).
    pub purpose: String,
}

/// `at` without what a database may not keep (below the microsecond).
pub fn storable(at: OffsetDateTime) -> OffsetDateTime {
    at - time::Duration::nanoseconds(i64::from(at.nanosecond() % 1_000))
}

impl Link {
    /// The canonical bytes hashed for this entry (without the previous hash).
    pub fn canonical(&self) -> Vec<u8> {
        let micros = (self.at.unix_timestamp_nanos() / 1_000).to_string();
        let seq = self.seq.to_string();
        let mut fields: Vec<&[u8]> = vec![
            self.id.as_bytes(),
            self.space_id.as_bytes(),
            seq.as_bytes(),
            self.actor.as_bytes(),
            self.role.as_bytes(),
            self.action.as_bytes(),
            self.detail.as_bytes(),
            self.request_id.as_bytes(),
            micros.as_bytes(),
        ];
        let tag = if self.actor_kind.is_empty() {
            DOMAIN_TAG
        } else {
            fields.extend([
                self.actor_kind.as_bytes(),
                self.administration.as_bytes(),
                self.purpose.as_bytes(),
            ]);
            DOMAIN_TAG_V2
        };
        let mut out = Vec::with_capacity(320);
        out.extend_from_slice(tag);
        for f in fields {
            out.extend_from_slice(&(f.len() as u64).to_be_bytes());
            out.extend_from_slice(f);
        }
        out
    }

    /// This entry's hash after `prev_hash` (hex), hex.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.canonical());
        h.update(prev_hash.as_bytes());
        hex::encode(h.finalize())
    }
}

/// An entry as stored: its fields and the chain columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The fields.
    pub link: Link,
    /// The stored previous hash.
    pub prev_hash: String,
    /// The stored hash.
    pub hash: String,
}

/// A chain head: the last entry's position and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The space.
    pub space_id: String,
    /// The last entry's position.
    pub seq: i64,
    /// The last entry's hash, hex.
    pub hash: String,
}

/// Where and how a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// The space.
    pub space_id: String,
    /// The position of the first entry found wrong (or missing).
    pub seq: i64,
    /// That entry's id, when it is there.
    pub entry_id: Option<String>,
    /// What is wrong.
    pub kind: BreakKind,
}

/// What is wrong with an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// Its fields do not hash to its stored hash: it was changed.
    Changed,
    /// Its previous hash is not the previous entry's hash: an entry before it was removed,
    /// replaced or reordered.
    Unlinked,
    /// No entry at this position: it was removed.
    Missing,
    /// A signed checkpoint holds another hash at this position: the chain was rewritten.
    Rewritten,
}

impl BreakKind {
    /// A short word for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Changed => "changed",
            Self::Unlinked => "unlinked",
            Self::Missing => "missing",
            Self::Rewritten => "rewritten",
        }
    }
}

/// The first break in one space's chain, `entries` ordered by position; `checkpointed` are the
/// heads signed checkpoints hold for this space.
pub fn first_break(space_id: &str, entries: &[Stored], checkpointed: &[Head]) -> Option<Break> {
    let broken = |seq: i64, entry_id: Option<&str>, kind| Break {
        space_id: space_id.to_string(),
        seq,
        entry_id: entry_id.map(str::to_string),
        kind,
    };
    let mut prev = GENESIS.to_string();
    let mut expected = 1;
    for e in entries {
        let id = Some(e.link.id.as_str());
        if e.link.seq != expected {
            return Some(broken(expected, None, BreakKind::Missing));
        }
        if e.prev_hash != prev {
            return Some(broken(e.link.seq, id, BreakKind::Unlinked));
        }
        if e.link.hash(&e.prev_hash) != e.hash {
            return Some(broken(e.link.seq, id, BreakKind::Changed));
        }
        if checkpointed
            .iter()
            .any(|h| h.seq == e.link.seq && h.hash != e.hash)
        {
            return Some(broken(e.link.seq, id, BreakKind::Rewritten));
        }
        prev = e.hash.clone();
        expected += 1;
    }
    checkpointed
        .iter()
        .any(|h| h.seq >= expected)
        .then(|| broken(expected, None, BreakKind::Missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Stored> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let link = Link {
                    id: format!("e{seq}"),
                    space_id: "s".into(),
                    seq,
                    actor: "p".into(),
                    role: "holder".into(),
                    action: "profile.read".into(),
                    detail: "all fields".into(),
                    request_id: "r".into(),
                    at: OffsetDateTime::UNIX_EPOCH + time::Duration::seconds(seq),
                    actor_kind: if seq % 2 == 0 { "agent" } else { "" }.into(),
                    administration: if seq % 2 == 0 { "CNS" } else { "" }.into(),
                    purpose: if seq % 2 == 0 { "dossier d1" } else { "" }.into(),
                };
                let hash = link.hash(&prev);
                let stored = Stored {
                    link,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                stored
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_has_no_break() {
        let c = chain(4);
        let head = Head {
            space_id: "s".into(),
            seq: 3,
            hash: c[2].hash.clone(),
        };
        assert_eq!(first_break("s", &c, &[head]), None);
    }

    #[test]
    fn a_changed_field_is_the_first_break() {
        let mut c = chain(4);
        c[1].link.detail = "nothing".into();
        let b = first_break("s", &c, &[]).unwrap();
        assert_eq!((b.seq, b.kind), (2, BreakKind::Changed));
        assert_eq!(b.entry_id.as_deref(), Some("e2"));
    }

    #[test]
    fn a_removed_entry_is_missing_and_a_rehashed_chain_contradicts_the_checkpoint() {
        let mut c = chain(4);
        c.remove(2);
        let b = first_break("s", &c, &[]).unwrap();
        assert_eq!((b.seq, b.kind), (3, BreakKind::Missing));

        let original = chain(3);
        let head = Head {
            space_id: "s".into(),
            seq: 3,
            hash: original[2].hash.clone(),
        };
        let mut rewritten = chain(3);
        rewritten[0].link.detail = "forged".into();
        let mut prev = GENESIS.to_string();
        for e in &mut rewritten {
            e.prev_hash = prev.clone();
            e.hash = e.link.hash(&prev);
            prev = e.hash.clone();
        }
        let b = first_break("s", &rewritten, std::slice::from_ref(&head)).unwrap();
        assert_eq!((b.seq, b.kind), (3, BreakKind::Rewritten));
        let b = first_break("s", &original[..2], &[head]).unwrap();
        assert_eq!((b.seq, b.kind), (3, BreakKind::Missing));
    }

    #[test]
    fn both_versions_hash_as_specified() {
        // Known answers computed outside Rust (Python's hashlib over the documented encoding).
        let mut link = chain(1).remove(0).link;
        link.at = OffsetDateTime::UNIX_EPOCH + time::Duration::seconds(1);
        assert_eq!(
            link.hash(GENESIS),
            "bc265c341cf1d327eedfa8da281a5fe21f4c1ccf757126ecde08f712e80b07b8"
        );
        link.actor_kind = "agent".into();
        link.administration = "CNS".into();
        link.purpose = "dossier d1 processed".into();
        assert_eq!(
            link.hash(GENESIS),
            "1a32cdc854893852e336637ed88c05fc4346b2b63c830b29073a56344368e8eb"
        );
    }

    #[test]
    fn a_changed_purpose_or_an_emptied_kind_breaks_a_version_2_entry() {
        let mut c = chain(4);
        c[1].link.purpose = "curiosity".into();
        let b = first_break("s", &c, &[]).unwrap();
        assert_eq!((b.seq, b.kind), (2, BreakKind::Changed));
        let mut c = chain(4);
        c[3].link.actor_kind.clear();
        c[3].link.administration.clear();
        c[3].link.purpose.clear();
        let b = first_break("s", &c, &[]).unwrap();
        assert_eq!((b.seq, b.kind), (4, BreakKind::Changed));
    }

    #[test]
    fn the_instant_is_hashed_to_the_microsecond() {
        let at = OffsetDateTime::UNIX_EPOCH + time::Duration::nanoseconds(1_234_567);
        assert_eq!(storable(at).nanosecond(), 1_234_000);
    }
}
