//! The organisation each professional space acts for, and the helpdesk's raised space limits.

use super::entities::{organisations, space_limits};
use crate::domain::{
    Error,
    ids::{PersonId, SpaceId},
    organisations::Organisation,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

/// An organisation as stored, with its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The data.
    pub organisation: Organisation,
    /// Increases with every change.
    pub version: i32,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

impl From<organisations::Model> for Stored {
    fn from(m: organisations::Model) -> Self {
        Self {
            organisation: Organisation {
                name: m.name,
                legal_form: m.legal_form,
                rcs_number: m.rcs_number,
                vat_number: m.vat_number,
                street: m.street,
                house_number: m.house_number,
                postcode: m.postcode,
                locality: m.locality,
                country: m.country,
                email: m.email,
                phone: m.phone,
                locked: m
                    .locked_fields
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            },
            version: m.version,
            updated_at: m.updated_at,
        }
    }
}

fn row(
    space: &SpaceId,
    o: &Organisation,
    version: i32,
    now: OffsetDateTime,
) -> organisations::ActiveModel {
    let o = o.clone();
    organisations::ActiveModel {
        space_id: Set(space.clone()),
        name: Set(o.name),
        legal_form: Set(o.legal_form),
        rcs_number: Set(o.rcs_number),
        vat_number: Set(o.vat_number),
        street: Set(o.street),
        house_number: Set(o.house_number),
        postcode: Set(o.postcode),
        locality: Set(o.locality),
        country: Set(o.country),
        email: Set(o.email),
        phone: Set(o.phone),
        locked_fields: Set(o.locked.join(",")),
        version: Set(version),
        updated_at: Set(now),
    }
}

/// Stores the organisation of a new professional space.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    organisation: &Organisation,
    now: OffsetDateTime,
) -> Result<(), Error> {
    organisations::Entity::insert(row(space, organisation, 1, now))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The organisation of `space`, if it is a professional space.
pub async fn find<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<Option<Stored>, Error> {
    Ok(organisations::Entity::find_by_id(space.clone())
        .one(conn)
        .await?
        .map(Stored::from))
}

/// Replaces the organisation's data if it is still at `version`; false if it moved on.
pub async fn replace<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    version: i32,
    organisation: &Organisation,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = organisations::Entity::update_many()
        .set(row(space, organisation, version + 1, now))
        .filter(organisations::Column::SpaceId.eq(space.clone()))
        .filter(organisations::Column::Version.eq(version))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The professional space limit the helpdesk set for `person`, if any.
pub async fn limit<C: ConnectionTrait>(conn: &C, person: &PersonId) -> Result<Option<u32>, Error> {
    Ok(space_limits::Entity::find_by_id(person.clone())
        .one(conn)
        .await?
        .map(|l| u32::try_from(l.max_spaces).unwrap_or(0)))
}

/// Sets `person`'s limit to `max`, recording who set it and why (the last change is kept).
pub async fn set_limit<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    max: u32,
    by: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    space_limits::Entity::delete_by_id(person.clone())
        .exec(conn)
        .await?;
    space_limits::Entity::insert(space_limits::ActiveModel {
        person_id: Set(person.clone()),
        max_spaces: Set(i32::try_from(max).map_err(Error::internal)?),
        set_by: Set(by.to_string()),
        reason: Set(reason.to_string()),
        set_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
