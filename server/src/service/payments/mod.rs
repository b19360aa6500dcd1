//! Paying a dossier's fee: what it owes (computed from the catalog and its form data), starting
//! a payment (a checkout session at the provider, with an idempotency key), the provider's
//! reports ([`reports`]), the reconciliation of payments stuck pending ([`reconcile`]), refunds
//! ([`refunds`]) and the receipt ([`receipt`]).

pub mod receipt;
pub mod reconcile;
pub mod refunds;
pub mod reports;

use super::{
    Context, begin_write,
    dossiers::{self, Dossier, key_hash},
};
use crate::domain::{
    Error,
    dossiers::Status,
    ids::DossierId,
    payments::{EUR, Payment, PaymentEvent, PaymentState, Refund, Standing},
    rights::{Grant, Read, Right, Transmit},
};
use crate::payments::{CheckoutRequest, PaymentProvider};
use crate::store;
use sea_orm::ConnectionTrait;
use std::sync::Arc;
use time::Duration;
use tokio::sync::Notify;

/// The payment provider of this instance (none when `[payments]` has no keys) and the wake-up of
/// the reconciliation worker.
#[derive(Clone)]
pub struct PaymentsHub {
    /// The provider.
    pub provider: Option<Arc<dyn PaymentProvider>>,
    /// Wakes the reconciliation worker when a check was queued.
    pub checks_queued: Arc<Notify>,
}

impl PaymentsHub {
    /// The provider, or the problem that payments are unavailable.
    fn provider(&self) -> Result<Arc<dyn PaymentProvider>, Error> {
        self.provider
            .clone()
            .ok_or(Error::PaymentProviderUnavailable)
    }
}

/// A dossier's fee and payments, as its holder and the back office see them.
#[derive(Debug, Clone)]
pub struct Summary {
    /// What the dossier owes.
    pub standing: Standing,
    /// The amount due (or paid), cents; 0 when free.
    pub amount_cents: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// The payments started, newest first.
    pub payments: Vec<Payment>,
    /// The refunds of the paid payment, newest first.
    pub refunds: Vec<Refund>,
    /// The reports received about the newest payment, oldest first.
    pub events: Vec<PaymentEvent>,
}

/// What `d` owes, from its procedure's fee and its form data, and what was paid.
pub(crate) async fn standing<C: ConnectionTrait>(
    conn: &C,
    d: &Dossier,
) -> Result<(Standing, Vec<Payment>), Error> {
    let Some(fee) = &d.procedure.fee else {
        return Ok((Standing::Free, Vec::new()));
    };
    let payments = store::payments::of_dossier(conn, &d.record.id).await?;
    let amount = fee.amount_for(&d.data);
    if let Some(paid) = payments
        .iter()
        .find(|p| p.state == PaymentState::Paid && p.amount_cents >= amount)
    {
        let refund = store::payments::refunds_of(conn, &paid.id)
            .await?
            .first()
            .map(|r| r.state);
        let standing = Standing::Paid {
            amount_cents: paid.amount_cents,
            refund,
        };
        return Ok((standing, payments));
    }
    if amount == 0 {
        return Ok((Standing::Free, payments));
    }
    let latest = payments.first().map(|p| p.state);
    Ok((
        Standing::Due {
            amount_cents: amount,
            latest,
        },
        payments,
    ))
}

/// What the dashboard and the back office show of a dossier's payment (`free`, `due`, a
/// payment's state, `refunded`…); `None` when its procedure has no fee.
pub(crate) async fn label<C: ConnectionTrait>(
    conn: &C,
    record: &crate::domain::dossiers::DossierRecord,
    procedure: &crate::domain::procedures::Procedure,
) -> Result<Option<&'static str>, Error> {
    if procedure.fee.is_none() {
        return Ok(None);
    }
    let d = Dossier {
        data: dossiers::parse_data(record)?,
        record: record.clone(),
        procedure: procedure.clone(),
        organisation: None,
    };
    Ok(Some(standing(conn, &d).await?.0.label()))
}

/// The payment label of each of `records` whose procedure has a fee, by dossier id.
pub async fn labels(
    ctx: &Context,
    records: &[crate::domain::dossiers::DossierRecord],
) -> Result<std::collections::HashMap<DossierId, &'static str>, Error> {
    let mut out = std::collections::HashMap::new();
    for r in records {
        let procedure =
            super::catalog::published(ctx, &r.procedure_id, r.procedure_version).await?;
        if let Some(l) = label(&ctx.db, r, &procedure).await? {
            out.insert(r.id.clone(), l);
        }
    }
    Ok(out)
}

