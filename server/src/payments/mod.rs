//! Electronic payments through a hosted-checkout provider: the interface guichet needs of one
//! ([`PaymentProvider`]), and its implementation for Stripe Checkout ([`stripe`]).
//!
//! No card data ever reaches guichet: a payment becomes a checkout session at the provider, the
//! person is sent to the provider's page and back, and the provider reports the outcome in
//! signed webhooks (and answers status queries, for the reconciliation job). Creating a session
//! and a refund carries an idempotency key, so a retry after a lost answer creates nothing twice.

pub mod stripe;

use crate::domain::payments::{Observed, RefundState};
use time::OffsetDateTime;

/// A checkout session to create.
#[derive(Debug, Clone)]
pub struct CheckoutRequest<'a> {
    /// guichet's payment id (sent as the session's reference and metadata).
    pub payment_id: &'a str,
    /// The amount, cents.
    pub amount_cents: i64,
    /// ISO 4217 code.
    pub currency: &'a str,
    /// What is paid for, shown on the provider's page.
    pub description: &'a str,
    /// Where the provider sends the person after paying.
    pub success_url: &'a str,
    /// Where the provider sends the person who gives up.
    pub cancel_url: &'a str,
    /// When the session expires unpaid.
    pub expires_at: OffsetDateTime,
    /// Sent as the provider's idempotency key: the same key gives the same session.
    pub idempotency_key: &'a str,
}

/// A checkout session as the provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    /// The provider's session id.
    pub session_id: String,
    /// The provider's page the person is sent to (while open).
    pub url: Option<String>,
    /// What the session says of the payment.
    pub status: Observed,
    /// The provider's reference of the captured payment (Stripe: the PaymentIntent), once known.
    pub payment_reference: Option<String>,
    /// The amount the session charges, cents.
    pub amount_cents: Option<i64>,
    /// Its currency, upper case.
    pub currency: Option<String>,
    /// guichet's payment id, as sent at creation.
    pub payment_id: Option<String>,
}

/// A refund to ask for.
#[derive(Debug, Clone)]
pub struct RefundRequest<'a> {
    /// guichet's refund id (sent as metadata).
    pub refund_id: &'a str,
    /// The provider's reference of the captured payment.
    pub payment_reference: &'a str,
    /// The amount, cents.
    pub amount_cents: i64,
    /// Sent as the provider's idempotency key.
    pub idempotency_key: &'a str,
}

/// A refund as the provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundReport {
    /// The provider's refund id.
    pub refund_reference: String,
    /// Its state.
    pub status: RefundState,
    /// guichet's refund id, as sent at creation.
    pub refund_id: Option<String>,
}

/// What a verified webhook reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// About a checkout session.
    Checkout(Checkout),
    /// About a refund.
    Refund(RefundReport),
    /// Something guichet does not act on (recorded only).
    Other,
}

/// A verified webhook event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The provider's event id (deduplication key).
    pub event_id: String,
    /// The provider's event type, e.g. `checkout.session.completed`.
    pub event_type: String,
    /// What it reports.
    pub report: Report,
}

/// A provider call that did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// Not reachable, or answered 5xx / 429: worth trying again later.
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
    /// Refused the request (4xx) or answered something unreadable.
    #[error("payment provider refused: {0}")]
    Refused(String),
}

/// Why a webhook was refused (each answers 400 and changes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// No signature header, or none of its signatures verifies with the endpoint secret.
    #[error("webhook signature does not verify")]
    Signature,
    /// Signed too long ago (or too far in the future): outside the tolerance.
    #[error("webhook timestamp outside the tolerance")]
    Stale,
    /// Signed, but for another merchant account.
    #[error("webhook for another account")]
    Account,
    /// Signed, but not an event guichet can read.
    #[error("webhook body is not an event")]
    Malformed,
}

/// A hosted-checkout payment provider, as guichet uses it.
#[async_trait::async_trait]
pub trait PaymentProvider: Send + Sync + 'static {
    /// Its name, stored with each payment (`stripe`).
    fn name(&self) -> &'static str;

    /// Creates a checkout session (idempotent on `request.idempotency_key`).
    async fn create_checkout(
        &self,
        request: &CheckoutRequest<'_>,
    ) -> Result<Checkout, ProviderError>;

    /// Reads a checkout session (the reconciliation's status query).
    async fn checkout(&self, session_id: &str) -> Result<Checkout, ProviderError>;

    /// Expires an open checkout session (the person gave up).
    async fn expire_checkout(&self, session_id: &str) -> Result<Checkout, ProviderError>;

    /// Refunds a captured payment (idempotent on `request.idempotency_key`).
    async fn refund(&self, request: &RefundRequest<'_>) -> Result<RefundReport, ProviderError>;

    /// Verifies a webhook: its signature header over the raw `body`, its age at `now`, its
    /// account; then reads the event.
    fn verify_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<Notification, WebhookError>;
}
