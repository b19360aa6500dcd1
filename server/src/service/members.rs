//! Co-workers of a collaborative space: invited by e-mail, accepted with the invitee's own
//! certificate, given rights per procedure, removed or leaving at once (the next request of a
//! removed member is refused, whatever token they hold: rights are read on every request).

use super::{Context, begin_write, catalog, registration::parse_matricule, tokens};
use crate::catalog::{mail_body, mail_invitation_body, mail_invitation_subject};
use crate::domain::{
    Error, Invalid, Language,
    ids::{DossierId, PersonId, SpaceId},
    members::{self, Invitation, ProcedureRights},
    profile::parse_email,
    rights::{AdministerMembers, Caller, Grant, MemberRights, ProcedureScope, Read, Role},
    spaces::{Access, Membership},
};
use crate::mail::outbox;
use crate::store::{self, members::Share};
use sea_orm::ConnectionTrait;
use std::collections::BTreeSet;
use time::{Duration, OffsetDateTime, format_description::well_known::Rfc3339};

/// A person in a space, as co-workers see them.
#[derive(Debug, Clone)]
pub struct Member {
    /// The person.
    pub person_id: PersonId,
    /// Their name, from the national register (their private space).
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their rights (members only).
    pub rights: MemberRights,
    /// Since when.
    pub since: OffsetDateTime,
}

/// What an administrator sends to invite a co-worker.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// Where the link goes.
    pub email: String,
    /// The national identification number the invitee must have, if named.
    pub matricule: Option<String>,
    /// `administrator` or `member`.
    pub role: String,
    /// Rights given on acceptance (members).
    pub rights: Vec<ProcedureRights>,
    /// The mail's language.
    pub language: Language,
}

/// Checks rights against the catalog: every procedure named exists (`*` aside).
async fn checked_rights<C: ConnectionTrait>(
    conn: &C,
    field: &str,
    given: &[ProcedureRights],
) -> Result<Vec<(ProcedureScope, BTreeSet<String>)>, Error> {
    let parsed = members::parse_rights(field, given)?;
    for (i, (scope, _)) in parsed.iter().enumerate() {
        if let ProcedureScope::One(id) = scope {
            if catalog::latest(conn, id).await.is_err() {
                return Err(Error::invalid(
                    format!("{field}/{i}/procedure"),
                    Invalid::Choice,
                ));
            }
        }
    }
    Ok(parsed)
}

/// The space under `grant`, refused with [`Error::NotCollaborative`] unless co-workers may be
/// invited to it.
async fn collaborative<C: ConnectionTrait, R: crate::domain::rights::Right>(
    conn: &C,
    grant: &Grant<R>,
) -> Result<crate::domain::spaces::Space, Error> {
    let space = store::spaces::find(conn, grant.space())
        .await?
        .ok_or(Error::NotFound)?;
    if space.collaborative {
        Ok(space)
    } else {
        Err(Error::NotCollaborative)
    }
}

/// The display name of `person`: given and family names from their private space.
async fn name_of<C: ConnectionTrait>(conn: &C, person: &PersonId) -> Result<String, Error> {
    let Some(space) = store::spaces::private_space_of(conn, person).await? else {
        return Ok(person.to_string());
    };
    Ok(store::spaces::profile(conn, &space.id)
        .await?
        .map(|p| format!("{} {}", p.given_names, p.family_name))
        .unwrap_or_else(|| person.to_string()))
}

/// Invites a co-worker: the link goes by mail, valid `spaces.invitation_ttl_hours`; only its
/// hash is kept.
pub async fn invite(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
    new: NewInvitation,
    request_id: &str,
) -> Result<Invitation, Error> {
    let now = ctx.now();
    let email = crate::domain::text::single_line("email", &new.email)?;
    let email = parse_email(&email).map_err(|r| Error::invalid("email", r))?;
    let matricule = new
        .matricule
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| parse_matricule(m).map(|m| m.as_str().to_string()))
        .transpose()?;
    let role = members::parse_role("role", &new.role)?;
    let space = collaborative(&ctx.db, grant).await?;
    checked_rights(&ctx.db, "rights", &new.rights).await?;
    let Caller::Person(inviter) = grant.caller() else {
        return Err(Error::NotFound);
    };
    let token = tokens::generate("inv_");
    let invitation = Invitation {
        id: uuid::Uuid::now_v7().to_string(),
        space_id: space.id.clone(),
        email: email.clone(),
        matricule,
        role,
        rights: if role == Role::Member {
            new.rights
        } else {
            Vec::new()
        },
        invited_by: inviter.clone(),
        language: new.language.code().to_string(),
        created_at: now,
        expires_at: now + Duration::hours(ctx.config.spaces.invitation_ttl_hours),
        accepted_by: None,
        accepted_at: None,
        revoked_at: None,
    };
    // The token travels in the fragment, which browsers never send: it stays out of logs.
    let link = format!(
        "{}/invitation#token={token}",
        ctx.config.public_url.trim_end_matches('/')
    );
    let inviter_name = name_of(&ctx.db, inviter).await?;
    let expires = invitation
        .expires_at
        .format(&Rfc3339)
        .map_err(Error::internal)?;
    let lang = new.language;
    let subject = mail_invitation_subject(lang).into_owned();
    let body = mail_body(mail_invitation_body(
        lang,
        &inviter_name,
        &space.name,
        &link,
        &expires,
    ));
    let txn = begin_write(&ctx.db).await?;
    store::members::insert_invitation(&txn, &invitation, &tokens::hash(&token)).await?;
    outbox::enqueue(&txn, &email, &subject, &body, now).await?;
    let access = Access::under(grant, "member.invite", format!("role {role}"), request_id);
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    ctx.mail_queued.notify_one();
    Ok(invitation)
}

