//! The procedure catalog: list, search by words in any language, read a procedure's definition.

use super::problem::ApiResult;
use super::{Tag, request::Lang};
use crate::domain::procedures::Procedure;
use crate::service::{Context, catalog};
use poem::web::Data;
use poem_openapi::{Object, OpenApi, param::Path, param::Query, payload::Json};

pub struct CatalogApi {
    pub ctx: Context,
}

/// A procedure in the catalog, in the caller's language.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct ProcedureSummary {
    /// Stable id.
    id: String,
    /// The latest version (new dossiers start on it).
    version: i32,
    /// Title.
    title: String,
    /// Help text.
    help: String,
    /// The competent administration.
    administration: String,
    /// Whether the holder signs before transmitting.
    signature_required: bool,
    /// The social security domain it needs (only a space certified for it, or a mandatary of
    /// it, may start it): `employee-affiliations`, `pay-and-sick-leave`,
    /// `employer-general-data`, `billing-and-accounting`.
    #[oai(nullable)]
    domain: Option<String>,
}

/// A procedure's full definition, in all three languages: steps, fields, rules, file limits.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
pub struct ProcedureDefinition {
    /// The definition as published (see `fixtures/procedures/README.md`).
    definition: serde_json::Value,
}

fn summary(p: Procedure, lang: &Lang) -> ProcedureSummary {
    ProcedureSummary {
        title: p.title.get(lang.0).to_string(),
        help: p.help.get(lang.0).to_string(),
        id: p.id,
        version: p.version,
        administration: p.administration,
        signature_required: p.signature_required,
        domain: p.domain,
    }
}

#[OpenApi(tag = "Tag::Catalog")]
impl CatalogApi {
    /// List or search procedures
    ///
    /// `q` keeps procedures whose title or help contains every word, in French, German or English.
    #[oai(path = "/procedures", method = "get")]
    async fn list(
        &self,
        q: Query<Option<String>>,
        lang: Data<&Lang>,
    ) -> ApiResult<Json<Vec<ProcedureSummary>>> {
        let list = catalog::list(&self.ctx, q.0.as_deref()).await?;
        Ok(Json(list.into_iter().map(|p| summary(p, &lang)).collect()))
    }

    /// Read a procedure at one version (the version a dossier keeps)
    #[oai(path = "/procedures/:procedure_id/versions/:version", method = "get")]
    async fn read_version(
        &self,
        procedure_id: Path<String>,
        version: Path<i32>,
    ) -> ApiResult<Json<ProcedureDefinition>> {
        let p = catalog::version(&self.ctx.db, &procedure_id, version.0).await?;
        Ok(Json(ProcedureDefinition {
            definition: serde_json::to_value(p).map_err(crate::domain::Error::internal)?,
        }))
    }

    /// Read a procedure's latest definition
    #[oai(path = "/procedures/:procedure_id", method = "get")]
    async fn read(&self, procedure_id: Path<String>) -> ApiResult<Json<ProcedureDefinition>> {
        let p = catalog::latest(&self.ctx.db, &procedure_id).await?;
        Ok(Json(ProcedureDefinition {
            definition: serde_json::to_value(p).map_err(crate::domain::Error::internal)?,
        }))
    }
}
