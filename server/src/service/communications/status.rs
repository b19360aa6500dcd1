//! The public status of an issued document (what the verifier's `--online` asks), and its
//! revocation by the administration that issued it.

use super::{Communication, completed};
use crate::{
    domain::{
        Error, Invalid, Language,
        communications::State,
        ids::DocumentNumber,
        rights::{Caller, Grant, Process},
    },
    limits::{ClientAddress, Limit},
    service::{Context, access, dossiers::form},
    store,
};
use guichet_verifier::revocation::RevocationReason;

/// What anyone may learn of a document from its number: its status, never its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatus {
    /// Valid, revoked or superseded.
    pub status: State,
    /// Why it was revoked.
    pub reason: Option<String>,
    /// The number of the document that replaced it.
    pub superseded_by: Option<DocumentNumber>,
}

impl PublicStatus {
    /// The public status of a stored document.
    pub fn of(record: &crate::domain::communications::Record) -> Self {
        Self {
            reason: (record.state == State::Revoked)
                .then(|| record.revoked_reason.clone())
                .flatten(),
            superseded_by: (record.state == State::Superseded)
                .then(|| record.superseded_by.clone())
                .flatten(),
            status: record.state,
        }
    }
}

/// The document number in its stored form (upper-case hex), or `NotFound` for what cannot be one.
fn normalise(number: &str) -> Result<DocumentNumber, Error> {
    DocumentNumber::parse(number).ok_or(Error::NotFound)
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
    let record = store::communications::by_number(&ctx.db, &number)
        .await?
        .ok_or(Error::NotFound)?;
    ctx.limits
        .check_subject(Limit::StatusPerDocument, &number)?;
    Ok(PublicStatus::of(&record))
}

/// Why and how a document is revoked.
#[derive(Debug, Clone)]
pub struct Revocation {
    /// Why, in words (shown by the online status); required.
    pub reason: Option<String>,
    /// The reason code the signed revocation list publishes.
    pub code: RevocationReason,
}

/// Revokes a document the caller's administration issued. Another administration's document is
/// `NotFound`, like a missing one; a revoked one cannot be revoked again. A superseded document
/// may still be revoked (e.g. it was obtained by fraud). The next signed revocation list
/// ([`super::revocation_list`]) lists it.
pub async fn revoke(
    ctx: &Context,
    caller: &Caller,
    number: &str,
    revocation: Revocation,
    lang: Language,
) -> Result<Communication, Error> {
    let reason =
        form::reason(revocation.reason)?.ok_or(Error::invalid("reason", Invalid::Required))?;
    let number = normalise(number)?;
    let grant = access::authorize_document(ctx, caller, &number, Process).await?;
    revoke_under(ctx, &grant, &number, reason, revocation.code, lang).await
}

/// Revokes the document numbered `number` under `grant`.
async fn revoke_under(
    ctx: &Context,
    grant: &Grant<Process>,
    number: &DocumentNumber,
    reason: String,
    code: RevocationReason,
    lang: Language,
) -> Result<Communication, Error> {
    let Caller::Agent(agent) = grant.caller() else {
        return Err(Error::NotFound);
    };
    let record = store::communications::by_number(&ctx.db, number)
        .await?
        .filter(|r| grant.covers_issued(&r.space_id, &r.administration_id))
        .ok_or(Error::NotFound)?;
    let now = ctx.now();
    if !store::communications::revoke(&ctx.db, &record.id, reason, code.slug(), &agent.id, now)
        .await?
    {
        return Err(Error::illegal(State::Revoked));
    }
    ctx.metrics
        .communications
        .with_label_values(&["revoked"])
        .inc();
    tracing::info!(communication_id = %record.id, agent_id = %agent.id, "document revoked");
    let fresh = store::communications::find(&ctx.db, &record.id)
        .await?
        .ok_or(Error::NotFound)?;
    completed(&ctx.db, fresh, lang).await
}
