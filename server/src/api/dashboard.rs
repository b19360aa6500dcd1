//! A space's dossiers: starting one (idempotently), and the dashboard with status, last change,
//! next action and unread messages; filtered, paginated, and answered with 304 while unchanged.

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    dossiers::{DossierView, view},
    request::Lang,
};
use crate::domain::{
    ids::SpaceId,
    rights::{Fill, Read},
};
use crate::service::{
    Context,
    access::authorize,
    dossiers::{self, dashboard},
};
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use time::OffsetDateTime;

/// Starting a dossier.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct NewDossier {
    /// The procedure.
    procedure_id: String,
}

#[derive(ApiResponse)]
enum Created {
    /// A new dossier.
    #[oai(status = 201)]
    New(Json<DossierView>),
    /// The dossier this idempotency key already created.
    #[oai(status = 200)]
    Replayed(Json<DossierView>),
}

pub struct DashboardApi {
    pub ctx: Context,
}

/// One line of the dashboard.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DashboardLine {
    id: String,
    procedure_id: String,
    title: String,
    status: String,
    #[oai(nullable)]
    outcome: Option<String>,
    channel: String,
    updated_at: OffsetDateTime,
    #[oai(nullable)]
    next_action: Option<String>,
    unread_messages: u64,
    /// The payment of the procedure's fee: `due`, `created`, `pending`, `paid`, `failed`,
    /// `cancelled`, `expired`, `free` (reduced to nothing), `refund_requested`, `refunded` or
    /// `refund_failed`; absent when the procedure has no fee.
    #[oai(nullable)]
    payment: Option<String>,
}

/// A page of the dashboard.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DashboardPage {
    /// Most recently changed first.
    items: Vec<DashboardLine>,
    /// Dossiers matching the filter.
    total: u64,
    /// This page, from 1.
    page: u64,
    /// Lines per page.
    per_page: u64,
}

#[derive(ApiResponse)]
enum DashboardResult {
    /// The page; send the `etag` back in `If-None-Match`.
    #[oai(status = 200)]
    Ok(Json<DashboardPage>, #[oai(header = "etag")] String),
    /// Nothing changed since the given `etag`.
    #[oai(status = 304)]
    NotModified(#[oai(header = "etag")] String),
}

#[OpenApi(tag = "Tag::Dossiers")]
impl DashboardApi {
    /// Start a dossier
    ///
    /// With an `Idempotency-Key`, a retry returns the dossier the first call created (200).
    #[oai(path = "/spaces/:space_id/dossiers", method = "post")]
    async fn create(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: Json<NewDossier>,
    ) -> ApiResult<Created> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Fill).await?;
        let (d, new) =
            dossiers::create(&self.ctx, &grant, &body.procedure_id, key.0.as_deref()).await?;
        let v = Json(view(d)?);
        Ok(if new {
            Created::New(v)
        } else {
            Created::Replayed(v)
        })
    }

    /// The space's dashboard
    ///
    /// Filter by `status`; paginate with `page` (from 1) and `per_page` (≤ 100). Answers 304
    /// when `If-None-Match` carries the current `etag`.
    #[oai(path = "/spaces/:space_id/dossiers", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn dashboard(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        status: Query<Option<String>>,
        #[oai(
            default = "super::paging::default_page",
            validator(minimum(value = "1"), maximum(value = "1000000"))
        )]
        page: Query<u64>,
        #[oai(
            default = "super::paging::default_per_page",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        per_page: Query<u64>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
        lang: Data<&Lang>,
    ) -> ApiResult<DashboardResult> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let q = dashboard::Query {
            status: status.0.as_deref(),
            page: page.0,
            per_page: per_page.0,
            lang: lang.0.0,
        };
        let p = dashboard::page(&self.ctx, &grant, q).await?;
        if if_none_match
            .0
            .as_deref()
            .is_some_and(|t| t.trim() == p.etag)
        {
            return Ok(DashboardResult::NotModified(p.etag));
        }
        let items = p
            .items
            .into_iter()
            .map(|l| DashboardLine {
                id: l.id.into(),
                procedure_id: l.procedure_id,
                title: l.title,
                status: l.status.as_str().into(),
                outcome: l.outcome.map(|o| o.as_str().into()),
                channel: l.channel.as_str().into(),
                updated_at: l.updated_at,
                next_action: l.next_action.map(str::to_string),
                unread_messages: l.unread_messages,
                payment: l.payment.map(str::to_string),
            })
            .collect();
        let body = DashboardPage {
            items,
            total: p.total,
            page: page.0.max(1),
            per_page: per_page.0.clamp(1, 100),
        };
        Ok(DashboardResult::Ok(Json(body), p.etag))
    }
}