/// Refuses to go on while `d` owes a fee (the check before transmission).
pub(crate) async fn require_paid<C: ConnectionTrait>(conn: &C, d: &Dossier) -> Result<(), Error> {
    let (standing, _) = standing(conn, d).await?;
    if standing.allows_transmission() {
        Ok(())
    } else {
        Err(Error::PaymentRequired)
    }
}

async fn summary_of<C: ConnectionTrait>(conn: &C, d: &Dossier) -> Result<Summary, Error> {
    let (standing, payments) = standing(conn, d).await?;
    let amount_cents = match &standing {
        Standing::Free => 0,
        Standing::Due { amount_cents, .. } | Standing::Paid { amount_cents, .. } => *amount_cents,
    };
    let paid = payments.iter().find(|p| p.state == PaymentState::Paid);
    let refunds = match paid {
        Some(p) => store::payments::refunds_of(conn, &p.id).await?,
        None => Vec::new(),
    };
    let events = match paid.or(payments.first()) {
        Some(p) => store::payments::events(conn, &p.id).await?,
        None => Vec::new(),
    };
    Ok(Summary {
        standing,
        amount_cents,
        currency: EUR.to_string(),
        payments,
        refunds,
        events,
    })
}

/// A dossier's fee and payments, under any grant that reaches it.
pub async fn summary<R: Right>(
    ctx: &Context,
    grant: &Grant<R>,
    dossier_id: &DossierId,
) -> Result<Summary, Error> {
    let d = dossiers::read_under(ctx, grant, dossier_id).await?;
    summary_of(&ctx.db, &d).await
}

/// A dossier's fee and payments, for the holder or the administration it was sent to; an
/// agent's read is recorded in the space's access log.
pub async fn read(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
    request_id: &str,
) -> Result<Summary, Error> {
    let s = summary(ctx, grant, dossier_id).await?;
    let what = format!("payment of dossier {dossier_id}");
    dossiers::record_read(ctx, grant, &what, request_id).await?;
    Ok(s)
}

/// Starts paying the fee of a dossier not transmitted yet: a checkout session at the provider,
/// whose page the person is sent to. While a payment is open, that one is answered again; a
/// retry with the same idempotency key answers the payment it started (`false`: not new).
///
/// # Errors
/// `NoFeeDue` when the dossier is free or paid; `IllegalTransition` once transmitted;
/// `PaymentProviderUnavailable` without a provider or when it cannot be reached (the payment is
/// kept and the next call asks the provider again with the same idempotency key).
pub async fn start(
    ctx: &Context,
    grant: &Grant<Transmit>,
    dossier_id: &DossierId,
    idempotency_key: Option<&str>,
) -> Result<(Summary, bool), Error> {
    let provider = ctx.payments.provider()?;
    let now = ctx.now();
    let hash = idempotency_key.map(|k| key_hash(grant.caller().id(), "pay", dossier_id, k));
    let txn = begin_write(&ctx.db).await?;
    let record = dossiers::load(&txn, grant, dossier_id).await?;
    let replayed = match &hash {
        Some(h) => store::payments::by_key(&txn, h)
            .await?
            .filter(|p| p.dossier_id == record.id),
        None => None,
    };
    let d = dossiers::complete(&txn, record).await?;
    let (payment, new) = match replayed {
        Some(p) => (p, false),
        None => {
            if !matches!(d.status(), Status::Draft | Status::Signed) {
                return Err(Error::illegal(d.status()));
            }
            let (standing, payments) = standing(&txn, &d).await?;
            let Standing::Due { amount_cents, .. } = standing else {
                return Err(Error::NoFeeDue);
            };
            match payments.into_iter().find(|p| p.state.is_open()) {
                Some(open) => (open, false),
                None => {
                    let p = Payment {
                        id: uuid::Uuid::now_v7().to_string(),
                        dossier_id: d.record.id.clone(),
                        space_id: d.record.space_id.clone(),
                        administration_id: d.record.administration_id.clone(),
                        amount_cents,
                        currency: EUR.to_string(),
                        state: PaymentState::Created,
                        provider: provider.name().to_string(),
                        session_id: None,
                        checkout_url: None,
                        payment_reference: None,
                        receipt_communication_id: None,
                        created_at: now,
                        updated_at: now,
                        paid_at: None,
                    };
                    store::payments::insert(&txn, &p, hash.as_deref()).await?;
                    (p, true)
                }
            }
        }
    };
    txn.commit().await?;
    if payment.session_id.is_none() && payment.state == PaymentState::Created {
        open_session(ctx, provider.as_ref(), &payment, &d).await?;
    }
    let d = dossiers::read_under(ctx, grant, dossier_id).await?;
    Ok((summary_of(&ctx.db, &d).await?, new))
}

