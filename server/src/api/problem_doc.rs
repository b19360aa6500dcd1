//! The error answers of every operation in the OpenAPI document, derived from the problem table.
//!
//! Each status the table in [`super::problem`] can give (for a domain error or for a failure
//! before the handler: parsing, routing, limits) is documented once, with the `Problem` schema as
//! `application/problem+json` and the problem types that carry it. A new domain error is covered
//! as soon as it is added to [`kinds`] (the compiler asks for it).

use super::problem::{ApiError, Problem, ProblemBody};
use crate::domain::{CertificateRejection, Error, Invalid};
use poem::http::StatusCode;
use poem_openapi::{
    ApiResponse,
    registry::{MetaHeader, MetaMediaType, MetaResponse, MetaResponses, Registry},
    types::Type,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The media type of every error answer (RFC 9457 §3).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One domain error of each kind, so that the table can be read back per status.
///
/// The `match` below has no wildcard: adding a variant to [`Error`] does not compile until it is
/// listed here, and so documented.
pub fn kinds() -> Vec<Error> {
    let listed = |e: &Error| match e {
        Error::Invalid { .. }
        | Error::Certificate(_)
        | Error::Challenge
        | Error::BadSignature
        | Error::Unauthenticated
        | Error::RegistrationPending
        | Error::MatriculeMismatch
        | Error::NotInRegister
        | Error::AlreadyRegistered
        | Error::CertificateAlreadyRegistered
        | Error::LinkUnknown
        | Error::LinkExpired
        | Error::LinkUsed
        | Error::NotFound
        | Error::IllegalTransition(_)
        | Error::FileTooLarge { .. }
        | Error::FileType(_)
        | Error::DossierSignature
        | Error::SignatureCertificateUnknown
        | Error::UploadOffset(_)
        | Error::UploadDigest
        | Error::PreconditionFailed
        | Error::TooManyRequests { .. }
        | Error::SpaceLimit { .. }
        | Error::NotCollaborative
        | Error::InvitationUnknown
        | Error::InvitationExpired
        | Error::InvitationUsed
        | Error::InvitationNotForYou
        | Error::AlreadyMember
        | Error::LastAdministrator
        | Error::SoleAdministrator { .. }
        | Error::PaymentRequired
        | Error::NoFeeDue
        | Error::PaymentProviderUnavailable
        | Error::WebhookRefused(_)
        | Error::CodeRejected
        | Error::CodeLocked { .. }
        | Error::OfflineForm(_)
        | Error::Internal(_) => true,
    };
    let all = vec![
        Error::invalid("field", Invalid::Required),
        Error::Certificate(CertificateRejection::Expired),
        Error::Challenge,
        Error::BadSignature,
        Error::Unauthenticated,
        Error::RegistrationPending,
        Error::MatriculeMismatch,
        Error::NotInRegister,
        Error::AlreadyRegistered,
        Error::CertificateAlreadyRegistered,
        Error::LinkUnknown,
        Error::LinkExpired,
        Error::LinkUsed,
        Error::NotFound,
        Error::IllegalTransition(crate::domain::CurrentState::Dossier(
            crate::domain::dossiers::Status::Draft,
        )),
        Error::FileTooLarge {
            field: String::new(),
            max_bytes: 0,
        },
        Error::FileType(String::new()),
        Error::DossierSignature,
        Error::SignatureCertificateUnknown,
        Error::UploadOffset(0),
        Error::UploadDigest,
        Error::PreconditionFailed,
        Error::TooManyRequests {
            retry_after_secs: 1,
        },
        Error::SpaceLimit { max: 10 },
        Error::NotCollaborative,
        Error::InvitationUnknown,
        Error::InvitationExpired,
        Error::InvitationUsed,
        Error::InvitationNotForYou,
        Error::AlreadyMember,
        Error::LastAdministrator,
        Error::SoleAdministrator { spaces: Vec::new() },
        Error::PaymentRequired,
        Error::NoFeeDue,
        Error::PaymentProviderUnavailable,
        Error::WebhookRefused("signature"),
        Error::CodeRejected,
        Error::CodeLocked {
            retry_after_secs: 1,
        },
        Error::OfflineForm(crate::domain::offline_forms::FormRejection::NoFields),
        Error::internal(""),
    ];
    all.into_iter().filter(listed).collect()
}

/// The failures answered before any handler runs (see `app::middleware`).
const FRAME_STATUSES: [StatusCode; 5] = [
    StatusCode::BAD_REQUEST,
    StatusCode::UNAUTHORIZED,
    StatusCode::NOT_FOUND,
    StatusCode::PAYLOAD_TOO_LARGE,
    StatusCode::UNSUPPORTED_MEDIA_TYPE,
];

/// Status → the description of its answer, listing its problem types.
fn descriptions() -> &'static BTreeMap<u16, String> {
    static TABLE: OnceLock<BTreeMap<u16, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut slugs: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
        let kinds = kinds();
        let problems = kinds
            .iter()
            .map(Problem::from_domain)
            .chain(FRAME_STATUSES.into_iter().map(Problem::from_status));
        for p in problems {
            let list = slugs.entry(p.status.as_u16()).or_default();
            if !list.contains(&p.slug) {
                list.push(p.slug);
            }
        }
        slugs
            .into_iter()
            .map(|(status, list)| {
                let reason = StatusCode::from_u16(status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("Error");
                let types = list
                    .iter()
                    .map(|s| format!("`urn:guichet:problem:{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                (status, format!("{reason}: a problem of type {types}."))
            })
            .collect()
    })
}

/// The statuses an operation may answer with a problem, ascending.
#[cfg(test)]
pub fn statuses() -> Vec<u16> {
    descriptions().keys().copied().collect()
}

impl ApiResponse for ApiError {
    fn meta() -> MetaResponses {
        let responses = descriptions()
            .iter()
            .map(|(&status, description)| MetaResponse {
                description: description.as_str(),
                status: Some(status),
                status_range: None,
                content: vec![MetaMediaType {
                    content_type: PROBLEM_JSON,
                    schema: ProblemBody::schema_ref(),
                }],
                headers: if status == StatusCode::UNAUTHORIZED.as_u16() {
                    vec![MetaHeader {
                        name: "WWW-Authenticate".to_string(),
                        description: Some("`Bearer` (RFC 6750 §3).".to_string()),
                        required: true,
                        deprecated: false,
                        schema: String::schema_ref(),
                    }]
                } else if status == StatusCode::TOO_MANY_REQUESTS.as_u16() {
                    vec![MetaHeader {
                        name: "Retry-After".to_string(),
                        description: Some(
                            "Seconds until the next attempt can succeed (RFC 9110 §10.2.3)."
                                .to_string(),
                        ),
                        required: true,
                        deprecated: false,
                        schema: u64::schema_ref(),
                    }]
                } else {
                    Vec::new()
                },
            })
            .collect();
        MetaResponses { responses }
    }

    fn register(registry: &mut Registry) {
        ProblemBody::register(registry);
    }
}

#[cfg(test)]
mod tests {
    use super::statuses;

    #[test]
    fn every_status_of_the_table_is_documented() {
        assert_eq!(
            statuses(),
            vec![
                400, 401, 402, 403, 404, 409, 410, 412, 413, 415, 422, 429, 500, 503
            ]
        );
    }
}
