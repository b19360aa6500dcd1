//! The one table that turns every failure into an RFC 9457 `application/problem+json` answer.

use super::i18n::{self, Text};
use super::i18n_procedures::ProcText as P;
use crate::domain::{CertificateRejection, Error, Invalid, Language};
use poem::{IntoResponse, Response, http::StatusCode};
use poem_openapi::{Object, types::ToJSON};

/// A domain error on its way out through HTTP.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub Error);

impl poem::error::ResponseError for ApiError {
    fn status(&self) -> StatusCode {
        Problem::from_domain(&self.0).status
    }
}

/// What every operation answers: its value, or a problem.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<Error> for poem::Error {
    fn from(e: Error) -> Self {
        poem::Error::from(ApiError(e))
    }
}

/// A problem before it is put into a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable slug; the `type` URI is `urn:guichet:problem:<slug>`.
    pub slug: &'static str,
    /// What the user is told.
    pub text: Text,
    /// The offending field, for validation errors.
    pub field: Option<String>,
    /// A finer machine-readable reason.
    pub reason: Option<&'static str>,
    /// A fact added to the detail (a limit, the current status).
    pub hint: Option<String>,
    /// Seconds to wait, sent as `Retry-After` (RFC 9110 §10.2.3) with 429 answers.
    pub retry_after: Option<u64>,
    /// The spaces the problem is about (an extension member, RFC 9457 §3.2).
    pub spaces: Option<Vec<String>>,
}

impl Problem {
    fn new(status: StatusCode, slug: &'static str, text: Text) -> Self {
        Self {
            status,
            slug,
            text,
            field: None,
            reason: None,
            hint: None,
            retry_after: None,
            spaces: None,
        }
    }

