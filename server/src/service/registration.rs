//! Registration: e-mail and national identification number, a confirmation link valid 72 hours,
//! the terms accepted, then the person, their private space and their first certificate.

use super::{Context, certificates, signin, spaces, tokens};
use crate::domain::{
    Error, Invalid, Language,
    ids::{PersonId, SpaceId},
    persons::Person,
    profile::parse_email,
};
use crate::limits::{ClientAddress, Limit, Limits};
use crate::mail::{outbox, templates};
use crate::store::{self, register, registrations::NewRegistration};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::{CertifiedIdentity, Matricule, MatriculeError, Usage};
use sea_orm::TransactionTrait;
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
    pub person_id: PersonId,
    /// Their private space.
    pub space_id: SpaceId,
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
    if register::find(&ctx.db, matricule.as_str()).await?.is_none() {
        return Err(Error::NotInRegister);
    }
    let existing = store::persons::find_by_matricule(&ctx.db, matricule.as_str()).await?;
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
    let latest = store::registrations::latest_unconfirmed(&ctx.db, &identity.fingerprint_sha256)
        .await?
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
    let txn = ctx.db.begin().await?;
    store::registrations::supersede(&txn, &identity.fingerprint_sha256, now).await?;
    let new = NewRegistration {
        certificate_fingerprint: &identity.fingerprint_sha256,
        certificate_der_base64: STANDARD.encode(der),
        matricule,
        email,
        language: lang.code(),
        link_hash: tokens::hash(&link_token),
        expires_at,
    };
    store::registrations::insert(&txn, new, now).await?;
    outbox::enqueue(&txn, email, &subject, &body, now).await?;
    txn.commit().await?;
    ctx.mail_queued.notify_one();
    Ok(Pending {
        email: email.to_string(),
        expires_at,
    })
}

/// Completes a registration from the link's token once the terms are accepted.
pub async fn confirm(
    ctx: &Context,
    link_token: &str,
    accept_terms: bool,
) -> Result<Confirmed, Error> {
    let now = ctx.now();
    let reg = store::registrations::by_link(&ctx.db, &tokens::hash(link_token.trim()))
        .await?
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
        .await?
        .ok_or(Error::NotInRegister)?;

    let txn = ctx.db.begin().await?;
    if !store::registrations::claim(&txn, &reg.id, now).await? {
        return Err(Error::LinkUsed);
    }
    if store::persons::find_by_matricule(&txn, &reg.matricule)
        .await?
        .is_some()
    {
        return Err(Error::AlreadyRegistered);
    }
    let person_id = PersonId::generate();
    let new_person = Person {
        id: person_id.clone(),
        matricule: reg.matricule.clone(),
        email: reg.email.clone(),
        terms_accepted_at: now,
        created_at: now,
    };
    store::persons::insert(&txn, &new_person).await?;
    let space_id = spaces::create_private(
        &txn,
        &person_id,
        &person,
        &reg.email,
        Language::parse(&reg.language),
        now,
    )
    .await?;
    certificates::insert(&txn, &person_id, &identity, &der, now).await?;
    txn.commit().await?;
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
