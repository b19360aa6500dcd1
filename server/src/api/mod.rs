//! HTTP only: poem-openapi operations, request and response objects, the security scheme,
//! and the one table that turns errors into problems. Never touches the database.

pub mod auth;
mod backoffice;
mod catalog;
mod certification;
mod communications;
pub mod contract;
mod dashboard;
mod document_checks;
mod dossier_files;
mod dossiers;
pub mod i18n;
pub mod i18n_procedures;
mod me;
mod members;
mod messages;
mod my_data;
mod offline_forms;
mod paging;
mod payments;
pub mod problem;
mod problem_doc;
mod professional;
mod push;
mod registration;
pub mod request;
mod signin;
mod spaces;
mod uploads;

use crate::service::Context;
use poem_openapi::{OpenApiService, Tags};

/// Groups of operations in the API documentation.
#[derive(Tags)]
pub enum Tag {
    /// Signing in with a certificate, refreshing and ending sessions.
    SignIn,
    /// Creating an account: e-mail, national identification number, confirmation link.
    Registration,
    /// The signed-in person and their certificates.
    Me,
    /// Spaces and the data they keep: private and professional spaces, co-workers.
    Spaces,
    /// The catalog of procedures.
    Catalog,
    /// Dossiers: forms, supporting documents, signature, transmission, messages, dashboard.
    Dossiers,
    /// The administrations' back office.
    Backoffice,
    /// Web push to the mobile app: VAPID key and device subscriptions.
    Push,
    /// "My communications": issued documents and letters; the public status of documents.
    Communications,
    /// Fees paid online: payments through the provider's hosted checkout, refunds.
    Payments,
}

/// The API type served under `/api/v1`.
pub type Api = (
    signin::SignInApi,
    registration::RegistrationApi,
    me::MeApi,
    // Grouped: poem-openapi implements `OpenApi` for tuples of at most 16.
    (
        spaces::SpacesApi,
        professional::ProfessionalApi,
        members::MembersApi,
        certification::CertificationApi,
        my_data::MyDataApi,
    ),
    catalog::CatalogApi,
    dossiers::DossiersApi,
    dashboard::DashboardApi,
    dossier_files::DossierFilesApi,
    uploads::UploadsApi,
    messages::MessagesApi,
    backoffice::BackofficeApi,
    push::PushApi,
    communications::CommunicationsApi,
    payments::PaymentsApi,
    document_checks::DocumentChecksApi,
    offline_forms::OfflineFormsApi,
);

/// The OpenAPI service for `ctx`.
pub fn service(ctx: Context) -> OpenApiService<Api, ()> {
    OpenApiService::new(
        (
            signin::SignInApi { ctx: ctx.clone() },
            registration::RegistrationApi { ctx: ctx.clone() },
            me::MeApi { ctx: ctx.clone() },
            (
                spaces::SpacesApi { ctx: ctx.clone() },
                professional::ProfessionalApi { ctx: ctx.clone() },
                members::MembersApi { ctx: ctx.clone() },
                certification::CertificationApi { ctx: ctx.clone() },
                my_data::MyDataApi { ctx: ctx.clone() },
            ),
            catalog::CatalogApi { ctx: ctx.clone() },
            dossiers::DossiersApi { ctx: ctx.clone() },
            dashboard::DashboardApi { ctx: ctx.clone() },
            dossier_files::DossierFilesApi { ctx: ctx.clone() },
            uploads::UploadsApi { ctx: ctx.clone() },
            messages::MessagesApi { ctx: ctx.clone() },
            backoffice::BackofficeApi { ctx: ctx.clone() },
            push::PushApi { ctx: ctx.clone() },
            communications::CommunicationsApi { ctx: ctx.clone() },
            payments::PaymentsApi { ctx: ctx.clone() },
            document_checks::DocumentChecksApi { ctx: ctx.clone() },
            offline_forms::OfflineFormsApi { ctx },
        ),
        "guichet",
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "Mobile-first API of the guichet e-government portal. Every error is \
         `application/problem+json` (RFC 9457) with a stable `type`, the offending `field` for \
         validation errors, a message in the language of `Accept-Language` (fr, de, en) and the \
         `request_id` also returned in the `x-request-id` header.",
    )
    .url_prefix("/api/v1")
}

/// The OpenAPI document as served (poem-openapi's, completed by [`contract::complete`]), for
/// `/api/openapi.json`, the committed copy and the drift test.
pub fn spec_json(ctx: Context) -> String {
    contract::complete(&service(ctx).spec())
}
