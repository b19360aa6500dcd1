//! The `[payments]` section: the hosted-checkout provider (Stripe's protocol) and its keys.

use super::{ConfigError, Secret};
use serde::Deserialize;

/// Electronic payments. Without both keys, payments are off: a procedure with a fee can then
/// not be paid, hence not transmitted.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct PaymentsConfig {
    /// Base URL of the provider's API (`https://api.stripe.com`; a local provider in tests).
    pub api_base: String,
    /// The secret API key (`sk_…`), sent as a bearer token.
    pub secret_key: Option<Secret>,
    /// The webhook endpoint's signing secret (`whsec_…`).
    pub webhook_secret: Option<Secret>,
    /// The merchant account (`acct_…`): an event naming another account is refused.
    pub account: Option<String>,
    /// How old (or early) a webhook signature may be, seconds (Stripe's libraries use 300).
    pub tolerance_secs: u32,
    /// How long a checkout session stays open, minutes (Stripe: 30 to 1440).
    pub session_minutes: u32,
    /// How long after a session opens the reconciliation first asks about it, seconds; then
    /// again at this interval while it stays open.
    pub check_after_secs: u32,
    /// Timeout of one request to the provider, seconds.
    pub timeout_secs: u64,
    /// Where the provider sends the person back (`?session_id={CHECKOUT_SESSION_ID}` is added);
    /// default: the portal's `/payments/return` page.
    pub return_url: Option<String>,
}

impl Default for PaymentsConfig {
    fn default() -> Self {
        Self {
            api_base: "https://api.stripe.com".into(),
            secret_key: None,
            webhook_secret: None,
            account: None,
            tolerance_secs: 300,
            session_minutes: 60,
            check_after_secs: 900,
            timeout_secs: 15,
            return_url: None,
        }
    }
}

impl PaymentsConfig {
    /// Applies `GUICHET_PAYMENTS_API_BASE`, `GUICHET_PAYMENTS_SECRET_KEY`,
    /// `GUICHET_PAYMENTS_WEBHOOK_SECRET`, `GUICHET_PAYMENTS_ACCOUNT`.
    pub(super) fn apply_env(
        &mut self,
        var: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        if let Some(v) = var("GUICHET_PAYMENTS_API_BASE") {
            if !v.starts_with("https://") && !v.starts_with("http://") {
                return Err(ConfigError::Env("GUICHET_PAYMENTS_API_BASE"));
            }
            self.api_base = v;
        }
        if let Some(v) = var("GUICHET_PAYMENTS_SECRET_KEY").filter(|v| !v.is_empty()) {
            self.secret_key = Some(Secret::new(v));
        }
        if let Some(v) = var("GUICHET_PAYMENTS_WEBHOOK_SECRET").filter(|v| !v.is_empty()) {
            self.webhook_secret = Some(Secret::new(v));
        }
        if let Some(v) = var("GUICHET_PAYMENTS_ACCOUNT").filter(|v| !v.is_empty()) {
            self.account = Some(v);
        }
        Ok(())
    }
}
