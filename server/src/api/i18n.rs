//! What the user reads when something goes wrong: which message of the catalog
//! (`server/locales/*.ftl`, `problem-*` with a `.title` and a `.detail`) answers each problem.

use std::borrow::Cow;

use super::i18n_procedures::ProcText;
use crate::catalog::CATALOG;
use crate::domain::Language;

/// Declares [`Text`] with the catalog message of each variant.
macro_rules! texts {
    ($($variant:ident => $id:literal,)*) => {
        /// A message the API can show; each has a title and a detail in every language.
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($variant,)*
            Procedures(ProcText),
        }

        impl Text {
            /// The catalog message (`problem-…`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                    Self::Procedures(p) => p.id(),
                }
            }

            /// Every text, for the catalog check.
            pub fn all() -> impl Iterator<Item = Text> {
                [$(Self::$variant),*]
                    .into_iter()
                    .chain(ProcText::ALL.iter().copied().map(Self::Procedures))
            }
        }
    };
}

texts! {
    Required => "problem-required",
    MatriculeFormat => "problem-matricule-format",
    MatriculeDate => "problem-matricule-date",
    MatriculeCheckDigit => "problem-matricule-check-digit",
    Email => "problem-email",
    Phone => "problem-phone",
    Iban => "problem-iban",
    Language => "problem-language",
    TooLong => "problem-too-long",
    Encoding => "problem-encoding",
    TermsNotAccepted => "problem-terms-not-accepted",
    NotConfirmed => "problem-not-confirmed",
    ReadOnly => "problem-read-only",
    PushEndpoint => "problem-push-endpoint",
    KeyLength => "problem-key-length",
    PushEndpointAddress => "problem-push-endpoint-address",
    PushEndpointHost => "problem-push-endpoint-host",
    CurvePoint => "problem-curve-point",
    Characters => "problem-characters",
    Rcs => "problem-rcs",
    Vat => "problem-vat",
    FromCertificate => "problem-from-certificate",
    SpaceLimit => "problem-space-limit",
    NotCollaborative => "problem-not-collaborative",
    InvitationUnknown => "problem-invitation-unknown",
    InvitationExpired => "problem-invitation-expired",
    InvitationUsed => "problem-invitation-used",
    InvitationNotForYou => "problem-invitation-not-for-you",
    AlreadyMember => "problem-already-member",
    LastAdministrator => "problem-last-administrator",
    SoleAdministrator => "problem-sole-administrator",
    CertMalformed => "problem-cert-malformed",
    CertUntrusted => "problem-cert-untrusted",
    CertNotYetValid => "problem-cert-not-yet-valid",
    CertExpired => "problem-cert-expired",
    CertRevoked => "problem-cert-revoked",
    CertWrongUsage => "problem-cert-wrong-usage",
    CertMissingIdentity => "problem-cert-missing-identity",
    ChallengeInvalid => "problem-challenge-invalid",
    BadSignature => "problem-bad-signature",
    Unauthenticated => "problem-unauthenticated",
    RegistrationPending => "problem-registration-pending",
    MatriculeMismatch => "problem-matricule-mismatch",
    NotInRegister => "problem-not-in-register",
    AlreadyRegistered => "problem-already-registered",
    CertificateAlreadyRegistered => "problem-certificate-already-registered",
    LinkUnknown => "problem-link-unknown",
    LinkExpired => "problem-link-expired",
    LinkUsed => "problem-link-used",
    NotFound => "problem-not-found",
    PreconditionFailed => "problem-precondition-failed",
    Internal => "problem-internal",
    MethodNotAllowed => "problem-method-not-allowed",
    BodyTooLarge => "problem-body-too-large",
    UnsupportedMediaType => "problem-unsupported-media-type",
    MalformedRequest => "problem-malformed-request",
    TooManyRequests => "problem-too-many-requests",
    CodeRejected => "problem-code-rejected",
    CodeLocked => "problem-code-locked",
    CheckCharacter => "problem-check-character",
    DomainNotCertified => "problem-domain-not-certified",
    PaymentRequired => "problem-payment-required",
    NoFeeDue => "problem-no-fee-due",
    PaymentProviderUnavailable => "problem-payment-provider-unavailable",
    WebhookRefused => "problem-webhook-refused",
}

/// The title and detail of `text` in `lang`.
pub fn text(text: Text, lang: Language) -> (Cow<'static, str>, Cow<'static, str>) {
    let id = text.id();
    (
        CATALOG.format(lang, &format!("{id}.title"), &[]),
        CATALOG.format(lang, &format!("{id}.detail"), &[]),
    )
}

/// The catalog keys of every problem text (`problem-….title` and `.detail`).
#[cfg(test)]
pub(crate) fn keys() -> Vec<String> {
    Text::all()
        .flat_map(|t| [format!("{}.title", t.id()), format!("{}.detail", t.id())])
        .collect()
}
