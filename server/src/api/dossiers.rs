//! Dossiers for their holder: start, read the prefilled form, save steps, validate, sign,
//! transmit, withdraw, answer, follow the timeline, and the space's dashboard.

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    problem::invalid_text,
    request::{Lang, RequestId},
};
use crate::domain::{
    Error,
    dossiers::{Event, next_action},
    ids::DossierId,
    procedures::validate::FieldError,
    rights::{Fill, Read, Sign, Transmit},
};
use crate::service::{
    Context,
    access::authorize_dossier,
    dossiers::{self, Dossier, form, signature},
};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use time::OffsetDateTime;

pub struct DossiersApi {
    pub ctx: Context,
}

/// A dossier: its procedure version, form data, status and signature.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct DossierView {
    /// Id.
    pub id: String,
    /// The space it belongs to (for whom).
    pub space_id: String,
    /// For a professional space's dossier, the organisation it is filed for (null for a
    /// person's own).
    #[oai(nullable)]
    pub organisation: Option<String>,
    /// The procedure.
    pub procedure_id: String,
    /// The version it keeps.
    pub procedure_version: i32,
    /// The competent administration.
    pub administration: String,
    /// `draft`, `signed`, `transmitted`, `in_processing`, `information_requested`, `answered`,
    /// `closed` or `withdrawn`.
    pub status: String,
    /// `accepted` or `rejected` once closed.
    #[oai(nullable)]
    pub outcome: Option<String>,
    /// `online` or `paper`.
    pub channel: String,
    /// Who started it: `person` or `agent`, and the id.
    pub created_by: String,
    /// The person acting online.
    #[oai(nullable)]
    pub acting_person_id: Option<String>,
    /// The mandate it was filed under, when a mandatary (an accountant) filed it for the
    /// employer whose space it belongs to.
    #[oai(nullable)]
    pub mandate_id: Option<String>,
    /// What the holder should do next.
    #[oai(nullable)]
    pub next_action: Option<String>,
    /// Increases with every change.
    pub revision: i32,
    /// The form data, field id → value.
    pub data: serde_json::Value,
    /// Fields from an authentic source: shown, never changed.
    pub read_only_fields: Vec<String>,
    /// The procedure definition at the dossier's version.
    pub procedure: serde_json::Value,
    /// The signed digest.
    #[oai(nullable)]
    pub signed_digest: Option<String>,
    /// SHA-256 fingerprint of the signature certificate.
    #[oai(nullable)]
    pub signature_certificate: Option<String>,
    /// When signed.
    #[oai(nullable)]
    pub signed_at: Option<OffsetDateTime>,
    /// When transmitted.
    #[oai(nullable)]
    pub transmitted_at: Option<OffsetDateTime>,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

/// Builds the view of a dossier.
pub fn view(d: Dossier) -> ApiResult<DossierView> {
    let next = next_action(d.status(), d.procedure.signature_required);
    let read_only_fields = d
        .procedure
        .fields()
        .filter(|(_, f)| f.read_only())
        .map(|(_, f)| f.id.clone())
        .collect();
    let procedure = serde_json::to_value(&d.procedure).map_err(Error::internal)?;
    let r = d.record;
    Ok(DossierView {
        id: r.id.into(),
        space_id: r.space_id.into(),
        organisation: d.organisation,
        procedure_id: r.procedure_id,
        procedure_version: r.procedure_version,
        administration: r.administration_id.into(),
        status: r.status.as_str().into(),
        outcome: r.outcome.map(|o| o.as_str().into()),
        channel: r.channel.as_str().into(),
        created_by: format!("{}:{}", r.created_by_kind, r.created_by_id),
        acting_person_id: r.acting_person_id.map(Into::into),
        mandate_id: r.mandate_id,
        next_action: next.map(str::to_string),
        revision: r.revision,
        data: serde_json::Value::Object(d.data),
        read_only_fields,
        procedure,
        signed_digest: r.signed_digest,
        signature_certificate: r.signature_certificate,
        signed_at: r.signed_at,
        transmitted_at: r.transmitted_at,
        updated_at: r.updated_at,
    })
}

