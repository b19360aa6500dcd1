//! Dossiers: one procedure started in one space. Reached only under a grant; how they start;
//! their timeline.

pub mod attachments;
pub mod dashboard;
pub mod form;
pub mod messages;
pub mod signature;
pub mod uploads;

pub(crate) use super::begin_write;
use super::{Context, catalog};
use crate::domain::{
    Error,
    dossiers::{self as rules, Action, Channel, DossierRecord, Event, Status},
    ids::{DossierId, PersonId, SpaceId},
    procedures::Procedure,
    rights::{Actor, Caller, Fill, Grant, Read, Right, Role},
    spaces::Access,
};
use crate::store;
use sea_orm::ConnectionTrait;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// A dossier with the procedure version it keeps and its form data.
#[derive(Debug, Clone)]
pub struct Dossier {
    /// What is kept.
    pub record: DossierRecord,
    /// The procedure at the dossier's version.
    pub procedure: Procedure,
    /// The form data.
    pub data: Map<String, Value>,
    /// For a professional space's dossier, the organisation it is for.
    pub organisation: Option<String>,
}

impl Dossier {
    /// The status.
    pub fn status(&self) -> Status {
        self.record.status
    }
}

pub(crate) fn parse_data(record: &DossierRecord) -> Result<Map<String, Value>, Error> {
    serde_json::from_str(&record.data).map_err(Error::internal)
}

pub(crate) async fn complete<C: ConnectionTrait>(
    conn: &C,
    record: DossierRecord,
) -> Result<Dossier, Error> {
    let procedure = catalog::version(conn, &record.procedure_id, record.procedure_version).await?;
    let data = parse_data(&record)?;
    let organisation = store::organisations::find(conn, &record.space_id)
        .await?
        .map(|o| o.organisation.name);
    Ok(Dossier {
        record,
        procedure,
        data,
        organisation,
    })
}

/// The dossier `id`, if `grant` reaches it; otherwise `NotFound`, whether or not it exists.
pub(crate) async fn load<C: ConnectionTrait, R: Right>(
    conn: &C,
    grant: &Grant<R>,
    id: &DossierId,
) -> Result<DossierRecord, Error> {
    store::dossiers::find(conn, id)
        .await?
        .filter(|r| grant.covers(r.scope()))
        .ok_or(Error::NotFound)
}

/// Reads a dossier under any grant that reaches it (what a use case reads back after a change).
pub(crate) async fn read_under<R: Right>(
    ctx: &Context,
    grant: &Grant<R>,
    id: &DossierId,
) -> Result<Dossier, Error> {
    let record = load(&ctx.db, grant, id).await?;
    complete(&ctx.db, record).await
}

/// Reads a dossier; an agent's or a co-worker's read is recorded in the space's access log.
pub async fn read(
    ctx: &Context,
    grant: &Grant<Read>,
    id: &DossierId,
    request_id: &str,
) -> Result<Dossier, Error> {
    let d = read_under(ctx, grant, id).await?;
    record_read(ctx, grant, &format!("dossier {id}"), request_id).await?;
    Ok(d)
}

/// What someone other than a private space's holder opened, recorded in the space's access log:
/// an agent's reads (with their administration), and a professional space's co-workers' reads
/// (with their role), so that the holders see who read what.
pub(crate) async fn record_read(
    ctx: &Context,
    grant: &Grant<Read>,
    what: &str,
    request_id: &str,
) -> Result<(), Error> {
    match (grant.caller(), grant.role()) {
        (Caller::Agent(agent), _) => {
            let access = Access::under(grant, super::push::AGENT_READ, what, request_id).because(
                format!("work on the {what} transmitted to {}", agent.administration),
            );
            ctx.record_access(access, ctx.now()).await?;
            let administration = agent.administration.to_string();
            if let Err(e) =
                super::push::notify_agent_read(ctx, grant.space(), &administration).await
            {
                // The read is recorded; a notice that could not be queued is not worth failing it.
                tracing::warn!(error = %e, "agent read notice not queued");
            }
            Ok(())
        }
        (Caller::Person(_), Some(Role::Administrator | Role::Member | Role::Mandatary)) => {
            let access = Access::under(grant, "dossier.read", what, request_id);
            ctx.record_access(access, ctx.now()).await
        }
        _ => Ok(()),
    }
}

