//! The offline route: download a fillable PDF form from a space (or for a draft), fill it on
//! one's computer, upload it back into a draft dossier.

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    dossiers::{DossierView, view},
    request::Lang,
};
use crate::domain::{
    Language,
    ids::{DossierId, SpaceId},
    rights::Fill,
};
use crate::service::{
    Context,
    access::{authorize, authorize_dossier},
    offline_forms::{self, FormFile, Taken},
};
use poem::web::Data;
use poem_openapi::{
    ApiRequest, ApiResponse, Object, OpenApi,
    param::{Header, Path, Query},
    payload::{Binary, Json},
};

pub struct OfflineFormsApi {
    pub ctx: Context,
}

/// A filled form.
#[derive(ApiRequest)]
enum FilledForm {
    /// The form as saved by a PDF reader.
    #[oai(content_type = "application/pdf")]
    Pdf(Binary<Vec<u8>>),
}

impl FilledForm {
    fn bytes(&self) -> &[u8] {
        match self {
            Self::Pdf(b) => &b.0,
        }
    }
}

#[derive(ApiResponse)]
enum FormPdf {
    /// The fillable form (AcroForm; no script needed to fill it).
    #[oai(status = 200, content_type = "application/pdf")]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "content-disposition")] String,
    ),
}

impl From<FormFile> for FormPdf {
    fn from(f: FormFile) -> Self {
        Self::Ok(
            Binary(f.pdf),
            format!("attachment; filename=\"{}\"", f.filename),
        )
    }
}

/// A filled form taken into a draft dossier.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct FormTaken {
    /// The draft dossier; attach supporting documents, sign and transmit it as online.
    dossier: DossierView,
    /// Fields from an authentic source whose value in the form differed: the authentic value
    /// was put back.
    restored_fields: Vec<String>,
}

#[derive(ApiResponse)]
enum Uploaded {
    /// A new draft dossier.
    #[oai(status = 201)]
    Created(Json<FormTaken>),
    /// The dossier this idempotency key already started, or the draft updated.
    #[oai(status = 200)]
    Done(Json<FormTaken>),
}

impl TryFrom<Taken> for Uploaded {
    type Error = super::problem::ApiError;

    fn try_from(t: Taken) -> ApiResult<Self> {
        let body = Json(FormTaken {
            dossier: view(t.dossier)?,
            restored_fields: t.restored,
        });
        Ok(if t.created {
            Self::Created(body)
        } else {
            Self::Done(body)
        })
    }
}

/// The language a form is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum)]
#[oai(rename_all = "lowercase")]
enum FormLanguage {
    /// French.
    Fr,
    /// German.
    De,
    /// English.
    En,
}

/// `lang` when given, else the language of `Accept-Language`.
fn language(lang: Option<FormLanguage>, accepted: &Lang) -> Language {
    match lang {
        None => accepted.0,
        Some(FormLanguage::Fr) => Language::Fr,
        Some(FormLanguage::De) => Language::De,
        Some(FormLanguage::En) => Language::En,
    }
}

#[OpenApi(tag = "Tag::Dossiers")]
impl OfflineFormsApi {
    /// Download a procedure's fillable form
    ///
    /// The current version's form, prefilled from the space like the online form (fields from
    /// the national register read-only), in `lang` (fr, de, en; default: `Accept-Language`).
    #[oai(
        path = "/spaces/:space_id/procedures/:procedure_id/form.pdf",
        method = "get"
    )]
    async fn blank(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        procedure_id: Path<String>,
        lang: Query<Option<FormLanguage>>,
        accepted: Data<&Lang>,
    ) -> ApiResult<FormPdf> {
        let caller = auth.0.person()?;
        let lang = language(lang.0, &accepted);
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Fill).await?;
        let file = offline_forms::blank(&self.ctx, &grant, &procedure_id, lang).await?;
        Ok(file.into())
    }

    /// Upload a filled form: start a draft dossier
    ///
    /// The values are validated by the online route's rules (the first failing field is
    /// named); fields from the register keep the register's value. A form of another
    /// procedure, version or space, without fields, XFA, with scripts or actions, or over the
    /// size limit is refused and nothing changes. With an `Idempotency-Key`, a retry returns
    /// the dossier the first call started (200).
    #[oai(
        path = "/spaces/:space_id/procedures/:procedure_id/form",
        method = "post"
    )]
    async fn upload(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        procedure_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: FilledForm,
    ) -> ApiResult<Uploaded> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Fill).await?;
        let taken = offline_forms::upload(
            &self.ctx,
            &grant,
            &procedure_id,
            body.bytes(),
            key.0.as_deref(),
        )
        .await?;
        taken.try_into()
    }

    /// Download a draft's fillable form
    ///
    /// The form of the dossier's procedure version, showing the draft's values.
    #[oai(path = "/dossiers/:dossier_id/form.pdf", method = "get")]
    async fn of_draft(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        lang: Query<Option<FormLanguage>>,
        accepted: Data<&Lang>,
    ) -> ApiResult<FormPdf> {
        let caller = auth.0.person()?;
        let lang = language(lang.0, &accepted);
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        Ok(offline_forms::of_draft(&self.ctx, &grant, &id, lang)
            .await?
            .into())
    }

    /// Upload a draft's filled form
    ///
    /// Updates the draft from a form downloaded for it, by the same rules as a new one.
    #[oai(path = "/dossiers/:dossier_id/form", method = "put")]
    async fn upload_to_draft(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        body: FilledForm,
    ) -> ApiResult<Uploaded> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, Fill).await?;
        offline_forms::upload_to_draft(&self.ctx, &grant, &id, body.bytes())
            .await?
            .try_into()
    }
}
