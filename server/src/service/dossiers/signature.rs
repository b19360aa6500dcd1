//! Signing, transmitting, withdrawing and answering: the holder's moves, with idempotency keys.

use super::{
    Actor, Dossier, attachments, complete, for_holder, form, key_hash, messages, read, remember,
    replayed, status_of, transition,
};
use crate::domain::{
    Error,
    dossiers::{
        Action, Status,
        canonical::{self, Signable},
    },
};
use crate::service::{Context, db, signin};
use crate::store::entities::{certificates, dossiers};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::Usage;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

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

async fn signing_document<C: ConnectionTrait>(
    conn: &C,
    d: &Dossier,
) -> Result<SigningDocument, Error> {
    let atts = attachments::digests(conn, &d.row.id).await?;
    let s = Signable {
        dossier_id: &d.row.id,
        space_id: &d.row.space_id,
        procedure_id: &d.row.procedure_id,
        procedure_version: d.row.procedure_version,
        data: &d.data,
        attachments: &atts,
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
    dossier_id: &str,
    person_id: &str,
) -> Result<SigningDocument, Error> {
    let txn = super::begin_write(&ctx.db).await?;
    let row = for_holder(&txn, dossier_id, person_id).await?;
    let status = status_of(&row)?;
    if !status.editable() {
        return Err(Error::illegal(status));
    }
    let mut d = complete(&txn, row).await?;
    let before = d.data.clone();
    form::refresh_register(&txn, &mut d).await?;
    if before != d.data {
        form::store_data(&txn, &d, ctx.now()).await?;
    }
    let doc = signing_document(&txn, &d).await?;
    txn.commit().await.map_err(db)?;
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
    dossier_id: &str,
    person_id: &str,
    input: SignatureInput<'_>,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let hash = input
        .idempotency_key
        .map(|k| key_hash(person_id, "sign", dossier_id, k));
    let txn = super::begin_write(&ctx.db).await?;
    let row = for_holder(&txn, dossier_id, person_id).await?;
    if let Some(h) = &hash {
        if replayed(&txn, h).await?.is_some() {
            drop(txn);
            return read(ctx, dossier_id, Actor::Person(person_id)).await;
        }
    }
    crate::domain::dossiers::next(status_of(&row)?, Action::Sign)
        .map_err(|e| Error::illegal(e.from))?;
    let chain = signin::parse_certificate_input(input.certificate, "certificate")?;
    let signature = signin::parse_signature(input.signature, "signature")?;
    let mut d = complete(&txn, row).await?;
    form::refresh_register(&txn, &mut d).await?;
    form::require_valid(&txn, &d).await?;
    let doc = signing_document(&txn, &d).await?;
    let identity = signin::verify_certificate(ctx, &chain, Usage::Signature)?;
    let registered = certificates::Entity::find()
        .filter(certificates::Column::Fingerprint.eq(identity.fingerprint_sha256.clone()))
        .filter(certificates::Column::PersonId.eq(person_id.to_string()))
        .filter(certificates::Column::Usage.eq("signature"))
        .one(&txn)
        .await
        .map_err(db)?;
    if registered.is_none() {
        return Err(Error::SignatureCertificateUnknown);
    }
    identity
        .public_key
        .verify(&canonical::signed_message(&doc.digest), &signature)
        .map_err(|_| Error::DossierSignature)?;
    let revision = form::store_data(&txn, &d, now).await?;
    d.row.revision = revision;
    dossiers::Entity::update_many()
        .col_expr(
            dossiers::Column::SignedDigest,
            Expr::value(Some(doc.digest)),
        )
        .col_expr(
            dossiers::Column::SignatureBase64,
            Expr::value(Some(STANDARD.encode(&signature))),
        )
        .col_expr(
            dossiers::Column::SignatureCertificate,
            Expr::value(Some(identity.fingerprint_sha256.clone())),
        )
        .col_expr(dossiers::Column::SignedAt, Expr::value(Some(now)))
        .filter(dossiers::Column::Id.eq(d.row.id.clone()))
        .exec(&txn)
        .await
        .map_err(db)?;
    transition(
        &txn,
        &d.row,
        Action::Sign,
        Actor::Person(person_id),
        None,
        now,
    )
    .await?;
    if let Some(h) = &hash {
        remember(&txn, h, dossier_id, "sign", now).await?;
    }
    txn.commit().await.map_err(db)?;
    read(ctx, dossier_id, Actor::Person(person_id)).await
}

/// Transmits the dossier to the competent administration.
pub async fn transmit(
    ctx: &Context,
    dossier_id: &str,
    person_id: &str,
    idempotency_key: Option<&str>,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let hash = idempotency_key.map(|k| key_hash(person_id, "transmit", dossier_id, k));
    let txn = super::begin_write(&ctx.db).await?;
    let row = for_holder(&txn, dossier_id, person_id).await?;
    if let Some(h) = &hash {
        if replayed(&txn, h).await?.is_some() {
            drop(txn);
            return read(ctx, dossier_id, Actor::Person(person_id)).await;
        }
    }
    let mut d = complete(&txn, row).await?;
    let action = Action::Transmit {
        signature_required: d.procedure.signature_required,
    };
    crate::domain::dossiers::next(d.status()?, action).map_err(|e| Error::illegal(e.from))?;
    if d.status()? == Status::Draft {
        form::refresh_register(&txn, &mut d).await?;
        form::require_valid(&txn, &d).await?;
        d.row.revision = form::store_data(&txn, &d, now).await?;
    }
    dossiers::Entity::update_many()
        .col_expr(dossiers::Column::TransmittedAt, Expr::value(Some(now)))
        .filter(dossiers::Column::Id.eq(d.row.id.clone()))
        .exec(&txn)
        .await
        .map_err(db)?;
    transition(&txn, &d.row, action, Actor::Person(person_id), None, now).await?;
    if let Some(h) = &hash {
        remember(&txn, h, dossier_id, "transmit", now).await?;
    }
    txn.commit().await.map_err(db)?;
    read(ctx, dossier_id, Actor::Person(person_id)).await
}

/// Withdraws the dossier before processing.
pub async fn withdraw(
    ctx: &Context,
    dossier_id: &str,
    person_id: &str,
    reason: Option<String>,
) -> Result<Dossier, Error> {
    let reason = form::reason(reason)?;
    let txn = super::begin_write(&ctx.db).await?;
    let row = for_holder(&txn, dossier_id, person_id).await?;
    transition(
        &txn,
        &row,
        Action::Withdraw,
        Actor::Person(person_id),
        reason,
        ctx.now(),
    )
    .await?;
    txn.commit().await.map_err(db)?;
    read(ctx, dossier_id, Actor::Person(person_id)).await
}

/// Answers an information request: the answer becomes a message, the dossier `answered`.
pub async fn answer(
    ctx: &Context,
    dossier_id: &str,
    person_id: &str,
    text: &str,
) -> Result<Dossier, Error> {
    let now = ctx.now();
    let txn = super::begin_write(&ctx.db).await?;
    let row = for_holder(&txn, dossier_id, person_id).await?;
    let body = messages::check_body(text)?;
    transition(
        &txn,
        &row,
        Action::Answer,
        Actor::Person(person_id),
        Some(body.clone()),
        now,
    )
    .await?;
    messages::insert(&txn, &row.id, Actor::Person(person_id), &body, now).await?;
    txn.commit().await.map_err(db)?;
    read(ctx, dossier_id, Actor::Person(person_id)).await
}