/// Appends an entry to the timeline; entries are never changed.
pub(crate) async fn append_event<C: ConnectionTrait>(
    conn: &C,
    id: &DossierId,
    actor: Actor<'_>,
    from: Option<Status>,
    to: Status,
    reason: Option<String>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let event = Event {
        at: now,
        actor_kind: actor.caller.kind(),
        actor_id: actor.caller.id().to_string(),
        actor_role: actor.role,
        from_status: from,
        to_status: to,
        reason,
    };
    store::dossiers::append_event(conn, id, event, actor.space).await
}

/// The timeline, oldest first.
pub async fn timeline(
    ctx: &Context,
    grant: &Grant<Read>,
    id: &DossierId,
) -> Result<Vec<Event>, Error> {
    let record = load(&ctx.db, grant, id).await?;
    store::dossiers::timeline(&ctx.db, &record.id).await
}

/// Moves `record` by `action` if nobody changed it meanwhile; records the transition.
pub(crate) async fn transition<C: ConnectionTrait>(
    conn: &C,
    record: &DossierRecord,
    action: Action,
    actor: Actor<'_>,
    reason: Option<String>,
    now: OffsetDateTime,
) -> Result<Status, Error> {
    let from = record.status;
    let to = rules::next(from, action).map_err(|e| Error::illegal(e.from))?;
    let change = store::dossiers::Change {
        status: Some(to),
        data: None,
    };
    if !store::dossiers::update_at(conn, &record.id, record.revision, change, now).await? {
        return Err(Error::PreconditionFailed);
    }
    append_event(conn, &record.id, actor, Some(from), to, reason, now).await?;
    Ok(to)
}

/// Answers a transmitted dossier of an automatic procedure in the caller's transaction: taken
/// and accepted by the platform (the operator on the timeline), and `document_type` queued for
/// issuance.
pub(crate) async fn answer_automatically<C: ConnectionTrait, R: crate::domain::rights::Right>(
    conn: &C,
    grant: &Grant<R>,
    id: &DossierId,
    document_type: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    use crate::domain::dossiers::{Action as A, Outcome};
    let operator = Caller::Operator;
    let platform = Actor {
        caller: &operator,
        role: None,
        space: grant.space(),
    };
    let record = load(conn, grant, id).await?;
    transition(conn, &record, A::Take, platform, None, now).await?;
    let record = load(conn, grant, id).await?;
    let accepted = A::Close(Outcome::Accepted);
    transition(conn, &record, accepted, platform, None, now).await?;
    store::dossiers::set_outcome(conn, id, Outcome::Accepted).await?;
    crate::service::communications::issuance::queue_in(conn, &record, document_type, now).await
}

/// The stored form of an idempotency key, scoped to who sent it, for what, on what.
pub(crate) fn key_hash(actor_id: &str, operation: &str, scope: &str, key: &str) -> String {
    hex::encode(Sha256::digest(
        format!("{actor_id}\n{operation}\n{scope}\n{key}").as_bytes(),
    ))
}

/// What starts a dossier.
#[derive(Debug, Clone)]
pub struct NewDossier<'a> {
    /// The space it belongs to.
    pub space_id: &'a SpaceId,
    /// The procedure (its latest version is used).
    pub procedure_id: &'a str,
    /// Who acts.
    pub caller: &'a Caller,
    /// Their role in the space (none for an agent).
    pub role: Option<Role>,
    /// Online or on paper.
    pub channel: Channel,
    /// The person acting online (none for a paper request).
    pub acting_person_id: Option<&'a PersonId>,
    /// The mandate a mandatary acts under (none for anyone else).
    pub mandate: Option<&'a str>,
}

