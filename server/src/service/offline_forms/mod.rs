//! The offline route: a fillable PDF form downloaded from a space (prefilled like the online
//! form, bound to its procedure, version, space and draft), filled on one's computer and
//! uploaded back into a draft dossier, validated by the online route's rules; attachments,
//! signature and transmission are then the online ones.

mod build;
mod values;

use super::Context;
use super::dossiers::{
    Dossier, NewDossier, begin_write, complete,
    form::{refresh_register, store_data},
    insert, key_hash, load, read_under,
};
use crate::domain::{
    Error, Language,
    dossiers::{Channel, Status},
    ids::DossierId,
    offline_forms::{Binding, FormRejection},
    procedures::validate,
    rights::{Caller, Fill, Grant},
};
use crate::store;
use guichet_documents::fillable_form::{self, Filled, FormError};
use serde_json::Value;

/// A rendered form and the file name to save it under.
#[derive(Debug, Clone)]
pub struct FormFile {
    /// `procedure-vN-lang.pdf`.
    pub filename: String,
    /// The PDF.
    pub pdf: Vec<u8>,
}

/// What an upload did.
#[derive(Debug, Clone)]
pub struct Taken {
    /// The dossier, as saved.
    pub dossier: Dossier,
    /// Read-only fields whose value in the form differed from the authentic source: put back.
    pub restored: Vec<String>,
    /// Whether the upload started the dossier (false: a retry, or a draft updated).
    pub created: bool,
}

fn rejection(e: FormError) -> Error {
    Error::OfflineForm(match e {
        FormError::NotPdf => FormRejection::NotPdf,
        FormError::NoFields => FormRejection::NoFields,
        FormError::Xfa => FormRejection::Xfa,
        FormError::ActiveContent => FormRejection::ActiveContent,
    })
}

fn acting(caller: &Caller) -> Option<&crate::domain::ids::PersonId> {
    match caller {
        Caller::Person(p) => Some(p),
        _ => None,
    }
}

async fn render(
    ctx: &Context,
    d: (
        &crate::domain::procedures::Procedure,
        &serde_json::Map<String, Value>,
    ),
    binding: Binding,
    lang: Language,
) -> Result<FormFile, Error> {
    let key = store::form_binding_keys::load_or_create(&ctx.db, ctx.now()).await?;
    let (procedure, data) = d;
    let form = build::form(procedure, data, lang, binding.seal(&key));
    let pdf = fillable_form::render(&form).map_err(Error::internal)?;
    Ok(FormFile {
        filename: format!(
            "{}-v{}-{}.pdf",
            procedure.id,
            procedure.version,
            lang.code()
        ),
        pdf,
    })
}

/// The form of `procedure_id`'s current version for the grant's space, in `lang`, prefilled
/// like a new online dossier (authentic fields read-only).
pub async fn blank(
    ctx: &Context,
    grant: &Grant<Fill>,
    procedure_id: &str,
    lang: Language,
) -> Result<FormFile, Error> {
    if !grant.covers_procedure(procedure_id) {
        return Err(Error::NotFound);
    }
    let procedure = super::catalog::latest(&ctx.db, procedure_id).await?;
    let space = grant.space();
    let data =
        super::dossiers::form::prefill(&ctx.db, &procedure, space, acting(grant.caller())).await?;
    let binding = Binding {
        procedure_id: procedure.id.clone(),
        version: procedure.version,
        space_id: space.to_string(),
        dossier_id: None,
    };
    render(ctx, (&procedure, &data), binding, lang).await
}

/// The form of the draft `dossier_id`, in `lang`, showing its data (authentic fields re-read).
pub async fn of_draft(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    lang: Language,
) -> Result<FormFile, Error> {
    let record = load(&ctx.db, grant, dossier_id).await?;
    if !record.status.editable() {
        return Err(Error::illegal(record.status));
    }
    let mut d = complete(&ctx.db, record).await?;
    refresh_register(&ctx.db, &mut d).await?;
    let binding = Binding {
        procedure_id: d.procedure.id.clone(),
        version: d.procedure.version,
        space_id: d.record.space_id.to_string(),
        dossier_id: Some(d.record.id.to_string()),
    };
    render(ctx, (&d.procedure, &d.data), binding, lang).await
}

/// Reads an uploaded form and its binding; nothing is written.
async fn open(ctx: &Context, pdf: &[u8]) -> Result<(Filled, Binding), Error> {
    let max_bytes = ctx.config.offline_forms.max_bytes;
    if pdf.len() > max_bytes {
        return Err(Error::FileTooLarge {
            field: "form".into(),
            max_bytes: max_bytes as u64,
        });
    }
    let filled = fillable_form::read(pdf).map_err(rejection)?;
    let key = store::form_binding_keys::load_or_create(&ctx.db, ctx.now()).await?;
    let binding = filled
        .binding
        .as_deref()
        .ok_or(FormRejection::Unbound)
        .and_then(|b| Binding::open(b, &key))
        .map_err(Error::OfflineForm)?;
    Ok((filled, binding))
}

