//! Payments, refunds, the provider's reports (deduplicated by event id) and the reconciliation
//! queue.

use super::entities::{payment_checks, payment_events, payments, refunds};
use crate::domain::{
    Error,
    ids::DossierId,
    payments::{Payment, PaymentEvent, PaymentState, Refund, RefundState},
};
use crate::jobs::JobState;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, OnConflict},
};
use time::OffsetDateTime;

fn payment_of(m: payments::Model) -> Result<Payment, Error> {
    Ok(Payment {
        state: PaymentState::parse(&m.status)
            .ok_or_else(|| Error::stored_data(format!("payment state {}", m.status)))?,
        id: m.id,
        dossier_id: m.dossier_id.into(),
        space_id: m.space_id.into(),
        administration_id: m.administration_id.into(),
        amount_cents: m.amount_cents,
        currency: m.currency,
        provider: m.provider,
        session_id: m.session_id,
        checkout_url: m.checkout_url,
        payment_reference: m.payment_reference,
        receipt_communication_id: m.receipt_communication_id,
        created_at: m.created_at,
        updated_at: m.updated_at,
        paid_at: m.paid_at,
    })
}

fn refund_of(m: refunds::Model) -> Result<Refund, Error> {
    Ok(Refund {
        state: RefundState::parse(&m.status)
            .ok_or_else(|| Error::stored_data(format!("refund state {}", m.status)))?,
        id: m.id,
        payment_id: m.payment_id,
        amount_cents: m.amount_cents,
        provider_reference: m.provider_reference,
        requested_by: m.requested_by,
        reason: m.reason,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// Stores a new payment (state `created`), with the hash of the idempotency key that asked it.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    p: &Payment,
    key_hash: Option<&str>,
) -> Result<(), Error> {
    payments::Entity::insert(payments::ActiveModel {
        id: Set(p.id.clone()),
        dossier_id: Set(p.dossier_id.to_string()),
        space_id: Set(p.space_id.to_string()),
        administration_id: Set(p.administration_id.to_string()),
        amount_cents: Set(p.amount_cents),
        currency: Set(p.currency.clone()),
        status: Set(p.state.as_str().to_string()),
        provider: Set(p.provider.clone()),
        session_id: Set(p.session_id.clone()),
        checkout_url: Set(p.checkout_url.clone()),
        payment_reference: Set(p.payment_reference.clone()),
        idempotency_key_hash: Set(key_hash.map(str::to_string)),
        receipt_communication_id: Set(None),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
        paid_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The payment `id`.
pub async fn find<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<Payment>, Error> {
    payments::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?
        .map(payment_of)
        .transpose()
}

/// The payment an idempotency key (hashed) started.
pub async fn by_key<C: ConnectionTrait>(conn: &C, hash: &str) -> Result<Option<Payment>, Error> {
    payments::Entity::find()
        .filter(payments::Column::IdempotencyKeyHash.eq(hash))
        .one(conn)
        .await?
        .map(payment_of)
        .transpose()
}

/// The payments of a dossier, newest first.
pub async fn of_dossier<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
) -> Result<Vec<Payment>, Error> {
    payments::Entity::find()
        .filter(payments::Column::DossierId.eq(dossier.as_str()))
        .order_by_desc(payments::Column::CreatedAt)
        .order_by_desc(payments::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(payment_of)
        .collect()
}

/// Records the checkout session the provider created (the payment becomes `pending` unless a
/// report already moved it further).
pub async fn set_session<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    session_id: &str,
    url: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    payments::Entity::update_many()
        .col_expr(payments::Column::SessionId, Expr::value(session_id))
        .col_expr(
            payments::Column::CheckoutUrl,
            Expr::value(url.map(str::to_string)),
        )
        .col_expr(payments::Column::UpdatedAt, Expr::value(now))
        .filter(payments::Column::Id.eq(id))
        .exec(conn)
        .await?;
    payments::Entity::update_many()
        .col_expr(
            payments::Column::Status,
            Expr::value(PaymentState::Pending.as_str()),
        )
        .filter(payments::Column::Id.eq(id))
        .filter(payments::Column::Status.eq(PaymentState::Created.as_str()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Moves payment `id` from `from` to `to` (with the provider's reference, and `paid_at` when
/// paid); `false` when it was no longer in `from`.
pub async fn move_state<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    from: PaymentState,
    to: PaymentState,
    reference: Option<&str>,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let mut update = payments::Entity::update_many()
        .col_expr(payments::Column::Status, Expr::value(to.as_str()))
        .col_expr(payments::Column::UpdatedAt, Expr::value(now));
    if let Some(r) = reference {
        update = update.col_expr(payments::Column::PaymentReference, Expr::value(r));
    }
    if to == PaymentState::Paid {
        update = update.col_expr(payments::Column::PaidAt, Expr::value(Some(now)));
    }
    let done = update
        .filter(payments::Column::Id.eq(id))
        .filter(payments::Column::Status.eq(from.as_str()))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Links the receipt delivered for payment `id`.
pub async fn set_receipt<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    communication_id: &str,
) -> Result<(), Error> {
    payments::Entity::update_many()
        .col_expr(
            payments::Column::ReceiptCommunicationId,
            Expr::value(communication_id),
        )
        .filter(payments::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records a report. With a provider event id already recorded, nothing is written and the
/// answer is `false` (a duplicate webhook).
pub async fn record_event<C: ConnectionTrait>(
    conn: &C,
    payment_id: Option<&str>,
    event: &PaymentEvent,
) -> Result<bool, Error> {
    let row = payment_events::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        payment_id: Set(payment_id.map(str::to_string)),
        refund_id: Set(event.refund_id.clone()),
        provider_event_id: Set(event.provider_event_id.clone()),
        event_type: Set(event.event_type.clone()),
        source: Set(event.source.clone()),
        observed: Set(event.observed.clone()),
        applied: Set(event.applied),
        received_at: Set(event.received_at),
    };
    let inserted = payment_events::Entity::insert(row)
        .on_conflict(
            OnConflict::column(payment_events::Column::ProviderEventId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(inserted == 1)
}

/// Whether the provider event `event_id` was recorded already.
pub async fn event_seen<C: ConnectionTrait>(conn: &C, event_id: &str) -> Result<bool, Error> {
    Ok(payment_events::Entity::find()
        .filter(payment_events::Column::ProviderEventId.eq(event_id))
        .one(conn)
        .await?
        .is_some())
}

/// The reports about payment `id`, oldest first.
pub async fn events<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Vec<PaymentEvent>, Error> {
    Ok(payment_events::Entity::find()
        .filter(payment_events::Column::PaymentId.eq(id))
        .order_by_asc(payment_events::Column::ReceivedAt)
        .order_by_asc(payment_events::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| PaymentEvent {
            provider_event_id: m.provider_event_id,
            event_type: m.event_type,
            source: m.source,
            observed: m.observed,
            applied: m.applied,
            received_at: m.received_at,
            refund_id: m.refund_id,
        })
        .collect())
}

/// Stores a new refund (state `requested`).
pub async fn insert_refund<C: ConnectionTrait>(
    conn: &C,
    r: &Refund,
    key_hash: Option<&str>,
) -> Result<(), Error> {
    refunds::Entity::insert(refunds::ActiveModel {
        id: Set(r.id.clone()),
        payment_id: Set(r.payment_id.clone()),
        amount_cents: Set(r.amount_cents),
        status: Set(r.state.as_str().to_string()),
        provider_reference: Set(r.provider_reference.clone()),
        idempotency_key_hash: Set(key_hash.map(str::to_string)),
        requested_by: Set(r.requested_by.clone()),
        reason: Set(r.reason.clone()),
        created_at: Set(r.created_at),
        updated_at: Set(r.updated_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The refund an idempotency key (hashed) asked.
pub async fn refund_by_key<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<Refund>, Error> {
    refunds::Entity::find()
        .filter(refunds::Column::IdempotencyKeyHash.eq(hash))
        .one(conn)
        .await?
        .map(refund_of)
        .transpose()
}

/// The refund `id`.
pub async fn refund<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<Refund>, Error> {
    refunds::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?
        .map(refund_of)
        .transpose()
}

/// The refund the provider knows as `reference`.
pub async fn refund_by_reference<C: ConnectionTrait>(
    conn: &C,
    reference: &str,
) -> Result<Option<Refund>, Error> {
    refunds::Entity::find()
        .filter(refunds::Column::ProviderReference.eq(reference))
        .one(conn)
        .await?
        .map(refund_of)
        .transpose()
}

/// The refunds of payment `id`, newest first.
pub async fn refunds_of<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Vec<Refund>, Error> {
    refunds::Entity::find()
        .filter(refunds::Column::PaymentId.eq(id))
        .order_by_desc(refunds::Column::CreatedAt)
        .order_by_desc(refunds::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(refund_of)
        .collect()
}

/// Moves refund `id` from `from` to `to`, recording the provider's reference; `false` when it
/// was no longer in `from`.
pub async fn move_refund<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    from: RefundState,
    to: RefundState,
    reference: Option<&str>,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let mut update = refunds::Entity::update_many()
        .col_expr(refunds::Column::Status, Expr::value(to.as_str()))
        .col_expr(refunds::Column::UpdatedAt, Expr::value(now));
    if let Some(r) = reference {
        update = update.col_expr(refunds::Column::ProviderReference, Expr::value(r));
    }
    let done = update
        .filter(refunds::Column::Id.eq(id))
        .filter(refunds::Column::Status.eq(from.as_str()))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Records the provider's reference of refund `id`.
pub async fn set_refund_reference<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    reference: &str,
) -> Result<(), Error> {
    refunds::Entity::update_many()
        .col_expr(refunds::Column::ProviderReference, Expr::value(reference))
        .filter(refunds::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Queues the reconciliation check of payment `payment_id`, due at `due` (once per payment).
pub async fn queue_check<C: ConnectionTrait>(
    conn: &C,
    payment_id: &str,
    due: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(), Error> {
    payment_checks::Entity::insert(payment_checks::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        payment_id: Set(payment_id.to_string()),
        status: Set(JobState::Queued),
        attempts: Set(0),
        created_at: Set(now),
        next_attempt_at: Set(due),
        done_at: Set(None),
        last_error: Set(None),
    })
    .on_conflict(
        OnConflict::column(payment_checks::Column::PaymentId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
