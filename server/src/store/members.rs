//! Who works in a collaborative space: each person's standing (role and rights), the rights an
//! administrator gave per procedure, dossiers shared with members, and invitations.

use super::entities::{dossier_shares, member_rights, space_invitations};
use crate::domain::{
    Error,
    ids::{DossierId, PersonId, SpaceId},
    members::Invitation,
    rights::{MemberRights, ProcedureScope, Role, Standing},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use std::collections::BTreeSet;
use time::OffsetDateTime;

fn names(list: &str) -> BTreeSet<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn joined(rights: &BTreeSet<String>) -> String {
    rights.iter().cloned().collect::<Vec<_>>().join(",")
}

/// `person`'s standing in `space`: their role, for a member the rights given, for a mandatary
/// (an administrator of a space holding mandates from this one) the mandates.
pub async fn standing<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
) -> Result<Option<Standing>, Error> {
    let Some(role) = super::spaces::role_of(conn, space, person).await? else {
        // Not in the space: an accountant's administrator may act in it under mandates.
        let mandates = super::mandates::rights_of(conn, space, person).await?;
        return Ok(Standing::mandatary(mandates));
    };
    if role != Role::Member {
        return Ok(Some(Standing::of(role)));
    }
    Ok(Some(Standing {
        role,
        rights: rights(conn, space, person).await?,
        mandates: Vec::new(),
    }))
}

/// The rights `person` was given in `space`.
pub async fn rights<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
) -> Result<MemberRights, Error> {
    let procedures = member_rights::Entity::find()
        .filter(member_rights::Column::SpaceId.eq(space.clone()))
        .filter(member_rights::Column::PersonId.eq(person.clone()))
        .order_by_asc(member_rights::Column::ProcedureId)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (ProcedureScope::parse(&r.procedure_id), names(&r.rights)))
        .collect();
    let shares = dossier_shares::Entity::find()
        .filter(dossier_shares::Column::SpaceId.eq(space.clone()))
        .filter(dossier_shares::Column::PersonId.eq(person.clone()))
        .order_by_asc(dossier_shares::Column::DossierId)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.dossier_id, names(&r.rights)))
        .collect();
    Ok(MemberRights { procedures, shares })
}

