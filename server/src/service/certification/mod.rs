//! Certification of a professional space and mandates per domain: the holder enters a holder
//! access code with the security code chosen in the request (the main mandate), a mandatary's
//! administrator enters a mandatary access code with the mandatary security code (a mandate of
//! the accountant's space for the employer), the holder lists and revokes mandates or uses a
//! revocation code. Every code entry is in the access log, and wrong codes lock code entry per
//! space and per code ([`guard`]).

pub mod delivery;
mod guard;
pub mod letter;

use super::{Context, begin_write};
use crate::catalog::{mail_body, mail_mandate_revoked_body, mail_mandate_revoked_subject};
use crate::domain::{
    Error, Invalid,
    ids::SpaceId,
    mandates::{CodeKind, Domain, MandateKind, codes, parse_domain},
    rights::{ActUnderMandate, Caller, Grant, ManageMandates},
    spaces::Access,
};
use crate::mail::outbox;
use crate::store::{self, mandates::MandateRow};
use guard::Attempt;
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

/// A mandate as its employer and its mandatary see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    /// Id.
    pub id: String,
    /// The domain.
    pub domain: Domain,
    /// Main (the employer's own) or a mandatary's.
    pub kind: MandateKind,
    /// The employer's space.
    pub employer_space: SpaceId,
    /// The employer's name (its space's).
    pub employer_name: String,
    /// The space acting under it.
    pub holder_space: SpaceId,
    /// That space's name.
    pub holder_name: String,
    /// Since when.
    pub created_at: OffsetDateTime,
    /// When it was revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
}

/// One domain of a space: certified or not, and how its documents reach the space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainState {
    /// The domain.
    pub domain: Domain,
    /// The active main mandate, when the space is certified for it.
    pub main_mandate: Option<String>,
    /// Since when the domain's documents are delivered into the space (none: by post).
    pub edelivery_since: Option<OffsetDateTime>,
}

/// A space's certifications: its domains and the mandates it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certifications {
    /// The employer number the codes were issued for, once the centre accepted a request.
    pub employer_number: Option<String>,
    /// Every domain.
    pub domains: Vec<DomainState>,
    /// The mandates given (main and mandataries'), revoked ones included, oldest first.
    pub mandates: Vec<Mandate>,
}

async fn space_name<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<String, Error> {
    Ok(store::spaces::find(conn, space)
        .await?
        .map(|s| s.name)
        .unwrap_or_default())
}

async fn view<C: ConnectionTrait>(conn: &C, row: MandateRow) -> Result<Mandate, Error> {
    Ok(Mandate {
        domain: Domain::from_slug(&row.domain)
            .ok_or_else(|| Error::internal(format!("stored domain {}", row.domain)))?,
        kind: MandateKind::parse(&row.kind)
            .ok_or_else(|| Error::internal(format!("stored mandate kind {}", row.kind)))?,
        employer_name: space_name(conn, &row.employer_space_id).await?,
        holder_name: space_name(conn, &row.holder_space_id).await?,
        id: row.id,
        employer_space: row.employer_space_id,
        holder_space: row.holder_space_id,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
    })
}

/// The certifications of the grant's space.
pub async fn certifications(
    ctx: &Context,
    grant: &Grant<ManageMandates>,
) -> Result<Certifications, Error> {
    let space = grant.space();
    let rows = store::mandates::given(&ctx.db, space).await?;
    let mut domains = Vec::new();
    for d in Domain::ALL {
        domains.push(DomainState {
            domain: d,
            main_mandate: rows
                .iter()
                .find(|r| {
                    r.domain == d.slug()
                        && r.kind == MandateKind::Main.as_str()
                        && r.revoked_at.is_none()
                })
                .map(|r| r.id.clone()),
            edelivery_since: store::mandates::edelivery_since(&ctx.db, space, d).await?,
        });
    }
    let mut mandates = Vec::with_capacity(rows.len());
    for r in rows {
        mandates.push(view(&ctx.db, r).await?);
    }
    Ok(Certifications {
        employer_number: store::mandates::employer_number(&ctx.db, space).await?,
        domains,
        mandates,
    })
}

fn person(grant_caller: &Caller) -> Result<crate::domain::ids::PersonId, Error> {
    match grant_caller {
        Caller::Person(p) => Ok(p.clone()),
        _ => Err(Error::NotFound),
    }
}

