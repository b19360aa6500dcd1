//! Spaces, who holds them, and the profile each keeps.

use super::entities::{profiles, space_holders, spaces};
use crate::domain::{
    Error,
    ids::{PersonId, SpaceId},
    rights::Role,
    spaces::{Membership, Profile, Space},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};
use time::OffsetDateTime;

impl From<spaces::Model> for Space {
    fn from(m: spaces::Model) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            name: m.name,
            private_owner: m.private_owner_id,
            collaborative: m.collaborative,
            created_at: m.created_at,
        }
    }
}

impl From<profiles::Model> for Profile {
    fn from(m: profiles::Model) -> Self {
        Self {
            space_id: m.space_id,
            family_name: m.family_name,
            given_names: m.given_names,
            birth_date: m.birth_date,
            birth_place: m.birth_place,
            nationality: m.nationality,
            street: m.street,
            house_number: m.house_number,
            postcode: m.postcode,
            locality: m.locality,
            country: m.country,
            email: m.email,
            phone: m.phone,
            iban: m.iban,
            preferred_language: m.preferred_language,
            version: m.version,
            updated_at: m.updated_at,
        }
    }
}

/// Stores a new space and its first holder, with `role`; `created_with` is the fingerprint of
/// the certificate a professional space was created with.
pub async fn insert_space<C: ConnectionTrait>(
    conn: &C,
    space: &Space,
    holder: &PersonId,
    role: Role,
    created_with: Option<String>,
) -> Result<(), Error> {
    spaces::Entity::insert(spaces::ActiveModel {
        id: Set(space.id.clone()),
        kind: Set(space.kind),
        name: Set(space.name.clone()),
        private_owner_id: Set(space.private_owner.clone()),
        collaborative: Set(space.collaborative),
        created_with: Set(created_with),
        created_at: Set(space.created_at),
    })
    .exec_without_returning(conn)
    .await?;
    add_holder(conn, &space.id, holder, role, space.created_at).await
}

