//! Registered persons and the certificates that lead to them.

use super::entities::{certificates, persons};
use crate::domain::{
    Error,
    ids::PersonId,
    persons::{Certificate, CertificateKind, CertificateUsage, Person},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use time::OffsetDateTime;

impl From<persons::Model> for Person {
    fn from(m: persons::Model) -> Self {
        Self {
            id: m.id,
            matricule: m.matricule,
            email: m.email,
            terms_accepted_at: m.terms_accepted_at,
            created_at: m.created_at,
        }
    }
}

/// The person `id`, if registered.
pub async fn find<C: ConnectionTrait>(conn: &C, id: &PersonId) -> Result<Option<Person>, Error> {
    Ok(persons::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(Person::from))
}

/// The person with national identification number `matricule`, if registered.
pub async fn find_by_matricule<C: ConnectionTrait>(
    conn: &C,
    matricule: &str,
) -> Result<Option<Person>, Error> {
    Ok(persons::Entity::find()
        .filter(persons::Column::Matricule.eq(matricule))
        .one(conn)
        .await?
        .map(Person::from))
}

/// The person whose registered e-mail address is `email`, if exactly one is.
pub async fn find_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> Result<Option<Person>, Error> {
    let mut found = persons::Entity::find()
        .filter(persons::Column::Email.eq(email))
        .limit(2)
        .all(conn)
        .await?;
    Ok(if found.len() == 1 {
        found.pop().map(Person::from)
    } else {
        None
    })
}

/// Registers a person.
pub async fn insert<C: ConnectionTrait>(conn: &C, person: &Person) -> Result<(), Error> {
    persons::Entity::insert(persons::ActiveModel {
        id: Set(person.id.clone()),
        matricule: Set(person.matricule.clone()),
        email: Set(person.email.clone()),
        terms_accepted_at: Set(person.terms_accepted_at),
        created_at: Set(person.created_at),
        notify_agent_reads: Set(false),
        closed_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

impl From<certificates::Model> for Certificate {
    fn from(m: certificates::Model) -> Self {
        Self {
            id: m.id,
            usage: m.usage,
            kind: m.kind,
            organisation: m.organisation,
            fingerprint: m.fingerprint,
            issuer_dn: m.issuer_dn,
            not_after: m.not_after,
            registered_at: m.registered_at,
        }
    }
}

/// The certificates registered to `person`, oldest first.
pub async fn certificates<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Vec<Certificate>, Error> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::PersonId.eq(person.clone()))
        .order_by_asc(certificates::Column::RegisteredAt)
        .all(conn)
        .await?
        .into_iter()
        .map(Certificate::from)
        .collect())
}

/// The certificate `id`.
pub async fn certificate<C: ConnectionTrait>(
    conn: &C,
    id: &str,
) -> Result<Option<Certificate>, Error> {
    Ok(certificates::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?
        .map(Certificate::from))
}

/// The person a certificate (by SHA-256 fingerprint) is registered to.
pub async fn holder_of_certificate<C: ConnectionTrait>(
    conn: &C,
    fingerprint: &str,
) -> Result<Option<PersonId>, Error> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::Fingerprint.eq(fingerprint))
        .one(conn)
        .await?
        .map(|c| c.person_id))
}

/// Locks `person`'s row until the transaction ends (PostgreSQL `FOR UPDATE`; SQLite's write
/// transaction already holds the database): checks of a per-person limit then see every
/// concurrent change.
pub async fn lock<C: ConnectionTrait>(conn: &C, person: &PersonId) -> Result<(), Error> {
    persons::Entity::find_by_id(person.clone())
        .lock_exclusive()
        .one(conn)
        .await?;
    Ok(())
}

/// The DER of the certificate `fingerprint` registered to `person`, with its usage.
pub async fn certificate_der<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    fingerprint: &str,
) -> Result<Option<(String, CertificateUsage)>, Error> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::Fingerprint.eq(fingerprint))
        .filter(certificates::Column::PersonId.eq(person.clone()))
        .one(conn)
        .await?
        .map(|c| (c.der_base64, c.usage)))
}

/// Whether the certificate `fingerprint` is registered to `person` for `usage`.
pub async fn has_certificate<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    fingerprint: &str,
    usage: CertificateUsage,
) -> Result<bool, Error> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::Fingerprint.eq(fingerprint))
        .filter(certificates::Column::PersonId.eq(person.clone()))
        .filter(certificates::Column::Usage.eq(usage))
        .one(conn)
        .await?
        .is_some())
}

/// A certificate to register.
#[derive(Debug, Clone)]
pub struct NewCertificate<'a> {
    /// Its owner.
    pub person: &'a PersonId,
    /// SHA-256 of the DER, hex.
    pub fingerprint: &'a str,
    /// Serial number, hex.
    pub serial_hex: &'a str,
    /// Issuer's distinguished name.
    pub issuer_dn: &'a str,
    /// Authentication or signature.
    pub usage: CertificateUsage,
    /// Private or pro.
    pub kind: CertificateKind,
    /// For a pro certificate, the organisation.
    pub organisation: Option<String>,
    /// The DER, base64.
    pub der_base64: String,
    /// End of validity.
    pub not_after: OffsetDateTime,
}

/// Registers a certificate; [`Error::CertificateAlreadyRegistered`] if it is already.
pub async fn insert_certificate<C: ConnectionTrait>(
    conn: &C,
    new: NewCertificate<'_>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let id = uuid::Uuid::now_v7().to_string();
    certificates::Entity::insert(certificates::ActiveModel {
        id: Set(id.clone()),
        person_id: Set(new.person.clone()),
        fingerprint: Set(new.fingerprint.to_string()),
        serial_hex: Set(new.serial_hex.to_string()),
        issuer_dn: Set(new.issuer_dn.to_string()),
        usage: Set(new.usage),
        kind: Set(new.kind),
        organisation: Set(new.organisation),
        der_base64: Set(new.der_base64),
        not_after: Set(new.not_after),
        registered_at: Set(now),
    })
    .exec_without_returning(conn)
    .await
    .map_err(|e| {
        if e.to_string().to_lowercase().contains("unique") {
            Error::CertificateAlreadyRegistered
        } else {
            e.into()
        }
    })?;
    Ok(id)
}

/// Whether `person` asked to be told (push) when an administration reads their data.
pub async fn notifies_agent_reads<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<bool, Error> {
    let wish: Option<bool> = persons::Entity::find_by_id(person.clone())
        .select_only()
        .column(persons::Column::NotifyAgentReads)
        .into_tuple()
        .one(conn)
        .await?;
    Ok(wish.unwrap_or(false))
}

/// Sets whether `person` is told (push) when an administration reads their data.
pub async fn set_notify_agent_reads<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    wish: bool,
) -> Result<(), Error> {
    persons::Entity::update_many()
        .col_expr(
            persons::Column::NotifyAgentReads,
            sea_orm::sea_query::Expr::value(wish),
        )
        .filter(persons::Column::Id.eq(person.clone()))
        .exec(conn)
        .await?;
    Ok(())
}
