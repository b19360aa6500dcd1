//! Professional spaces: creating one for an organisation, and its data.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth, me::SpaceSummary, request::RequestId};
use crate::domain::{
    ids::SpaceId,
    organisations::{LEGAL_FORMS, OrganisationInput},
    rights::{Fill, Read},
};
use crate::service::{Context, access::authorize, professional, professional::Created as Made};
use crate::store::organisations::Stored;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path},
    payload::Json,
};
use time::OffsetDateTime;

pub struct ProfessionalApi {
    pub ctx: Context,
}

/// An organisation's data, as sent. Mandatory: `name` (unless a Pro certificate gives it),
/// `legal_form`, `rcs_number` (but for `ei` and `public`), the registered office, `email` and
/// `phone`.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct OrganisationBody {
    /// Registered name (≤ 160 characters).
    #[oai(nullable)]
    name: Option<String>,
    /// Legal form: `sa`, `sarl`, `sarl-s`, `scs`, `scsp`, `sca`, `snc`, `scoop`, `se`, `asbl`,
    /// `fondation`, `ei` (sole trader) or `public`.
    #[oai(nullable)]
    legal_form: Option<String>,
    /// Trade and companies register (RCS) number: a section letter and up to six digits, e.g.
    /// `B123456`.
    #[oai(nullable)]
    rcs_number: Option<String>,
    /// VAT number: `LU` and 8 digits, the last two being the first six modulo 89.
    #[oai(nullable)]
    vat_number: Option<String>,
    #[oai(nullable)]
    street: Option<String>,
    #[oai(nullable)]
    house_number: Option<String>,
    /// Postcode; in Luxembourg 4 digits (`L-` is dropped).
    #[oai(nullable)]
    postcode: Option<String>,
    #[oai(nullable)]
    locality: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[oai(nullable)]
    country: Option<String>,
    /// Contact e-mail.
    #[oai(nullable)]
    email: Option<String>,
    /// Contact telephone in international form.
    #[oai(nullable)]
    phone: Option<String>,
}

impl From<OrganisationBody> for OrganisationInput {
    fn from(b: OrganisationBody) -> Self {
        Self {
            name: b.name,
            legal_form: b.legal_form,
            rcs_number: b.rcs_number,
            vat_number: b.vat_number,
            street: b.street,
            house_number: b.house_number,
            postcode: b.postcode,
            locality: b.locality,
            country: b.country,
            email: b.email,
            phone: b.phone,
        }
    }
}

/// An organisation's data, as kept.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct OrganisationView {
    name: String,
    legal_form: String,
    #[oai(nullable)]
    rcs_number: Option<String>,
    #[oai(nullable)]
    vat_number: Option<String>,
    street: String,
    house_number: String,
    postcode: String,
    locality: String,
    country: String,
    email: String,
    phone: String,
    /// Fields fixed by the Pro certificate the space was created with (not editable).
    from_certificate: Vec<String>,
    /// Increases with every change; send it back in `If-Match`.
    version: i32,
    /// Last change.
    updated_at: OffsetDateTime,
}

impl From<Stored> for OrganisationView {
    fn from(s: Stored) -> Self {
        let o = s.organisation;
        Self {
            name: o.name,
            legal_form: o.legal_form,
            rcs_number: o.rcs_number,
            vat_number: o.vat_number,
            street: o.street,
            house_number: o.house_number,
            postcode: o.postcode,
            locality: o.locality,
            country: o.country,
            email: o.email,
            phone: o.phone,
            from_certificate: o.locked,
            version: s.version,
            updated_at: s.updated_at,
        }
    }
}

/// A new professional space.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct CreatedSpace {
    /// The space, with the creator's role (`administrator`).
    space: SpaceSummary,
    /// Its organisation.
    organisation: OrganisationView,
}

#[derive(ApiResponse)]
enum CreateResult {
    /// Created.
    #[oai(status = 201)]
    New(Json<CreatedSpace>),
    /// The space this idempotency key already created.
    #[oai(status = 200)]
    Replayed(Json<CreatedSpace>),
}

#[derive(ApiResponse)]
enum OrganisationResult {
    /// The organisation's data.
    #[oai(status = 200)]
    Ok(Json<OrganisationView>, #[oai(header = "etag")] String),
}

/// A legal form, for forms.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct LegalForm {
    /// The code to send.
    code: String,
    /// Its name (French, as in the Mémorial).
    name: String,
}

fn respond(s: Stored) -> OrganisationResult {
    let tag = format!("\"{}\"", s.version);
    OrganisationResult::Ok(Json(s.into()), tag)
}

#[OpenApi(tag = "Tag::Spaces")]
impl ProfessionalApi {
    /// Create a professional space
    ///
    /// With the certificate of the session: a Pro certificate makes the space collaborative
    /// (co-workers may be invited) and fixes the organisation's name, and its RCS or VAT number
    /// when the certificate carries one (`from_certificate`). At most 10 professional spaces per
    /// person unless the helpdesk raised it (409 `space-limit-reached`). With an
    /// `Idempotency-Key`, a retry returns the space the first call created (200).
    #[oai(path = "/spaces", method = "post")]
    async fn create(
        &self,
        auth: BearerAuth,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        rid: Data<&RequestId>,
        body: Json<OrganisationBody>,
    ) -> ApiResult<CreateResult> {
        let person = auth.0.person_id()?;
        let input = OrganisationInput::from(body.0);
        let made = professional::create(
            &self.ctx,
            auth.0.session_id(),
            person,
            &input,
            key.0.as_deref(),
            &rid.0.0,
        )
        .await?;
        let Made {
            membership,
            organisation,
            new,
        } = made;
        let body = Json(CreatedSpace {
            space: membership.into(),
            organisation: organisation.into(),
        });
        Ok(if new {
            CreateResult::New(body)
        } else {
            CreateResult::Replayed(body)
        })
    }

    /// Legal forms a professional space may declare
    #[oai(path = "/legal-forms", method = "get")]
    async fn legal_forms(&self) -> ApiResult<Json<Vec<LegalForm>>> {
        Ok(Json(
            LEGAL_FORMS
                .iter()
                .map(|(code, name)| LegalForm {
                    code: (*code).into(),
                    name: (*name).into(),
                })
                .collect(),
        ))
    }

    /// The organisation of a professional space
    #[oai(path = "/spaces/:space_id/organisation", method = "get")]
    async fn organisation(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
    ) -> ApiResult<OrganisationResult> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        Ok(respond(
            professional::organisation(&self.ctx, &grant).await?,
        ))
    }

    /// Change the organisation's data
    ///
    /// Administrators only. Fields fixed by the Pro certificate cannot change (422
    /// `from-certificate`). Send the `etag` in `If-Match` to avoid overwriting another change
    /// (412 otherwise).
    #[oai(path = "/spaces/:space_id/organisation", method = "put")]
    async fn update_organisation(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        rid: Data<&RequestId>,
        body: Json<OrganisationBody>,
    ) -> ApiResult<OrganisationResult> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Fill).await?;
        let expected = super::spaces::parse_if_match(if_match.0.as_deref());
        let input = OrganisationInput::from(body.0);
        let s = professional::update_organisation(&self.ctx, &grant, expected, &input, &rid.0.0)
            .await?;
        Ok(respond(s))
    }
}
