//! Checking an issued document by its number and the verification code printed under its QR
//! code (for whoever has no camera): public, limited against guessing.

use super::problem::ApiResult;
use super::{Tag, request::Lang};
use crate::{
    limits::ClientAddress,
    service::{
        Context,
        communications::checks::{self, DocumentCheck},
    },
};
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};
use time::{Date, OffsetDateTime};

pub struct DocumentChecksApi {
    pub ctx: Context,
}

/// The verification code printed under the document's QR code.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct CodeBody {
    /// 8 characters, e.g. `K7MX-PR4C`; case, spaces and dashes are ignored.
    #[oai(validator(max_length = 32))]
    code: String,
}

/// What the seal of the document says, to compare with the paper and the person's ID.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct SealedDataView {
    /// The document number (upper-case hex).
    document_number: String,
    /// The document type, e.g. `criminal-record-extract`.
    document_type: String,
    /// The administration that issued it, in the reader's language.
    issuer: String,
    /// When it was issued.
    issued_at: OffsetDateTime,
    /// The end of its validity, if it has one.
    #[oai(nullable)]
    valid_until: Option<OffsetDateTime>,
    /// Family name(s).
    family_name: String,
    /// Given name(s).
    given_names: String,
    /// Date of birth.
    birth_date: Date,
    /// For an extract: `no-entry` or `entries-listed` (null for other types).
    #[oai(nullable)]
    outcome: Option<String>,
    /// For an extract: the bulletin (3 or 5; null for other types).
    #[oai(nullable)]
    bulletin: Option<u8>,
    /// The language the document is written in (two letters).
    language: String,
}

/// A document checked by its code.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct DocumentCheckView {
    /// `valid`, `revoked` or `superseded`.
    status: String,
    /// Why it was revoked.
    #[oai(nullable)]
    reason: Option<String>,
    /// The number of the document that replaced it.
    #[oai(nullable)]
    superseded_by: Option<String>,
    /// The sealed data.
    document: SealedDataView,
}

impl From<DocumentCheck> for DocumentCheckView {
    fn from(c: DocumentCheck) -> Self {
        let claims = c.claims;
        Self {
            status: c.status.status.as_str().into(),
            reason: c.status.reason,
            superseded_by: c.status.superseded_by.map(Into::into),
            document: SealedDataView {
                document_number: claims.document_id.to_string(),
                document_type: claims.document_type().slug().into(),
                issuer: c.issuer,
                issued_at: claims.issued_at,
                valid_until: claims.valid_until(),
                family_name: claims.subject.family_name,
                given_names: claims.subject.given_name,
                birth_date: claims.subject.birth_date,
                outcome: claims
                    .document
                    .as_extract()
                    .map(|e| e.outcome.slug().into()),
                bulletin: claims.document.as_extract().map(|e| e.bulletin.number()),
                language: claims.language.code().into(),
            },
        }
    }
}

#[derive(ApiResponse)]
enum CheckAnswer {
    /// The right code: the status and the data to compare; never cached.
    #[oai(status = 200)]
    Ok(
        Json<DocumentCheckView>,
        #[oai(header = "cache-control")] String,
    ),
}

#[OpenApi(tag = "Tag::Communications")]
impl DocumentChecksApi {
    /// Check a document by its number and verification code (public)
    ///
    /// For whoever cannot scan the QR code: the number and the code printed under it give the
    /// status (`valid`, `revoked` with the reason, `superseded` with the newer number) and the
    /// data the seal signs, to compare with the paper and the person's ID. A wrong code answers
    /// 404 exactly like an unknown number; tries are limited per client address and per number
    /// (429 with `Retry-After`).
    #[oai(path = "/public/documents/:document_number/check", method = "post")]
    async fn check(
        &self,
        document_number: Path<String>,
        body: Json<CodeBody>,
        client: Data<&ClientAddress>,
        lang: Data<&Lang>,
    ) -> ApiResult<CheckAnswer> {
        let c = checks::check(
            &self.ctx,
            client.0,
            &document_number,
            &body.0.code,
            lang.0.0,
        )
        .await?;
        Ok(CheckAnswer::Ok(Json(c.into()), "no-store".into()))
    }
}
