//! Registrations waiting for their confirmation link to be opened.

use super::entities::registrations;
use crate::domain::Error;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use time::OffsetDateTime;

/// A registration as kept.
pub type Registration = registrations::Model;

/// A registration to keep.
#[derive(Debug, Clone)]
pub struct NewRegistration<'a> {
    /// SHA-256 of the certificate proven at sign-in.
    pub certificate_fingerprint: &'a str,
    /// The certificate's DER, base64.
    pub certificate_der_base64: String,
    /// National identification number.
    pub matricule: &'a str,
    /// Where the link was sent.
    pub email: &'a str,
    /// The language of the mail (two-letter code).
    pub language: &'a str,
    /// SHA-256 of the link's token.
    pub link_hash: String,
    /// Until when the link works.
    pub expires_at: OffsetDateTime,
}

/// Keeps a new registration.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    new: NewRegistration<'_>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    registrations::Entity::insert(registrations::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        certificate_fingerprint: Set(new.certificate_fingerprint.to_string()),
        certificate_der_base64: Set(new.certificate_der_base64),
        matricule: Set(new.matricule.to_string()),
        email: Set(new.email.to_string()),
        language: Set(new.language.to_string()),
        link_hash: Set(new.link_hash),
        expires_at: Set(new.expires_at),
        created_at: Set(now),
        confirmed_at: Set(None),
        superseded_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Ends the open registrations of a certificate: their links stop working.
pub async fn supersede<C: ConnectionTrait>(
    conn: &C,
    fingerprint: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    registrations::Entity::update_many()
        .col_expr(registrations::Column::SupersededAt, Expr::value(Some(now)))
        .filter(registrations::Column::CertificateFingerprint.eq(fingerprint))
        .filter(registrations::Column::ConfirmedAt.is_null())
        .filter(registrations::Column::SupersededAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The latest registration of a certificate not confirmed yet.
pub async fn latest_unconfirmed<C: ConnectionTrait>(
    conn: &C,
    fingerprint: &str,
) -> Result<Option<Registration>, Error> {
    Ok(registrations::Entity::find()
        .filter(registrations::Column::CertificateFingerprint.eq(fingerprint))
        .filter(registrations::Column::ConfirmedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .max_by_key(|r| r.created_at))
}

/// The registration whose link token hashes to `link_hash`.
pub async fn by_link<C: ConnectionTrait>(
    conn: &C,
    link_hash: &str,
) -> Result<Option<Registration>, Error> {
    Ok(registrations::Entity::find()
        .filter(registrations::Column::LinkHash.eq(link_hash))
        .one(conn)
        .await?)
}

/// Marks a registration confirmed if it is still open; false if it was used or replaced.
pub async fn claim<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = registrations::Entity::update_many()
        .col_expr(registrations::Column::ConfirmedAt, Expr::value(Some(now)))
        .filter(registrations::Column::Id.eq(id))
        .filter(registrations::Column::ConfirmedAt.is_null())
        .filter(registrations::Column::SupersededAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}
