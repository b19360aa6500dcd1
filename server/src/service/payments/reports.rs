//! The provider's reports: signed webhooks (verified, deduplicated by event id, accepted in any
//! order), the answers to creations and the reconciliation's status queries. Each is recorded
//! with its event id and what it observed; it moves a payment or a refund only up its state
//! machine ([`crate::domain::payments::observe`]). A payment that becomes paid gets its receipt
//! in the same transaction.

use super::receipt;
use crate::domain::{
    Error,
    payments::{PaymentEvent, PaymentState, observe, observe_refund},
};
use crate::payments::{Checkout, RefundReport, Report};
use crate::service::{Context, begin_write, communications::wake_notices};
use crate::store;
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

/// Where a report came from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A verified webhook event.
    Webhook {
        /// The provider's event id.
        event_id: &'a str,
        /// Its type.
        event_type: &'a str,
    },
    /// The provider's answer when the session was created.
    Creation,
    /// The provider's answer when a refund was asked.
    RefundAnswer,
    /// The reconciliation's status query.
    Reconciliation,
    /// The provider's answer when the person gave up (the session expired on request).
    Cancellation,
}

impl Source<'_> {
    fn event(&self, observed: Option<&str>, now: OffsetDateTime) -> PaymentEvent {
        let (id, event_type, source) = match self {
            Self::Webhook {
                event_id,
                event_type,
            } => (Some(event_id.to_string()), *event_type, "webhook"),
            Self::Creation => (None, "checkout.session.created", "checkout"),
            Self::RefundAnswer => (None, "refund.created", "refund"),
            Self::Reconciliation => (None, "status_query", "reconciliation"),
            Self::Cancellation => (None, "checkout.session.expire", "cancellation"),
        };
        PaymentEvent {
            provider_event_id: id,
            event_type: event_type.to_string(),
            source: source.to_string(),
            observed: observed.map(str::to_string),
            applied: false,
            received_at: now,
            refund_id: None,
        }
    }
}

/// What a webhook came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// Recorded (and applied when it moved something).
    Recorded,
    /// That event id was recorded before: nothing done.
    Duplicate,
}

/// Receives a webhook: verifies it with the provider's scheme (signature over the raw body,
/// tolerance, account), then records and applies it in one transaction.
///
/// # Errors
/// `WebhookRefused` when it does not verify (nothing is recorded).
pub async fn receive(
    ctx: &Context,
    signature: Option<&str>,
    body: &[u8],
) -> Result<Received, Error> {
    let provider = ctx
        .payments
        .provider
        .clone()
        .ok_or(Error::WebhookRefused("no-provider"))?;
    let now = ctx.now();
    let n = provider.verify_webhook(signature, body, now).map_err(|e| {
        tracing::warn!(error = %e, "webhook refused");
        Error::WebhookRefused(match e {
            crate::payments::WebhookError::Signature => "signature",
            crate::payments::WebhookError::Stale => "stale",
            crate::payments::WebhookError::Account => "account",
            crate::payments::WebhookError::Malformed => "malformed",
        })
    })?;
    let source = Source::Webhook {
        event_id: &n.event_id,
        event_type: &n.event_type,
    };
    let txn = begin_write(&ctx.db).await?;
    if store::payments::event_seen(&txn, &n.event_id).await? {
        return Ok(Received::Duplicate);
    }
    let receipt = match &n.report {
        Report::Checkout(c) => apply_checkout(&txn, ctx, c, source, now).await?,
        Report::Refund(r) => {
            apply_refund(&txn, r, source, now).await?;
            false
        }
        Report::Other => {
            store::payments::record_event(&txn, None, &source.event(None, now)).await?;
            false
        }
    };
    txn.commit().await?;
    if receipt {
        wake_notices(ctx);
    }
    tracing::info!(event_id = %n.event_id, event_type = %n.event_type, "webhook recorded");
    Ok(Received::Recorded)
}

/// Records what the provider says of a checkout session and moves its payment if that is news;
/// delivers the receipt when it becomes paid. `true` when a receipt was delivered (wake the
/// notices after commit).
///
/// A report about no payment of guichet's, about another session than the payment's, or a
/// capture of another amount or currency than the payment's, is recorded and changes nothing.
pub(crate) async fn apply_checkout<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    c: &Checkout,
    source: Source<'_>,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let observed = c.status.state();
    let mut event = source.event(Some(observed.as_str()), now);
    let payment = match &c.payment_id {
        Some(id) => store::payments::find(conn, id).await?,
        None => None,
    };
    let Some(payment) =
        payment.filter(|p| p.session_id.as_deref().is_none_or(|s| s == c.session_id))
    else {
        tracing::warn!(session = %c.session_id, "a report about no payment of ours");
        store::payments::record_event(conn, None, &event).await?;
        return Ok(false);
    };
    let same_money = c.amount_cents == Some(payment.amount_cents)
        && c.currency.as_deref() == Some(payment.currency.as_str());
    if observed == PaymentState::Paid && !same_money {
        tracing::warn!(payment_id = %payment.id, "a capture of another amount: not applied");
        store::payments::record_event(conn, Some(&payment.id), &event).await?;
        return Ok(false);
    }
    let mut receipt = false;
    if let Some(to) = observe(payment.state, c.status) {
        let reference = c.payment_reference.as_deref();
        event.applied =
            store::payments::move_state(conn, &payment.id, payment.state, to, reference, now)
                .await?;
        if event.applied && to == PaymentState::Paid && payment.receipt_communication_id.is_none() {
            let mut paid = payment.clone();
            paid.state = to;
            paid.paid_at = Some(now);
            paid.payment_reference = reference.map(str::to_string);
            let id = receipt::deliver_in(conn, ctx, &paid, now).await?;
            store::payments::set_receipt(conn, &payment.id, &id).await?;
            receipt = true;
        }
    }
    if !store::payments::record_event(conn, Some(&payment.id), &event).await? {
        return Err(Error::PreconditionFailed);
    }
    Ok(receipt)
}

/// Records what the provider says of a refund and moves it if that is news.
pub(crate) async fn apply_refund<C: ConnectionTrait>(
    conn: &C,
    r: &RefundReport,
    source: Source<'_>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let mut event = source.event(Some(r.status.as_str()), now);
    let refund = match &r.refund_id {
        Some(id) => store::payments::refund(conn, id).await?,
        None => store::payments::refund_by_reference(conn, &r.refund_reference).await?,
    };
    let Some(refund) = refund.filter(|f| {
        f.provider_reference
            .as_deref()
            .is_none_or(|p| p == r.refund_reference)
    }) else {
        store::payments::record_event(conn, None, &event).await?;
        return Ok(());
    };
    event.refund_id = Some(refund.id.clone());
    if refund.provider_reference.is_none() {
        store::payments::set_refund_reference(conn, &refund.id, &r.refund_reference).await?;
    }
    if let Some(to) = observe_refund(refund.state, r.status) {
        event.applied = store::payments::move_refund(
            conn,
            &refund.id,
            refund.state,
            to,
            Some(&r.refund_reference),
            now,
        )
        .await?;
    }
    if !store::payments::record_event(conn, Some(&refund.payment_id), &event).await? {
        return Err(Error::PreconditionFailed);
    }
    Ok(())
}
