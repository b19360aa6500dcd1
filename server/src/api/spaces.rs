//! A space's data: its summary, its profile (prefill source for forms) and who accessed it.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, me::SpaceSummary, request::RequestId};
use crate::domain::{
    ids::SpaceId,
    profile::{FIELDS, Source},
    rights::{Fill, Read},
    spaces::Profile,
};
use crate::service::{Context, access::authorize, spaces, spaces::AccessFilter};
use poem::web::Data;

use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use time::OffsetDateTime;

pub struct SpacesApi {
    pub ctx: Context,
}

/// How a profile field behaves in forms.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct FieldInfo {
    /// The field's name in `data`.
    name: String,
    /// Whether it must have a value.
    mandatory: bool,
    /// `national_register` (read-only) or `holder`.
    source: String,
    /// Whether the holder may change it here.
    editable: bool,
}

/// The personal data of a space.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ProfileData {
    family_name: String,
    given_names: String,
    birth_date: String,
    birth_place: String,
    nationality: String,
    street: String,
    house_number: String,
    postcode: String,
    locality: String,
    country: String,
    #[oai(nullable)]
    email: Option<String>,
    #[oai(nullable)]
    phone: Option<String>,
    #[oai(nullable)]
    iban: Option<String>,
    #[oai(nullable)]
    preferred_language: Option<String>,
}

/// A profile with the metadata forms need.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ProfileResponse {
    /// Increases with every change; send it back in `If-Match`.
    version: i32,
    /// Last change.
    updated_at: OffsetDateTime,
    /// The values.
    data: ProfileData,
    /// Which fields are mandatory, where they come from, which are editable.
    fields: Vec<FieldInfo>,
}

/// New values of the holder's fields. Register fields may be sent back unchanged, never altered.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct ProfileUpdate {
    /// Contact e-mail (mandatory).
    #[oai(nullable)]
    email: Option<String>,
    /// Telephone in international form; null or absent clears it.
    #[oai(nullable)]
    phone: Option<String>,
    /// IBAN; null or absent clears it.
    #[oai(nullable)]
    iban: Option<String>,
    /// fr, de or en.
    #[oai(nullable)]
    preferred_language: Option<String>,
    #[oai(nullable)]
    family_name: Option<String>,
    #[oai(nullable)]
    given_names: Option<String>,
    #[oai(nullable)]
    birth_date: Option<String>,
    #[oai(nullable)]
    birth_place: Option<String>,
    #[oai(nullable)]
    nationality: Option<String>,
    #[oai(nullable)]
    street: Option<String>,
    #[oai(nullable)]
    house_number: Option<String>,
    #[oai(nullable)]
    postcode: Option<String>,
    #[oai(nullable)]
    locality: Option<String>,
    #[oai(nullable)]
    country: Option<String>,
}

#[derive(ApiResponse)]
enum ProfileResult {
    /// The profile.
    #[oai(status = 200)]
    Ok(Json<ProfileResponse>, #[oai(header = "etag")] String),
}

/// One recorded access to the space's data.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct AccessEntry {
    /// When.
    at: OffsetDateTime,
    /// Who: a person's or an agent's id.
    actor: String,
    /// `person` or `agent`.
    actor_kind: String,
    /// The person's role in the space: `holder`, `administrator`, `member` or `mandatary`
    /// (null for agents, the operator and the platform).
    #[oai(nullable)]
    role: Option<String>,
    /// The agent's administration (null for everyone else).
    #[oai(nullable)]
    administration: Option<String>,
    /// What: `profile.read`, `profile.update`, `space.read`, `dossier.read_by_agent`,
    /// `register.prefill`, `operator.…`...
    action: String,
    /// Which data (field names, never values).
    detail: String,
    /// Why: the dossier an agent worked, the form the register prefilled, the operator's
    /// reason, the retention rule; null for the holders' and co-workers' own use.
    #[oai(nullable)]
    purpose: Option<String>,
}

/// A page of the access log.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct AccessLogPage {
    /// The entries, newest first.
    items: Vec<AccessEntry>,
    /// Entries matching the filter.
    total: u64,
    /// This page, from 1.
    page: u64,
    /// Entries per page.
    per_page: u64,
}

/// Who acted, as the access record's `actor_kind` filter takes it (anything else is a 400
/// naming the parameter).
#[derive(poem_openapi::Enum, Clone, Copy)]
#[oai(rename_all = "lowercase")]
pub(super) enum ActorKindFilter {
    /// A person: holder, co-worker or mandatary.
    Person,
    /// An administration's agent.
    Agent,
    /// The platform's operator (a command on a person's data).
    Operator,
    /// The platform itself (e.g. retention).
    Platform,
}

impl From<ActorKindFilter> for crate::domain::rights::ActorKind {
    fn from(k: ActorKindFilter) -> Self {
        match k {
            ActorKindFilter::Person => Self::Person,
            ActorKindFilter::Agent => Self::Agent,
            ActorKindFilter::Operator => Self::Operator,
            ActorKindFilter::Platform => Self::Platform,
        }
    }
}

fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The profile version an `If-Match` header asks for (RFC 9110 §13.1.1): none for no header or
/// `*`; a tag that is no version of ours (versions start at 1) becomes [`NO_VERSION`], which
/// never matches, so that the request is still validated first and only then answered with 412.
pub(super) fn parse_if_match(v: Option<&str>) -> Option<i32> {
    match v.map(str::trim) {
        None | Some("*") => None,
        Some(tag) => Some(
            tag.trim_start_matches("W/")
                .trim_matches('"')
                .parse()
                .unwrap_or(NO_VERSION),
        ),
    }
}

/// A version no profile has: what an unreadable `If-Match` tag asks for.
const NO_VERSION: i32 = -1;

fn to_response(p: Profile) -> ProfileResult {
    let tag = etag(p.version);
    let fields = FIELDS
        .iter()
        .map(|f| FieldInfo {
            name: f.name.into(),
            mandatory: f.mandatory,
            source: match f.source {
                Source::NationalRegister => "national_register".into(),
                Source::Holder => "holder".into(),
            },
            editable: f.source == Source::Holder,
        })
        .collect();
    ProfileResult::Ok(
        Json(ProfileResponse {
            version: p.version,
            updated_at: p.updated_at,
            data: ProfileData {
                family_name: p.family_name,
                given_names: p.given_names,
                birth_date: p.birth_date,
                birth_place: p.birth_place,
                nationality: p.nationality,
                street: p.street,
                house_number: p.house_number,
                postcode: p.postcode,
                locality: p.locality,
                country: p.country,
                email: p.email,
                phone: p.phone,
                iban: p.iban,
                preferred_language: p.preferred_language,
            },
            fields,
        }),
        tag,
    )
}

#[OpenApi(tag = "Tag::Spaces")]
impl SpacesApi {
    /// Read a space
    #[oai(path = "/spaces/:space_id", method = "get")]
    async fn space(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<SpaceSummary>> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let held = spaces::summary(&self.ctx, &grant, &rid.0.0).await?;
        Ok(Json(held.into()))
    }

    /// Read the space's personal data
    ///
    /// Fields from the national register are read-only; forms prefill from this.
    #[oai(path = "/spaces/:space_id/profile", method = "get")]
    async fn profile(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<ProfileResult> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let p = spaces::read_profile(&self.ctx, &grant, &rid.0.0).await?;
        Ok(to_response(p))
    }

    /// Change the space's personal data
    ///
    /// Send the version read in `If-Match` to avoid overwriting a change made meanwhile (412).
    #[oai(path = "/spaces/:space_id/profile", method = "put")]
    async fn update_profile(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        rid: Data<&RequestId>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ProfileUpdate>,
    ) -> ApiResult<ProfileResult> {
        let caller = auth.0.person()?;
        let expected = parse_if_match(if_match.0.as_deref());
        let b = body.0;
        let register_fields = [
            ("family_name", b.family_name),
            ("given_names", b.given_names),
            ("birth_date", b.birth_date),
            ("birth_place", b.birth_place),
            ("nationality", b.nationality),
            ("street", b.street),
            ("house_number", b.house_number),
            ("postcode", b.postcode),
            ("locality", b.locality),
            ("country", b.country),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        let change = spaces::ProfileChange {
            email: b.email,
            phone: b.phone,
            iban: b.iban,
            preferred_language: b.preferred_language,
            register_fields,
        };
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Fill).await?;
        let p = spaces::update_profile(&self.ctx, &grant, expected, change, &rid.0.0).await?;
        Ok(to_response(p))
    }

    /// Who accessed this space's data
    ///
    /// Reads and changes of the space's data by its holders, co-workers, the administrations'
    /// agents, the operator and the platform: who, in which role or administration, what, when
    /// and why (`purpose`), newest first; paginate with `page` (from 1)
    /// and `per_page` (≤ 100); filter by `actor` (a person's or an agent's id), `actor_kind`
    /// (`person`, `agent`, `operator`, `platform`), `action` (a
    /// prefix, e.g. `profile.`), `since` and `until` (RFC 3339). A member without the
    /// administrator role sees only their own actions.
    #[oai(path = "/spaces/:space_id/access-log", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn access_log(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        actor: Query<Option<String>>,
        actor_kind: Query<Option<super::spaces::ActorKindFilter>>,
        action: Query<Option<String>>,
        since: Query<Option<OffsetDateTime>>,
        until: Query<Option<OffsetDateTime>>,
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
    ) -> ApiResult<Json<AccessLogPage>> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let filter = AccessFilter {
            actor: actor.0.as_deref(),
            actor_kind: actor_kind.0.map(Into::into),
            action: action.0.as_deref(),
            since: since.0,
            until: until.0,
        };
        let (list, total) =
            spaces::access_log(&self.ctx, &grant, filter, page.0, per_page.0).await?;
        Ok(Json(AccessLogPage {
            items: list
                .into_iter()
                .map(|a| AccessEntry {
                    at: a.at,
                    actor: a.actor,
                    actor_kind: a.actor_kind.into(),
                    role: a.role.map(|r| r.as_str().into()),
                    administration: a.administration,
                    action: a.action,
                    detail: a.detail,
                    purpose: Some(a.purpose).filter(|p| !p.is_empty()),
                })
                .collect(),
            total,
            page: page.0,
            per_page: per_page.0,
        }))
    }
}
