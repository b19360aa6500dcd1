//! Paying a dossier's fee: what it owes and what was paid, starting a payment (the person is
//! sent to the provider's page), and, in the back office, the same view and the refund of a
//! rejected dossier. The provider's webhooks arrive outside the API (`/payments/webhooks/…`).

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, request::RequestId};
use crate::domain::{
    ids::DossierId,
    payments::{Payment, PaymentEvent, Refund},
    rights::{Process, Read, Transmit},
};
use crate::service::{
    Context,
    access::authorize_dossier,
    backoffice,
    payments::{self, Summary, refunds},
};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path},
    payload::Json,
};
use time::OffsetDateTime;

pub struct PaymentsApi {
    pub ctx: Context,
}

/// One payment of a dossier (a checkout session at the provider).
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct PaymentItem {
    /// Id.
    id: String,
    /// `created`, `pending`, `paid`, `failed`, `cancelled` or `expired`.
    state: String,
    /// The amount, cents.
    amount_cents: i64,
    /// ISO 4217 code.
    currency: String,
    /// The provider (`stripe`).
    provider: String,
    /// The provider's page to pay on, while the payment is pending (the holder only).
    #[oai(nullable)]
    checkout_url: Option<String>,
    /// The receipt in the space's communications, once paid.
    #[oai(nullable)]
    receipt_communication_id: Option<String>,
    /// When started.
    created_at: OffsetDateTime,
    /// When the capture was learnt.
    #[oai(nullable)]
    paid_at: Option<OffsetDateTime>,
}

/// A refund of the paid fee.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct RefundItem {
    /// Id.
    id: String,
    /// `requested`, `succeeded` or `failed`.
    state: String,
    /// The amount, cents.
    amount_cents: i64,
    /// Why (the agent's words).
    #[oai(nullable)]
    reason: Option<String>,
    /// When asked.
    created_at: OffsetDateTime,
}

/// A status the provider reported, as recorded.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct EventItem {
    /// The provider's event id (none for a status query or the answer to a creation).
    #[oai(nullable)]
    event_id: Option<String>,
    /// The event type (`checkout.session.completed`, `refund.updated`, `status_query`…).
    event_type: String,
    /// `webhook`, `reconciliation`, `checkout`, `cancellation` or `refund`.
    source: String,
    /// The status reported.
    #[oai(nullable)]
    observed: Option<String>,
    /// Whether it changed the state (a duplicate or older news does not).
    applied: bool,
    /// When received.
    received_at: OffsetDateTime,
}

/// A dossier's fee and its payments.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct PaymentView {
    /// `free`, `due`, the latest payment's state while unpaid (`created`, `pending`, `failed`,
    /// `cancelled`, `expired`), `paid`, `refund_requested`, `refunded` or `refund_failed`.
    standing: String,
    /// Whether the fee stops the transmission now.
    blocks_transmission: bool,
    /// The amount due or paid, cents (computed by the server from the catalog).
    amount_cents: i64,
    /// ISO 4217 code.
    currency: String,
    /// The payments, newest first.
    payments: Vec<PaymentItem>,
    /// The refunds of the paid payment, newest first.
    refunds: Vec<RefundItem>,
    /// What the provider reported about the paid (or newest) payment, oldest first.
    events: Vec<EventItem>,
}

fn payment_item(p: Payment, holder: bool) -> PaymentItem {
    let open = p.state.is_open();
    PaymentItem {
        id: p.id,
        state: p.state.as_str().into(),
        amount_cents: p.amount_cents,
        currency: p.currency,
        provider: p.provider,
        checkout_url: p.checkout_url.filter(|_| holder && open),
        receipt_communication_id: p.receipt_communication_id,
        created_at: p.created_at,
        paid_at: p.paid_at,
    }
}

fn refund_item(r: Refund) -> RefundItem {
    RefundItem {
        id: r.id,
        state: r.state.as_str().into(),
        amount_cents: r.amount_cents,
        reason: r.reason,
        created_at: r.created_at,
    }
}