/// Makes `person` a holder of `space` with `role`.
pub async fn add_holder<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
    role: Role,
    at: OffsetDateTime,
) -> Result<(), Error> {
    space_holders::Entity::insert(space_holders::ActiveModel {
        space_id: Set(space.clone()),
        person_id: Set(person.clone()),
        role: Set(role),
        added_at: Set(at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Changes `person`'s role in `space`.
pub async fn set_role<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
    role: Role,
) -> Result<(), Error> {
    space_holders::Entity::update_many()
        .col_expr(space_holders::Column::Role, Expr::value(role))
        .filter(space_holders::Column::SpaceId.eq(space.clone()))
        .filter(space_holders::Column::PersonId.eq(person.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Removes `person` from `space`; false when they were not in it.
pub async fn remove_holder<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
) -> Result<bool, Error> {
    let res = space_holders::Entity::delete_many()
        .filter(space_holders::Column::SpaceId.eq(space.clone()))
        .filter(space_holders::Column::PersonId.eq(person.clone()))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The persons in `space` with their role and since when, oldest first.
pub async fn members<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<(PersonId, Role, OffsetDateTime)>, Error> {
    Ok(space_holders::Entity::find()
        .filter(space_holders::Column::SpaceId.eq(space.clone()))
        .order_by_asc(space_holders::Column::AddedAt)
        .order_by_asc(space_holders::Column::PersonId)
        .all(conn)
        .await?
        .into_iter()
        .map(|h| (h.person_id, h.role, h.added_at))
        .collect())
}

/// How many professional spaces `person` belongs to.
pub async fn professional_count<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<u64, Error> {
    Ok(memberships(conn, person)
        .await?
        .iter()
        .filter(|m| m.space.kind == crate::domain::spaces::SpaceKind::Professional)
        .count() as u64)
}

/// Stores a new private space, its holder and its profile.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    space: &Space,
    holder: &PersonId,
    profile: &Profile,
) -> Result<(), Error> {
    insert_space(conn, space, holder, Role::Holder, None).await?;
    let p = profile.clone();
    profiles::Entity::insert(profiles::ActiveModel {
        space_id: Set(space.id.clone()),
        family_name: Set(p.family_name),
        given_names: Set(p.given_names),
        birth_date: Set(p.birth_date),
        birth_place: Set(p.birth_place),
        nationality: Set(p.nationality),
        street: Set(p.street),
        house_number: Set(p.house_number),
        postcode: Set(p.postcode),
        locality: Set(p.locality),
        country: Set(p.country),
        email: Set(p.email),
        phone: Set(p.phone),
        iban: Set(p.iban),
        preferred_language: Set(p.preferred_language),
        version: Set(p.version),
        updated_at: Set(p.updated_at),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The space `id`, if it exists.
pub async fn find<C: ConnectionTrait>(conn: &C, id: &SpaceId) -> Result<Option<Space>, Error> {
    Ok(spaces::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(Space::from))
}

/// `person`'s role in `space`, if they have one.
pub async fn role_of<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    person: &PersonId,
) -> Result<Option<Role>, Error> {
    Ok(
        space_holders::Entity::find_by_id((space.clone(), person.clone()))
            .one(conn)
            .await?
            .map(|h| h.role),
    )
}

/// The spaces `person` belongs to, with their role in each.
pub async fn memberships<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Vec<Membership>, Error> {
    let holders = space_holders::Entity::find()
        .filter(space_holders::Column::PersonId.eq(person.clone()))
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(holders.len());
    for h in holders {
        if let Some(space) = find(conn, &h.space_id).await? {
            out.push(Membership {
                space,
                role: h.role,
            });
        }
    }
    Ok(out)
}

/// The persons holding `space`.
pub async fn holders<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<PersonId>, Error> {
    Ok(space_holders::Entity::find()
        .filter(space_holders::Column::SpaceId.eq(space.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| h.person_id)
        .collect())
}

/// `person`'s private space, if they have one.
pub async fn private_space_of<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Option<Space>, Error> {
    Ok(spaces::Entity::find()
        .filter(spaces::Column::PrivateOwnerId.eq(person.clone()))
        .one(conn)
        .await?
        .map(Space::from))
}

/// The profile of `space`, if it has one.
pub async fn profile<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Option<Profile>, Error> {
    Ok(profiles::Entity::find_by_id(space.clone())
        .one(conn)
        .await?
        .map(Profile::from))
}

/// New values of the holder's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolderFields {
    /// E-mail.
    pub email: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// IBAN.
    pub iban: Option<String>,
    /// Language code.
    pub preferred_language: Option<String>,
}

/// Replaces every holder field if the profile is still at `version`; false if it moved on.
pub async fn replace_holder_fields<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    version: i32,
    fields: HolderFields,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = profiles::Entity::update_many()
        .col_expr(profiles::Column::Email, Expr::value(fields.email))
        .col_expr(profiles::Column::Phone, Expr::value(fields.phone))
        .col_expr(profiles::Column::Iban, Expr::value(fields.iban))
        .col_expr(
            profiles::Column::PreferredLanguage,
            Expr::value(fields.preferred_language),
        )
        .col_expr(profiles::Column::Version, Expr::value(version + 1))
        .col_expr(profiles::Column::UpdatedAt, Expr::value(now))
        .filter(profiles::Column::SpaceId.eq(space.clone()))
        .filter(profiles::Column::Version.eq(version))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Sets the holder fields given (`Some`), leaving the others, whatever the version; the version
/// increases. Nothing is written when none is given.
pub async fn set_holder_fields<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    fields: HolderFields,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let mut update = profiles::Entity::update_many();
    let mut any = false;
    for (column, value) in [
        (profiles::Column::Email, fields.email),
        (profiles::Column::Phone, fields.phone),
        (profiles::Column::Iban, fields.iban),
        (
            profiles::Column::PreferredLanguage,
            fields.preferred_language,
        ),
    ] {
        if let Some(v) = value {
            update = update.col_expr(column, Expr::value(Some(v)));
            any = true;
        }
    }
    if !any {
        return Ok(());
    }
    update
        .col_expr(
            profiles::Column::Version,
            Expr::col(profiles::Column::Version).add(1),
        )
        .col_expr(profiles::Column::UpdatedAt, Expr::value(now))
        .filter(profiles::Column::SpaceId.eq(space.clone()))
        .exec(conn)
        .await?;
    Ok(())
}
