//! Spaces and their profile: only holders see them, and every access is recorded.

use super::{
    Context,
    access_log::{self, Access},
    db,
};
use crate::domain::{Error, Invalid, Language, profile::ContactData};
use crate::store::entities::{profiles, register_people, space_holders, spaces};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use time::OffsetDateTime;

/// A space the caller holds, with the caller's role in it.
#[derive(Debug, Clone)]
pub struct HeldSpace {
    /// The space.
    pub space: spaces::Model,
    /// The caller's role (`holder`, later `administrator`, `co-worker`).
    pub role: String,
}

/// Creates a person's one private space, prefilled from the national register.
pub async fn create_private<C: ConnectionTrait>(
    conn: &C,
    person_id: &str,
    person: &register_people::Model,
    email: &str,
    language: Option<Language>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let space_id = uuid::Uuid::now_v7().to_string();
    spaces::Entity::insert(spaces::ActiveModel {
        id: Set(space_id.clone()),
        kind: Set("private".into()),
        name: Set(format!("{} {}", person.given_names, person.family_name)),
        private_owner_id: Set(Some(person_id.to_string())),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    space_holders::Entity::insert(space_holders::ActiveModel {
        space_id: Set(space_id.clone()),
        person_id: Set(person_id.to_string()),
        role: Set("holder".into()),
        added_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    profiles::Entity::insert(profiles::ActiveModel {
        space_id: Set(space_id.clone()),
        family_name: Set(person.family_name.clone()),
        given_names: Set(person.given_names.clone()),
        birth_date: Set(person.birth_date.clone()),
        birth_place: Set(person.birth_place.clone()),
        nationality: Set(person.nationality.clone()),
        street: Set(person.street.clone()),
        house_number: Set(person.house_number.clone()),
        postcode: Set(person.postcode.clone()),
        locality: Set(person.locality.clone()),
        country: Set(person.country.clone()),
        email: Set(Some(email.to_string())),
        phone: Set(None),
        iban: Set(None),
        preferred_language: Set(language.map(|l| l.code().to_string())),
        version: Set(1),
        updated_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(db)?;
    Ok(space_id)
}

/// The spaces `person_id` holds.
pub async fn held_by(ctx: &Context, person_id: &str) -> Result<Vec<HeldSpace>, Error> {
    let holders = space_holders::Entity::find()
        .filter(space_holders::Column::PersonId.eq(person_id.to_string()))
        .all(&ctx.db)
        .await
        .map_err(db)?;
    let mut out = Vec::with_capacity(holders.len());
    for h in holders {
        if let Some(space) = spaces::Entity::find_by_id(h.space_id)
            .one(&ctx.db)
            .await
            .map_err(db)?
        {
            out.push(HeldSpace {
                space,
                role: h.role,
            });
        }
    }
    Ok(out)
}

/// The language a space's profile prefers (French when it says none).
pub async fn preferred_language<C: ConnectionTrait>(
    conn: &C,
    space_id: &str,
) -> Result<crate::domain::Language, Error> {
    let profile = crate::store::entities::profiles::Entity::find_by_id(space_id.to_string())
        .one(conn)
        .await
        .map_err(db)?;
    Ok(profile
        .and_then(|p| p.preferred_language)
        .and_then(|l| crate::domain::Language::parse(&l))
        .unwrap_or_default())
}

/// The space, if `person_id` holds it; otherwise `NotFound`, whether or not it exists.
pub async fn require_holder<C: ConnectionTrait>(
    conn: &C,
    space_id: &str,
    person_id: &str,
) -> Result<HeldSpace, Error> {
    let holder = space_holders::Entity::find_by_id((space_id.to_string(), person_id.to_string()))
        .one(conn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    let space = spaces::Entity::find_by_id(space_id.to_string())
        .one(conn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    Ok(HeldSpace {
        space,
        role: holder.role,
    })
}

/// Reads a space's profile for a holder, and records the read.
pub async fn read_profile(
    ctx: &Context,
    space_id: &str,
    person_id: &str,
    request_id: &str,
) -> Result<profiles::Model, Error> {
    require_holder(&ctx.db, space_id, person_id).await?;
    let profile = profiles::Entity::find_by_id(space_id.to_string())
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    let access = Access {
        space_id,
        actor_person_id: person_id,
        action: "profile.read",
        detail: "all fields".into(),
        request_id,
    };
    access_log::record(&ctx.db, access, ctx.now()).await?;
    Ok(profile)
}

/// A change to the holder-editable fields; register fields may be echoed unchanged but not altered.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    /// Raw e-mail.
    pub email: Option<String>,
    /// Raw telephone number.
    pub phone: Option<String>,
    /// Raw IBAN.
    pub iban: Option<String>,
    /// Raw language code.
    pub preferred_language: Option<String>,
    /// Register fields the client sent, with their values, to check they are unchanged.
    pub register_fields: Vec<(&'static str, String)>,
}

fn register_value<'a>(p: &'a profiles::Model, field: &str) -> Option<&'a str> {
    Some(match field {
        "family_name" => &p.family_name,
        "given_names" => &p.given_names,
        "birth_date" => &p.birth_date,
        "birth_place" => &p.birth_place,
        "nationality" => &p.nationality,
        "street" => &p.street,
        "house_number" => &p.house_number,
        "postcode" => &p.postcode,
        "locality" => &p.locality,
        "country" => &p.country,
        _ => return None,
    })
}

/// Replaces the editable fields if the profile is still at `expected_version`; records the change.
pub async fn update_profile(
    ctx: &Context,
    space_id: &str,
    person_id: &str,
    expected_version: Option<i32>,
    change: ProfileChange,
    request_id: &str,
) -> Result<profiles::Model, Error> {
    let now = ctx.now();
    let txn = super::begin_write(&ctx.db).await?;
    require_holder(&txn, space_id, person_id).await?;
    let current = profiles::Entity::find_by_id(space_id.to_string())
        .one(&txn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    for (field, value) in &change.register_fields {
        if register_value(&current, field) != Some(value.as_str()) {
            return Err(Error::invalid(*field, Invalid::ReadOnly));
        }
    }
    let contact = ContactData::parse(
        change.email.as_deref(),
        change.phone.as_deref(),
        change.iban.as_deref(),
        change.preferred_language.as_deref(),
    )?;
    let version = expected_version.unwrap_or(current.version);
    let mut changed = Vec::new();
    if current.email.as_deref() != Some(contact.email.as_str()) {
        changed.push("email");
    }
    if current.phone != contact.phone {
        changed.push("phone");
    }
    if current.iban != contact.iban {
        changed.push("iban");
    }
    let lang = contact.preferred_language.map(|l| l.code().to_string());
    if current.preferred_language != lang {
        changed.push("preferred_language");
    }
    let res = profiles::Entity::update_many()
        .col_expr(profiles::Column::Email, Expr::value(Some(contact.email)))
        .col_expr(profiles::Column::Phone, Expr::value(contact.phone))
        .col_expr(profiles::Column::Iban, Expr::value(contact.iban))
        .col_expr(profiles::Column::PreferredLanguage, Expr::value(lang))
        .col_expr(profiles::Column::Version, Expr::value(version + 1))
        .col_expr(profiles::Column::UpdatedAt, Expr::value(now))
        .filter(profiles::Column::SpaceId.eq(space_id.to_string()))
        .filter(profiles::Column::Version.eq(version))
        .exec(&txn)
        .await
        .map_err(db)?;
    if res.rows_affected != 1 {
        return Err(Error::PreconditionFailed);
    }
    let access = Access {
        space_id,
        actor_person_id: person_id,
        action: "profile.update",
        detail: if changed.is_empty() {
            "no change".into()
        } else {
            changed.join(",")
        },
        request_id,
    };
    access_log::record(&txn, access, now).await?;
    let updated = profiles::Entity::find_by_id(space_id.to_string())
        .one(&txn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    txn.commit().await.map_err(db)?;
    Ok(updated)
}
