//! Refunds: an agent who rejected a paid dossier gives the fee back, with an idempotency key.

use super::{Summary, reports};
use crate::domain::{
    Error,
    dossiers::{Outcome, Status},
    ids::DossierId,
    payments::{PaymentState, Refund, RefundState},
    rights::{Caller, Grant, Process},
};
use crate::payments::RefundRequest;
use crate::service::{
    Context, begin_write,
    dossiers::{self, key_hash},
};
use crate::store;

/// Refunds the paid fee of a dossier the agent's administration rejected. A retry with the same
/// idempotency key (or while a refund is asked or done) answers that refund (`false`: not new).
///
/// # Errors
/// `IllegalTransition` unless the dossier is closed and rejected; `NoFeeDue` when nothing was
/// paid; `PaymentProviderUnavailable` when the provider cannot be reached (the refund is kept
/// as requested; a retry asks again with the same idempotency key).
pub async fn refund(
    ctx: &Context,
    grant: &Grant<Process>,
    dossier_id: &DossierId,
    reason: Option<String>,
    idempotency_key: Option<&str>,
) -> Result<(Summary, bool), Error> {
    let Caller::Agent(agent) = grant.caller() else {
        return Err(Error::NotFound);
    };
    let reason = dossiers::form::reason(reason)?;
    let provider = ctx.payments.provider()?;
    let now = ctx.now();
    let hash = idempotency_key.map(|k| key_hash(agent.id.as_str(), "refund", dossier_id, k));
    let txn = begin_write(&ctx.db).await?;
    let record = dossiers::load(&txn, grant, dossier_id).await?;
    if record.status != Status::Closed || record.outcome != Some(Outcome::Rejected) {
        return Err(Error::illegal(record.status));
    }
    let paid = store::payments::of_dossier(&txn, &record.id)
        .await?
        .into_iter()
        .find(|p| p.state == PaymentState::Paid)
        .ok_or(Error::NoFeeDue)?;
    let replayed = match &hash {
        Some(h) => store::payments::refund_by_key(&txn, h).await?,
        None => None,
    };
    let existing = store::payments::refunds_of(&txn, &paid.id)
        .await?
        .into_iter()
        .find(|r| r.state != RefundState::Failed);
    let (refund, new) = match replayed.or(existing) {
        Some(r) => (r, false),
        None => {
            let r = Refund {
                id: uuid::Uuid::now_v7().to_string(),
                payment_id: paid.id.clone(),
                amount_cents: paid.amount_cents,
                state: RefundState::Requested,
                provider_reference: None,
                requested_by: agent.id.to_string(),
                reason,
                created_at: now,
                updated_at: now,
            };
            store::payments::insert_refund(&txn, &r, hash.as_deref()).await?;
            (r, true)
        }
    };
    txn.commit().await?;
    if refund.provider_reference.is_none() {
        let reference = paid
            .payment_reference
            .as_deref()
            .ok_or_else(|| Error::internal("a paid payment without the provider's reference"))?;
        let key = format!("guichet-refund-{}", refund.id);
        let request = RefundRequest {
            refund_id: &refund.id,
            payment_reference: reference,
            amount_cents: refund.amount_cents,
            idempotency_key: &key,
        };
        let report = provider.refund(&request).await.map_err(|e| {
            tracing::warn!(refund_id = %refund.id, error = %e, "refund not asked");
            Error::PaymentProviderUnavailable
        })?;
        let txn = begin_write(&ctx.db).await?;
        reports::apply_refund(&txn, &report, reports::Source::RefundAnswer, ctx.now()).await?;
        txn.commit().await?;
    }
    Ok((super::summary(ctx, grant, dossier_id).await?, new))
}
