//! The dossier's form: prefilled from the register and the profile, saved step by step,
//! validated per step and as a whole, and optionally saved back into the profile.

use super::{Dossier, attachments, complete, load};
use crate::domain::{
    Error, Invalid,
    ids::{DossierId, PersonId, SpaceId},
    procedures::{Prefill, Procedure, validate},
    profile,
    rights::{Fill, Grant, Read},
    spaces::{Access, Profile},
};
use crate::service::Context;
use crate::store::{self, entities::register_people, register, spaces::HolderFields};
use sea_orm::ConnectionTrait;
use serde_json::{Map, Value, json};

/// The register entry of the person a dossier is about: a private space's owner; in a
/// professional space, the person acting (the filer).
async fn subject<C: ConnectionTrait>(
    conn: &C,
    space_id: &SpaceId,
    acting: Option<&PersonId>,
) -> Result<Option<register_people::Model>, Error> {
    let Some(space) = store::spaces::find(conn, space_id).await? else {
        return Ok(None);
    };
    let Some(owner) = space.private_owner.as_ref().or(acting) else {
        return Ok(None);
    };
    let Some(person) = store::persons::find(conn, owner).await? else {
        return Ok(None);
    };
    Ok(register::find(conn, &person.matricule).await?)
}

fn register_value(r: &register_people::Model, name: &str) -> Value {
    match name {
        "matricule" => json!(r.matricule),
        "family_name" => json!(r.family_name),
        "given_names" => json!(r.given_names),
        "birth_date" => json!(r.birth_date),
        "birth_place" => json!(r.birth_place),
        "nationality" => json!(r.nationality),
        "address" => json!({
            "street": r.street, "house_number": r.house_number, "postcode": r.postcode,
            "locality": r.locality, "country": r.country,
        }),
        _ => Value::Null,
    }
}

fn profile_value(p: &Profile, name: &str) -> Value {
    match name {
        "family_name" => json!(p.family_name),
        "given_names" => json!(p.given_names),
        "email" => json!(p.email),
        "phone" => json!(p.phone),
        "iban" => json!(p.iban),
        _ => Value::Null,
    }
}

/// The initial form data: register fields from the register, profile fields from the
/// profile (in a professional space: contact fields from the organisation, names from the
/// register entry of the person acting), organisation fields from the organisation.
pub(crate) async fn prefill<C: ConnectionTrait>(
    conn: &C,
    procedure: &Procedure,
    space_id: &SpaceId,
    acting: Option<&PersonId>,
) -> Result<Map<String, Value>, Error> {
    let reg = subject(conn, space_id, acting).await?;
    let profile = store::spaces::profile(conn, space_id).await?;
    let organisation = store::organisations::find(conn, space_id)
        .await?
        .map(|s| s.organisation);
    let mut data = Map::new();
    for (_, f) in procedure.fields() {
        let v = match f.prefill_source() {
            Some(Prefill::Register(n)) => reg.as_ref().map(|r| register_value(r, n)),
            Some(Prefill::Profile(n)) => match (&profile, &organisation) {
                (Some(p), _) => Some(profile_value(p, n)),
                (None, Some(o)) => o
                    .prefill_value(n)
                    .or_else(|| reg.as_ref().map(|r| register_value(r, n))),
                (None, None) => None,
            },
            Some(Prefill::Organisation(n)) => {
                organisation.as_ref().and_then(|o| o.prefill_value(n))
            }
            None => None,
        };
        if let Some(v) = v.filter(|v| !v.is_null()) {
            data.insert(f.id.clone(), v);
        }
    }
    Ok(data)
}

/// The register fields `data` holds from the register: the names of the register's fields
/// (never their values), each once, in form order.
pub(crate) fn register_prefilled(procedure: &Procedure, data: &Map<String, Value>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (_, f) in procedure.fields() {
        if let Some(Prefill::Register(n)) = f.prefill_source() {
            if data.contains_key(&f.id) && !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
        }
    }
    names
}

/// Re-reads the authentic source: register fields take the register's current values.
pub(crate) async fn refresh_register<C: ConnectionTrait>(
    conn: &C,
    d: &mut Dossier,
) -> Result<(), Error> {
    let acting = d.record.acting_person_id.clone();
    let Some(reg) = subject(conn, &d.record.space_id, acting.as_ref()).await? else {
        return Ok(());
    };
    for (_, f) in d.procedure.fields() {
        if let Some(Prefill::Register(n)) = f.prefill_source() {
            d.data.insert(f.id.clone(), register_value(&reg, n));
        }
    }
    Ok(())
}

pub(crate) async fn store_data<C: ConnectionTrait>(
    conn: &C,
    d: &Dossier,
    now: time::OffsetDateTime,
) -> Result<i32, Error> {
    let change = store::dossiers::Change {
        status: None,
        data: Some(Value::Object(d.data.clone()).to_string()),
    };
    let r = &d.record;
    if !store::dossiers::update_at(conn, &r.id, r.revision, change, now).await? {
        return Err(Error::PreconditionFailed);
    }
    Ok(r.revision + 1)
}