/// A field that does not pass, named, with the reason in the caller's language.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct FieldProblem {
    /// The field's id.
    field: String,
    /// Machine-readable reason.
    reason: String,
    /// What the user reads.
    message: String,
}

fn problems(errors: Vec<FieldError>, lang: &Lang) -> Vec<FieldProblem> {
    errors
        .into_iter()
        .map(|e| {
            let (code, text) = invalid_text(e.reason);
            let (title, detail) = super::i18n::text(text, lang.0);
            FieldProblem {
                field: e.field,
                reason: code.to_string(),
                message: format!("{title}: {detail}"),
            }
        })
        .collect()
}

/// Values for one step.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct StepValues {
    /// Field id → value. Register fields may be echoed unchanged, never altered.
    values: std::collections::BTreeMap<String, serde_json::Value>,
    /// Save profile-sourced values (e-mail, telephone, IBAN) back into the space's profile.
    #[oai(default)]
    save_to_profile: bool,
}

/// The saved dossier and what still does not pass in the step.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct StepSaved {
    /// The dossier.
    dossier: DossierView,
    /// The step's remaining problems (the draft is saved anyway).
    errors: Vec<FieldProblem>,
}

/// The result of a validation.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct Validation {
    /// Whether everything passes.
    valid: bool,
    /// The problems, in form order.
    errors: Vec<FieldProblem>,
}

/// What to sign.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct SigningDocument {
    /// The canonical JSON document (sorted keys, no whitespace): form data and attachment digests.
    document: String,
    /// Its SHA-256, lowercase hex.
    digest: String,
    /// The exact UTF-8 text to sign with the signature key: `guichet-dossier-v1:<digest>`.
    message: String,
}

/// The holder's signature.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct SignatureBody {
    /// The registered signature certificate, PEM (leaf first) or base64 DER.
    certificate: String,
    /// Base64 signature over `message` of the signing document.
    signature: String,
}

/// A reason or an answer.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct TextBody {
    /// The text.
    #[oai(nullable)]
    text: Option<String>,
}

/// One entry of the timeline.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct TimelineEntry {
    /// When.
    at: OffsetDateTime,
    /// Who: `person` or `agent`.
    actor_kind: String,
    /// Their id.
    actor_id: String,
    /// A person's role in the space they acted in: `holder`, `administrator` or `member`
    /// (null for agents).
    #[oai(nullable)]
    actor_role: Option<String>,
    /// The status before (none for the first entry).
    #[oai(nullable)]
    from_status: Option<String>,
    /// The status after.
    to_status: String,
    /// Why.
    #[oai(nullable)]
    reason: Option<String>,
}

/// The timeline of a dossier.
pub fn timeline_view(list: Vec<Event>) -> Vec<TimelineEntry> {
    list.into_iter()
        .map(|e| TimelineEntry {
            at: e.at,
            actor_kind: e.actor_kind.as_str().into(),
            actor_id: e.actor_id,
            actor_role: e.actor_role.map(|r| r.as_str().into()),
            from_status: e.from_status.map(|s| s.as_str().into()),
            to_status: e.to_status.as_str().into(),
            reason: e.reason,
        })
        .collect()
}

