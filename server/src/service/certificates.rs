//! A person's certificates: several may lead to the same private space.

use super::{Context, db, registration, signin};
use crate::domain::Error;
use crate::store::entities::certificates;
use guichet_identity::{CertificateKind, Usage};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The stored name of a usage.
pub fn usage_name(usage: Usage) -> &'static str {
    match usage {
        Usage::Authentication => "authentication",
        Usage::Signature => "signature",
    }
}

/// The stored kind and organisation of a certificate.
pub fn kind_columns(kind: &CertificateKind) -> (&'static str, Option<String>) {
    match kind {
        CertificateKind::Private => ("private", None),
        CertificateKind::Pro { organisation, .. } => ("pro", Some(organisation.clone())),
    }
}

/// The certificates registered to `person_id`, oldest first.
pub async fn list(ctx: &Context, person_id: &str) -> Result<Vec<certificates::Model>, Error> {
    certificates::Entity::find()
        .filter(certificates::Column::PersonId.eq(person_id.to_string()))
        .order_by_asc(certificates::Column::RegisteredAt)
        .all(&ctx.db)
        .await
        .map_err(db)
}

/// Registers a further certificate (authentication or signature) to the caller's private space.
///
/// The caller proves possession by signing a fresh challenge with the new certificate's key,
/// and the certificate must name the same person (same national identification number).
pub async fn add(
    ctx: &Context,
    person_id: &str,
    certificate: &str,
    challenge: &str,
    signature: &str,
) -> Result<certificates::Model, Error> {
    let now = ctx.now();
    let chain = signin::parse_certificate_input(certificate, "certificate")?;
    let signature = signin::parse_signature(signature, "signature")?;
    signin::consume_challenge(&ctx.db, challenge, now).await?;
    let identity = {
        let first = signin::verify_certificate(ctx, &chain, Usage::Authentication);
        match first {
            Err(Error::Certificate(crate::domain::CertificateRejection::WrongUsage)) => {
                signin::verify_certificate(ctx, &chain, Usage::Signature)?
            }
            other => other?,
        }
    };
    signin::check_possession(&identity, challenge, &signature)?;
    let person = super::person(ctx, person_id).await?;
    if identity.matricule.as_str() != person.matricule {
        return Err(Error::MatriculeMismatch);
    }
    let der = chain.into_iter().next().unwrap_or_default();
    let id = registration::insert_certificate(&ctx.db, person_id, &identity, &der, now).await?;
    certificates::Entity::find_by_id(id)
        .one(&ctx.db)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)
}
