//! The back office: agents sign in with their own certificates and work the dossiers
//! transmitted to their administration; they also record paper requests.

use super::{
    Context, communications, db,
    dossiers::{self, Actor, Dossier, NewDossier, form, messages},
    signin::{self, Caller, Tokens},
};
use crate::domain::{
    Error, Invalid, Language,
    dossiers::{Action, Outcome, Status},
    procedures::validate,
};
use crate::mail::{
    dossier_notice::{Notice, dossier_notice},
    outbox,
};
use crate::store::entities::{agents, dossiers as rows, persons, profiles, sessions, spaces};
use guichet_identity::Usage;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr};
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
    let agent = agents::Entity::find()
        .filter(agents::Column::Matricule.eq(identity.matricule.as_str()))
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::Unauthenticated)?;
    let txn = dossiers::begin_write(&ctx.db).await?;
    let session_id =
        signin::new_session(&txn, "agent", Some(agent.id.clone()), &identity, None, now).await?;
    let tokens = signin::issue_tokens(ctx, &txn, &session_id, now).await?;
    txn.commit().await.map_err(db)?;
    Ok(tokens)
}

/// The agent behind a caller; anyone else is not authenticated for the back office.
pub async fn agent(ctx: &Context, caller: &Caller) -> Result<agents::Model, Error> {
    let Caller::Agent {
        session_id,
        agent_id,
    } = caller
    else {
        return Err(Error::Unauthenticated);
    };
    sessions::Entity::find_by_id(session_id.clone())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .filter(|s| s.kind == "agent")
        .ok_or(Error::Unauthenticated)?;
    agents::Entity::find_by_id(agent_id.clone())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::Unauthenticated)
}

/// The dossiers transmitted to the agent's administration, most recently changed first.
pub async fn list(
    ctx: &Context,
    agent: &agents::Model,
    status: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<rows::Model>, u64), Error> {
    let mut select = rows::Entity::find()
        .filter(rows::Column::AdministrationId.eq(agent.administration_id.clone()))
        .filter(rows::Column::TransmittedAt.is_not_null());
    if let Some(s) = status {
        select = select.filter(rows::Column::Status.eq(s));
    }
    let paginator = select
        .order_by_desc(rows::Column::UpdatedAt)
        .order_by_desc(rows::Column::Id)
        .paginate(&ctx.db, per_page.clamp(1, 100));
    let total = paginator.num_items().await.map_err(db)?;
    let list = paginator.fetch_page(page.max(1) - 1).await.map_err(db)?;
    Ok((list, total))
}

/// Takes a transmitted (or answered) dossier: it is now in processing, assigned to the agent.
pub async fn take(
    ctx: &Context,
    agent: &agents::Model,
    dossier_id: &str,
) -> Result<Dossier, Error> {
    decide(ctx, agent, dossier_id, Action::Take, None).await
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
    agent: &agents::Model,
    dossier_id: &str,
    decision: Decision,
    reason: Option<String>,
) -> Result<Dossier, Error> {
    let reason = form::reason(reason)?;
    if reason.is_none() && decision != Decision::InProcessing {
        return Err(Error::invalid("reason", Invalid::Required));
    }
    decide(ctx, agent, dossier_id, decision.action(), reason).await
}