/// Inserts a dossier on the procedure's latest version, prefilled, and its first timeline entry.
pub(crate) async fn insert<C: ConnectionTrait + sea_orm::TransactionTrait>(
    conn: &C,
    new: &NewDossier<'_>,
    status: Status,
    data: Option<Map<String, Value>>,
    now: OffsetDateTime,
) -> Result<DossierId, Error> {
    let procedure = catalog::latest(conn, new.procedure_id)
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::invalid("procedure_id", crate::domain::Invalid::Choice),
            other => other,
        })?;
    let mut prefilled = form::prefill(conn, &procedure, new.space_id, new.acting_person_id).await?;
    if let Some(extra) = data {
        prefilled.extend(extra);
    }
    let from_register = form::register_prefilled(&procedure, &prefilled);
    let id = DossierId::generate();
    let record = DossierRecord {
        id: id.clone(),
        space_id: new.space_id.clone(),
        procedure_id: procedure.id.clone(),
        procedure_version: procedure.version,
        administration_id: procedure.administration.as_str().into(),
        status,
        outcome: None,
        channel: new.channel,
        data: Value::Object(prefilled).to_string(),
        created_by_kind: new.caller.kind(),
        created_by_id: new.caller.id().to_string(),
        acting_person_id: new.acting_person_id.cloned(),
        assigned_agent_id: None,
        signed_digest: None,
        signature_base64: None,
        signature_certificate: None,
        signed_at: None,
        transmitted_at: (status == Status::Transmitted).then_some(now),
        revision: 1,
        created_at: now,
        updated_at: now,
        mandate_id: new.mandate.map(str::to_string),
    };
    store::dossiers::insert(conn, record).await?;
    let reason = (new.channel == Channel::Paper).then(|| "paper request recorded".to_string());
    let actor = Actor {
        caller: new.caller,
        role: new.role,
        space: new.space_id,
    };
    append_event(conn, &id, actor, None, status, reason, now).await?;
    if !from_register.is_empty() {
        let access = Access {
            space_id: new.space_id.clone(),
            actor: new.caller.id().to_string(),
            actor_kind: new.caller.kind(),
            role: new.role,
            administration: None,
            action: "register.prefill",
            detail: format!(
                "national register of natural persons: {}",
                from_register.join(",")
            ),
            purpose: format!("prefill of the form of {} (dossier {id})", procedure.id),
            request_id: String::new(),
        };
        store::access_log::record(conn, access, now).await?;
    }
    Ok(id)
}

/// Starts a dossier in the grant's space; a retry with the same idempotency key returns the
/// first dossier.
pub async fn create(
    ctx: &Context,
    grant: &Grant<Fill>,
    procedure_id: &str,
    idempotency_key: Option<&str>,
) -> Result<(Dossier, bool), Error> {
    let now = ctx.now();
    let caller = grant.caller();
    let space_id = grant.space();
    let hash = idempotency_key.map(|k| key_hash(caller.id(), "create", space_id, k));
    if let Some(h) = &hash {
        if let Some(existing) = store::dossiers::replayed(&ctx.db, h).await? {
            return Ok((read_under(ctx, grant, &existing).await?, false));
        }
    }
    let txn = begin_write(&ctx.db).await?;
    let acting = match caller {
        Caller::Person(p) => Some(p),
        _ => None,
    };
    if !grant.covers_procedure(procedure_id) {
        return Err(Error::invalid(
            "procedure_id",
            crate::domain::Invalid::Choice,
        ));
    }
    let domain =
        crate::service::certification::delivery::domain_for_start(&txn, grant, procedure_id)
            .await?;
    let new = NewDossier {
        space_id,
        procedure_id,
        caller,
        role: grant.role(),
        channel: Channel::Online,
        acting_person_id: acting,
        mandate: grant.mandate_for(procedure_id),
    };
    let id = insert(&txn, &new, Status::Draft, None, now).await?;
    if let Some(domain) = domain {
        crate::service::certification::delivery::first_use(&txn, space_id, domain, now).await?;
    }
    if let Some(h) = &hash {
        if store::dossiers::remember(&txn, h, &id, "create", now)
            .await
            .is_err()
        {
            txn.rollback().await?;
            let existing = store::dossiers::replayed(&ctx.db, h)
                .await?
                .ok_or(Error::PreconditionFailed)?;
            return Ok((read_under(ctx, grant, &existing).await?, false));
        }
    }
    txn.commit().await?;
    Ok((read_under(ctx, grant, &id).await?, true))
}