#[derive(ApiResponse)]
enum Deleted {
    /// Deleted; a deletion record is kept (`GET /spaces/{space_id}/deletions`).
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
enum ReadResult {
    /// The dossier; send the `etag` back in `If-None-Match`.
    #[oai(status = 200)]
    Ok(Json<Box<DossierView>>, #[oai(header = "etag")] String),
    /// Nothing changed since the given `etag`.
    #[oai(status = 304)]
    NotModified(#[oai(header = "etag")] String),
}

fn json(d: Dossier) -> ApiResult<Json<DossierView>> {
    Ok(Json(view(d)?))
}

#[OpenApi(tag = "Tag::Dossiers")]
impl DossiersApi {
    /// Read a dossier
    ///
    /// Answers 304 when `If-None-Match` carries the current `etag` (it changes with `revision`).
    #[oai(path = "/dossiers/:dossier_id", method = "get")]
    async fn read(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
        rid: Data<&RequestId>,
    ) -> ApiResult<ReadResult> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let d = dossiers::read(&self.ctx, &grant, &id, &rid.0.0).await?;
        let etag = format!("\"{}\"", d.record.revision);
        if if_none_match.0.as_deref().is_some_and(|t| t.trim() == etag) {
            return Ok(ReadResult::NotModified(etag));
        }
        Ok(ReadResult::Ok(Json(Box::new(view(d)?)), etag))
    }

    /// Save a step of a draft
    ///
    /// The draft is saved even when values do not pass; their problems are returned.
    #[oai(path = "/dossiers/:dossier_id/steps/:step_id", method = "put")]
    async fn save_step(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        step_id: Path<String>,
        body: Json<StepValues>,
        lang: Data<&Lang>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<StepSaved>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let b = body.0;
        let input = form::StepInput {
            step_id: &step_id,
            values: b.values.into_iter().collect(),
            save_to_profile: b.save_to_profile,
            request_id: &rid.0.0,
        };
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        let (d, errors) = form::save_step(&self.ctx, &grant, &id, input).await?;
        Ok(Json(StepSaved {
            dossier: view(d)?,
            errors: problems(errors, &lang),
        }))
    }

    /// Validate a step (`step`) or the whole form
    #[oai(path = "/dossiers/:dossier_id/validation", method = "get")]
    async fn validate(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        step: Query<Option<String>>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<Validation>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let errors = form::validate(&self.ctx, &grant, &id, step.0.as_deref()).await?;
        Ok(Json(Validation {
            valid: errors.is_empty(),
            errors: problems(errors, &lang),
        }))
    }

    /// The document to sign
    #[oai(path = "/dossiers/:dossier_id/signing-document", method = "get")]
    async fn signing_document(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<SigningDocument>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Sign).await?;
        let d = signature::document(&self.ctx, &grant, &id).await?;
        Ok(Json(SigningDocument {
            document: d.document,
            digest: d.digest,
            message: d.message,
        }))
    }

    /// Sign the dossier
    ///
    /// The signature must verify over the current signing document with a signature
    /// certificate registered to the caller; the dossier is then frozen.
    #[oai(path = "/dossiers/:dossier_id/signature", method = "post")]
    async fn sign(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: Json<SignatureBody>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Sign).await?;
        let input = signature::SignatureInput {
            certificate: &body.certificate,
            signature: &body.signature,
            idempotency_key: key.0.as_deref(),
        };
        json(signature::sign(&self.ctx, &grant, &id, input).await?)
    }

    /// Transmit the dossier to the administration
    #[oai(path = "/dossiers/:dossier_id/transmission", method = "post")]
    async fn transmit(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Transmit).await?;
        json(signature::transmit(&self.ctx, &grant, &id, key.0.as_deref()).await?)
    }

    /// Withdraw the dossier (before processing)
    #[oai(path = "/dossiers/:dossier_id/withdrawal", method = "post")]
    async fn withdraw(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<TextBody>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Transmit).await?;
        json(signature::withdraw(&self.ctx, &grant, &id, body.0.text).await?)
    }

    /// Answer the administration's information request
    #[oai(path = "/dossiers/:dossier_id/answer", method = "post")]
    async fn answer(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: Json<TextBody>,
    ) -> ApiResult<Json<DossierView>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Transmit).await?;
        let text = body.0.text.unwrap_or_default();
        json(signature::answer(&self.ctx, &grant, &id, &text).await?)
    }

    /// The dossier's timeline
    #[oai(path = "/dossiers/:dossier_id/timeline", method = "get")]
    async fn timeline(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<TimelineEntry>>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Read).await?;
        let list = dossiers::timeline(&self.ctx, &grant, &id).await?;
        Ok(Json(timeline_view(list)))
    }

    /// Delete a draft at once
    ///
    /// Only a draft; a deletion record is kept. Other dossiers follow their procedure's
    /// retention periods.
    #[oai(path = "/dossiers/:dossier_id", method = "delete")]
    async fn delete_draft(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        request_id: Data<&RequestId>,
    ) -> ApiResult<Deleted> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        crate::service::retention::delete_draft(&self.ctx, &grant, &id, &request_id.0.0).await?;
        Ok(Deleted::Done)
    }
}
