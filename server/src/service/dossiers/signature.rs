//! Signing, transmitting, withdrawing and answering: the holder's moves, with idempotency keys.

use super::{
    Dossier, attachments, complete, form, key_hash, load, messages, read_under, transition,
};
use crate::domain::{
    Error,
    dossiers::{
        Action, Status,
        canonical::{self, ActingFor, Signable},
    },
    ids::{DossierId, PersonId},
    persons::CertificateUsage,
    rights::{Caller, Grant, Sign, Transmit},
};
use crate::service::{Context, signin};
use crate::store::{self, dossiers::Signature};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::Usage;
use sea_orm::ConnectionTrait;

/// What the holder signs.
#[derive(Debug, Clone)]
pub struct SigningDocument {
    /// The canonical JSON document.
    pub document: String,
    /// Its SHA-256, lowercase hex.
    pub digest: String,
    /// The exact text to sign: `guichet-dossier-v1:` and the digest.
    pub message: String,
}

/// The document `grant`'s holder signs: in a professional space it names the organisation,
/// the person signing and their role.
async fn signing_document<C: ConnectionTrait>(
    conn: &C,
    d: &Dossier,
    grant: &Grant<Sign>,
) -> Result<SigningDocument, Error> {
    let r = &d.record;
    let atts = attachments::digests(conn, &r.id).await?;
    let organisation = store::organisations::find(conn, &r.space_id).await?;
    let role = grant.role().map(|r| r.as_str()).unwrap_or_default();
    let acting = organisation.as_ref().map(|o| ActingFor {
        organisation: &o.organisation.name,
        person_id: grant.caller().id(),
        role,
    });
    let s = Signable {
        dossier_id: &r.id,
        space_id: &r.space_id,
        procedure_id: &r.procedure_id,
        procedure_version: r.procedure_version,
        data: &d.data,
        attachments: &atts,
        acting,
    };
    let digest = s.digest();
    Ok(SigningDocument {
        document: s.document(),
        message: format!("{}{digest}", canonical::SIGNATURE_CONTEXT),
        digest,
    })
}

/// The document to sign for a draft, after re-reading the register.
pub async fn document(
    ctx: &Context,
    grant: &Grant<Sign>,
    dossier_id: &DossierId,
) -> Result<SigningDocument, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if !record.status.editable() {
        return Err(Error::illegal(record.status));
    }
    let mut d = complete(&txn, record).await?;
    let before = d.data.clone();
    form::refresh_register(&txn, &mut d).await?;
    if before != d.data {
        form::store_data(&txn, &d, ctx.now()).await?;
    }
    let doc = signing_document(&txn, &d, grant).await?;
    txn.commit().await?;
    Ok(doc)
}

/// A signature sent by the holder.
#[derive(Debug, Clone)]
pub struct SignatureInput<'a> {
    /// The signature certificate (PEM chain or base64 DER).
    pub certificate: &'a str,
    /// The signature over the message, base64.
    pub signature: &'a str,
    /// An idempotency key.
    pub idempotency_key: Option<&'a str>,
}

/// Verifies and keeps the holder's signature; the dossier is frozen from then on.
pub async fn sign(
    ctx: &Context,
    grant: &Grant<Sign>,
    dossier_id: &DossierId,
    input: SignatureInput<'_>,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let caller = grant.caller();
    let Caller::Person(person_id) = caller else {
        return Err(Error::NotFound);
    };
    let hash = input
        .idempotency_key
        .map(|k| key_hash(caller.id(), "sign", dossier_id, k));
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if let Some(h) = &hash {
        if store::dossiers::replayed(&txn, h).await?.is_some() {
            drop(txn);
            return read_under(ctx, grant, dossier_id).await;
        }
    }
    crate::domain::dossiers::next(record.status, Action::Sign)
        .map_err(|e| Error::illegal(e.from))?;
    let chain = signin::parse_certificate_input(input.certificate, "certificate")?;
    let signature = signin::parse_signature(input.signature, "signature")?;
    let mut d = complete(&txn, record).await?;
    form::refresh_register(&txn, &mut d).await?;
    form::require_valid(&txn, &d).await?;
    let doc = signing_document(&txn, &d, grant).await?;
    let identity = signin::verify_certificate(ctx, &chain, Usage::Signature)?;
    if !signed_with_own_certificate(&txn, person_id, &identity.fingerprint_sha256).await? {
        return Err(Error::SignatureCertificateUnknown);
    }
    identity
        .public_key
        .verify(&canonical::signed_message(&doc.digest), &signature)
        .map_err(|_| Error::DossierSignature)?;
    let revision = form::store_data(&txn, &d, now).await?;
    d.record.revision = revision;
    let kept = Signature {
        digest: doc.digest,
        signature_base64: STANDARD.encode(&signature),
        certificate: identity.fingerprint_sha256.clone(),
    };
    store::dossiers::record_signature(&txn, &d.record.id, kept, now).await?;
    transition(&txn, &d.record, Action::Sign, grant.actor(), None, now).await?;
    if let Some(h) = &hash {
        store::dossiers::remember(&txn, h, dossier_id, "sign", now).await?;
    }
    txn.commit().await?;
    read_under(ctx, grant, dossier_id).await
}

