//! Registration: e-mail and national identification number, a confirmation link valid 72 hours,
//! the terms accepted, then the person, their private space and their first certificate.

use super::{Context, db, signin, spaces, tokens};
use crate::domain::{Error, Invalid, Language, profile::parse_email};
use crate::limits::{ClientAddress, Limit, Limits};
use crate::mail::{outbox, templates};
use crate::store::{
    entities::{certificates, persons, registrations},
    register,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::{CertifiedIdentity, Matricule, MatriculeError, Usage};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
    sea_query::Expr,
};
use time::{Duration, OffsetDateTime};

/// A registration waiting for its link to be opened.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Where the link was sent.
    pub email: String,
    /// Until when the link works.
    pub expires_at: OffsetDateTime,
}

/// A finished registration.
#[derive(Debug, Clone)]
pub struct Confirmed {
    /// The new person.
    pub person_id: String,
    /// Their private space.
    pub space_id: String,
}

/// Parses a matricule, naming the field and the precise reason.
pub fn parse_matricule(raw: &str) -> Result<Matricule, Error> {
    Matricule::parse(raw.trim()).map_err(|e| {
        let reason = match e {
            MatriculeError::NotThirteenDigits => Invalid::MatriculeFormat,
            MatriculeError::ImpossibleDate => Invalid::MatriculeDate,
            MatriculeError::WrongLuhnDigit => Invalid::MatriculeLuhn,
            MatriculeError::WrongVerhoeffDigit => Invalid::MatriculeVerhoeff,
        };
        Error::invalid("matricule", reason)
    })
}

fn identity_of(ctx: &Context, der: &[u8]) -> Result<CertifiedIdentity, Error> {
    signin::verify_certificate(ctx, &[der.to_vec()], Usage::Authentication)
}

/// Counts a mail to `email` against `registration_per_email` (case does not make another inbox).
fn check_email(limits: &Limits, email: &str) -> Result<(), Error> {
    limits.check_subject(Limit::RegistrationPerEmail, &email.trim().to_lowercase())
}

/// Starts (or restarts) a registration for the certificate proven at sign-in.
///
/// Counted against `registration_per_address` first, then `registration_per_person` (the
/// certificate's national identification number: only its holder has a registration token
/// for it), then, when a mail is about to leave, `registration_per_email`.
pub async fn start(
    ctx: &Context,
    client: &ClientAddress,
    certificate_der: &[u8],
    email: &str,
    matricule: &str,
    lang: Language,
) -> Result<Pending, Error> {
    ctx.limits
        .check_address(Limit::RegistrationPerAddress, client)?;
    let email = crate::domain::text::single_line("email", email)?;
    let email = parse_email(&email).map_err(|r| Error::invalid("email", r))?;
    let matricule = crate::domain::text::single_line("matricule", matricule)?;
    let matricule = parse_matricule(&matricule)?;
    let identity = identity_of(ctx, certificate_der)?;
    ctx.limits
        .check_subject(Limit::RegistrationPerPerson, identity.matricule.as_str())?;
    if identity.matricule.as_str() != matricule.as_str() {
        return Err(Error::MatriculeMismatch);
    }
    if register::find(&ctx.db, matricule.as_str())
        .await
        .map_err(db)?
        .is_none()
    {
        return Err(Error::NotInRegister);
    }
    let existing = persons::Entity::find()
        .filter(persons::Column::Matricule.eq(matricule.as_str()))
        .one(&ctx.db)
        .await
        .map_err(db)?;
    if existing.is_some() {
        return Err(Error::AlreadyRegistered);
    }
    check_email(&ctx.limits, &email)?;
    let pending = send_link(
        ctx,
        &identity,
        certificate_der,
        &email,
        matricule.as_str(),
        lang,
    )
    .await?;
    ctx.metrics
        .registrations
        .with_label_values(&["start", "ok"])
        .inc();
    Ok(pending)
}

/// Sends a new link for the latest registration of this certificate; older links stop working.
/// Counted like [`start`], against the same quotas.
pub async fn resend(
    ctx: &Context,
    client: &ClientAddress,
    certificate_der: &[u8],
    lang: Language,
) -> Result<Pending, Error> {
    ctx.limits
        .check_address(Limit::RegistrationPerAddress, client)?;
    let identity = identity_of(ctx, certificate_der)?;
    ctx.limits
        .check_subject(Limit::RegistrationPerPerson, identity.matricule.as_str())?;
    let latest = registrations::Entity::find()
        .filter(
            registrations::Column::CertificateFingerprint.eq(identity.fingerprint_sha256.clone()),
        )
        .filter(registrations::Column::ConfirmedAt.is_null())
        .all(&ctx.db)
        .await
        .map_err(db)?
        .into_iter()
        .max_by_key(|r| r.created_at)
        .ok_or(Error::NotFound)?;
    check_email(&ctx.limits, &latest.email)?;
    send_link(
        ctx,
        &identity,
        certificate_der,
        &latest.email,
        &latest.matricule,
        lang,
    )
    .await
}

