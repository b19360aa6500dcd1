//! The reconciliation job: a payment whose session opened gets a check queued
//! (`[payments] check_after_secs` later); the check asks the provider for the session's status
//! and applies it like a webhook, so a missed webhook never leaves a paid dossier blocked. While
//! the session stays open the check comes back at the same interval; it ends once the payment is
//! paid, failed, cancelled or expired (the provider expires a session after
//! `[payments] session_minutes`).

use super::reports::{self, Source};
use crate::{
    config::Worker,
    domain::Error,
    jobs::{Claimed, JobKind, JobState, Ran},
    payments::ProviderError,
    service::{Context, begin_write, communications::wake_notices},
    store::{self, entities::payment_checks as checks},
};
use std::sync::Arc;
use time::Duration;
use tokio::sync::Notify;

crate::jobs::job_table!(checks);

/// Asks the provider about one payment still open and applies its answer.
pub struct CheckPayment;

impl JobKind for CheckPayment {
    type Table = checks::Entity;
    const WORKER: Worker = Worker::Payments;

    fn queued(ctx: &Context) -> Arc<Notify> {
        ctx.payments.checks_queued.clone()
    }

    async fn run(&self, ctx: &Context, job: &Claimed<checks::Entity>) -> Ran<checks::Entity> {
        match check(ctx, &job.row.payment_id).await {
            Ok(true) => Ran::done(JobState::Done).set(checks::Column::DoneAt, Some(ctx.now())),
            Ok(false) => {
                let again = i64::from(ctx.config.payments.check_after_secs.max(1));
                Ran::retry_after("the session is still open", Duration::seconds(again))
            }
            Err(Error::PaymentProviderUnavailable) => Ran::retry("payment provider unavailable"),
            Err(e) => Ran::retry(e.to_string()),
        }
    }
}

/// Checks payment `id` once; `true` when it needs no further check.
async fn check(ctx: &Context, id: &str) -> Result<bool, Error> {
    let Some(payment) = store::payments::find(&ctx.db, id).await? else {
        return Ok(true);
    };
    let (true, Some(session)) = (payment.state.is_open(), payment.session_id.as_deref()) else {
        return Ok(true);
    };
    let provider = ctx
        .payments
        .provider
        .clone()
        .ok_or(Error::PaymentProviderUnavailable)?;
    let checkout = match provider.checkout(session).await {
        Ok(c) => c,
        Err(ProviderError::Unavailable(e)) => {
            tracing::warn!(payment_id = %id, error = %e, "reconciliation: provider unavailable");
            return Err(Error::PaymentProviderUnavailable);
        }
        Err(e) => return Err(Error::internal(e)),
    };
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let receipt =
        reports::apply_checkout(&txn, ctx, &checkout, Source::Reconciliation, now).await?;
    let after = store::payments::find(&txn, id).await?;
    txn.commit().await?;
    if receipt {
        tracing::info!(payment_id = %id, "reconciliation found a payment captured");
        wake_notices(ctx);
    }
    Ok(after.is_none_or(|p| !p.state.is_open()))
}