/// Whether the signature certificate `fingerprint` is registered to `person` for signing.
async fn signed_with_own_certificate<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    fingerprint: &str,
) -> Result<bool, Error> {
    store::persons::has_certificate(conn, person, fingerprint, CertificateUsage::Signature).await
}

/// Transmits the dossier to the competent administration.
pub async fn transmit(
    ctx: &Context,
    grant: &Grant<Transmit>,
    dossier_id: &DossierId,
    idempotency_key: Option<&str>,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let caller = grant.caller();
    let hash = idempotency_key.map(|k| key_hash(caller.id(), "transmit", dossier_id, k));
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    if let Some(h) = &hash {
        if store::dossiers::replayed(&txn, h).await?.is_some() {
            drop(txn);
            return read_under(ctx, grant, dossier_id).await;
        }
    }
    let mut d = complete(&txn, record).await?;
    let action = Action::Transmit {
        signature_required: d.procedure.signature_required,
    };
    crate::domain::dossiers::next(d.status(), action).map_err(|e| Error::illegal(e.from))?;
    crate::service::payments::require_paid(&txn, &d).await?;
    if d.status() == Status::Draft {
        form::refresh_register(&txn, &mut d).await?;
        form::require_valid(&txn, &d).await?;
        d.record.revision = form::store_data(&txn, &d, now).await?;
    }
    store::dossiers::mark_transmitted(&txn, &d.record.id, now).await?;
    transition(&txn, &d.record, action, grant.actor(), None, now).await?;
    let automatic = match &d.procedure.result_document {
        Some(document) if d.procedure.automatic => Some(document.clone()),
        _ => None,
    };
    if let Some(document_type) = &automatic {
        super::answer_automatically(&txn, grant, dossier_id, document_type, now).await?;
    }
    if let Some(h) = &hash {
        store::dossiers::remember(&txn, h, dossier_id, "transmit", now).await?;
    }
    txn.commit().await?;
    if automatic.is_some() {
        ctx.issuance_queued.notify_one();
    }
    read_under(ctx, grant, dossier_id).await
}

/// Withdraws the dossier before processing.
pub async fn withdraw(
    ctx: &Context,
    grant: &Grant<Transmit>,
    dossier_id: &DossierId,
    reason: Option<String>,
) -> Result<Dossier, Error> {
    let reason = form::reason(reason)?;
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    let action = Action::Withdraw;
    transition(&txn, &record, action, grant.actor(), reason, ctx.now()).await?;
    txn.commit().await?;
    read_under(ctx, grant, dossier_id).await
}

/// Answers an information request: the answer becomes a message, the dossier `answered`.
pub async fn answer(
    ctx: &Context,
    grant: &Grant<Transmit>,
    dossier_id: &DossierId,
    text: &str,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let txn = super::begin_write(&ctx.db).await?;
    let record = load(&txn, grant, dossier_id).await?;
    let body = messages::check_body(text)?;
    let reason = Some(body.clone());
    transition(&txn, &record, Action::Answer, grant.actor(), reason, now).await?;
    messages::insert(&txn, &record.id, grant.actor(), &body, now).await?;
    txn.commit().await?;
    read_under(ctx, grant, dossier_id).await
}
