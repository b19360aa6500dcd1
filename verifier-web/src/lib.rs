//! The employer's verifier page: [`guichet_verifier`] compiled to WebAssembly with wasm-bindgen.
//!
//! The page (`verifier-web/page/`) loads this module, gives it the pinned trust anchor, the
//! signed trust list (fetched or cached), then a PDF, a photo, a camera frame or the text a QR
//! decoder read; every answer is a JSON text ([`report`] gives its shape). Nothing leaves the
//! phone. Time is a parameter (`now_ms`, milliseconds since the Unix epoch, from `Date.now()`):
//! `wasm32-unknown-unknown` has no clock.

pub mod frame;
pub mod report;
pub mod revocation_state;
pub mod trust_state;

use guichet_verifier::revocation::{self, RevocationList};
use guichet_verifier::trust::{TrustAnchor, TrustList};
use guichet_verifier::verify;
use time::{Duration, OffsetDateTime};
use wasm_bindgen::prelude::*;

use revocation_state::RevocationState;
use trust_state::TrustState;

/// A verifier bound to one pinned trust anchor, holding the trust list and the revocation list
/// in use.
#[wasm_bindgen]
pub struct Verifier {
    anchor: TrustAnchor,
    trust: TrustState,
    revocations: RevocationState,
    max_age: Duration,
}

#[wasm_bindgen]
impl Verifier {
    /// A verifier for the trust anchor given as 64 hex digits (its Ed25519 public key, what
    /// `/.well-known/guichet/trust-anchor` serves). Throws when it is not a valid key.
    #[wasm_bindgen(constructor)]
    pub fn new(anchor_hex: &str) -> Result<Verifier, JsError> {
        let anchor = hex::decode(anchor_hex.trim())
            .ok()
            .and_then(|bytes| TrustAnchor::from_bytes(&bytes))
            .ok_or_else(|| {
                JsError::new("the trust anchor is not 64 hex digits of an Ed25519 key")
            })?;
        Ok(Self {
            anchor: anchor.clone(),
            trust: TrustState::new(anchor),
            revocations: RevocationState::default(),
            max_age: revocation::DEFAULT_MAX_AGE,
        })
    }

    /// The age, in hours, past which the revocation list is reported stale (still used);
    /// 168 (7 days) unless set. Ignored unless a positive number.
    pub fn set_revocation_max_age_hours(&mut self, hours: f64) {
        if hours.is_finite() && hours > 0.0 {
            // Whole seconds: an age in hours needs no finer grain.
            #[allow(clippy::cast_possible_truncation)]
            let seconds = (hours * 3600.0).min(i64::MAX as f64) as i64;
            self.max_age = Duration::seconds(seconds);
        }
    }

    /// Chooses the signed revocation list among a freshly fetched one and the cached one, as
    /// [`Verifier::load_trust_list`] does (same JSON, plus `"revoked"`: how many documents it
    /// lists); throws when neither verifies with the anchor. From then on every verification
    /// checks the document against it, offline too.
    pub fn load_revocation_list(
        &mut self,
        fetched: Option<Vec<u8>>,
        cached: Option<Vec<u8>>,
    ) -> Result<String, JsError> {
        self.revocations
            .load(&self.anchor, fetched.as_deref(), cached.as_deref())
            .map(|v| v.to_string())
            .map_err(|e| JsError::new(&e))
    }

    /// The revocation list's age and freshness at `now_ms`, as JSON `{"sequence", "issued_at",
    /// "age_seconds", "stale"}`, or `null` when no list is loaded.
    pub fn revocation_list_state(&self, now_ms: f64) -> String {
        let state = match (self.revocations.list(), report::time_from_ms(now_ms)) {
            (Some(list), Some(now)) => report::list_state(list, now, self.max_age),
            _ => serde_json::Value::Null,
        };
        state.to_string()
    }