/// The invitations of the grant's space, newest first.
pub async fn invitations(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
) -> Result<Vec<Invitation>, Error> {
    store::members::invitations(&ctx.db, grant.space()).await
}

/// Withdraws an open invitation; its link stops working at once.
pub async fn withdraw(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
    id: &str,
    request_id: &str,
) -> Result<Invitation, Error> {
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let invitation = store::members::invitation(&txn, grant.space(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if !store::members::revoke_invitation(&txn, id, now).await? {
        return Err(match invitation.accepted_at {
            Some(_) => Error::InvitationUsed,
            None => Error::InvitationExpired,
        });
    }
    let access = Access::under(
        grant,
        "member.invitation_withdrawn",
        "invitation",
        request_id,
    );
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    store::members::invitation(&ctx.db, grant.space(), id)
        .await?
        .ok_or(Error::NotFound)
}

/// Accepts an invitation as `person` (signed in with their own certificate): they join the
/// space with the role and rights it gives. The link works once, until it expires, and only
/// for the person it names.
pub async fn accept(
    ctx: &Context,
    person: &PersonId,
    token: &str,
    request_id: &str,
) -> Result<Membership, Error> {
    let now = ctx.now();
    let me = super::person(ctx, person).await?;
    let txn = begin_write(&ctx.db).await?;
    let invitation = store::members::invitation_by_token(&txn, &tokens::hash(token.trim()))
        .await?
        .ok_or(Error::InvitationUnknown)?;
    invitation.check_acceptance(&me.matricule, now)?;
    let space_id = invitation.space_id.clone();
    if store::spaces::role_of(&txn, &space_id, person)
        .await?
        .is_some()
    {
        return Err(Error::AlreadyMember);
    }
    if !store::members::accept_invitation(&txn, &invitation.id, person, now).await? {
        return Err(Error::InvitationUsed);
    }
    store::spaces::add_holder(&txn, &space_id, person, invitation.role, now).await?;
    if invitation.role == Role::Member {
        let rights = members::parse_rights("rights", &invitation.rights)?;
        store::members::set_rights(&txn, &space_id, person, &rights).await?;
    }
    let access = Access::by_person(
        &space_id,
        person.as_str(),
        Some(invitation.role),
        "member.join",
        format!("role {}", invitation.role),
    )
    .in_request(request_id);
    store::access_log::record(&txn, access, now).await?;
    let space = store::spaces::find(&txn, &space_id)
        .await?
        .ok_or(Error::NotFound)?;
    txn.commit().await?;
    Ok(Membership {
        space,
        role: invitation.role,
    })
}

/// The people in the grant's space with their roles (and, for members, their rights).
pub async fn list(ctx: &Context, grant: &Grant<Read>) -> Result<Vec<Member>, Error> {
    let mut out = Vec::new();
    for (person_id, role, since) in store::spaces::members(&ctx.db, grant.space()).await? {
        let rights = match role {
            Role::Member => store::members::rights(&ctx.db, grant.space(), &person_id).await?,
            _ => MemberRights::default(),
        };
        out.push(Member {
            name: name_of(&ctx.db, &person_id).await?,
            person_id,
            role,
            rights,
            since,
        });
    }
    Ok(out)
}

/// How many administrators (or holders) `space` has.
async fn administrators<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<usize, Error> {
    Ok(store::spaces::members(conn, space)
        .await?
        .iter()
        .filter(|(_, role, _)| matches!(role, Role::Administrator | Role::Holder))
        .count())
}

/// Sets a member's role and rights. Making someone administrator hands the role over (the
/// giver may then step down); the last administrator cannot step down
/// ([`Error::LastAdministrator`]).
pub async fn set(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
    person: &PersonId,
    role: &str,
    rights: &[ProcedureRights],
    request_id: &str,
) -> Result<Member, Error> {
    let role = members::parse_role("role", role)?;
    let parsed = checked_rights(&ctx.db, "rights", rights).await?;
    let now = ctx.now();
    let space = grant.space();
    let txn = begin_write(&ctx.db).await?;
    let current = store::spaces::role_of(&txn, space, person)
        .await?
        .ok_or(Error::NotFound)?;
    if current == Role::Holder {
        return Err(Error::LastAdministrator);
    }
    if current == Role::Administrator
        && role != Role::Administrator
        && administrators(&txn, space).await? <= 1
    {
        return Err(Error::LastAdministrator);
    }
    store::spaces::set_role(&txn, space, person, role).await?;
    if role == Role::Member {
        store::members::set_rights(&txn, space, person, &parsed).await?;
    } else {
        store::members::set_rights(&txn, space, person, &[]).await?;
    }
    let access = Access::under(grant, "member.update", format!("role {role}"), request_id);
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    list_one(ctx, space, person).await
}

async fn list_one(ctx: &Context, space: &SpaceId, person: &PersonId) -> Result<Member, Error> {
    let (_, role, since) = store::spaces::members(&ctx.db, space)
        .await?
        .into_iter()
        .find(|(p, _, _)| p == person)
        .ok_or(Error::NotFound)?;
    Ok(Member {
        name: name_of(&ctx.db, person).await?,
        person_id: person.clone(),
        role,
        rights: store::members::rights(&ctx.db, space, person).await?,
        since,
    })
}

/// Removes `person` from the space (an administrator's grant), or lets the caller leave (a
/// read grant of their own). Effective at once; the last administrator stays.
pub async fn remove<R: crate::domain::rights::Right>(
    ctx: &Context,
    grant: &Grant<R>,
    person: &PersonId,
    request_id: &str,
) -> Result<(), Error> {
    let now = ctx.now();
    let space = grant.space();
    let leaving = matches!(grant.caller(), Caller::Person(p) if p == person);
    let txn = begin_write(&ctx.db).await?;
    let role = store::spaces::role_of(&txn, space, person)
        .await?
        .ok_or(Error::NotFound)?;
    if role == Role::Holder
        || (role == Role::Administrator && administrators(&txn, space).await? <= 1)
    {
        return Err(Error::LastAdministrator);
    }
    store::members::clear_rights(&txn, space, person).await?;
    store::spaces::remove_holder(&txn, space, person).await?;
    let (action, detail) = if leaving {
        ("member.leave", "left".to_string())
    } else {
        ("member.remove", format!("person {person}"))
    };
    let access = Access::under(grant, action, detail, request_id);
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Shares a dossier of the grant's space with one of its members, with `rights` on it
/// (`fill`, `sign`, `transmit`; reading is implied).
pub async fn share(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
    dossier: &DossierId,
    person: &PersonId,
    rights: &[String],
    request_id: &str,
) -> Result<Vec<Share>, Error> {
    let rights = members::parse_share_rights("rights", rights)?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let record = super::dossiers::load(&txn, grant, dossier).await?;
    match store::spaces::role_of(&txn, grant.space(), person).await? {
        Some(Role::Member) => {}
        _ => return Err(Error::invalid("person_id", Invalid::Choice)),
    }
    let Caller::Person(by) = grant.caller() else {
        return Err(Error::NotFound);
    };
    let share = Share {
        person_id: person.clone(),
        rights,
        shared_by: by.clone(),
        shared_at: now,
    };
    store::members::share(&txn, grant.space(), &record.id, &share).await?;
    let access = Access::under(
        grant,
        "dossier.share",
        format!("dossier {dossier}"),
        request_id,
    );
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    store::members::shares(&ctx.db, dossier).await
}

/// Stops sharing a dossier with a member.
pub async fn unshare(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
    dossier: &DossierId,
    person: &PersonId,
    request_id: &str,
) -> Result<(), Error> {
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let record = super::dossiers::load(&txn, grant, dossier).await?;
    if !store::members::unshare(&txn, &record.id, person).await? {
        return Err(Error::NotFound);
    }
    let access = Access::under(
        grant,
        "dossier.unshare",
        format!("dossier {dossier}"),
        request_id,
    );
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Who a dossier of the grant's space is shared with.
pub async fn shares(
    ctx: &Context,
    grant: &Grant<AdministerMembers>,
    dossier: &DossierId,
) -> Result<Vec<Share>, Error> {
    let record = super::dossiers::load(&ctx.db, grant, dossier).await?;
    store::members::shares(&ctx.db, &record.id).await
}