/// Gives up the open payment of a dossier: its checkout session is expired at the provider and
/// the payment is `cancelled` (or whatever the provider reports, if it was paid meanwhile).
///
/// # Errors
/// `NoFeeDue` when no payment is open; `PaymentProviderUnavailable` when the provider cannot be
/// reached (nothing changes).
pub async fn cancel(
    ctx: &Context,
    grant: &Grant<Transmit>,
    dossier_id: &DossierId,
) -> Result<Summary, Error> {
    let provider = ctx.payments.provider()?;
    let record = dossiers::load(&ctx.db, grant, dossier_id).await?;
    let open = store::payments::of_dossier(&ctx.db, &record.id)
        .await?
        .into_iter()
        .find(|p| p.state.is_open())
        .ok_or(Error::NoFeeDue)?;
    let now = ctx.now();
    let unavailable = |e: crate::payments::ProviderError| {
        tracing::warn!(payment_id = %open.id, error = %e, "checkout session not expired");
        Error::PaymentProviderUnavailable
    };
    let txn = begin_write(&ctx.db).await?;
    let mut receipt = false;
    match &open.session_id {
        Some(session) => {
            let checkout = match provider.expire_checkout(session).await {
                Ok(c) => c,
                // Not open any more (paid or expired meanwhile): what is it now?
                Err(_) => provider.checkout(session).await.map_err(unavailable)?,
            };
            let checkout = match checkout.status {
                crate::domain::payments::Observed::Expired => crate::payments::Checkout {
                    status: crate::domain::payments::Observed::Cancelled,
                    ..checkout
                },
                _ => checkout,
            };
            receipt =
                reports::apply_checkout(&txn, ctx, &checkout, reports::Source::Cancellation, now)
                    .await?;
        }
        None => {
            store::payments::move_state(
                &txn,
                &open.id,
                open.state,
                PaymentState::Cancelled,
                None,
                now,
            )
            .await?;
        }
    }
    txn.commit().await?;
    if receipt {
        super::communications::wake_notices(ctx);
    }
    summary(ctx, grant, dossier_id).await
}

/// Asks the provider for the checkout session of `payment` (idempotent: the provider answers
/// the same session for the same payment), records it and queues its reconciliation.
async fn open_session(
    ctx: &Context,
    provider: &dyn PaymentProvider,
    payment: &Payment,
    d: &Dossier,
) -> Result<(), Error> {
    let config = &ctx.config.payments;
    let now = ctx.now();
    let back = config
        .return_url
        .clone()
        .unwrap_or_else(|| format!("{}/payments/return", ctx.config.public_url));
    let success = format!("{back}?session_id={{CHECKOUT_SESSION_ID}}");
    let cancel = format!("{back}?cancelled=true");
    let description = format!(
        "{} ({})",
        d.procedure.title.get(crate::domain::Language::Fr),
        d.record.id
    );
    let key = format!("guichet-payment-{}", payment.id);
    let request = CheckoutRequest {
        payment_id: &payment.id,
        amount_cents: payment.amount_cents,
        currency: &payment.currency,
        description: &description,
        success_url: &success,
        cancel_url: &cancel,
        expires_at: now + Duration::minutes(i64::from(config.session_minutes.clamp(30, 1440))),
        idempotency_key: &key,
    };
    let checkout = provider.create_checkout(&request).await.map_err(|e| {
        tracing::warn!(payment_id = %payment.id, error = %e, "checkout session not created");
        Error::PaymentProviderUnavailable
    })?;
    let txn = begin_write(&ctx.db).await?;
    store::payments::set_session(
        &txn,
        &payment.id,
        &checkout.session_id,
        checkout.url.as_deref(),
        now,
    )
    .await?;
    let due = now + Duration::seconds(i64::from(config.check_after_secs.max(1)));
    store::payments::queue_check(&txn, &payment.id, due, now).await?;
    let receipt =
        reports::apply_checkout(&txn, ctx, &checkout, reports::Source::Creation, now).await?;
    txn.commit().await?;
    ctx.payments.checks_queued.notify_one();
    if receipt {
        super::communications::wake_notices(ctx);
    }
    Ok(())
}
