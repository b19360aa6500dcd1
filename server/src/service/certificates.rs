//! A person's certificates: several may lead to the same private space.

use super::{Context, signin};
use crate::domain::{
    Error,
    ids::PersonId,
    persons::{CertificateKind, CertificateUsage},
};
use crate::store::{self, persons::NewCertificate};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::{CertifiedIdentity, Usage};
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

pub use crate::domain::persons::Certificate;

/// The stored kind and organisation of a certificate.
fn kind_columns(kind: &guichet_identity::CertificateKind) -> (CertificateKind, Option<String>) {
    match kind {
        guichet_identity::CertificateKind::Private => (CertificateKind::Private, None),
        guichet_identity::CertificateKind::Pro { organisation, .. } => {
            (CertificateKind::Pro, Some(organisation.clone()))
        }
    }
}

/// The certificates registered to `person_id`, oldest first.
pub async fn list(ctx: &Context, person_id: &PersonId) -> Result<Vec<Certificate>, Error> {
    store::persons::certificates(&ctx.db, person_id).await
}

/// Registers `identity`'s certificate (DER `der`) to `person_id`.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    person_id: &PersonId,
    identity: &CertifiedIdentity,
    der: &[u8],
    now: OffsetDateTime,
) -> Result<String, Error> {
    let (kind, organisation) = kind_columns(&identity.kind);
    let new = NewCertificate {
        person: person_id,
        fingerprint: &identity.fingerprint_sha256,
        serial_hex: &identity.serial_hex,
        issuer_dn: &identity.issuer_dn,
        usage: CertificateUsage::from(identity.usage),
        kind,
        organisation,
        der_base64: STANDARD.encode(der),
        not_after: identity.not_after,
    };
    store::persons::insert_certificate(conn, new, now).await
}

/// Registers a further certificate (authentication or signature) to the caller's private space.
///
/// The caller proves possession by signing a fresh challenge with the new certificate's key,
/// and the certificate must name the same person (same national identification number).
pub async fn add(
    ctx: &Context,
    person_id: &PersonId,
    certificate: &str,
    challenge: &str,
    signature: &str,
) -> Result<Certificate, Error> {
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
    let id = insert(&ctx.db, person_id, &identity, &der, now).await?;
    store::persons::certificate(&ctx.db, &id)
        .await?
        .ok_or(Error::NotFound)
}