    fn with_reason(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    fn with_hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The table: every domain error, its status, type and message.
    pub fn from_domain(e: &Error) -> Self {
        use StatusCode as S;
        match e {
            Error::Invalid { field, reason } => {
                let (code, text) = invalid_text(*reason);
                Self::new(S::UNPROCESSABLE_ENTITY, "invalid-field", text)
                    .with_field(field.clone())
                    .with_reason(code)
            }
            Error::Certificate(r) => {
                let (code, text) = certificate_text(*r);
                Self::new(S::FORBIDDEN, "certificate-rejected", text).with_reason(code)
            }
            Error::Challenge => {
                Self::new(S::UNAUTHORIZED, "challenge-invalid", Text::ChallengeInvalid)
            }
            Error::BadSignature => {
                Self::new(S::UNAUTHORIZED, "signature-invalid", Text::BadSignature)
            }
            Error::Unauthenticated => {
                Self::new(S::UNAUTHORIZED, "unauthenticated", Text::Unauthenticated)
            }
            Error::RegistrationPending => Self::new(
                S::FORBIDDEN,
                "registration-pending",
                Text::RegistrationPending,
            ),
            Error::MatriculeMismatch => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "matricule-mismatch",
                Text::MatriculeMismatch,
            )
            .with_field("matricule"),
            Error::NotInRegister => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "not-in-register",
                Text::NotInRegister,
            )
            .with_field("matricule"),
            Error::AlreadyRegistered => {
                Self::new(S::CONFLICT, "already-registered", Text::AlreadyRegistered)
            }
            Error::CertificateAlreadyRegistered => Self::new(
                S::CONFLICT,
                "certificate-already-registered",
                Text::CertificateAlreadyRegistered,
            ),
            Error::LinkUnknown => {
                Self::new(S::NOT_FOUND, "confirmation-link-unknown", Text::LinkUnknown)
            }
            Error::LinkExpired => {
                Self::new(S::GONE, "confirmation-link-expired", Text::LinkExpired)
            }
            Error::LinkUsed => Self::new(S::GONE, "confirmation-link-used", Text::LinkUsed),
            Error::NotFound => Self::new(S::NOT_FOUND, "not-found", Text::NotFound),
            Error::PreconditionFailed => Self::new(
                S::PRECONDITION_FAILED,
                "version-mismatch",
                Text::PreconditionFailed,
            ),
            Error::IllegalTransition(from) => Self::new(
                S::CONFLICT,
                "illegal-transition",
                Text::Procedures(P::IllegalTransition),
            )
            .with_hint(format!("status: {from}")),
            Error::FileTooLarge { field, max_bytes } => Self::new(
                S::PAYLOAD_TOO_LARGE,
                "file-too-large",
                Text::Procedures(P::FileTooLarge),
            )
            .with_field(field.clone())
            .with_hint(format!("max_bytes: {max_bytes}")),
            Error::FileType(field) => Self::new(
                S::UNSUPPORTED_MEDIA_TYPE,
                "file-type-refused",
                Text::Procedures(P::FileType),
            )
            .with_field(field.clone()),
            Error::DossierSignature => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "dossier-signature-invalid",
                Text::Procedures(P::DossierSignature),
            )
            .with_field("signature"),
            Error::SignatureCertificateUnknown => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "signature-certificate-unknown",
                Text::Procedures(P::SignatureCertificateUnknown),
            )
            .with_field("certificate"),
            Error::UploadOffset(received) => Self::new(
                S::CONFLICT,
                "upload-offset",
                Text::Procedures(P::UploadOffset),
            )
            .with_hint(format!("received: {received}")),
            Error::UploadDigest => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "upload-digest-mismatch",
                Text::Procedures(P::UploadDigest),
            )
            .with_field("sha256"),
            Error::TooManyRequests { retry_after_secs } => {
                let mut p = Self::new(
                    S::TOO_MANY_REQUESTS,
                    "too-many-requests",
                    Text::TooManyRequests,
                )
                .with_hint(format!("retry_after: {retry_after_secs} s"));
                p.retry_after = Some(*retry_after_secs);
                p
            }
            Error::CodeRejected => {
                Self::new(S::UNPROCESSABLE_ENTITY, "code-rejected", Text::CodeRejected)
                    .with_field("access_code")
            }
            Error::CodeLocked { retry_after_secs } => {
                let mut p = Self::new(S::TOO_MANY_REQUESTS, "code-locked", Text::CodeLocked)
                    .with_hint(format!("retry_after: {retry_after_secs} s"));
                p.retry_after = Some(*retry_after_secs);
                p
            }
            Error::SpaceLimit { max } => {
                Self::new(S::CONFLICT, "space-limit-reached", Text::SpaceLimit)
                    .with_hint(format!("max: {max}"))
            }
            Error::NotCollaborative => Self::new(
                S::CONFLICT,
                "space-not-collaborative",
                Text::NotCollaborative,
            ),
            Error::InvitationUnknown => {
                Self::new(S::NOT_FOUND, "invitation-unknown", Text::InvitationUnknown)
            }
            Error::InvitationExpired => {
                Self::new(S::GONE, "invitation-expired", Text::InvitationExpired)
            }
            Error::InvitationUsed => Self::new(S::GONE, "invitation-used", Text::InvitationUsed),
            Error::InvitationNotForYou => Self::new(
                S::FORBIDDEN,
                "invitation-not-for-you",
                Text::InvitationNotForYou,
            ),
            Error::AlreadyMember => Self::new(S::CONFLICT, "already-member", Text::AlreadyMember),
            Error::LastAdministrator => {
                Self::new(S::CONFLICT, "last-administrator", Text::LastAdministrator)
            }
            Error::SoleAdministrator { spaces } => {
                let mut p = Self::new(S::CONFLICT, "sole-administrator", Text::SoleAdministrator)
                    .with_hint(format!("spaces: {}", spaces.join(", ")));
                p.spaces = Some(spaces.clone());
                p
            }
            Error::PaymentRequired => Self::new(
                S::PAYMENT_REQUIRED,
                "payment-required",
                Text::PaymentRequired,
            ),
            Error::NoFeeDue => Self::new(S::CONFLICT, "no-fee-due", Text::NoFeeDue),
            Error::PaymentProviderUnavailable => Self::new(
                S::SERVICE_UNAVAILABLE,
                "payment-provider-unavailable",
                Text::PaymentProviderUnavailable,
            ),
            Error::WebhookRefused(reason) => {
                Self::new(S::BAD_REQUEST, "webhook-refused", Text::WebhookRefused)
                    .with_reason(reason)
            }
            Error::OfflineForm(r) => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "offline-form-refused",
                Text::Procedures(offline_form_text(*r)),
            )
            .with_field("form")
            .with_reason(r.code()),
            Error::Internal(_) => Self::new(S::INTERNAL_SERVER_ERROR, "internal", Text::Internal),
        }
    }

    /// A problem for a failure that did not come from the domain (routing, parsing, limits).
    pub fn from_status(status: StatusCode) -> Self {
        use StatusCode as S;
        match status {
            S::NOT_FOUND => Self::new(status, "not-found", Text::NotFound),
            S::METHOD_NOT_ALLOWED => {
                Self::new(status, "method-not-allowed", Text::MethodNotAllowed)
            }
            S::PAYLOAD_TOO_LARGE => Self::new(status, "body-too-large", Text::BodyTooLarge),
            S::UNSUPPORTED_MEDIA_TYPE => {
                Self::new(status, "unsupported-media-type", Text::UnsupportedMediaType)
            }
            S::UNAUTHORIZED => Self::new(status, "unauthenticated", Text::Unauthenticated),
            S::TOO_MANY_REQUESTS => Self::new(status, "too-many-requests", Text::TooManyRequests),
            s if s.is_server_error() => {
                Self::new(S::INTERNAL_SERVER_ERROR, "internal", Text::Internal)
            }
            _ => Self::new(S::BAD_REQUEST, "malformed-request", Text::MalformedRequest),
        }
    }

    /// The `application/problem+json` response in `lang`, carrying the request id.
    pub fn into_response(
        self,
        lang: Language,
        request_id: &str,
        detail_hint: Option<String>,
    ) -> Response {
        let (title, detail) = i18n::text(self.text, lang);
        let body = ProblemBody {
            kind: format!("urn:guichet:problem:{}", self.slug),
            title: title.to_string(),
            status: self.status.as_u16(),
            detail: match detail_hint.or(self.hint) {
                Some(hint) => format!("{detail} ({hint})"),
                None => detail.to_string(),
            },
            field: self.field,
            reason: self.reason.map(str::to_string),
            spaces: self.spaces,
            request_id: request_id.to_string(),
        };
        let json = serde_json::to_vec(&body.to_json()).unwrap_or_default();
        let mut resp = json
            .with_status(self.status)
            .with_content_type("application/problem+json")
            .into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut().insert(
                poem::http::header::RETRY_AFTER,
                poem::http::HeaderValue::from(secs),
            );
        }
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                poem::http::header::WWW_AUTHENTICATE,
                poem::http::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}