/// Values sent for one step.
#[derive(Debug, Clone)]
pub struct StepInput<'a> {
    /// The step.
    pub step_id: &'a str,
    /// Field id → value.
    pub values: Map<String, Value>,
    /// Whether profile-sourced values are saved back into the space's profile.
    pub save_to_profile: bool,
    /// The request, for the access log.
    pub request_id: &'a str,
}

/// Saves a step of a draft; returns the dossier and the step's remaining errors.
pub async fn save_step(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    input: StepInput<'_>,
) -> Result<(Dossier, Vec<validate::FieldError>), Error> {
    let mut values = Value::Object(input.values);
    crate::domain::text::json_strings("", &mut values)?;
    let Value::Object(values) = values else {
        return Err(Error::internal("form values are no longer an object"));
    };
    let now = ctx.now();
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if !record.status.editable() {
        return Err(Error::illegal(record.status));
    }
    let mut d = complete(&txn, record).await?;
    let step = d
        .procedure
        .step(input.step_id)
        .cloned()
        .ok_or(Error::NotFound)?;
    refresh_register(&txn, &mut d).await?;
    validate::merge(&step, &mut d.data, &values).map_err(|e| Error::invalid(e.field, e.reason))?;
    let revision = store_data(&txn, &d, now).await?;
    if input.save_to_profile {
        save_back(&txn, &d, &step, grant, input.request_id, now).await?;
    }
    let files = attachments::fields_with_files(&txn, &d.record.id).await?;
    let errors = validate::step(&step, &d.data, &|f| files.contains(f));
    txn.commit().await?;
    d.record.revision = revision;
    d.record.updated_at = now;
    Ok((d, errors))
}

async fn save_back<C: ConnectionTrait + sea_orm::TransactionTrait>(
    conn: &C,
    d: &Dossier,
    step: &crate::domain::procedures::Step,
    grant: &Grant<Fill>,
    request_id: &str,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    if store::spaces::profile(conn, &d.record.space_id)
        .await?
        .is_none()
    {
        // A professional space keeps no personal profile: its organisation changes on its own.
        return Ok(());
    }
    let mut fields = HolderFields::default();
    let mut changed = Vec::new();
    for f in &step.fields {
        let Some(Prefill::Profile(name)) = f.prefill_source() else {
            continue;
        };
        let Some(v) = d.data.get(&f.id).filter(|v| !v.is_null()) else {
            continue;
        };
        let raw = v.as_str().unwrap_or_default();
        let (slot, parsed) = match name {
            "email" => (&mut fields.email, profile::parse_email(raw)),
            "phone" => (&mut fields.phone, profile::parse_phone(raw)),
            "iban" => (&mut fields.iban, profile::parse_iban(raw)),
            _ => continue,
        };
        *slot = Some(parsed.map_err(|reason| Error::invalid(f.id.clone(), reason))?);
        changed.push(name);
    }
    if changed.is_empty() {
        return Ok(());
    }
    store::spaces::set_holder_fields(conn, &d.record.space_id, fields, now).await?;
    let detail = format!("{} (from dossier {})", changed.join(","), d.record.id);
    let access = Access::under(grant, "profile.update", detail, request_id);
    store::access_log::record(conn, access, now).await
}

/// Validates one step or, without `step_id`, the whole form, after re-reading the register.
pub async fn validate(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
    step_id: Option<&str>,
) -> Result<Vec<validate::FieldError>, Error> {
    let record = load(&ctx.db, grant, dossier_id).await?;
    let mut d = complete(&ctx.db, record).await?;
    refresh_register(&ctx.db, &mut d).await?;
    let files = attachments::fields_with_files(&ctx.db, &d.record.id).await?;
    let has = |f: &str| files.contains(f);
    match step_id {
        Some(s) => {
            let step = d.procedure.step(s).ok_or(Error::NotFound)?;
            Ok(validate::step(step, &d.data, &has))
        }
        None => Ok(validate::whole(&d.procedure, &d.data, &has)),
    }
}

/// The whole form must pass: the first error is refused, naming its field.
pub(crate) async fn require_valid<C: ConnectionTrait>(conn: &C, d: &Dossier) -> Result<(), Error> {
    let files = attachments::fields_with_files(conn, &d.record.id).await?;
    match validate::whole(&d.procedure, &d.data, &|f| files.contains(f))
        .into_iter()
        .next()
    {
        Some(e) => Err(Error::invalid(e.field, e.reason)),
        None => Ok(()),
    }
}

/// A trimmed reason for a transition: empty means none; more than 2,000 characters is refused.
pub(crate) fn reason(text: Option<String>) -> Result<Option<String>, Error> {
    let text = crate::domain::text::multi_line_opt("reason", text.as_deref())?;
    match text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > 2000 => Err(Error::invalid("reason", Invalid::TooLong)),
        other => Ok(other),
    }
}
