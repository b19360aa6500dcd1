//! The employer's verifier page: [`guichet_verifier`] compiled to WebAssembly with wasm-bindgen.
//!
//! The page (`verifier-web/page/`) loads this module, gives it the pinned trust anchor, the
//! signed trust list (fetched or cached), then a PDF, a photo, a camera frame or the text a QR
//! decoder read; every answer is a JSON text ([`report`] gives its shape). Nothing leaves the
//! phone. Time is a parameter (`now_ms`, milliseconds since the Unix epoch, from `Date.now()`):
//! `wasm32-unknown-unknown` has no clock.

pub mod frame;
pub mod report;
pub mod trust_state;

use guichet_verifier::trust::TrustAnchor;
use guichet_verifier::verify;
use time::OffsetDateTime;
use wasm_bindgen::prelude::*;

use trust_state::TrustState;

/// A verifier bound to one pinned trust anchor, holding the trust list in use.
#[wasm_bindgen]
pub struct Verifier {
    trust: TrustState,
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
            trust: TrustState::new(anchor),
        })
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
        check: impl FnOnce(&guichet_verifier::trust::TrustList, OffsetDateTime) -> verify::Verification,
    ) -> String {
        let now = report::time_from_ms(now_ms);
        match (self.trust.list(), now) {
            (Some(list), Some(now)) => report::to_json(&check(list, now), list).to_string(),
            (None, _) => report::unavailable("no trust list loaded").to_string(),
            (_, None) => report::unavailable("the time given is out of range").to_string(),
        }
    }
}
