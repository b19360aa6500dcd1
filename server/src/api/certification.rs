//! Certification of a professional space and mandates per domain: the space's certifications
//! (holder access codes, revocation codes, mandates given), the employers an accountant's space
//! acts for, and the social security centre's letters per domain.

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    request::{Lang, RequestId},
};
use crate::domain::{
    ids::SpaceId,
    rights::{ActUnderMandate, ManageMandates},
};
use crate::service::{
    Context,
    access::authorize,
    backoffice,
    certification::{
        self, Certifications, Mandate,
        delivery::{self, Delivered},
    },
    communications::letters::NewLetter,
};
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};
use time::OffsetDateTime;

pub struct CertificationApi {
    pub ctx: Context,
}

/// A mandate: a space acting for an employer in one domain.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct MandateView {
    /// Id.
    id: String,
    /// `employee-affiliations`, `pay-and-sick-leave`, `employer-general-data` or
    /// `billing-and-accounting`.
    domain: String,
    /// `main` (the employer's own, its space is certified for the domain) or `mandatary`.
    kind: String,
    /// The employer's space.
    employer_space_id: String,
    /// The employer's name.
    employer_name: String,
    /// The space acting under it (the employer's own for the main mandate).
    holder_space_id: String,
    /// That space's name.
    holder_name: String,
    /// Since when.
    created_at: OffsetDateTime,
    /// When it was revoked; from then on nobody acts under it.
    #[oai(nullable)]
    revoked_at: Option<OffsetDateTime>,
}

impl From<Mandate> for MandateView {
    fn from(m: Mandate) -> Self {
        Self {
            id: m.id,
            domain: m.domain.slug().into(),
            kind: m.kind.as_str().into(),
            employer_space_id: m.employer_space.into(),
            employer_name: m.employer_name,
            holder_space_id: m.holder_space.into(),
            holder_name: m.holder_name,
            created_at: m.created_at,
            revoked_at: m.revoked_at,
        }
    }
}

/// One domain of the space.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DomainView {
    /// The domain.
    domain: String,
    /// Whether the space is certified for it (an active main mandate).
    certified: bool,
    /// The main mandate.
    #[oai(nullable)]
    main_mandate_id: Option<String>,
    /// Since when the domain's documents are delivered into the space (its first use there);
    /// null: by post.
    #[oai(nullable)]
    edelivery_since: Option<OffsetDateTime>,
}

/// The space's certifications.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct CertificationsView {
    /// The employer number the codes were issued for, once a request was accepted.
    #[oai(nullable)]
    employer_number: Option<String>,
    /// The four domains.
    domains: Vec<DomainView>,
    /// The mandates given (main and mandataries'), revoked ones included, oldest first.
    mandates: Vec<MandateView>,
}

impl From<Certifications> for CertificationsView {
    fn from(c: Certifications) -> Self {
        Self {
            employer_number: c.employer_number,
            domains: c
                .domains
                .into_iter()
                .map(|d| DomainView {
                    domain: d.domain.slug().into(),
                    certified: d.main_mandate.is_some(),
                    main_mandate_id: d.main_mandate,
                    edelivery_since: d.edelivery_since,
                })
                .collect(),
            mandates: c.mandates.into_iter().map(Into::into).collect(),
        }
    }
}

/// Adding a certification with the codes of the letter.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct CertifyBody {
    /// The domain to certify.
    domain: String,
    /// The holder access code of that domain, as printed (dashes and case do not matter).
    access_code: String,
    /// The security code chosen in the certification request (6 to 10 characters).
    security_code: String,
}

/// Using a revocation code.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct RevocationBody {
    /// The domain whose mandates end.
    domain: String,
    /// The revocation code of that domain, as printed.
    revocation_code: String,
}

/// Adding access for an employer, as its mandatary.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct AccessBody {
    /// The employer's number at the social security centre.
    employer_number: String,
    /// The domain.
    domain: String,
    /// The mandatary access code of that domain, as the employer handed it over.
    access_code: String,
    /// The mandatary security code the employer handed over in person.
    security_code: String,
}

/// A letter of the social security centre for one domain of an employer.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct DomainLetterBody {
    /// The domain.
    domain: String,
    /// Title.
    title: String,
    /// Text.
    body: String,
}

/// Where the letter went.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DomainLetterView {
    /// `space` (the domain is in use in the employer's certified space: delivered into its
    /// communications with mail and push) or `post` (listed for the operator to print).
    delivered: String,
    /// The communication, when delivered into the space.
    #[oai(nullable)]
    communication_id: Option<String>,
    /// The letter to print, when sent by post.
    #[oai(nullable)]
    letter_id: Option<String>,
}

#[derive(ApiResponse)]
enum MandateCreated {
    /// The mandate.
    #[oai(status = 201)]
    Created(Json<MandateView>),
}

#[derive(ApiResponse)]
enum LetterSent {
    /// Sent.
    #[oai(status = 201)]
    Created(Json<DomainLetterView>),
}

