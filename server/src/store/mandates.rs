//! Certification codes, mandates, the domains delivered electronically, and the wrong-code
//! counters.

use super::entities::{
    certification_codes as codes, code_lockouts, domain_deliveries, mandates, space_holders,
};
use crate::domain::{
    Error,
    ids::{DossierId, PersonId, SpaceId},
    mandates::{CodeKind, Domain, Lockout, MandateKind},
    procedures::Procedure,
    rights::{MandateRight, Role},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use std::collections::{BTreeMap, BTreeSet};
use time::OffsetDateTime;

pub use codes::Model as CodeRow;
pub use mandates::Model as MandateRow;

/// A code to store.
pub struct NewCode<'a> {
    /// The employer's space.
    pub space: &'a SpaceId,
    /// The certification request.
    pub dossier: &'a DossierId,
    /// The employer's number.
    pub employer_number: &'a str,
    /// The domain.
    pub domain: Domain,
    /// What it is for.
    pub kind: CodeKind,
    /// The mandatary it is for (mandatary codes).
    pub mandatary: Option<(&'a str, &'a str)>,
    /// The code's hash.
    pub code_hash: String,
    /// The hash of the security code that goes with it.
    pub security_hash: Option<String>,
}

/// Stores a code.
pub async fn insert_code<C: ConnectionTrait>(
    conn: &C,
    new: NewCode<'_>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let id = uuid::Uuid::now_v7().to_string();
    codes::Entity::insert(codes::ActiveModel {
        id: Set(id.clone()),
        space_id: Set(new.space.clone()),
        dossier_id: Set(new.dossier.clone()),
        employer_number: Set(new.employer_number.to_string()),
        domain: Set(new.domain.slug().to_string()),
        kind: Set(new.kind.as_str().to_string()),
        mandatary_matricule: Set(new.mandatary.map(|m| m.0.to_string())),
        mandatary_name: Set(new.mandatary.map(|m| m.1.to_string())),
        code_hash: Set(new.code_hash),
        security_hash: Set(new.security_hash),
        used_at: Set(None),
        voided_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(id)
}

/// The codes of `kind` for `domain` that may still be used, in the employer's space.
pub async fn usable_codes<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    domain: Domain,
    kind: CodeKind,
) -> Result<Vec<CodeRow>, Error> {
    Ok(codes::Entity::find()
        .filter(codes::Column::SpaceId.eq(space.clone()))
        .filter(codes::Column::Domain.eq(domain.slug()))
        .filter(codes::Column::Kind.eq(kind.as_str()))
        .filter(codes::Column::UsedAt.is_null())
        .filter(codes::Column::VoidedAt.is_null())
        .order_by_asc(codes::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// The usable mandatary codes for `domain` of the employer with `employer_number`, naming the
/// mandatary `matricule`.
pub async fn mandatary_codes<C: ConnectionTrait>(
    conn: &C,
    employer_number: &str,
    domain: Domain,
    matricule: &str,
) -> Result<Vec<CodeRow>, Error> {
    Ok(codes::Entity::find()
        .filter(codes::Column::EmployerNumber.eq(employer_number))
        .filter(codes::Column::Domain.eq(domain.slug()))
        .filter(codes::Column::Kind.eq(CodeKind::Mandatary.as_str()))
        .filter(codes::Column::MandataryMatricule.eq(matricule))
        .filter(codes::Column::UsedAt.is_null())
        .filter(codes::Column::VoidedAt.is_null())
        .all(conn)
        .await?)
}

/// Marks a code used; `false` when it was used or voided meanwhile (a concurrent entry won).
pub async fn use_code<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let done = codes::Entity::update_many()
        .col_expr(codes::Column::UsedAt, Expr::value(now))
        .filter(codes::Column::Id.eq(id))
        .filter(codes::Column::UsedAt.is_null())
        .filter(codes::Column::VoidedAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Voids every unused code of `domain` in the employer's space (a revocation code was used).
pub async fn void_codes<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    domain: Domain,
    now: OffsetDateTime,
) -> Result<(), Error> {
    codes::Entity::update_many()
        .col_expr(codes::Column::VoidedAt, Expr::value(now))
        .filter(codes::Column::SpaceId.eq(space.clone()))
        .filter(codes::Column::Domain.eq(domain.slug()))
        .filter(codes::Column::UsedAt.is_null())
        .filter(codes::Column::VoidedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The employer number the certification of `space` was issued for, if any.
pub async fn employer_number<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Option<String>, Error> {
    Ok(codes::Entity::find()
        .filter(codes::Column::SpaceId.eq(space.clone()))
        .order_by_desc(codes::Column::CreatedAt)
        .one(conn)
        .await?
        .map(|c| c.employer_number))
}

/// The space certified (or being certified) for `employer_number`, if any.
pub async fn space_of_employer<C: ConnectionTrait>(
    conn: &C,
    employer_number: &str,
) -> Result<Option<SpaceId>, Error> {
    Ok(codes::Entity::find()
        .filter(codes::Column::EmployerNumber.eq(employer_number))
        .order_by_desc(codes::Column::CreatedAt)
        .one(conn)
        .await?
        .map(|c| c.space_id))
}

/// A mandate to store.
pub struct NewMandate<'a> {
    /// The employer's space.
    pub employer: &'a SpaceId,
    /// The domain.
    pub domain: Domain,
    /// Main or mandatary.
    pub kind: MandateKind,
    /// The space acting under it.
    pub holder: &'a SpaceId,
    /// The code that gave it.
    pub code_id: &'a str,
    /// Who entered the code.
    pub created_by: &'a PersonId,
}

/// Stores a mandate; returns its id.
pub async fn insert_mandate<C: ConnectionTrait>(
    conn: &C,
    new: NewMandate<'_>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let id = format!("mdt_{}", uuid::Uuid::now_v7().simple());
    mandates::Entity::insert(mandates::ActiveModel {
        id: Set(id.clone()),
        employer_space_id: Set(new.employer.clone()),
        domain: Set(new.domain.slug().to_string()),
        kind: Set(new.kind.as_str().to_string()),
        holder_space_id: Set(new.holder.clone()),
        code_id: Set(new.code_id.to_string()),
        created_by: Set(new.created_by.to_string()),
        created_at: Set(now),
        revoked_at: Set(None),
        revoked_by: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(id)
}

/// The mandates the employer's space gave (main and mandataries'), revoked ones included,
/// oldest first.
pub async fn given<C: ConnectionTrait>(
    conn: &C,
    employer: &SpaceId,
) -> Result<Vec<MandateRow>, Error> {
    Ok(mandates::Entity::find()
        .filter(mandates::Column::EmployerSpaceId.eq(employer.clone()))
        .order_by_asc(mandates::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// The mandataries' mandates `holder` acts under (not revoked), oldest first.
pub async fn obtained<C: ConnectionTrait>(
    conn: &C,
    holder: &SpaceId,
) -> Result<Vec<MandateRow>, Error> {
    Ok(mandates::Entity::find()
        .filter(mandates::Column::HolderSpaceId.eq(holder.clone()))
        .filter(mandates::Column::Kind.eq(MandateKind::Mandatary.as_str()))
        .filter(mandates::Column::RevokedAt.is_null())
        .order_by_asc(mandates::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// The mandate `id`, if it exists.
pub async fn mandate<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<MandateRow>, Error> {
    Ok(mandates::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?)
}

/// Whether the employer's space holds an active mandate of `kind` for `domain` (from
/// `holder`, when given).
pub async fn active<C: ConnectionTrait>(
    conn: &C,
    employer: &SpaceId,
    domain: Domain,
    kind: MandateKind,
    holder: Option<&SpaceId>,
) -> Result<bool, Error> {
    let mut q = mandates::Entity::find()
        .filter(mandates::Column::EmployerSpaceId.eq(employer.clone()))
        .filter(mandates::Column::Domain.eq(domain.slug()))
        .filter(mandates::Column::Kind.eq(kind.as_str()))
        .filter(mandates::Column::RevokedAt.is_null());
    if let Some(h) = holder {
        q = q.filter(mandates::Column::HolderSpaceId.eq(h.clone()));
    }
    Ok(q.one(conn).await?.is_some())
}

/// Revokes the active mandates of the employer's space matching `id` (one mandate) or
/// `domain` (all of the domain); returns those revoked.
pub async fn revoke<C: ConnectionTrait>(
    conn: &C,
    employer: &SpaceId,
    id: Option<&str>,
    domain: Option<Domain>,
    by: &PersonId,
    now: OffsetDateTime,
) -> Result<Vec<MandateRow>, Error> {
    let mut q = mandates::Entity::find()
        .filter(mandates::Column::EmployerSpaceId.eq(employer.clone()))
        .filter(mandates::Column::RevokedAt.is_null());
    if let Some(id) = id {
        q = q.filter(mandates::Column::Id.eq(id));
    }
    if let Some(d) = domain {
        q = q.filter(mandates::Column::Domain.eq(d.slug()));
    }
    let rows = q.all(conn).await?;
    for r in &rows {
        mandates::Entity::update_many()
            .col_expr(mandates::Column::RevokedAt, Expr::value(now))
            .col_expr(mandates::Column::RevokedBy, Expr::value(by.to_string()))
            .filter(mandates::Column::Id.eq(r.id.clone()))
            .exec(conn)
            .await?;
    }
    Ok(rows)
}

/// The procedure ids whose latest version needs `domain`.
pub async fn domain_procedures<C: ConnectionTrait>(
    conn: &C,
    domain: Domain,
) -> Result<BTreeSet<String>, Error> {
    let mut latest: BTreeMap<String, Option<String>> = BTreeMap::new();
    for v in super::catalog::all(conn).await? {
        if latest.contains_key(&v.procedure_id) {
            continue;
        }
        let needs = Procedure::parse(&v.definition)
            .ok()
            .and_then(|p| p.domain.clone());
        latest.insert(v.procedure_id, needs);
    }
    Ok(latest
        .into_iter()
        .filter(|(_, d)| d.as_deref() == Some(domain.slug()))
        .map(|(id, _)| id)
        .collect())
}

/// The mandates `person` acts under in `employer`'s space: those of the spaces they administer.
pub async fn rights_of<C: ConnectionTrait>(
    conn: &C,
    employer: &SpaceId,
    person: &PersonId,
) -> Result<Vec<MandateRight>, Error> {
    let administered: Vec<SpaceId> = space_holders::Entity::find()
        .filter(space_holders::Column::PersonId.eq(person.clone()))
        .filter(space_holders::Column::Role.eq(Role::Administrator))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| h.space_id)
        .collect();
    if administered.is_empty() {
        return Ok(Vec::new());
    }
    let rows = mandates::Entity::find()
        .filter(mandates::Column::EmployerSpaceId.eq(employer.clone()))
        .filter(mandates::Column::Kind.eq(MandateKind::Mandatary.as_str()))
        .filter(mandates::Column::RevokedAt.is_null())
        .filter(mandates::Column::HolderSpaceId.is_in(administered))
        .order_by_asc(mandates::Column::CreatedAt)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(domain) = Domain::from_slug(&r.domain) else {
            continue;
        };
        out.push(MandateRight {
            mandate: r.id,
            procedures: domain_procedures(conn, domain).await?,
        });
    }
    Ok(out)
}

/// Since when documents of `domain` reach `space` electronically (none: by post).
pub async fn edelivery_since<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    domain: Domain,
) -> Result<Option<OffsetDateTime>, Error> {
    Ok(
        domain_deliveries::Entity::find_by_id((space.clone(), domain.slug().to_string()))
            .one(conn)
            .await?
            .map(|d| d.since),
    )
}

/// Switches `domain` of `space` to electronic delivery (kept if already on).
pub async fn start_edelivery<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    domain: Domain,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    if edelivery_since(conn, space, domain).await?.is_some() {
        return Ok(false);
    }
    let on_conflict = sea_orm::sea_query::OnConflict::columns([
        domain_deliveries::Column::SpaceId,
        domain_deliveries::Column::Domain,
    ])
    .do_nothing()
    .to_owned();
    domain_deliveries::Entity::insert(domain_deliveries::ActiveModel {
        space_id: Set(space.clone()),
        domain: Set(domain.slug().to_string()),
        since: Set(now),
    })
    .on_conflict(on_conflict)
    .exec_without_returning(conn)
    .await?;
    Ok(true)
}

/// The wrong-code counter of `subject`.
pub async fn lockout<C: ConnectionTrait>(conn: &C, subject: &str) -> Result<Lockout, Error> {
    Ok(code_lockouts::Entity::find_by_id(subject.to_string())
        .one(conn)
        .await?
        .map(|r| Lockout {
            failures: r.failures,
            locked_until: r.locked_until,
        })
        .unwrap_or_default())
}

/// Stores the wrong-code counter of `subject`.
pub async fn set_lockout<C: ConnectionTrait>(
    conn: &C,
    subject: &str,
    lockout: Lockout,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let on_conflict = sea_orm::sea_query::OnConflict::column(code_lockouts::Column::Subject)
        .update_columns([
            code_lockouts::Column::Failures,
            code_lockouts::Column::LockedUntil,
            code_lockouts::Column::UpdatedAt,
        ])
        .to_owned();
    code_lockouts::Entity::insert(code_lockouts::ActiveModel {
        subject: Set(subject.to_string()),
        failures: Set(lockout.failures),
        locked_until: Set(lockout.locked_until),
        updated_at: Set(now),
    })
    .on_conflict(on_conflict)
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
