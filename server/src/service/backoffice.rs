//! The back office: agents sign in with their own certificates and work the dossiers
//! transmitted to their administration; they also record paper requests.

use super::{
    Context, access, communications,
    dossiers::{self, Dossier, NewDossier, form, messages},
    signin::{self, Caller as SessionCaller, Tokens},
};
use crate::domain::{
    Error, Invalid,
    dossiers::{Action, Channel, DossierRecord, Outcome, Status},
    ids::DossierId,
    procedures::validate,
    rights::{Agent, Caller, Grant, Process},
};
use crate::mail::{
    dossier_notice::{Notice, dossier_notice},
    outbox,
};
use crate::store;
use guichet_identity::Usage;
use serde_json::{Map, Value};

/// Signs an agent in with their authentication certificate and a signed challenge.
pub async fn sign_in(
    ctx: &Context,
    challenge: &str,
    certificate: &str,
    signature: &str,
) -> Result<Tokens, Error> {
    let now = ctx.now();
    let chain = signin::parse_certificate_input(certificate, "certificate")?;
    let signature = signin::parse_signature(signature, "signature")?;
    signin::consume_challenge(&ctx.db, challenge, now).await?;
    let identity = signin::verify_certificate(ctx, &chain, Usage::Authentication)?;
    signin::check_possession(&identity, challenge, &signature)?;
    let agent = store::catalog::agent_by_matricule(&ctx.db, identity.matricule.as_str())
        .await?
        .ok_or(Error::Unauthenticated)?;
    let txn = dossiers::begin_write(&ctx.db).await?;
    let session_id = signin::new_session(
        &txn,
        "agent",
        Some(agent.id.to_string()),
        &identity,
        None,
        now,
    )
    .await?;
    let tokens = signin::issue_tokens(ctx, &txn, &session_id, now).await?;
    txn.commit().await?;
    Ok(tokens)
}

/// The agent behind a session; anyone else is not authenticated for the back office.
pub async fn agent(ctx: &Context, caller: &SessionCaller) -> Result<Caller, Error> {
    let SessionCaller::Agent {
        session_id,
        agent_id,
    } = caller
    else {
        return Err(Error::Unauthenticated);
    };
    store::sessions::session(&ctx.db, session_id)
        .await?
        .filter(|s| s.kind == "agent")
        .ok_or(Error::Unauthenticated)?;
    let agent = store::catalog::agent(&ctx.db, &agent_id.as_str().into())
        .await?
        .ok_or(Error::Unauthenticated)?;
    Ok(Caller::Agent(agent))
}

/// The agent a caller is; anyone else is not authenticated for the back office.
fn as_agent(caller: &Caller) -> Result<&Agent, Error> {
    match caller {
        Caller::Agent(agent) => Ok(agent),
        _ => Err(Error::Unauthenticated),
    }
}

/// The dossiers transmitted to the agent's administration, most recently changed first. A
/// status filter that names no status matches nothing.
pub async fn list(
    ctx: &Context,
    caller: &Caller,
    status: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<DossierRecord>, u64), Error> {
    let agent = as_agent(caller)?;
    match status.map(Status::parse) {
        Some(None) => Ok((Vec::new(), 0)),
        status => {
            let administration = &agent.administration;
            // One snapshot for the page and its total.
            let txn = crate::service::begin_read(&ctx.db).await?;
            let page = store::dossiers::page_transmitted_to(
                &txn,
                administration,
                status.flatten(),
                page,
                per_page,
            )
            .await?;
            txn.commit().await?;
            Ok(page)
        }
    }
}

/// Takes a transmitted (or answered) dossier: it is now in processing, assigned to the agent.
pub async fn take(
    ctx: &Context,
    grant: &Grant<Process>,
    dossier_id: &DossierId,
) -> Result<Dossier, Error> {
    decide(ctx, grant, dossier_id, Action::Take, None).await
}

/// A status an agent may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Back to processing.
    InProcessing,
    /// Ask the holder for information.
    InformationRequested,
    /// Close, accepted.
    Accepted,
    /// Close, rejected.
    Rejected,
}

impl Decision {
    /// Parses `in_processing`, `information_requested`, `accepted`, `rejected`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "in_processing" => Self::InProcessing,
            "information_requested" => Self::InformationRequested,
            "accepted" => Self::Accepted,
            "rejected" => Self::Rejected,
            _ => return Err(Error::invalid("status", Invalid::Choice)),
        })
    }

    fn action(self) -> Action {
        match self {
            Self::InProcessing => Action::Take,
            Self::InformationRequested => Action::RequestInformation,
            Self::Accepted => Action::Close(Outcome::Accepted),
            Self::Rejected => Action::Close(Outcome::Rejected),
        }
    }
}

/// Changes a dossier's status with a reason (mandatory except to resume processing).
pub async fn change_status(
    ctx: &Context,
    grant: &Grant<Process>,
    dossier_id: &DossierId,
    decision: Decision,
    reason: Option<String>,
) -> Result<Dossier, Error> {
    let reason = form::reason(reason)?;
    if reason.is_none() && decision != Decision::InProcessing {
        return Err(Error::invalid("reason", Invalid::Required));
    }
    decide(ctx, grant, dossier_id, decision.action(), reason).await
}