async fn send_link(
    ctx: &Context,
    identity: &CertifiedIdentity,
    der: &[u8],
    email: &str,
    matricule: &str,
    lang: Language,
) -> Result<Pending, Error> {
    let now = ctx.now();
    let hours = ctx.config.tokens.registration_link_ttl_hours;
    let expires_at = now + Duration::hours(hours);
    let link_token = tokens::generate("");
    let link = format!(
        "{}/registration/confirm?token={link_token}",
        ctx.config.public_url.trim_end_matches('/')
    );
    let (subject, body) = templates::registration_confirmation(lang, &link, hours);
    let txn = ctx.db.begin().await.map_err(db)?;
    supersede(&txn, &identity.fingerprint_sha256, now).await?;
    registrations::Entity::insert(registrations::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        certificate_fingerprint: Set(identity.fingerprint_sha256.clone()),
        certificate_der_base64: Set(STANDARD.encode(der)),
        matricule: Set(matricule.to_string()),
        email: Set(email.to_string()),
        language: Set(lang.code().into()),
        link_hash: Set(tokens::hash(&link_token)),
        expires_at: Set(expires_at),
        created_at: Set(now),
        confirmed_at: Set(None),
        superseded_at: Set(None),
    })
    .exec_without_returning(&txn)
    .await
    .map_err(db)?;
    outbox::enqueue(&txn, email, &subject, &body, now)
        .await
        .map_err(db)?;
    txn.commit().await.map_err(db)?;
    ctx.mail_queued.notify_one();
    Ok(Pending {
        email: email.to_string(),
        expires_at,
    })
}

async fn supersede<C: ConnectionTrait>(
    conn: &C,
    fingerprint: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    registrations::Entity::update_many()
        .col_expr(registrations::Column::SupersededAt, Expr::value(Some(now)))
        .filter(registrations::Column::CertificateFingerprint.eq(fingerprint.to_string()))
        .filter(registrations::Column::ConfirmedAt.is_null())
        .filter(registrations::Column::SupersededAt.is_null())
        .exec(conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// Completes a registration from the link's token once the terms are accepted.
pub async fn confirm(
    ctx: &Context,
    link_token: &str,
    accept_terms: bool,
) -> Result<Confirmed, Error> {
    let now = ctx.now();
    let reg = registrations::Entity::find()
        .filter(registrations::Column::LinkHash.eq(tokens::hash(link_token.trim())))
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::LinkUnknown)?;
    if reg.confirmed_at.is_some() || reg.superseded_at.is_some() {
        return Err(Error::LinkUsed);
    }
    if reg.expires_at <= now {
        ctx.metrics
            .registrations
            .with_label_values(&["confirm", "expired"])
            .inc();
        return Err(Error::LinkExpired);
    }
    if !accept_terms {
        return Err(Error::invalid("accept_terms", Invalid::TermsNotAccepted));
    }
    let der = STANDARD
        .decode(&reg.certificate_der_base64)
        .map_err(Error::internal)?;
    let identity = identity_of(ctx, &der)?;
    let person = register::find(&ctx.db, &reg.matricule)
        .await
        .map_err(db)?
        .ok_or(Error::NotInRegister)?;

    let txn = ctx.db.begin().await.map_err(db)?;
    let claimed = registrations::Entity::update_many()
        .col_expr(registrations::Column::ConfirmedAt, Expr::value(Some(now)))
        .filter(registrations::Column::Id.eq(reg.id.clone()))
        .filter(registrations::Column::ConfirmedAt.is_null())
        .filter(registrations::Column::SupersededAt.is_null())
        .exec(&txn)
        .await
        .map_err(db)?;
    if claimed.rows_affected != 1 {
        return Err(Error::LinkUsed);
    }
    let already = persons::Entity::find()
        .filter(persons::Column::Matricule.eq(reg.matricule.clone()))
        .one(&txn)
        .await
        .map_err(db)?;
    if already.is_some() {
        return Err(Error::AlreadyRegistered);
    }
    let person_id = uuid::Uuid::now_v7().to_string();
    persons::Entity::insert(persons::ActiveModel {
        id: Set(person_id.clone()),
        matricule: Set(reg.matricule.clone()),
        email: Set(reg.email.clone()),
        terms_accepted_at: Set(now),
        created_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await
    .map_err(db)?;
    let space_id = spaces::create_private(
        &txn,
        &person_id,
        &person,
        &reg.email,
        Language::parse(&reg.language),
        now,
    )
    .await?;
    insert_certificate(&txn, &person_id, &identity, &der, now).await?;
    txn.commit().await.map_err(db)?;
    ctx.metrics
        .registrations
        .with_label_values(&["confirm", "ok"])
        .inc();
    tracing::info!(%person_id, %space_id, "registration confirmed");
    Ok(Confirmed {
        person_id,
        space_id,
    })
}

/// Registers `identity`'s certificate to `person_id`.
pub async fn insert_certificate<C: ConnectionTrait>(
    conn: &C,
    person_id: &str,
    identity: &CertifiedIdentity,
    der: &[u8],
    now: OffsetDateTime,
) -> Result<String, Error> {
    let (kind, organisation) = super::certificates::kind_columns(&identity.kind);
    let id = uuid::Uuid::now_v7().to_string();
    certificates::Entity::insert(certificates::ActiveModel {
        id: Set(id.clone()),
        person_id: Set(person_id.to_string()),
        fingerprint: Set(identity.fingerprint_sha256.clone()),
        serial_hex: Set(identity.serial_hex.clone()),
        issuer_dn: Set(identity.issuer_dn.clone()),
        usage: Set(super::certificates::usage_name(identity.usage).into()),
        kind: Set(kind.into()),
        organisation: Set(organisation),
        der_base64: Set(STANDARD.encode(der)),
        not_after: Set(identity.not_after),
        registered_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(|e| {
        if e.to_string().to_lowercase().contains("unique") {
            Error::CertificateAlreadyRegistered
        } else {
            Error::internal(e)
        }
    })?;
    Ok(id)
}