fn event_item(e: PaymentEvent) -> EventItem {
    EventItem {
        event_id: e.provider_event_id,
        event_type: e.event_type,
        source: e.source,
        observed: e.observed,
        applied: e.applied,
        received_at: e.received_at,
    }
}

fn view(s: Summary, holder: bool) -> PaymentView {
    PaymentView {
        standing: s.standing.label().into(),
        blocks_transmission: !s.standing.allows_transmission(),
        amount_cents: s.amount_cents,
        currency: s.currency,
        payments: s
            .payments
            .into_iter()
            .map(|p| payment_item(p, holder))
            .collect(),
        refunds: s.refunds.into_iter().map(refund_item).collect(),
        events: s.events.into_iter().map(event_item).collect(),
    }
}

#[derive(ApiResponse)]
enum Started {
    /// A new payment: send the person to `checkout_url` of its first item.
    #[oai(status = 201)]
    New(Json<PaymentView>),
    /// The payment already open (or the one this idempotency key started).
    #[oai(status = 200)]
    Existing(Json<PaymentView>),
}

/// Why the fee is given back.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct RefundBody {
    /// The reason, kept with the refund.
    #[oai(nullable)]
    reason: Option<String>,
}

#[derive(ApiResponse)]
enum Refunded {
    /// A refund was asked of the provider.
    #[oai(status = 201)]
    New(Json<PaymentView>),
    /// The refund already asked (or the one this idempotency key asked).
    #[oai(status = 200)]
    Existing(Json<PaymentView>),
}

#[OpenApi(tag = "Tag::Payments")]
impl PaymentsApi {
    /// A dossier's fee and payments
    #[oai(path = "/dossiers/:dossier_id/payment", method = "get")]
    async fn read(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<PaymentView>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let s = payments::read(&self.ctx, &grant, &id, &rid.0.0).await?;
        Ok(Json(view(s, true)))
    }

    /// Pay a dossier's fee
    ///
    /// Creates a checkout session at the payment provider for the amount the catalog gives (no
    /// card data passes through guichet); send the person to `checkout_url`. The provider's
    /// signed webhook marks the payment paid; then the dossier can be transmitted. With an
    /// `Idempotency-Key`, a retry answers the payment the first call started.
    #[oai(path = "/dossiers/:dossier_id/payment", method = "post")]
    async fn start(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
    ) -> ApiResult<Started> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Transmit).await?;
        let (s, new) = payments::start(&self.ctx, &grant, &id, key.0.as_deref()).await?;
        let v = Json(view(s, true));
        Ok(if new {
            Started::New(v)
        } else {
            Started::Existing(v)
        })
    }

    /// Give up the open payment of a dossier
    ///
    /// The checkout session is expired at the provider; the payment is then `cancelled` and a
    /// new one may be started.
    #[oai(path = "/dossiers/:dossier_id/payment/cancellation", method = "post")]
    async fn cancel(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<PaymentView>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Transmit).await?;
        Ok(Json(view(
            payments::cancel(&self.ctx, &grant, &id).await?,
            true,
        )))
    }

    /// A dossier's fee and payments, in the back office
    #[oai(path = "/backoffice/dossiers/:dossier_id/payment", method = "get")]
    async fn bo_read(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<PaymentView>> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let s = payments::read(&self.ctx, &grant, &id, &rid.0.0).await?;
        Ok(Json(view(s, false)))
    }

    /// Refund the fee of a rejected dossier
    ///
    /// Only once the dossier is closed as rejected. With an `Idempotency-Key`, a retry answers
    /// the refund the first call asked.
    #[oai(
        path = "/backoffice/dossiers/:dossier_id/payment/refund",
        method = "post"
    )]
    async fn refund(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: Json<RefundBody>,
    ) -> ApiResult<Refunded> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Process).await?;
        let reason = body.0.reason;
        let (s, new) = refunds::refund(&self.ctx, &grant, &id, reason, key.0.as_deref()).await?;
        let v = Json(view(s, false));
        Ok(if new {
            Refunded::New(v)
        } else {
            Refunded::Existing(v)
        })
    }
}