#[OpenApi(tag = "Tag::Spaces")]
impl CertificationApi {
    /// The space's certifications
    ///
    /// Administrators of a professional space: the four domains of the social security centre,
    /// whether each is certified and delivered electronically, and the mandates given.
    #[oai(path = "/spaces/:space_id/certifications", method = "get")]
    async fn certifications(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
    ) -> ApiResult<Json<CertificationsView>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ManageMandates).await?;
        let c = certification::certifications(&self.ctx, &grant).await?;
        Ok(Json(c.into()))
    }

    /// Add a certification
    ///
    /// With the holder access code of a domain and the security code chosen in the request:
    /// the main mandate. Wrong codes answer 422 `code-rejected`; after a few, 429 `code-locked`
    /// with the time to wait (per space and per code). Every attempt is in the access log.
    #[oai(path = "/spaces/:space_id/certifications", method = "post")]
    async fn certify(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        rid: Data<&RequestId>,
        body: Json<CertifyBody>,
    ) -> ApiResult<MandateCreated> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ManageMandates).await?;
        let b = body.0;
        let m = certification::certify(
            &self.ctx,
            &grant,
            &b.domain,
            &b.access_code,
            &b.security_code,
            &rid.0.0,
        )
        .await?;
        Ok(MandateCreated::Created(Json(m.into())))
    }

    /// Use a revocation code
    ///
    /// Every mandate of the domain (main and mandataries') ends at once, the domain's unused
    /// codes stop working, and the mandataries are told by mail. Guarded like the access codes.
    #[oai(path = "/spaces/:space_id/certifications/revocations", method = "post")]
    async fn revoke_with_code(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        rid: Data<&RequestId>,
        body: Json<RevocationBody>,
    ) -> ApiResult<Json<Vec<MandateView>>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ManageMandates).await?;
        let b = body.0;
        let revoked = certification::revoke_with_code(
            &self.ctx,
            &grant,
            &b.domain,
            &b.revocation_code,
            &rid.0.0,
        )
        .await?;
        Ok(Json(revoked.into_iter().map(Into::into).collect()))
    }

    /// Revoke a mandate
    ///
    /// Takes effect at once: the mandatary is refused from the next request, and told by mail.
    #[oai(path = "/spaces/:space_id/mandates/:mandate_id", method = "delete")]
    async fn revoke(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        mandate_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<MandateView>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ManageMandates).await?;
        let m = certification::revoke(&self.ctx, &grant, &mandate_id.0, &rid.0.0).await?;
        Ok(Json(m.into()))
    }

    /// The employers the space acts for
    ///
    /// An accountant's professional space: its mandates, one per employer and domain. Its
    /// administrators act in each employer's space for the procedures of those domains only.
    #[oai(path = "/spaces/:space_id/employers", method = "get")]
    async fn employers(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
    ) -> ApiResult<Json<Vec<MandateView>>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ActUnderMandate).await?;
        let list = certification::employers(&self.ctx, &grant).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Add access for an employer
    ///
    /// As its mandatary, with the mandatary access code of a domain and the mandatary security
    /// code the employer handed over; the codes name the mandatary, who must be the caller.
    /// Guarded like the holder's codes.
    #[oai(path = "/spaces/:space_id/employers", method = "post")]
    async fn add_access(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        rid: Data<&RequestId>,
        body: Json<AccessBody>,
    ) -> ApiResult<MandateCreated> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, ActUnderMandate).await?;
        let b = body.0;
        let m = certification::add_access(
            &self.ctx,
            &grant,
            &b.employer_number,
            &b.domain,
            &b.access_code,
            &b.security_code,
            &rid.0.0,
        )
        .await?;
        Ok(MandateCreated::Created(Json(m.into())))
    }

    /// Send a letter of a domain to an employer
    ///
    /// Social security centre agents. Delivered into the employer's certified space once the
    /// domain is in use there (its first procedure of the domain), by post until then.
    #[oai(
        path = "/backoffice/employers/:employer_number/letters",
        method = "post",
        tag = "Tag::Backoffice"
    )]
    async fn domain_letter(
        &self,
        auth: BearerAuth,
        employer_number: Path<String>,
        lang: Data<&Lang>,
        body: Json<DomainLetterBody>,
    ) -> ApiResult<LetterSent> {
        let caller = backoffice::agent(&self.ctx, &auth.0).await?;
        let b = body.0;
        let letter = NewLetter {
            title: b.title,
            body: b.body,
            file: None,
        };
        let delivered = delivery::send_domain_letter(
            &self.ctx,
            &caller,
            &employer_number.0,
            &b.domain,
            letter,
            lang.0.0,
        )
        .await?;
        let view = match delivered {
            Delivered::Space(id) => DomainLetterView {
                delivered: "space".into(),
                communication_id: Some(id.to_string()),
                letter_id: None,
            },
            Delivered::Post(id) => DomainLetterView {
                delivered: "post".into(),
                communication_id: None,
                letter_id: Some(id),
            },
        };
        Ok(LetterSent::Created(Json(view)))
    }
}