/// Replaces the per-procedure rights of `person` in `space`.
pub async fn set_rights<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
    rights: &[(ProcedureScope, BTreeSet<String>)],
) -> Result<(), Error> {
    clear_rights(conn, space, person).await?;
    for (scope, names) in rights.iter().filter(|(_, r)| !r.is_empty()) {
        member_rights::Entity::insert(member_rights::ActiveModel {
            space_id: Set(space.clone()),
            person_id: Set(person.clone()),
            procedure_id: Set(scope.as_str().to_string()),
            rights: Set(joined(names)),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Removes every right and share `person` has in `space` (when they leave or are removed).
pub async fn clear_rights<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
) -> Result<(), Error> {
    member_rights::Entity::delete_many()
        .filter(member_rights::Column::SpaceId.eq(space.clone()))
        .filter(member_rights::Column::PersonId.eq(person.clone()))
        .exec(conn)
        .await?;
    dossier_shares::Entity::delete_many()
        .filter(dossier_shares::Column::SpaceId.eq(space.clone()))
        .filter(dossier_shares::Column::PersonId.eq(person.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// A dossier shared with a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The member.
    pub person_id: PersonId,
    /// The rights given on the dossier (reading is always given).
    pub rights: BTreeSet<String>,
    /// Who shared it.
    pub shared_by: PersonId,
    /// When.
    pub shared_at: OffsetDateTime,
}

/// Shares `dossier` of `space` with `person` (replacing an earlier share).
pub async fn share<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    dossier: &DossierId,
    share: &Share,
) -> Result<(), Error> {
    unshare(conn, dossier, &share.person_id).await?;
    dossier_shares::Entity::insert(dossier_shares::ActiveModel {
        dossier_id: Set(dossier.clone()),
        person_id: Set(share.person_id.clone()),
        space_id: Set(space.clone()),
        rights: Set(joined(&share.rights)),
        shared_by: Set(share.shared_by.clone()),
        shared_at: Set(share.shared_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Stops sharing `dossier` with `person`; false when it was not shared with them.
pub async fn unshare<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
    person: &PersonId,
) -> Result<bool, Error> {
    let res = dossier_shares::Entity::delete_many()
        .filter(dossier_shares::Column::DossierId.eq(dossier.clone()))
        .filter(dossier_shares::Column::PersonId.eq(person.clone()))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Who `dossier` is shared with.
pub async fn shares<C: ConnectionTrait>(
    conn: &C,
    dossier: &DossierId,
) -> Result<Vec<Share>, Error> {
    Ok(dossier_shares::Entity::find()
        .filter(dossier_shares::Column::DossierId.eq(dossier.clone()))
        .order_by_asc(dossier_shares::Column::SharedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| Share {
            person_id: r.person_id,
            rights: names(&r.rights),
            shared_by: r.shared_by,
            shared_at: r.shared_at,
        })
        .collect())
}

impl From<space_invitations::Model> for Invitation {
    fn from(m: space_invitations::Model) -> Self {
        Self {
            id: m.id,
            space_id: m.space_id,
            email: m.email,
            matricule: m.matricule,
            role: m.role,
            rights: serde_json::from_str(&m.rights).unwrap_or_default(),
            invited_by: m.invited_by,
            language: m.language,
            created_at: m.created_at,
            expires_at: m.expires_at,
            accepted_by: m.accepted_by,
            accepted_at: m.accepted_at,
            revoked_at: m.revoked_at,
        }
    }
}

/// Stores an invitation; only the SHA-256 of its link's token is kept.
pub async fn insert_invitation<C: ConnectionTrait>(
    conn: &C,
    invitation: &Invitation,
    token_hash: &str,
) -> Result<(), Error> {
    let i = invitation.clone();
    space_invitations::Entity::insert(space_invitations::ActiveModel {
        id: Set(i.id),
        space_id: Set(i.space_id),
        token_hash: Set(token_hash.to_string()),
        email: Set(i.email),
        matricule: Set(i.matricule),
        role: Set(i.role),
        rights: Set(serde_json::to_string(&i.rights).map_err(Error::internal)?),
        invited_by: Set(i.invited_by),
        language: Set(i.language),
        created_at: Set(i.created_at),
        expires_at: Set(i.expires_at),
        accepted_by: Set(None),
        accepted_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The invitation whose link token hashes to `token_hash`.
pub async fn invitation_by_token<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> Result<Option<Invitation>, Error> {
    Ok(space_invitations::Entity::find()
        .filter(space_invitations::Column::TokenHash.eq(token_hash))
        .one(conn)
        .await?
        .map(Invitation::from))
}

/// The invitation `id` of `space`.
pub async fn invitation<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    id: &str,
) -> Result<Option<Invitation>, Error> {
    Ok(space_invitations::Entity::find_by_id(id.to_string())
        .filter(space_invitations::Column::SpaceId.eq(space.clone()))
        .one(conn)
        .await?
        .map(Invitation::from))
}

/// The invitations of `space`, newest first.
pub async fn invitations<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<Invitation>, Error> {
    Ok(space_invitations::Entity::find()
        .filter(space_invitations::Column::SpaceId.eq(space.clone()))
        .order_by_desc(space_invitations::Column::CreatedAt)
        .order_by_desc(space_invitations::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(Invitation::from)
        .collect())
}

/// Marks an open invitation accepted by `person`; false when it was no longer open (accepted
/// or withdrawn meanwhile), so that a link is used once even under concurrent requests.
pub async fn accept_invitation<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    person: &PersonId,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = space_invitations::Entity::update_many()
        .col_expr(
            space_invitations::Column::AcceptedBy,
            Expr::value(Some(person.clone())),
        )
        .col_expr(
            space_invitations::Column::AcceptedAt,
            Expr::value(Some(now)),
        )
        .filter(space_invitations::Column::Id.eq(id))
        .filter(space_invitations::Column::AcceptedAt.is_null())
        .filter(space_invitations::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Withdraws an open invitation; false when it was not open.
pub async fn revoke_invitation<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = space_invitations::Entity::update_many()
        .col_expr(space_invitations::Column::RevokedAt, Expr::value(Some(now)))
        .filter(space_invitations::Column::Id.eq(id))
        .filter(space_invitations::Column::AcceptedAt.is_null())
        .filter(space_invitations::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}
