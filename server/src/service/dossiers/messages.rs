//! Messages about a dossier between its holder and the administration, with read state.

use super::{Actor, load_for, status_of};
use crate::domain::{Error, Invalid, dossiers::Status};
use crate::service::{Context, db};
use crate::store::entities::dossier_messages;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use time::OffsetDateTime;

/// The side a sender is on: `holder` or `administration`.
fn side(actor: Actor<'_>) -> &'static str {
    match actor {
        Actor::Person(_) => "holder",
        Actor::Agent(_) => "administration",
    }
}

fn other_side(actor: Actor<'_>) -> &'static str {
    match actor {
        Actor::Person(_) => "administration",
        Actor::Agent(_) => "holder",
    }
}

/// A trimmed, non-empty message of at most 5,000 characters.
pub(crate) fn check_body(text: &str) -> Result<String, Error> {
    let body = text.trim();
    if body.is_empty() {
        return Err(Error::invalid("text", Invalid::Required));
    }
    if body.chars().count() > 5000 {
        return Err(Error::invalid("text", Invalid::TooLong));
    }
    Ok(body.to_string())
}

pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    actor: Actor<'_>,
    body: &str,
    now: OffsetDateTime,
) -> Result<dossier_messages::Model, Error> {
    let row = dossier_messages::Model {
        id: uuid::Uuid::now_v7().to_string(),
        dossier_id: dossier_id.to_string(),
        sender_kind: side(actor).into(),
        sender_id: actor.id().to_string(),
        body: body.to_string(),
        sent_at: now,
        read_at: None,
    };
    dossier_messages::Entity::insert(dossier_messages::ActiveModel {
        id: Set(row.id.clone()),
        dossier_id: Set(row.dossier_id.clone()),
        sender_kind: Set(row.sender_kind.clone()),
        sender_id: Set(row.sender_id.clone()),
        body: Set(row.body.clone()),
        sent_at: Set(now),
        read_at: Set(None),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(row)
}

/// Sends a message; a draft has no one to talk to yet.
pub async fn send(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
    text: &str,
) -> Result<dossier_messages::Model, Error> {
    let body = check_body(text)?;
    let row = load_for(&ctx.db, dossier_id, actor).await?;
    let status = status_of(&row)?;
    if matches!(status, Status::Draft | Status::Signed) {
        return Err(Error::IllegalTransition(status.to_string()));
    }
    insert(&ctx.db, &row.id, actor, &body, ctx.now()).await
}

/// The messages, oldest first; those from the other side are marked read.
pub async fn list(
    ctx: &Context,
    dossier_id: &str,
    actor: Actor<'_>,
) -> Result<Vec<dossier_messages::Model>, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let row = load_for(&txn, dossier_id, actor).await?;
    let list = dossier_messages::Entity::find()
        .filter(dossier_messages::Column::DossierId.eq(row.id.clone()))
        .order_by_asc(dossier_messages::Column::SentAt)
        .order_by_asc(dossier_messages::Column::Id)
        .all(&txn)
        .await
        .map_err(db)?;
    dossier_messages::Entity::update_many()
        .col_expr(
            dossier_messages::Column::ReadAt,
            Expr::value(Some(ctx.now())),
        )
        .filter(dossier_messages::Column::DossierId.eq(row.id))
        .filter(dossier_messages::Column::SenderKind.eq(other_side(actor)))
        .filter(dossier_messages::Column::ReadAt.is_null())
        .exec(&txn)
        .await
        .map_err(db)?;
    txn.commit().await.map_err(db)?;
    Ok(list)
}

/// How many messages from `sender_kind` are unread on a dossier.
pub(crate) async fn unread<C: ConnectionTrait>(
    conn: &C,
    dossier_id: &str,
    sender_kind: &str,
) -> Result<u64, Error> {
    dossier_messages::Entity::find()
        .filter(dossier_messages::Column::DossierId.eq(dossier_id.to_string()))
        .filter(dossier_messages::Column::SenderKind.eq(sender_kind.to_string()))
        .filter(dossier_messages::Column::ReadAt.is_null())
        .count(conn)
        .await
        .map_err(db)
}