/// Certifies the grant's space for `domain` with the holder access code and the holder's
/// security code: the main mandate.
pub async fn certify(
    ctx: &Context,
    grant: &Grant<ManageMandates>,
    domain: &str,
    access_code: &str,
    security_code: &str,
    request_id: &str,
) -> Result<Mandate, Error> {
    let domain = parse_domain("domain", domain)?;
    let code = codes::Code::parse("access_code", access_code)?;
    let by = person(grant.caller())?;
    let space = grant.space().clone();
    let attempt = Attempt {
        grant_space: &space,
        code_subject: format!("holder:{space}:{}", domain.slug()),
        action: "certification.add",
        detail: domain.slug().to_string(),
        request_id,
    };
    let candidates =
        store::mandates::usable_codes(&ctx.db, &space, domain, CodeKind::Holder).await?;
    let found = guard::check(
        ctx,
        grant,
        &attempt,
        &candidates,
        code.secret(),
        security_code,
    )
    .await?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    if !store::mandates::use_code(&txn, &found.id, now).await? {
        txn.rollback().await?;
        return Err(Error::CodeRejected);
    }
    let id = store::mandates::insert_mandate(
        &txn,
        store::mandates::NewMandate {
            employer: &space,
            domain,
            kind: MandateKind::Main,
            holder: &space,
            code_id: &found.id,
            created_by: &by,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    let row = store::mandates::mandate(&ctx.db, &id)
        .await?
        .ok_or(Error::NotFound)?;
    view(&ctx.db, row).await
}

/// The mandates the grant's space (an accountant's) acts under: the employers it may act for,
/// per domain.
pub async fn employers(
    ctx: &Context,
    grant: &Grant<ActUnderMandate>,
) -> Result<Vec<Mandate>, Error> {
    let rows = store::mandates::obtained(&ctx.db, grant.space()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(view(&ctx.db, r).await?);
    }
    Ok(out)
}

/// Adds access for the grant's space (an accountant's) to the employer with `employer_number`
/// in `domain`, with the mandatary access code and the mandatary security code the employer
/// handed over: a mandate. The codes name the mandatary (the caller's national identification
/// number); the employer's own space cannot be its mandatary.
#[allow(clippy::too_many_arguments)]
pub async fn add_access(
    ctx: &Context,
    grant: &Grant<ActUnderMandate>,
    employer_number: &str,
    domain: &str,
    access_code: &str,
    security_code: &str,
    request_id: &str,
) -> Result<Mandate, Error> {
    let domain = parse_domain("domain", domain)?;
    let employer_number = employer_number.trim();
    if employer_number.is_empty() || employer_number.len() > 16 {
        return Err(Error::invalid("employer_number", Invalid::Format));
    }
    let code = codes::Code::parse("access_code", access_code)?;
    let security = codes::Code::parse("security_code", security_code)?;
    let by = person(grant.caller())?;
    let matricule = store::persons::find(&ctx.db, &by)
        .await?
        .map(|p| p.matricule)
        .ok_or(Error::NotFound)?;
    let space = grant.space().clone();
    let attempt = Attempt {
        grant_space: &space,
        code_subject: format!("mandatary:{employer_number}:{}:{matricule}", domain.slug()),
        action: "mandate.add",
        detail: format!("{employer_number} {}", domain.slug()),
        request_id,
    };
    let candidates =
        store::mandates::mandatary_codes(&ctx.db, employer_number, domain, &matricule).await?;
    let found = guard::check(
        ctx,
        grant,
        &attempt,
        &candidates,
        code.secret(),
        security.secret(),
    )
    .await?;
    if found.space_id == space {
        return Err(Error::invalid("employer_number", Invalid::Choice));
    }
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    if !store::mandates::use_code(&txn, &found.id, now).await? {
        txn.rollback().await?;
        return Err(Error::CodeRejected);
    }
    let id = store::mandates::insert_mandate(
        &txn,
        store::mandates::NewMandate {
            employer: &found.space_id,
            domain,
            kind: MandateKind::Mandatary,
            holder: &space,
            code_id: &found.id,
            created_by: &by,
        },
        now,
    )
    .await?;
    // The employer sees in its own access log which space now acts for it.
    let seen_by_employer = Access::by_person(
        &found.space_id,
        by.as_str(),
        Some(crate::domain::rights::Role::Mandatary),
        "mandate.granted",
        format!("{id} {} {space}", domain.slug()),
    )
    .in_request(request_id);
    store::access_log::record(&txn, seen_by_employer, now).await?;
    txn.commit().await?;
    let row = store::mandates::mandate(&ctx.db, &id)
        .await?
        .ok_or(Error::NotFound)?;
    view(&ctx.db, row).await
}

/// Revokes mandate `id` of the grant's space, at once; its mandatary's space is told by mail.
pub async fn revoke(
    ctx: &Context,
    grant: &Grant<ManageMandates>,
    id: &str,
    request_id: &str,
) -> Result<Mandate, Error> {
    let by = person(grant.caller())?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let row = store::mandates::mandate(&txn, id)
        .await?
        .filter(|m| &m.employer_space_id == grant.space())
        .ok_or(Error::NotFound)?;
    let revoked = store::mandates::revoke(&txn, grant.space(), Some(id), None, &by, now).await?;
    notify_revoked(&txn, ctx, grant.space(), &revoked, now).await?;
    let access = Access::under(
        grant,
        "mandate.revoke",
        format!("{id} {}", row.domain),
        request_id,
    );
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    ctx.mail_queued.notify_one();
    let row = store::mandates::mandate(&ctx.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    view(&ctx.db, row).await
}

/// Uses a revocation code of `domain`: every mandate of the domain (main and mandataries')
/// ends at once and the domain's unused codes stop working; mandataries are told by mail.
pub async fn revoke_with_code(
    ctx: &Context,
    grant: &Grant<ManageMandates>,
    domain: &str,
    revocation_code: &str,
    request_id: &str,
) -> Result<Vec<Mandate>, Error> {
    let domain = parse_domain("domain", domain)?;
    let code = codes::Code::parse("revocation_code", revocation_code)?;
    let by = person(grant.caller())?;
    let space = grant.space().clone();
    let attempt = Attempt {
        grant_space: &space,
        code_subject: format!("revocation:{space}:{}", domain.slug()),
        action: "certification.revoke",
        detail: domain.slug().to_string(),
        request_id,
    };
    let candidates =
        store::mandates::usable_codes(&ctx.db, &space, domain, CodeKind::Revocation).await?;
    let found = guard::check_code_only(ctx, grant, &attempt, &candidates, code.secret()).await?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    if !store::mandates::use_code(&txn, &found.id, now).await? {
        txn.rollback().await?;
        return Err(Error::CodeRejected);
    }
    store::mandates::void_codes(&txn, &space, domain, now).await?;
    let revoked = store::mandates::revoke(&txn, &space, None, Some(domain), &by, now).await?;
    notify_revoked(&txn, ctx, &space, &revoked, now).await?;
    txn.commit().await?;
    ctx.mail_queued.notify_one();
    let mut out = Vec::with_capacity(revoked.len());
    for r in revoked {
        if let Some(row) = store::mandates::mandate(&ctx.db, &r.id).await? {
            out.push(view(&ctx.db, row).await?);
        }
    }
    Ok(out)
}

/// Mails the administrators of every mandatary's space whose mandate was revoked.
async fn notify_revoked<C: ConnectionTrait>(
    conn: &C,
    _ctx: &Context,
    employer: &SpaceId,
    revoked: &[MandateRow],
    now: OffsetDateTime,
) -> Result<(), Error> {
    let employer_name = space_name(conn, employer).await?;
    for m in revoked
        .iter()
        .filter(|m| m.kind == MandateKind::Mandatary.as_str())
    {
        let Some(domain) = Domain::from_slug(&m.domain) else {
            continue;
        };
        for r in super::recipients::of_space(conn, &m.holder_space_id, None).await? {
            let Some(email) = r.email else {
                continue;
            };
            let name = crate::service::certification::letter::domain_name(r.language, domain);
            let subject = mail_mandate_revoked_subject(r.language).into_owned();
            let body = mail_body(mail_mandate_revoked_body(r.language, &employer_name, &name));
            outbox::enqueue(conn, &email, &subject, &body, now).await?;
        }
    }
    Ok(())
}
