//! What is kept of a payment, its refunds and the reports the provider sent.

use super::{PaymentState, RefundState};
use crate::domain::ids::{AdministrationId, DossierId, SpaceId};
use time::OffsetDateTime;

/// A payment as kept: one checkout session at the provider for a dossier's fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// guichet's id (also the session's reference at the provider).
    pub id: String,
    /// The dossier whose fee it pays.
    pub dossier_id: DossierId,
    /// The dossier's space.
    pub space_id: SpaceId,
    /// The administration the fee is paid to.
    pub administration_id: AdministrationId,
    /// The amount, cents (computed from the catalog when the payment was started).
    pub amount_cents: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Where it stands.
    pub state: PaymentState,
    /// The provider (`stripe`).
    pub provider: String,
    /// The provider's checkout session id, once created.
    pub session_id: Option<String>,
    /// The provider's page the person is sent to.
    pub checkout_url: Option<String>,
    /// The provider's reference of the captured payment.
    pub payment_reference: Option<String>,
    /// The receipt delivered into the space's communications, once paid.
    pub receipt_communication_id: Option<String>,
    /// When started.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// When the capture was learnt.
    pub paid_at: Option<OffsetDateTime>,
}

/// A refund as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// guichet's id.
    pub id: String,
    /// The payment given back.
    pub payment_id: String,
    /// The amount, cents.
    pub amount_cents: i64,
    /// Where it stands.
    pub state: RefundState,
    /// The provider's refund id, once known.
    pub provider_reference: Option<String>,
    /// The agent who asked.
    pub requested_by: String,
    /// Why.
    pub reason: Option<String>,
    /// When asked.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

/// A status the provider reported (or the reconciliation read), as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentEvent {
    /// The provider's event id (none for a status query).
    pub provider_event_id: Option<String>,
    /// The event type (`checkout.session.completed`, …; `status_query` for a query).
    pub event_type: String,
    /// `webhook`, `reconciliation`, `checkout` or `refund` (the answer to a creation).
    pub source: String,
    /// The status reported (a payment or refund state's name), if it named one.
    pub observed: Option<String>,
    /// Whether it changed the state.
    pub applied: bool,
    /// When received.
    pub received_at: OffsetDateTime,
    /// The refund it was about, if any.
    pub refund_id: Option<String>,
}
