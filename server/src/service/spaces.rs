//! Spaces and their profile: read and changed under a grant, and every access recorded.

use super::Context;
use crate::domain::{
    Error, Invalid, Language,
    ids::{PersonId, SpaceId},
    persons::Person,
    profile::ContactData,
    rights::{Fill, Grant, Read},
    spaces::{self, Access, AccessEntry, Membership, Profile, Space, SpaceKind},
};
pub use crate::store::access_log::Filter as AccessFilter;
use crate::store::{self, entities::register_people, spaces::HolderFields};
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

/// Creates a person's one private space, prefilled from the national register.
pub async fn create_private<C: ConnectionTrait>(
    conn: &C,
    person_id: &PersonId,
    person: &register_people::Model,
    email: &str,
    language: Option<Language>,
    now: OffsetDateTime,
) -> Result<SpaceId, Error> {
    let space = Space {
        id: SpaceId::generate(),
        kind: SpaceKind::Private,
        name: format!("{} {}", person.given_names, person.family_name),
        private_owner: Some(person_id.clone()),
        collaborative: false,
        created_at: now,
    };
    let profile = Profile {
        space_id: space.id.clone(),
        family_name: person.family_name.clone(),
        given_names: person.given_names.clone(),
        birth_date: person.birth_date.clone(),
        birth_place: person.birth_place.clone(),
        nationality: person.nationality.clone(),
        street: person.street.clone(),
        house_number: person.house_number.clone(),
        postcode: person.postcode.clone(),
        locality: person.locality.clone(),
        country: person.country.clone(),
        email: Some(email.to_string()),
        phone: None,
        iban: None,
        preferred_language: language.map(|l| l.code().to_string()),
        version: 1,
        updated_at: now,
    };
    store::spaces::insert(conn, &space, person_id, &profile).await?;
    Ok(space.id)
}

/// A person, their spaces, and which of them is their private space.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The person.
    pub person: Person,
    /// Their private space, if they have one.
    pub private_space_id: Option<SpaceId>,
    /// Every space they belong to, with their role.
    pub spaces: Vec<Membership>,
}

/// What the signed-in `person_id` sees of themselves.
pub async fn overview(ctx: &Context, person_id: &PersonId) -> Result<Overview, Error> {
    let person = super::person(ctx, person_id).await?;
    let spaces = store::spaces::memberships(&ctx.db, person_id).await?;
    let private_space_id = spaces::private_space(person_id, &spaces).map(|s| s.id.clone());
    Ok(Overview {
        person,
        private_space_id,
        spaces,
    })
}

/// The language a space's profile prefers (French when it says none).
pub async fn preferred_language<C: ConnectionTrait>(
    conn: &C,
    space_id: &SpaceId,
) -> Result<Language, Error> {
    Ok(store::spaces::profile(conn, space_id)
        .await?
        .map(|p| p.language())
        .unwrap_or_default())
}

/// The space under a read grant, with the caller's role; the read is recorded.
pub async fn summary(
    ctx: &Context,
    grant: &Grant<Read>,
    request_id: &str,
) -> Result<Membership, Error> {
    let space = store::spaces::find(&ctx.db, grant.space())
        .await?
        .ok_or(Error::NotFound)?;
    let role = grant.role().ok_or(Error::NotFound)?;
    let access = Access::under(grant, "space.read", "summary", request_id);
    ctx.record_access(access, ctx.now()).await?;
    Ok(Membership { space, role })
}

/// Reads a space's profile, and records the read.
pub async fn read_profile(
    ctx: &Context,
    grant: &Grant<Read>,
    request_id: &str,
) -> Result<Profile, Error> {
    let profile = store::spaces::profile(&ctx.db, grant.space())
        .await?
        .ok_or(Error::NotFound)?;
    let access = Access::under(grant, "profile.read", "all fields", request_id);
    ctx.record_access(access, ctx.now()).await?;
    Ok(profile)
}

/// A page of the reads and changes of a space's data, newest first, with how many match.
/// Holders and administrators see everyone's; a member or a mandatary only their own actions.
pub async fn access_log(
    ctx: &Context,
    grant: &Grant<Read>,
    filter: AccessFilter<'_>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AccessEntry>, u64), Error> {
    let mut filter = filter;
    use crate::domain::rights::Role;
    if matches!(grant.role(), Some(Role::Member | Role::Mandatary)) {
        filter.actor = Some(grant.caller().id());
    }
    store::access_log::page(&ctx.db, grant.space(), &filter, page, per_page).await
}

/// The whole access log matching `filter` as CSV
/// (`at,actor_kind,actor,role,administration,action,detail,purpose`),
/// newest first, under the same rule as [`access_log`]; the export itself is recorded.
pub async fn access_log_csv(
    ctx: &Context,
    grant: &Grant<Read>,
    filter: AccessFilter<'_>,
    request_id: &str,
) -> Result<String, Error> {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("at,actor_kind,actor,role,administration,action,detail,purpose\n");
    let mut page = 1;
    loop {
        let (items, total) = access_log(ctx, grant, filter.clone(), page, 100).await?;
        for a in &items {
            let at =
                a.at.format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default();
            let role = a.role.map(|r| r.as_str()).unwrap_or_default();
            let cols = [
                at.as_str(),
                a.actor_kind,
                a.actor.as_str(),
                role,
                a.administration.as_deref().unwrap_or_default(),
                a.action.as_str(),
                a.detail.as_str(),
                a.purpose.as_str(),
            ];
            let line: Vec<String> = cols.iter().map(|c| field(c)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
        if items.is_empty() || page * 100 >= total {
            break;
        }
        page += 1;
    }
    let access = Access::under(grant, "access-log.exported", "csv", request_id);
    ctx.record_access(access, ctx.now()).await?;
    Ok(out)
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

/// Replaces the editable fields if the profile is still at `expected_version`; records the change.
pub async fn update_profile(
    ctx: &Context,
    grant: &Grant<Fill>,
    expected_version: Option<i32>,
    change: ProfileChange,
    request_id: &str,
) -> Result<Profile, Error> {
    let now = ctx.now();
    let space = grant.space();
    let txn = super::begin_write(&ctx.db).await?;
    let current = store::spaces::profile(&txn, space)
        .await?
        .ok_or(Error::NotFound)?;
    for (field, value) in &change.register_fields {
        if current.register_value(field) != Some(value.as_str()) {
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
    let changed = current.changes(&contact);
    let fields = HolderFields {
        email: Some(contact.email),
        phone: contact.phone,
        iban: contact.iban,
        preferred_language: contact.preferred_language.map(|l| l.code().to_string()),
    };
    if !store::spaces::replace_holder_fields(&txn, space, version, fields, now).await? {
        return Err(Error::PreconditionFailed);
    }
    let detail = if changed.is_empty() {
        "no change".to_string()
    } else {
        changed.join(",")
    };
    let access = Access::under(grant, "profile.update", detail, request_id);
    store::access_log::record(&txn, access, now).await?;
    let updated = store::spaces::profile(&txn, space)
        .await?
        .ok_or(Error::NotFound)?;
    txn.commit().await?;
    Ok(updated)
}