/// An error answer, RFC 9457 `application/problem+json`.
#[derive(Debug, Object)]
#[oai(
    rename_all = "snake_case",
    rename = "Problem",
    skip_serializing_if_is_none
)]
pub struct ProblemBody {
    /// Stable problem type, `urn:guichet:problem:<slug>` (e.g. `urn:guichet:problem:not-found`).
    #[oai(rename = "type")]
    pub kind: String,
    /// Short summary, in the language of `Accept-Language` (fr, de, en).
    pub title: String,
    /// The HTTP status code of the answer.
    pub status: u16,
    /// What happened and what to do, in the same language.
    pub detail: String,
    /// The offending request field, for validation errors (absent otherwise).
    pub field: Option<String>,
    /// A finer machine-readable reason (e.g. `matricule-luhn`, `expired`), when there is one.
    pub reason: Option<String>,
    /// The ids of the spaces the problem is about, when it names some (`sole-administrator`:
    /// the professional spaces to hand over before the account can be closed).
    pub spaces: Option<Vec<String>>,
    /// Correlation id, also in the `x-request-id` header.
    pub request_id: String,
}

/// The reason code and text of a validation failure.
pub fn invalid_text(reason: Invalid) -> (&'static str, Text) {
    match reason {
        Invalid::Required => ("required", Text::Required),
        Invalid::MatriculeFormat => ("matricule-format", Text::MatriculeFormat),
        Invalid::MatriculeDate => ("matricule-date", Text::MatriculeDate),
        Invalid::MatriculeLuhn => ("matricule-luhn", Text::MatriculeCheckDigit),
        Invalid::MatriculeVerhoeff => ("matricule-verhoeff", Text::MatriculeCheckDigit),
        Invalid::Email => ("email", Text::Email),
        Invalid::Phone => ("phone", Text::Phone),
        Invalid::Iban => ("iban", Text::Iban),
        Invalid::Language => ("language", Text::Language),
        Invalid::TooLong => ("too-long", Text::TooLong),
        Invalid::Encoding => ("encoding", Text::Encoding),
        Invalid::TermsNotAccepted => ("terms-not-accepted", Text::TermsNotAccepted),
        Invalid::NotConfirmed => ("not-confirmed", Text::NotConfirmed),
        Invalid::ReadOnly => ("read-only", Text::ReadOnly),
        Invalid::TooShort => ("too-short", Text::Procedures(P::TooShort)),
        Invalid::Date => ("date", Text::Procedures(P::Date)),
        Invalid::Number => ("number", Text::Procedures(P::Number)),
        Invalid::OutOfRange => ("out-of-range", Text::Procedures(P::OutOfRange)),
        Invalid::Choice => ("choice", Text::Procedures(P::Choice)),
        Invalid::YesNo => ("yes-no", Text::Procedures(P::YesNo)),
        Invalid::Address => ("address", Text::Procedures(P::Address)),
        Invalid::Format => ("format", Text::Procedures(P::Format)),
        Invalid::UnknownField => ("unknown-field", Text::Procedures(P::UnknownField)),
        Invalid::PushEndpoint => ("push-endpoint", Text::PushEndpoint),
        Invalid::KeyLength => ("key-length", Text::KeyLength),
        Invalid::PushEndpointAddress => ("push-endpoint-address", Text::PushEndpointAddress),
        Invalid::PushEndpointHost => ("push-endpoint-host", Text::PushEndpointHost),
        Invalid::CurvePoint => ("curve-point", Text::CurvePoint),
        Invalid::Characters => ("characters", Text::Characters),
        Invalid::Rcs => ("rcs", Text::Rcs),
        Invalid::Vat => ("vat", Text::Vat),
        Invalid::FromCertificate => ("from-certificate", Text::FromCertificate),
        Invalid::CheckCharacter => ("check-character", Text::CheckCharacter),
        Invalid::NotCertified => ("not-certified", Text::DomainNotCertified),
    }
}