    /// Chooses the trust list among a freshly fetched one and the cached one (either may be
    /// absent): each must verify with the anchor; the higher sequence wins. Returns JSON
    /// `{"sequence", "issued_at" (RFC 3339), "origin": "fetched"|"cache"|"cache-newer-than-fetched",
    /// "store": bool (cache the fetched bytes), "refused": text|null}`; throws when neither is usable.
    pub fn load_trust_list(
        &mut self,
        fetched: Option<Vec<u8>>,
        cached: Option<Vec<u8>>,
    ) -> Result<String, JsError> {
        self.trust
            .load(fetched.as_deref(), cached.as_deref())
            .map(|v| v.to_string())
            .map_err(|e| JsError::new(&e))
    }

    /// Verifies a sealed PDF (seal, signature, trust list, expiry and the content digest).
    /// Returns the [`report`] JSON.
    pub fn verify_pdf(&self, pdf: &[u8], now_ms: f64) -> String {
        self.with_list(now_ms, |list, now| verify::verify_pdf(pdf, list, now))
    }

    /// Verifies a photo or scan (PNG, JPEG, WebP, GIF, TIFF): only the seal is checked.
    pub fn verify_photo(&self, image: &[u8], now_ms: f64) -> String {
        self.with_list(now_ms, |list, now| verify::verify_image(image, list, now))
    }

    /// Verifies seal text (`GC1:…`) that a QR decoder read.
    pub fn verify_text(&self, seal_text: &str, now_ms: f64) -> String {
        self.with_list(now_ms, |list, now| {
            verify::verify_text(seal_text, list, now)
        })
    }

    /// Reads the seal text from one camera frame (RGBA bytes, `width`×`height`, as
    /// `getImageData` gives) with the Rust decoder (rqrr), without verifying it; `undefined`
    /// when none decodes. The page decodes frames with zxing-wasm, which reads more of them,
    /// faster; the benchmark (`verifier-web/tests/bench.mjs`) compares both with this.
    pub fn decode_frame(rgba: &[u8], width: u32, height: u32) -> Option<String> {
        frame::read_seal(rgba, width, height)
    }

