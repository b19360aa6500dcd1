//! The revocation list in use in the page: chosen among the fetched and the cached copy.
//!
//! The rule of the command line's cache ([`guichet_verifier::revocation::RevocationCache`]): a
//! list is used only when the pinned anchor's signature verifies, and a fetched list never
//! replaces a cached one it does not supersede, so that a network replaying an old list cannot
//! bring back a revoked document. The list is kept with the trust list on the phone, so that a
//! revoked document reads "revoked (list of DATE)" offline.

use guichet_verifier::revocation::RevocationList;
use guichet_verifier::trust::TrustAnchor;
use serde_json::{Value, json};

use crate::report::rfc3339;

/// The revocation list chosen last, if any.
#[derive(Debug, Default)]
pub struct RevocationState {
    list: Option<RevocationList>,
}

impl RevocationState {
    /// The list in use, if any.
    pub fn list(&self) -> Option<&RevocationList> {
        self.list.as_ref()
    }

    /// Chooses among the fetched and the cached bytes, both checked with `anchor`. Answers
    /// `{"sequence", "issued_at", "revoked" (how many), "origin", "store", "refused"}` as the
    /// trust list does; errors with a text when neither verifies.
    pub fn load(
        &mut self,
        anchor: &TrustAnchor,
        fetched: Option<&[u8]>,
        cached: Option<&[u8]>,
    ) -> Result<Value, String> {
        let fresh = fetched.map(|b| RevocationList::from_signed(b, anchor));
        let old = cached.and_then(|b| RevocationList::from_signed(b, anchor).ok());
        let (list, origin, store, refused) = match (fresh, old) {
            (Some(Ok(new)), Some(old)) if !new.supersedes(&old) => {
                (old, "cache-newer-than-fetched", false, None)
            }
            (Some(Ok(new)), _) => (new, "fetched", true, None),
            (Some(Err(e)), Some(old)) => (old, "cache", false, Some(e.to_string())),
            (None, Some(old)) => (old, "cache", false, None),
            (Some(Err(e)), None) => return Err(e.to_string()),
            (None, None) => {
                return Err("no revocation list could be fetched and none is cached".into());
            }
        };
        let answer = json!({
            "sequence": list.sequence,
            "issued_at": rfc3339(list.issued_at),
            "revoked": list.revoked.len(),
            "origin": origin,
            "store": store,
            "refused": refused,
        });
        self.list = Some(list);
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;
    use guichet_verifier::revocation::{RevocationReason, RevokedDocument};
    use guichet_verifier::seal::DocumentId;
    use time::macros::datetime;

    fn signed(key: &SigningKey, sequence: u64) -> Vec<u8> {
        let at = datetime!(2026-12-01 10:00 UTC);
        RevocationList::new(sequence, at)
            .with(RevokedDocument {
                document_id: DocumentId::parse("4F1C09A2").unwrap(),
                reason: RevocationReason::Withdrawn,
                revoked_at: at,
            })
            .sign(key)
            .unwrap()
    }

    fn anchor(key: &SigningKey) -> TrustAnchor {
        TrustAnchor::from_bytes(key.verifying_key().as_bytes()).unwrap()
    }

    #[test]
    fn a_fetched_list_that_verifies_is_used_and_kept() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let mut state = RevocationState::default();
        let answer = state
            .load(&anchor(&key), Some(&signed(&key, 2)), None)
            .unwrap();
        assert_eq!(answer["origin"], "fetched");
        assert_eq!(answer["store"], true);
        assert_eq!(answer["revoked"], 1);
        assert_eq!(state.list().unwrap().sequence, 2);
    }

    #[test]
    fn an_older_fetched_list_does_not_replace_the_cached_one() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let mut state = RevocationState::default();
        let cached = signed(&key, 5);
        let answer = state
            .load(&anchor(&key), Some(&signed(&key, 3)), Some(&cached))
            .unwrap();
        assert_eq!(answer["origin"], "cache-newer-than-fetched");
        assert_eq!(state.list().unwrap().sequence, 5);
    }

    #[test]
    fn a_list_signed_by_another_key_is_refused() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let other = SigningKey::from_bytes(&[9; 32]);
        let mut state = RevocationState::default();
        assert!(
            state
                .load(&anchor(&key), Some(&signed(&other, 1)), None)
                .is_err()
        );
        assert!(state.list().is_none());
    }
}