/// Puts the form's values into `d` by the online route's rules: read-only fields keep the
/// authentic value (returned when the form differed), the others are merged step by step, and
/// the whole form must then pass (supporting documents aside: they are attached online next).
fn apply(d: &mut Dossier, filled: &Filled) -> Result<Vec<String>, Error> {
    let mut sent = Value::Object(values::values(&d.procedure, &filled.values));
    crate::domain::text::json_strings("", &mut sent)?;
    let Value::Object(sent) = sent else {
        return Err(Error::internal("form values are no longer an object"));
    };
    let mut restored = Vec::new();
    for step in &d.procedure.steps {
        let mut values = serde_json::Map::new();
        for f in &step.fields {
            let Some(v) = sent.get(&f.id) else {
                continue;
            };
            if f.read_only() {
                let current = d.data.get(&f.id).unwrap_or(&Value::Null);
                let normalised = validate::value(f, v).unwrap_or_else(|_| v.clone());
                if &normalised != current {
                    restored.push(f.id.clone());
                }
                continue;
            }
            values.insert(f.id.clone(), v.clone());
        }
        validate::merge(step, &mut d.data, &values)
            .map_err(|e| Error::invalid(e.field, e.reason))?;
    }
    match validate::whole(&d.procedure, &d.data, &|_| true)
        .into_iter()
        .next()
    {
        Some(e) => Err(Error::invalid(e.field, e.reason)),
        None => Ok(restored),
    }
}

/// Starts a draft dossier from a filled form of `procedure_id` downloaded from the grant's
/// space; a retry with the same idempotency key returns the first dossier. A refused form or an
/// invalid value changes nothing.
pub async fn upload(
    ctx: &Context,
    grant: &Grant<Fill>,
    procedure_id: &str,
    pdf: &[u8],
    idempotency_key: Option<&str>,
) -> Result<Taken, Error> {
    if !grant.covers_procedure(procedure_id) {
        return Err(Error::NotFound);
    }
    let procedure = super::catalog::latest(&ctx.db, procedure_id).await?;
    let caller = grant.caller();
    let space_id = grant.space();
    let hash = idempotency_key.map(|k| key_hash(caller.id(), "offline-form", space_id, k));
    if let Some(h) = &hash {
        if let Some(existing) = store::dossiers::replayed(&ctx.db, h).await? {
            let dossier = read_under(ctx, grant, &existing).await?;
            return Ok(Taken {
                dossier,
                restored: Vec::new(),
                created: false,
            });
        }
    }
    let (filled, binding) = open(ctx, pdf).await?;
    binding
        .expect(&procedure.id, procedure.version, space_id, None)
        .map_err(Error::OfflineForm)?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    // As on the online route: a domain's procedure needs the domain certified (or a mandate of
    // it), and its first dossier switches the domain's letters from the post to the space.
    let domain =
        crate::service::certification::delivery::domain_for_start(&txn, grant, &procedure.id)
            .await?;
    let new = NewDossier {
        space_id,
        procedure_id: &procedure.id,
        caller,
        role: grant.role(),
        channel: Channel::Online,
        acting_person_id: acting(caller),
        mandate: grant.mandate_for(&procedure.id),
    };
    let id = insert(&txn, &new, Status::Draft, None, now).await?;
    if let Some(domain) = domain {
        crate::service::certification::delivery::first_use(&txn, space_id, domain, now).await?;
    }
    let mut d = complete(&txn, load(&txn, grant, &id).await?).await?;
    refresh_register(&txn, &mut d).await?;
    let restored = apply(&mut d, &filled)?;
    store_data(&txn, &d, now).await?;
    if let Some(h) = &hash {
        if store::dossiers::remember(&txn, h, &id, "offline-form", now)
            .await
            .is_err()
        {
            txn.rollback().await?;
            let existing = store::dossiers::replayed(&ctx.db, h)
                .await?
                .ok_or(Error::PreconditionFailed)?;
            let dossier = read_under(ctx, grant, &existing).await?;
            return Ok(Taken {
                dossier,
                restored: Vec::new(),
                created: false,
            });
        }
    }
    txn.commit().await?;
    Ok(Taken {
        dossier: read_under(ctx, grant, &id).await?,
        restored,
        created: true,
    })
}

/// Updates the draft `dossier_id` from a filled form downloaded for it. A refused form or an
/// invalid value changes nothing.
pub async fn upload_to_draft(
    ctx: &Context,
    grant: &Grant<Fill>,
    dossier_id: &DossierId,
    pdf: &[u8],
) -> Result<Taken, Error> {
    load(&ctx.db, grant, dossier_id).await?;
    let (filled, binding) = open(ctx, pdf).await?;
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if !record.status.editable() {
        return Err(Error::illegal(record.status));
    }
    let mut d = complete(&txn, record).await?;
    binding
        .expect(
            &d.procedure.id,
            d.procedure.version,
            &d.record.space_id,
            Some(&*d.record.id),
        )
        .map_err(Error::OfflineForm)?;
    refresh_register(&txn, &mut d).await?;
    let restored = apply(&mut d, &filled)?;
    store_data(&txn, &d, now).await?;
    txn.commit().await?;
    Ok(Taken {
        dossier: read_under(ctx, grant, dossier_id).await?,
        restored,
        created: false,
    })
}