    fn with_list(
        &self,
        now_ms: f64,
        check: impl FnOnce(&TrustList, OffsetDateTime) -> verify::Verification,
    ) -> String {
        let now = report::time_from_ms(now_ms);
        match (self.trust.list(), now) {
            (Some(list), Some(now)) => {
                let revocations: Option<&RevocationList> = self.revocations.list();
                let result = match revocations {
                    Some(r) => check(list, now).with_revocation_list(r, now, self.max_age),
                    None => check(list, now),
                };
                report::to_json(&result, list).to_string()
            }
            (None, _) => report::unavailable("no trust list loaded").to_string(),
            (_, None) => report::unavailable("the time given is out of range").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;
    use guichet_documents::extract::{self, ExtractContent, Language, Outcome, Subject};
    use guichet_verifier::revocation::{RevocationReason, RevokedDocument};
    use guichet_verifier::seal::{Bulletin, DocumentId, DocumentType, Issuer, KeyId};
    use guichet_verifier::trust::TrustedKey;
    use serde_json::Value;
    use time::macros::{date, datetime};

    const NOW: OffsetDateTime = datetime!(2026-12-01 10:00 UTC);

    fn ms(at: OffsetDateTime) -> f64 {
        (at.unix_timestamp() * 1000) as f64
    }

    /// A verifier with the anchor's trust list loaded, and the seal text of extract `number`.
    fn verifier_and_seal(number: &str) -> (Verifier, SigningKey, String) {
        let anchor = SigningKey::from_bytes(&[7; 32]);
        let issuer = Issuer::new(SigningKey::from_bytes(&[11; 32]));
        let list = TrustList::new(1, NOW).with_key(TrustedKey {
            key_id: KeyId::for_public_key(&issuer.signing_key.verifying_key()),
            issuer: "Ministère de la Justice".into(),
            public_key: issuer.signing_key.verifying_key(),
            document_types: vec![DocumentType::CriminalRecordExtract],
            valid_from: NOW - Duration::days(30),
            valid_until: NOW + Duration::days(365),
        });
        let mut verifier = Verifier::new(&hex::encode(anchor.verifying_key().as_bytes())).unwrap();
        verifier
            .load_trust_list(Some(list.sign(&anchor).unwrap()), None)
            .unwrap();
        let content = ExtractContent {
            subject: Subject {
                family_name: "Schmit".into(),
                given_names: "Marie".into(),
                birth_date: date!(1984 - 03 - 12),
                birth_place: "Luxembourg".into(),
            },
            bulletin: Bulletin::No3,
            purpose: None,
            outcome: Outcome::NoEntry,
            document_number: number.into(),
            issue_date: NOW.date(),
            authority: "Ministère de la Justice".into(),
            language: Language::Fr,
            verification_code: Some("K7MX-PR4C".into()),
        };
        let seal = extract::issue(&content, &issuer, NOW).unwrap().seal_text;
        (verifier, anchor, seal)
    }

    fn revoking(anchor: &SigningKey, number: &str, issued_at: OffsetDateTime) -> Vec<u8> {
        RevocationList::new(3, issued_at)
            .with(RevokedDocument {
                document_id: DocumentId::parse(number).unwrap(),
                reason: RevocationReason::ObtainedByFraud,
                revoked_at: issued_at - Duration::hours(1),
            })
            .sign(anchor)
            .unwrap()
    }

    #[test]
    fn a_document_the_cached_list_revokes_is_revoked_with_the_list_date() {
        let (mut verifier, anchor, seal) = verifier_and_seal("7B2E5D10");
        // Offline: nothing fetched, the list from the cache.
        let cached = revoking(&anchor, "7B2E5D10", NOW + Duration::minutes(5));
        let loaded: Value =
            serde_json::from_str(&verifier.load_revocation_list(None, Some(cached)).unwrap())
                .unwrap();
        assert_eq!(loaded["origin"], "cache");

        let later = NOW + Duration::hours(2);
        let report: Value = serde_json::from_str(&verifier.verify_text(&seal, ms(later))).unwrap();
        assert_eq!(report["verdict"], "invalid", "{report}");
        assert_eq!(report["reason"], "revoked-in-list");
        assert_eq!(report["revocation"]["issued_at"], "2026-12-01T10:05:00Z");
        assert_eq!(
            report["revocation"]["revoked"]["reason"],
            "obtained-by-fraud"
        );
        assert_eq!(report["revocation"]["stale"], false);
        assert_eq!(report["revocation"]["age_seconds"], 115 * 60);
        // The data to compare is still shown: the seal is authentic.
        assert_eq!(report["claims"]["family_name"], "Schmit");
    }

    #[test]
    fn a_list_older_than_the_maximum_age_is_stale_and_still_used() {
        let (mut verifier, anchor, seal) = verifier_and_seal("7B2E5D10");
        verifier.set_revocation_max_age_hours(24.0);
        let list = revoking(&anchor, "7B2E5D10", NOW);
        verifier.load_revocation_list(Some(list), None).unwrap();

        let two_days_later = ms(NOW + Duration::days(2));
        let report: Value =
            serde_json::from_str(&verifier.verify_text(&seal, two_days_later)).unwrap();
        assert_eq!(report["reason"], "revoked-in-list");
        assert_eq!(report["revocation"]["stale"], true);
        let state: Value =
            serde_json::from_str(&verifier.revocation_list_state(two_days_later)).unwrap();
        assert_eq!(state["stale"], true);
        assert_eq!(state["age_seconds"], 2 * 86_400);
        let fresh: Value =
            serde_json::from_str(&verifier.revocation_list_state(ms(NOW + Duration::hours(1))))
                .unwrap();
        assert_eq!(fresh["stale"], false);
    }

    #[test]
    fn a_document_the_list_does_not_name_stays_valid() {
        let (mut verifier, anchor, seal) = verifier_and_seal("4F1C09A2");
        let list = revoking(&anchor, "7B2E5D10", NOW);
        verifier.load_revocation_list(Some(list), None).unwrap();
        let report: Value =
            serde_json::from_str(&verifier.verify_text(&seal, ms(NOW + Duration::hours(1))))
                .unwrap();
        assert_eq!(report["verdict"], "valid", "{report}");
        assert_eq!(report["revocation"]["revoked"], Value::Null);
        assert_eq!(report["revocation"]["sequence"], 3);
    }
}
