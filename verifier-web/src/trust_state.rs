//! The trust list in use in the page: chosen among the fetched and the cached copy.
//!
//! The same rule as the command line's cache ([`guichet_verifier::trust::TrustCache`]): a list
//! is used only when the pinned anchor's signature verifies, and a list with a lower sequence
//! never replaces one with a higher sequence, so a network that replays an old list cannot
//! bring back a key the anchor has withdrawn.

use guichet_verifier::trust::{TrustAnchor, TrustList};
use serde_json::{Value, json};

use crate::report::rfc3339;

/// The anchor and the list chosen last.
#[derive(Debug)]
pub struct TrustState {
    anchor: TrustAnchor,
    list: Option<TrustList>,
}

impl TrustState {
    /// No list yet.
    pub fn new(anchor: TrustAnchor) -> Self {
        Self { anchor, list: None }
    }

    /// The list in use, if any.
    pub fn list(&self) -> Option<&TrustList> {
        self.list.as_ref()
    }

    /// Chooses among the fetched and the cached bytes (see the crate's `load_trust_list` for
    /// the JSON answered). Errors with a text when neither verifies.
    pub fn load(&mut self, fetched: Option<&[u8]>, cached: Option<&[u8]>) -> Result<Value, String> {
        let fresh = fetched.map(|b| TrustList::from_signed(b, &self.anchor));
        let old = cached.and_then(|b| TrustList::from_signed(b, &self.anchor).ok());
        let (list, origin, store, refused) = match (fresh, old) {
            (Some(Ok(new)), Some(old)) if !new.supersedes(&old) => {
                (old, "cache-newer-than-fetched", false, None)
            }
            (Some(Ok(new)), _) => (new, "fetched", true, None),
            (Some(Err(e)), Some(old)) => (old, "cache", false, Some(e.to_string())),
            (None, Some(old)) => (old, "cache", false, None),
            (Some(Err(e)), None) => return Err(e.to_string()),
            (None, None) => return Err("no trust list could be fetched and none is cached".into()),
        };
        let answer = json!({
            "sequence": list.sequence,
            "issued_at": rfc3339(list.issued_at),
            "origin": origin,
            "store": store,
            "refused": refused,
        });
        self.list = Some(list);
        Ok(answer)
    }
}