fn certificate_text(r: CertificateRejection) -> (&'static str, Text) {
    use CertificateRejection as R;
    match r {
        R::Malformed => ("malformed", Text::CertMalformed),
        R::UntrustedIssuer => ("untrusted-issuer", Text::CertUntrusted),
        R::NotYetValid => ("not-yet-valid", Text::CertNotYetValid),
        R::Expired => ("expired", Text::CertExpired),
        R::Revoked => ("revoked", Text::CertRevoked),
        R::WrongUsage => ("wrong-usage", Text::CertWrongUsage),
        R::MissingIdentity => ("missing-identity", Text::CertMissingIdentity),
    }
}

fn offline_form_text(r: crate::domain::offline_forms::FormRejection) -> P {
    use crate::domain::offline_forms::FormRejection as R;
    match r {
        R::NotPdf => P::OfflineNotPdf,
        R::NoFields => P::OfflineNoFields,
        R::Xfa => P::OfflineXfa,
        R::ActiveContent => P::OfflineActiveContent,
        R::Unbound => P::OfflineBinding,
        R::OtherProcedure => P::OfflineOtherProcedure,
        R::OtherVersion => P::OfflineOtherVersion,
        R::OtherSpace => P::OfflineOtherSpace,
        R::OtherDossier => P::OfflineOtherDossier,
    }
}