async fn decide(
    ctx: &Context,
    agent: &agents::Model,
    dossier_id: &str,
    action: Action,
    reason: Option<String>,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let txn = dossiers::begin_write(&ctx.db).await?;
    let row = dossiers::for_agent(&txn, dossier_id, agent).await?;
    let to =
        dossiers::transition(&txn, &row, action, Actor::Agent(agent), reason.clone(), now).await?;
    let mut update = rows::Entity::update_many().col_expr(
        rows::Column::AssignedAgentId,
        Expr::value(Some(agent.id.clone())),
    );
    if let Action::Close(outcome) = action {
        update = update.col_expr(rows::Column::Outcome, Expr::value(Some(outcome.as_str())));
    }
    update
        .filter(rows::Column::Id.eq(row.id.clone()))
        .exec(&txn)
        .await
        .map_err(db)?;
    if to == Status::InformationRequested {
        if let Some(r) = &reason {
            messages::insert(&txn, &row.id, Actor::Agent(agent), r, now).await?;
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
        dossier_id: row.id.clone(),
    };
    super::push::notify_space_in(&txn, ctx, &row.space_id, &status_notice).await?;
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
    txn.commit().await.map_err(db)?;
    if notice.is_some() {
        ctx.mail_queued.notify_one();
    }
    ctx.push.queued.notify_one();
    if issues.is_some() {
        ctx.issuance_queued.notify_one();
    }
    dossiers::read(ctx, dossier_id, Actor::Agent(agent)).await
}

/// Records a request received on paper for the person with `matricule`: it appears, transmitted,
/// in that person's private space.
pub async fn paper_request(
    ctx: &Context,
    agent: &agents::Model,
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
    let procedure = super::catalog::latest(&ctx.db, procedure_id)
        .await
        .map_err(|_| Error::invalid("procedure_id", Invalid::Choice))?;
    if procedure.administration != agent.administration_id {
        return Err(Error::invalid("procedure_id", Invalid::Choice));
    }
    let person = persons::Entity::find()
        .filter(persons::Column::Matricule.eq(matricule.trim()))
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotInRegister)?;
    let space = spaces::Entity::find()
        .filter(spaces::Column::PrivateOwnerId.eq(person.id.clone()))
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotInRegister)?;
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
        space_id: &space.id,
        procedure_id,
        actor: Actor::Agent(agent),
        channel: "paper",
        acting_person_id: None,
    };
    let id = dossiers::insert(&txn, &new, Status::Transmitted, Some(checked), now).await?;
    txn.commit().await.map_err(db)?;
    dossiers::read(ctx, &id, Actor::Agent(agent)).await
}

/// What an agent opened, recorded in the space's access log (the holder sees who read what).
async fn record_read(
    ctx: &Context,
    agent: &agents::Model,
    space_id: &str,
    what: &str,
    request_id: &str,
) -> Result<(), Error> {
    let access = crate::domain::spaces::Access {
        space_id: space_id.into(),
        actor: agent.id.to_string(),
        action: "dossier.read_by_agent",
        detail: format!("{what} ({})", agent.administration_id),
        request_id: request_id.chars().take(64).collect(),
    };
    crate::store::access_log::record(&ctx.db, access, ctx.now()).await
}

/// Reads a dossier for an agent, and records the read in the space's access log.
pub async fn read(
    ctx: &Context,
    agent: &agents::Model,
    dossier_id: &str,
    request_id: &str,
) -> Result<Dossier, Error> {
    let d = dossiers::read(ctx, dossier_id, Actor::Agent(agent)).await?;
    record_read(
        ctx,
        agent,
        &d.row.space_id,
        &format!("dossier {dossier_id}"),
        request_id,
    )
    .await?;
    Ok(d)
}

/// Downloads a supporting document for an agent, and records it in the space's access log.
pub async fn download(
    ctx: &Context,
    agent: &agents::Model,
    dossier_id: &str,
    attachment_id: &str,
    request_id: &str,
) -> Result<crate::store::entities::dossier_attachments::Model, Error> {
    let row = dossiers::for_agent(&ctx.db, dossier_id, agent).await?;
    let a = dossiers::attachments::download(ctx, dossier_id, Actor::Agent(agent), attachment_id)
        .await?;
    record_read(
        ctx,
        agent,
        &row.space_id,
        &format!("attachment {attachment_id}"),
        request_id,
    )
    .await?;
    Ok(a)
}

/// Queues a notice to the space's contact e-mail, in its preferred language.
async fn notify<C: sea_orm::ConnectionTrait>(
    conn: &C,
    row: &rows::Model,
    notice: Notice,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    let Some(profile) = profiles::Entity::find_by_id(row.space_id.clone())
        .one(conn)
        .await
        .map_err(db)?
    else {
        return Ok(());
    };
    let Some(email) = profile.email else {
        return Ok(());
    };
    let lang = profile
        .preferred_language
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or_default();
    let procedure = super::catalog::version(conn, &row.procedure_id, row.procedure_version).await?;
    let (subject, body) = dossier_notice(lang, notice, procedure.title.get(lang));
    outbox::enqueue(conn, &email, &subject, &body, now)
        .await
        .map_err(db)?;
    Ok(())
}
