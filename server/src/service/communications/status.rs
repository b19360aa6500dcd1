//! The public status of an issued document (what the verifier's `--online` asks), and its
//! revocation by the administration that issued it.

use super::{Communication, complete, state};
use crate::{
    domain::{Error, Invalid, Language},
    limits::{ClientAddress, Limit},
    service::{Context, db, dossiers::form},
    store::entities::communications as rows,
};
use guichet_verifier::seal::DocumentId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// What anyone may learn of a document from its number: its status, never its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatus {
    /// `valid`, `revoked` or `superseded`.
    pub status: String,
    /// Why it was revoked.
    pub reason: Option<String>,
    /// The number of the document that replaced it.
    pub superseded_by: Option<String>,
}

/// The document number in its stored form (upper-case hex), or `NotFound` for what cannot be one.
fn normalise(number: &str) -> Result<String, Error> {
    DocumentId::parse(number.trim())
        .map(|id| id.to_string())
        .ok_or(Error::NotFound)
}

/// The status of the document numbered `number`; `NotFound` when no sealed document has it.
///
/// Every read counts against `status_per_address` (what stops guessing numbers); a read of an
/// existing document also counts against `status_per_document`.
pub async fn public(
    ctx: &Context,
    client: &ClientAddress,
    number: &str,
) -> Result<PublicStatus, Error> {
    ctx.limits.check_address(Limit::StatusPerAddress, client)?;
    let number = normalise(number)?;
    let row = rows::Entity::find()
        .filter(rows::Column::DocumentNumber.eq(number.clone()))
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    ctx.limits
        .check_subject(Limit::StatusPerDocument, &number)?;
    Ok(PublicStatus {
        reason: (row.status == state::REVOKED)
            .then(|| row.revoked_reason.clone())
            .flatten(),
        superseded_by: (row.status == state::SUPERSEDED)
            .then(|| row.superseded_by.clone())
            .flatten(),
        status: row.status,
    })
}

/// Revokes a document the agent's administration issued. Another administration's document is
/// `NotFound`, like a missing one; a revoked one cannot be revoked again. A superseded document
/// may still be revoked (e.g. it was obtained by fraud).
pub async fn revoke(
    ctx: &Context,
    caller: &crate::domain::rights::Caller,
    number: &str,
    reason: Option<String>,
    lang: Language,
) -> Result<Communication, Error> {
    let crate::domain::rights::Caller::Agent(agent) = caller else {
        return Err(Error::Unauthenticated);
    };
    let reason = form::reason(reason)?.ok_or(Error::invalid("reason", Invalid::Required))?;
    let row = rows::Entity::find()
        .filter(rows::Column::DocumentNumber.eq(normalise(number)?))
        .filter(rows::Column::AdministrationId.eq(agent.administration.clone()))
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    let now = ctx.now();
    let changed = rows::Entity::update_many()
        .col_expr(rows::Column::Status, Expr::value(state::REVOKED))
        .col_expr(rows::Column::RevokedReason, Expr::value(Some(reason)))
        .col_expr(rows::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(rows::Column::RevokedBy, Expr::value(Some(agent.id.clone())))
        .filter(rows::Column::Id.eq(row.id.clone()))
        .filter(rows::Column::Status.ne(state::REVOKED))
        .exec(&ctx.db)
        .await
        .map_err(db)?;
    if changed.rows_affected == 0 {
        return Err(Error::illegal(
            crate::domain::communications::State::Revoked,
        ));
    }
    ctx.metrics
        .communications
        .with_label_values(&["revoked"])
        .inc();
    tracing::info!(communication_id = %row.id, agent_id = %agent.id, "document revoked");
    let fresh = rows::Entity::find_by_id(row.id)
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    complete(&ctx.db, vec![fresh], lang)
        .await?
        .pop()
        .ok_or(Error::NotFound)
}
