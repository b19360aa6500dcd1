//! Professional spaces: created with the certificate the person signed in with (a Pro
//! certificate makes the space collaborative and fixes the organisation's name and numbers),
//! up to a limit per person that the helpdesk may raise; the organisation's data read and
//! changed under a grant.

use super::{Context, begin_write, dossiers::key_hash, signin};
use crate::domain::{
    Error,
    ids::{DossierId, PersonId, SpaceId},
    organisations::{CertifiedOrganisation, Organisation, OrganisationInput},
    persons::CertificateUsage,
    rights::{Fill, Grant, Read, Role},
    spaces::{Access, Membership, Space, SpaceKind},
};
use crate::store::{self, organisations::Stored};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::{CertificateKind, Usage};

/// A professional space as its creator sees it.
#[derive(Debug, Clone)]
pub struct Created {
    /// The space and the creator's role (administrator).
    pub membership: Membership,
    /// Its organisation.
    pub organisation: Stored,
    /// False when an idempotency key replayed an earlier creation.
    pub new: bool,
}

/// What the certificate of `session_id` says of its organisation: `Some` for a Pro certificate,
/// checked again now (path, validity, revocation), with its fingerprint.
async fn session_certificate(
    ctx: &Context,
    session_id: &str,
    person: &PersonId,
) -> Result<(Option<CertifiedOrganisation>, String), Error> {
    let session = store::sessions::session(&ctx.db, session_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let fingerprint = session.certificate_fingerprint;
    let (der, usage) = store::persons::certificate_der(&ctx.db, person, &fingerprint)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let der = STANDARD.decode(der).map_err(Error::internal)?;
    let usage = match usage {
        CertificateUsage::Authentication => Usage::Authentication,
        CertificateUsage::Signature => Usage::Signature,
    };
    let identity = signin::verify_certificate(ctx, &[der], usage)?;
    let certified = match identity.kind {
        CertificateKind::Pro {
            organisation,
            organisation_identifier,
        } => Some(CertifiedOrganisation::from_subject(
            &organisation,
            organisation_identifier.as_deref(),
        )),
        CertificateKind::Private => None,
    };
    Ok((certified, fingerprint))
}

/// Creates a professional space for `person` with the certificate of their session; the
/// person becomes its administrator. [`Error::SpaceLimit`] past their limit; a retry with the
/// same idempotency key returns the first space.
pub async fn create(
    ctx: &Context,
    session_id: &str,
    person: &PersonId,
    input: &OrganisationInput,
    idempotency_key: Option<&str>,
    request_id: &str,
) -> Result<Created, Error> {
    let now = ctx.now();
    let hash = idempotency_key.map(|k| key_hash(person.as_str(), "space.create", "", k));
    if let Some(h) = &hash {
        if let Some(id) = store::dossiers::replayed_id(&ctx.db, h).await? {
            return replay(ctx, person, &SpaceId::from(id)).await;
        }
    }
    let (certified, fingerprint) = session_certificate(ctx, session_id, person).await?;
    let organisation = Organisation::parse(input, certified.as_ref())?;
    let txn = begin_write(&ctx.db).await?;
    store::persons::lock(&txn, person).await?;
    let max = store::organisations::limit(&txn, person)
        .await?
        .unwrap_or(ctx.config.spaces.max_professional);
    if store::spaces::professional_count(&txn, person).await? >= u64::from(max) {
        return Err(Error::SpaceLimit { max });
    }
    let space = Space {
        id: SpaceId::generate(),
        kind: SpaceKind::Professional,
        name: organisation.name.clone(),
        private_owner: None,
        collaborative: certified.is_some(),
        created_at: now,
    };
    store::spaces::insert_space(&txn, &space, person, Role::Administrator, Some(fingerprint))
        .await?;
    store::organisations::insert(&txn, &space.id, &organisation, now).await?;
    let detail = if space.collaborative {
        "collaborative (Pro certificate)"
    } else {
        "private certificate"
    };
    let access = Access::by_person(
        &space.id,
        person.as_str(),
        Some(Role::Administrator),
        "space.create",
        detail,
    )
    .in_request(request_id);
    store::access_log::record(&txn, access, now).await?;
    if let Some(h) = &hash {
        let id = DossierId::from(space.id.as_str());
        if store::dossiers::remember(&txn, h, &id, "space.create", now)
            .await
            .is_err()
        {
            txn.rollback().await?;
            let id = store::dossiers::replayed_id(&ctx.db, h)
                .await?
                .ok_or(Error::PreconditionFailed)?;
            return replay(ctx, person, &SpaceId::from(id)).await;
        }
    }
    txn.commit().await?;
    Ok(Created {
        membership: Membership {
            space,
            role: Role::Administrator,
        },
        organisation: Stored {
            organisation,
            version: 1,
            updated_at: now,
        },
        new: true,
    })
}

/// The space an earlier creation made, as its creator sees it now.
async fn replay(ctx: &Context, person: &PersonId, id: &SpaceId) -> Result<Created, Error> {
    let space = store::spaces::find(&ctx.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let role = store::spaces::role_of(&ctx.db, id, person)
        .await?
        .ok_or(Error::NotFound)?;
    let organisation = store::organisations::find(&ctx.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Created {
        membership: Membership { space, role },
        organisation,
        new: false,
    })
}

/// The organisation of the grant's space; [`Error::NotFound`] for a private space.
pub async fn organisation(ctx: &Context, grant: &Grant<Read>) -> Result<Stored, Error> {
    store::organisations::find(&ctx.db, grant.space())
        .await?
        .ok_or(Error::NotFound)
}

/// Replaces the organisation's data if it is still at `expected_version` (none: whatever it
/// is); fields fixed by the Pro certificate keep their value ([`crate::domain::Invalid::FromCertificate`]
/// when a different one is sent). Only an administrator changes it.
pub async fn update_organisation(
    ctx: &Context,
    grant: &Grant<Fill>,
    expected_version: Option<i32>,
    input: &OrganisationInput,
    request_id: &str,
) -> Result<Stored, Error> {
    if grant.role() != Some(Role::Administrator) {
        return Err(Error::NotFound);
    }
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let current = store::organisations::find(&txn, grant.space())
        .await?
        .ok_or(Error::NotFound)?;
    let certified = locked_values(&current.organisation);
    let mut updated = Organisation::parse(input, certified.as_ref())?;
    updated.locked = current.organisation.locked.clone();
    let version = expected_version.unwrap_or(current.version);
    if !store::organisations::replace(&txn, grant.space(), version, &updated, now).await? {
        return Err(Error::PreconditionFailed);
    }
    let access = Access::under(grant, "organisation.update", "organisation", request_id);
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    Ok(Stored {
        organisation: updated,
        version: version + 1,
        updated_at: now,
    })
}

/// The values a Pro certificate fixed, as the certificate gave them.
fn locked_values(o: &Organisation) -> Option<CertifiedOrganisation> {
    let locked = |f: &str| o.locked.iter().any(|l| l == f);
    if o.locked.is_empty() {
        return None;
    }
    Some(CertifiedOrganisation {
        name: o.name.clone(),
        rcs_number: o.rcs_number.clone().filter(|_| locked("rcs_number")),
        vat_number: o.vat_number.clone().filter(|_| locked("vat_number")),
    })
}

/// The helpdesk's raise (or cut) of the professional space limit of the person with
/// `matricule`, recording who decided and why (`guichet spaces limit`); returns the person and
/// the limit before. [`Error::NotFound`] when nobody registered has that matricule;
/// [`crate::domain::Invalid::Required`] when `by` or `reason` is blank.
pub async fn set_limit<C: sea_orm::ConnectionTrait + sea_orm::TransactionTrait>(
    conn: &C,
    default_max: u32,
    matricule: &str,
    max: u32,
    by: &str,
    reason: &str,
    now: time::OffsetDateTime,
) -> Result<(PersonId, u32), Error> {
    let (by, reason) = (by.trim(), reason.trim());
    for (field, value) in [("by", by), ("reason", reason)] {
        if value.is_empty() {
            return Err(Error::invalid(field, crate::domain::Invalid::Required));
        }
    }
    let person = store::persons::find_by_matricule(conn, matricule.trim())
        .await?
        .ok_or(Error::NotFound)?;
    let before = store::organisations::limit(conn, &person.id)
        .await?
        .unwrap_or(default_max);
    store::organisations::set_limit(conn, &person.id, max, by, reason, now).await?;
    // An operator's command on a person's data is on that person's access record.
    if let Some(space) = store::spaces::private_space_of(conn, &person.id).await? {
        let access = crate::domain::spaces::Access::by_operator(
            &space.id,
            crate::domain::rights::ActorKind::Operator,
            by,
            "operator.space-limit",
            format!("professional space limit {before} -> {max}"),
            reason,
        );
        store::access_log::record(conn, access, now).await?;
    }
    tracing::info!(person = %person.id, max, before, by, "professional space limit set");
    Ok((person.id, before))
}
