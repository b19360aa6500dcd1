//! Per-domain delivery: the social security centre's documents for a domain go by post (a letter
//! listed for the operator to print) until the certified space first uses the domain (starts a
//! procedure of it); from then on they are delivered into the space's communications, announced
//! by mail and push.

use crate::domain::{
    Error, Invalid, Language,
    communications::Kind,
    ids::{CommunicationId, SpaceId},
    mandates::{CCSS, Domain, MandateKind, parse_domain},
    rights::{Caller, Fill, Grant, Role},
};
use crate::service::{
    Context, begin_write,
    communications::{
        NewCommunication, deliver,
        letters::{NewLetter, checked},
        wake_notices,
    },
};
use crate::store::{self, postal::NewLetter as NewPostal};
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

/// The domain `procedure` needs, if any; refused when the grant may not start it there: a
/// mandatary is already limited to the mandated domains' procedures, anyone else needs the
/// space certified for the domain (its main mandate).
pub(crate) async fn domain_for_start<C: ConnectionTrait>(
    conn: &C,
    grant: &Grant<Fill>,
    procedure: &str,
) -> Result<Option<Domain>, Error> {
    let Ok(p) = crate::service::catalog::latest(conn, procedure).await else {
        return Ok(None);
    };
    let Some(domain) = p.domain.as_deref().and_then(Domain::from_slug) else {
        return Ok(None);
    };
    if grant.role() != Some(Role::Mandatary)
        && !store::mandates::active(conn, grant.space(), domain, MandateKind::Main, None).await?
    {
        return Err(Error::invalid("procedure_id", Invalid::NotCertified));
    }
    Ok(Some(domain))
}

/// Records the first use of `domain` in `space`: its documents are delivered there from now on.
pub(crate) async fn first_use<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    domain: Domain,
    now: OffsetDateTime,
) -> Result<(), Error> {
    if store::mandates::start_edelivery(conn, space, domain, now).await? {
        tracing::info!(%space, domain = domain.slug(), "eDelivery on at the domain's first use");
    }
    Ok(())
}

/// Where a domain letter went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Into the space's communications.
    Space(CommunicationId),
    /// Listed for the post (the letter's id).
    Post(String),
}

/// An agent of the social security centre sends a letter of `domain` to the employer with
/// `employer_number`: into its certified space once the domain is in use there, by post until
/// then. Another administration's agent, or an unknown employer, gets `NotFound`.
pub async fn send_domain_letter(
    ctx: &Context,
    caller: &Caller,
    employer_number: &str,
    domain: &str,
    letter: NewLetter,
    lang: Language,
) -> Result<Delivered, Error> {
    let Caller::Agent(agent) = caller else {
        return Err(Error::Unauthenticated);
    };
    if agent.administration.as_str() != CCSS {
        return Err(Error::NotFound);
    }
    let domain = parse_domain("domain", domain)?;
    let (title, body, file) = checked(letter)?;
    let space = store::mandates::space_of_employer(&ctx.db, employer_number.trim())
        .await?
        .ok_or(Error::NotFound)?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let electronic = store::mandates::edelivery_since(&txn, &space, domain)
        .await?
        .is_some();
    let delivered = if electronic {
        let new = NewCommunication {
            id: CommunicationId::generate(),
            space_id: &space,
            kind: Kind::Letter,
            administration_id: &agent.administration,
            dossier_id: None,
            document_number: None,
            key_id: None,
            title,
            body: Some(body),
            language: lang,
            file,
            seal_text: None,
            issuance_job_id: None,
            verification_code_hash: None,
        };
        Delivered::Space(deliver(&txn, ctx, new, now).await?)
    } else {
        let postal = NewPostal {
            space: &space,
            administration: agent.administration.as_str(),
            domain: Some(domain),
            title: &title,
            body: Some(&body),
            file: file
                .as_ref()
                .map(|f| (f.name.as_str(), f.content.as_slice())),
            communication: None,
        };
        Delivered::Post(store::postal::insert(&txn, postal, now).await?)
    };
    txn.commit().await?;
    if electronic {
        wake_notices(ctx);
    }
    Ok(delivered)
}
