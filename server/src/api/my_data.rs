//! "My data": exports of a space's data (asked for, followed, downloaded through the mailed
//! link), the access record as CSV, and the record of what was deleted (deleting a draft is
//! `DELETE /dossiers/{id}`, with the dossiers).

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, request::RequestId};
use crate::domain::{
    ids::SpaceId,
    rights::{ExportData, Read},
};
use crate::service::{
    Context,
    access::authorize,
    my_data::{self, Status},
    spaces::{self, AccessFilter},
};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path, Query},
    payload::{Binary, Json, PlainText},
};
use time::OffsetDateTime;

pub struct MyDataApi {
    pub ctx: Context,
}

/// An export of a space's data and how far it is.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ExportView {
    /// The export's id.
    id: String,
    /// The space.
    space_id: String,
    /// `queued`, `preparing`, `ready`, `expired` or `failed`.
    status: String,
    /// Items (sections and files) written so far.
    items_done: i32,
    /// Items in all (0 until the worker counted them).
    items_total: i32,
    /// Size of the archive in bytes, once ready.
    #[oai(nullable)]
    size_bytes: Option<i64>,
    /// When it was asked for.
    created_at: OffsetDateTime,
    /// When it was ready (the link went out by mail, a push to the devices).
    #[oai(nullable)]
    ready_at: Option<OffsetDateTime>,
    /// When the download link stops working.
    #[oai(nullable)]
    expires_at: Option<OffsetDateTime>,
}

impl From<Status> for ExportView {
    fn from(s: Status) -> Self {
        Self {
            id: s.id,
            space_id: s.space_id,
            status: s.stage.as_str().into(),
            items_done: s.items_done,
            items_total: s.items_total,
            size_bytes: s.size_bytes,
            created_at: s.created_at,
            ready_at: s.ready_at,
            expires_at: s.expires_at,
        }
    }
}

#[derive(ApiResponse)]
enum Requested {
    /// Queued: follow it with `GET`; the link is mailed when it is ready.
    #[oai(status = 202)]
    Accepted(Json<ExportView>),
    /// The export this idempotency key already asked for.
    #[oai(status = 200)]
    Replayed(Json<ExportView>),
}

#[derive(ApiResponse)]
enum Archive {
    /// The ZIP: `manifest.json` (schema `docs/schemas/export-manifest.schema.json`) and the
    /// original files.
    #[oai(status = 200)]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "content-type")] String,
        #[oai(header = "content-disposition")] String,
    ),
}

#[derive(ApiResponse)]
enum Csv {
    /// The entries, one line each, with a header line.
    #[oai(status = 200, content_type = "text/csv; charset=utf-8")]
    Ok(
        PlainText<String>,
        #[oai(header = "content-disposition")] String,
    ),
}

/// A deletion: what went, under which rule, what was kept. No personal data of what went.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DeletionView {
    /// `dossier` (deleted) or `dossier-content` (anonymised).
    object_kind: String,
    /// The object's id.
    object_id: String,
    /// Its procedure.
    #[oai(nullable)]
    procedure_id: Option<String>,
    /// Its status when deleted.
    #[oai(nullable)]
    state: Option<String>,
    /// Why: `retention:<procedure>:<status>:<days>d` or `holder-request`.
    rule: String,
    /// `platform` (retention) or the person who deleted it.
    deleted_by: String,
    /// What was kept.
    kept: Vec<String>,
    /// When the object was created.
    created_at: OffsetDateTime,
    /// When it was deleted.
    deleted_at: OffsetDateTime,
}

#[OpenApi(tag = "Tag::Spaces")]
impl MyDataApi {
    /// Ask for a copy of all the space's data
    ///
    /// Profile, dossiers with their forms, files, signatures and messages, communications with
    /// their files, the access record, devices: one ZIP with a JSON manifest, prepared in the
    /// background. When it is ready, the link (valid 7 days) is mailed and the devices get a
    /// push. The holder of a private space or an administrator of a professional one.
    #[oai(path = "/spaces/:space_id/exports", method = "post")]
    async fn request(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        request_id: Data<&RequestId>,
    ) -> ApiResult<Requested> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), ExportData).await?;
        let (s, created) =
            my_data::request(&self.ctx, &grant, key.0.as_deref(), &request_id.0.0).await?;
        Ok(if created {
            Requested::Accepted(Json(s.into()))
        } else {
            Requested::Replayed(Json(s.into()))
        })
    }

    /// How far an export is
    #[oai(path = "/spaces/:space_id/exports/:export_id", method = "get")]
    async fn read(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        export_id: Path<String>,
    ) -> ApiResult<Json<ExportView>> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), ExportData).await?;
        Ok(Json(
            my_data::read(&self.ctx, &grant, &export_id.0).await?.into(),
        ))
    }

    /// Download a ready export (the mailed link)
    ///
    /// Needs the link's `token` and the session of someone who may export the space; an
    /// unknown, wrong or expired token is not found.
    #[oai(path = "/spaces/:space_id/exports/:export_id/archive", method = "get")]
    async fn archive(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        export_id: Path<String>,
        #[oai(validator(max_length = 128))] token: Query<String>,
        request_id: Data<&RequestId>,
    ) -> ApiResult<Archive> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), ExportData).await?;
        let (name, bytes) =
            my_data::download(&self.ctx, &grant, &export_id.0, &token.0, &request_id.0.0).await?;
        Ok(Archive::Ok(
            Binary(bytes),
            "application/zip".into(),
            format!("attachment; filename=\"{name}\""),
        ))
    }

    /// The access record as CSV
    ///
    /// The same entries and filters as `GET /spaces/{space_id}/access-log`, all of them,
    /// newest first: `at,actor_kind,actor,role,administration,action,detail,purpose`.
    #[oai(path = "/spaces/:space_id/access-log/csv", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn access_log_csv(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        actor: Query<Option<String>>,
        actor_kind: Query<Option<super::spaces::ActorKindFilter>>,
        action: Query<Option<String>>,
        since: Query<Option<OffsetDateTime>>,
        until: Query<Option<OffsetDateTime>>,
        request_id: Data<&RequestId>,
    ) -> ApiResult<Csv> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let filter = AccessFilter {
            actor: actor.0.as_deref(),
            actor_kind: actor_kind.0.map(Into::into),
            action: action.0.as_deref(),
            since: since.0,
            until: until.0,
        };
        let csv = spaces::access_log_csv(&self.ctx, &grant, filter, &request_id.0.0).await?;
        Ok(Csv::Ok(
            PlainText(csv),
            "attachment; filename=\"access-record.csv\"".into(),
        ))
    }

    /// What was deleted from the space
    ///
    /// The deletion records, newest first: drafts the holder deleted, dossiers the retention
    /// periods let go (per procedure and status: `GET /procedures/{id}` tells nothing of them;
    /// see `fixtures/procedures/retention.json`).
    #[oai(path = "/spaces/:space_id/deletions", method = "get")]
    async fn deletions(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
    ) -> ApiResult<Json<Vec<DeletionView>>> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let list = my_data::deletions(&self.ctx, &grant).await?;
        Ok(Json(
            list.into_iter()
                .map(|r| DeletionView {
                    object_kind: r.object_kind,
                    object_id: r.object_id,
                    procedure_id: r.procedure_id,
                    state: r.state,
                    rule: r.rule,
                    deleted_by: r.deleted_by,
                    kept: serde_json::from_str(&r.kept).unwrap_or_default(),
                    created_at: r.object_created_at,
                    deleted_at: r.deleted_at,
                })
                .collect(),
        ))
    }
}