async fn decide(
    ctx: &Context,
    grant: &Grant<Process>,
    dossier_id: &DossierId,
    action: Action,
    reason: Option<String>,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let caller = grant.caller();
    let agent = as_agent(caller)?;
    let txn = dossiers::begin_write(&ctx.db).await?;
    let row = dossiers::load(&txn, grant, dossier_id).await?;
    let to = dossiers::transition(&txn, &row, action, grant.actor(), reason.clone(), now).await?;
    let outcome = match action {
        Action::Close(outcome) => Some(outcome),
        _ => None,
    };
    store::dossiers::assign(&txn, &row.id, &agent.id, outcome).await?;
    if to == Status::InformationRequested {
        if let Some(r) = &reason {
            messages::insert(&txn, &row.id, grant.actor(), r, now).await?;
        }
    }
    let notice = match to {
        Status::InformationRequested => Some(Notice::InformationRequested),
        Status::Closed => Some(Notice::Closed),
        _ => None,
    };
    if let Some(notice) = notice {
        notify(&txn, &row, notice, now).await?;
    }
    let status_notice = crate::domain::push::Notice::StatusChanged {
        dossier_id: row.id.to_string(),
    };
    super::push::notify_space_in(
        &txn,
        ctx,
        &row.space_id,
        Some(&row.procedure_id),
        &status_notice,
    )
    .await?;
    let issues = match action {
        Action::Close(Outcome::Accepted) => {
            super::catalog::version(&txn, &row.procedure_id, row.procedure_version)
                .await?
                .result_document
        }
        _ => None,
    };
    if let Some(document_type) = &issues {
        communications::issuance::queue_in(&txn, &row, document_type, now).await?;
    }
    txn.commit().await?;
    if notice.is_some() {
        ctx.mail_queued.notify_one();
    }
    ctx.push.queued.notify_one();
    if issues.is_some() {
        ctx.issuance_queued.notify_one();
    }
    dossiers::read_under(ctx, grant, dossier_id).await
}

/// Records a request received on paper for the person with `matricule`: it appears, transmitted,
/// in that person's private space.
pub async fn paper_request(
    ctx: &Context,
    caller: &Caller,
    procedure_id: &str,
    matricule: &str,
    data: Map<String, Value>,
) -> Result<Dossier, Error> {
    let matricule = crate::domain::text::single_line("matricule", matricule)?;
    let mut data = Value::Object(data);
    crate::domain::text::json_strings("data", &mut data)?;
    let Value::Object(data) = data else {
        return Err(Error::internal("paper request data is no longer an object"));
    };
    let now = ctx.now();
    let agent = as_agent(caller)?;
    let procedure = super::catalog::latest(&ctx.db, procedure_id)
        .await
        .map_err(|_| Error::invalid("procedure_id", Invalid::Choice))?;
    if procedure.administration != agent.administration.as_str() {
        return Err(Error::invalid("procedure_id", Invalid::Choice));
    }
    let person = store::persons::find_by_matricule(&ctx.db, matricule.trim())
        .await?
        .ok_or(Error::NotInRegister)?;
    let space = store::spaces::private_space_of(&ctx.db, &person.id)
        .await?
        .ok_or(Error::NotInRegister)?;
    let grant = access::authorize(ctx, caller, &space.id, Process).await?;
    let mut checked = Map::new();
    for (k, v) in data {
        let field = procedure
            .field(&k)
            .filter(|f| !f.read_only())
            .ok_or_else(|| Error::invalid(format!("data/{k}"), Invalid::UnknownField))?;
        let v = validate::value(field, &v).map_err(|r| Error::invalid(format!("data/{k}"), r))?;
        checked.insert(k, v);
    }
    let txn = dossiers::begin_write(&ctx.db).await?;
    let new = NewDossier {
        space_id: grant.space(),
        procedure_id,
        caller,
        role: None,
        channel: Channel::Paper,
        acting_person_id: None,
        mandate: None,
    };
    let id = dossiers::insert(&txn, &new, Status::Transmitted, Some(checked), now).await?;
    txn.commit().await?;
    dossiers::read_under(ctx, &grant, &id).await
}

/// Queues a notice to everyone in the space who hears about the dossier's procedure, each in
/// their language ([`super::recipients::of_space`]).
async fn notify<C: sea_orm::ConnectionTrait>(
    conn: &C,
    row: &DossierRecord,
    notice: Notice,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    let recipients =
        super::recipients::of_space(conn, &row.space_id, Some(&row.procedure_id)).await?;
    if recipients.is_empty() {
        return Ok(());
    }
    let procedure = super::catalog::version(conn, &row.procedure_id, row.procedure_version).await?;
    for r in recipients {
        let Some(email) = r.email else {
            continue;
        };
        let lang = r.language;
        let (subject, body) = dossier_notice(lang, notice, procedure.title.get(lang));
        outbox::enqueue(conn, &email, &subject, &body, now).await?;
    }
    Ok(())
}
