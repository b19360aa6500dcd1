//! The report's wording, read from the catalog `verifier/locales/{fr,de,en}.ftl` (embedded at
//! compile time; only the command line carries it, not the library).

use std::borrow::Cow;
use std::sync::LazyLock;

use guichet_i18n::{Catalog, Sources};

use crate::revocation::RevocationReason;
use crate::seal::{DocumentType, Language, Outcome};
use crate::verify::Reason;

/// The verifier's catalog, parsed on first use.
static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::new(Sources {
        fr: include_str!("../../locales/fr.ftl"),
        de: include_str!("../../locales/de.ftl"),
        en: include_str!("../../locales/en.ftl"),
    })
});

guichet_i18n::messages! {
    catalog: CATALOG;
    /// Every phrase of the report, for the catalog check.
    const MESSAGES;

    /// The verdict when everything holds.
    pub fn valid() = "valid";
    /// The verdict's word when a check failed.
    pub fn invalid() = "invalid";
    /// The verdict when the issuer revoked the document.
    pub fn revoked() = "revoked";
    /// The verdict when the issuer replaced the document.
    pub fn superseded() = "superseded";
    /// The seal is authentic, offline.
    pub fn authentic_offline() = "authentic-offline";
    /// Asks to compare the data with the document and an ID.
    pub fn compare() = "compare";
    /// The seal's data is not shown.
    pub fn untrusted() = "untrusted";
    /// Label: the document type.
    pub fn document() = "document";
    /// Label: the document number.
    pub fn number() = "number";
    /// Label: the issuer.
    pub fn issuer() = "issuer";
    /// Label: the issue date.
    pub fn issued() = "issued";
    /// Label: the end of validity.
    pub fn valid_until() = "valid-until";
    /// Value: no end of validity.
    pub fn no_expiry() = "no-expiry";
    /// Label: the family name.
    pub fn family() = "family";
    /// Label: the given names.
    pub fn given() = "given";
    /// Label: the birth date.
    pub fn birth() = "birth";
    /// Label: the outcome.
    pub fn result() = "result";
    /// Label: how many pages the document has.
    pub fn pages() = "pages";
    /// Label: the criminal record's bulletin.
    pub fn bulletin() = "bulletin";
    /// Value: bulletin number `number`.
    pub fn bulletin_number(number: u8) = "bulletin-number";
    /// Label: the address a certificate of residence states.
    pub fn address() = "address";
    /// Label: the employer number a certification codes letter states.
    pub fn employer_number() = "employer-number";
    /// Label: the domains a certification codes letter carries codes for.
    pub fn domains() = "domains";
    /// Label: the document's language.
    pub fn language() = "language";
    /// The PDF matches the seal.
    pub fn content_checked() = "content-checked";
    /// The PDF does not match the seal.
    pub fn content_mismatch() = "content-mismatch";
    /// Only the seal of a photo was checked.
    pub fn content_photo() = "content-photo";
    /// Only the seal text was checked.
    pub fn content_text() = "content-text";
    /// Online: neither revoked nor superseded.
    pub fn online_valid() = "online-valid";
    /// Online: no status (the error follows).
    pub fn online_unavailable() = "online-unavailable";
    /// Online status not asked.
    pub fn online_not_asked() = "online-not-asked";
    /// Label: a reason.
    pub fn reason_label() = "reason-label";
    /// Label: the trust list.
    pub fn trust_list() = "trust-list";
    /// The verdict when the signed revocation list revokes the document.
    pub fn revoked_in_list(date: &str) = "revoked-in-list";
    /// The revocation list used, and its age.
    pub fn revocation_list(sequence: u64, date: &str, hours: i64) = "revocation-list";
    /// The revocation list used is older than allowed.
    pub fn revocation_list_stale(sequence: u64, date: &str, hours: i64, max: i64) = "revocation-list-stale";
    fn revoked_on(date: &str) = "revoked-on";
    fn revocation_reason_unspecified() = "revocation-reason-unspecified";
    fn revocation_reason_issued_in_error() = "revocation-reason-issued-in-error";
    fn revocation_reason_obtained_by_fraud() = "revocation-reason-obtained-by-fraud";
    fn revocation_reason_withdrawn() = "revocation-reason-withdrawn";
    fn revocation_reason_other() = "revocation-reason-other";
    fn criminal_record_extract() = "document-type-criminal-record-extract";
    fn residence_certificate() = "document-type-residence-certificate";
    fn certification_codes() = "document-type-certification-codes";
    fn domain_employee_affiliations() = "domain-employee-affiliations";
    fn domain_pay_and_sick_leave() = "domain-pay-and-sick-leave";
    fn domain_employer_general_data() = "domain-employer-general-data";
    fn domain_billing_and_accounting() = "domain-billing-and-accounting";
    fn outcome_no_entry() = "outcome-no-entry";
    fn outcome_entries_listed() = "outcome-entries-listed";
    fn reason_malformed() = "reason-malformed";
    fn reason_no_seal() = "reason-no-seal";
    fn reason_unknown_key() = "reason-unknown-key";
    fn reason_bad_signature() = "reason-bad-signature";
    fn reason_key_not_valid_at_issue() = "reason-key-not-valid-at-issue";
    fn reason_key_not_allowed_for_type() = "reason-key-not-allowed-for-type";
    fn reason_expired() = "reason-expired";
    fn reason_content_mismatch() = "reason-content-mismatch";
    fn reason_ambiguous_pdf() = "reason-ambiguous-pdf";
    fn reason_revoked() = "reason-revoked";
    fn reason_revoked_in_list() = "reason-revoked-in-list";
    fn reason_superseded() = "reason-superseded";
    fn reason_issued_in_future() = "reason-issued-in-future";
    fn reason_unreadable_input() = "reason-unreadable-input";
}

/// The name of a document type.
pub fn document_type(lang: Language, t: DocumentType) -> Cow<'static, str> {
    match t {
        DocumentType::CriminalRecordExtract => criminal_record_extract(lang),
        DocumentType::ResidenceCertificate => residence_certificate(lang),
        DocumentType::CertificationCodes => certification_codes(lang),
    }
}

/// The name of a social security domain.
pub fn domain(lang: Language, d: crate::seal::Domain) -> Cow<'static, str> {
    use crate::seal::Domain;
    match d {
        Domain::EmployeeAffiliations => domain_employee_affiliations(lang),
        Domain::PayAndSickLeave => domain_pay_and_sick_leave(lang),
        Domain::EmployerGeneralData => domain_employer_general_data(lang),
        Domain::BillingAndAccounting => domain_billing_and_accounting(lang),
    }
}

/// The wording of an outcome.
pub fn outcome(lang: Language, o: Outcome) -> Cow<'static, str> {
    match o {
        Outcome::NoEntry => outcome_no_entry(lang),
        Outcome::EntriesListed => outcome_entries_listed(lang),
    }
}

/// The wording of a revocation reason code.
pub fn revocation_reason(lang: Language, r: RevocationReason) -> Cow<'static, str> {
    match r {
        RevocationReason::Unspecified => revocation_reason_unspecified(lang),
        RevocationReason::IssuedInError => revocation_reason_issued_in_error(lang),
        RevocationReason::ObtainedByFraud => revocation_reason_obtained_by_fraud(lang),
        RevocationReason::Withdrawn => revocation_reason_withdrawn(lang),
        RevocationReason::Other(_) => revocation_reason_other(lang),
    }
}

/// Explains a reason in `lang`, with its detail in brackets.
pub fn reason(lang: Language, reason: &Reason) -> String {
    let text = match reason {
        Reason::Malformed(_) => reason_malformed(lang),
        Reason::NoSeal => reason_no_seal(lang),
        Reason::UnknownKey => reason_unknown_key(lang),
        Reason::BadSignature => reason_bad_signature(lang),
        Reason::KeyNotValidAtIssue => reason_key_not_valid_at_issue(lang),
        Reason::KeyNotAllowedForType => reason_key_not_allowed_for_type(lang),
        Reason::Expired { .. } => reason_expired(lang),
        Reason::ContentMismatch(_) => reason_content_mismatch(lang),
        Reason::AmbiguousPdf(_) => reason_ambiguous_pdf(lang),
        Reason::Revoked { .. } => reason_revoked(lang),
        Reason::RevokedInList { .. } => reason_revoked_in_list(lang),
        Reason::Superseded { .. } => reason_superseded(lang),
        Reason::IssuedInFuture { .. } => reason_issued_in_future(lang),
        Reason::Unreadable(_) => reason_unreadable_input(lang),
    };
    let detail = match reason {
        Reason::Malformed(d)
        | Reason::ContentMismatch(d)
        | Reason::Unreadable(d)
        | Reason::AmbiguousPdf(d) => Some(d.clone()),
        Reason::IssuedInFuture { issued_at } => Some(issued_at.to_string()),
        Reason::Expired { valid_until } => Some(valid_until.date().to_string()),
        Reason::Revoked { reason } => reason.clone(),
        Reason::RevokedInList {
            reason, revoked_at, ..
        } => Some(format!(
            "{}, {}",
            revocation_reason(lang, *reason),
            revoked_on(lang, &lang.date(revoked_at.date()))
        )),
        Reason::Superseded { by } => by.clone(),
        _ => None,
    };
    match detail {
        Some(d) => format!("{text} ({d})"),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_phrase_in_every_language_with_the_variables_the_code_passes() {
        assert_eq!(CATALOG.check(MESSAGES), Vec::<String>::new());
    }

    #[test]
    fn each_reason_reads_the_message_named_after_its_code() {
        let at = time::macros::datetime!(2026-11-05 10:00 UTC);
        let reasons = [
            Reason::Malformed("m".into()),
            Reason::NoSeal,
            Reason::UnknownKey,
            Reason::BadSignature,
            Reason::KeyNotValidAtIssue,
            Reason::KeyNotAllowedForType,
            Reason::Expired { valid_until: at },
            Reason::ContentMismatch("c".into()),
            Reason::AmbiguousPdf("a".into()),
            Reason::Revoked { reason: None },
            Reason::RevokedInList {
                reason: RevocationReason::ObtainedByFraud,
                revoked_at: at,
                list_issued_at: at,
            },
            Reason::Superseded { by: None },
            Reason::IssuedInFuture { issued_at: at },
            Reason::Unreadable("u".into()),
        ];
        for lang in Language::ALL {
            for r in &reasons {
                let key = format!("reason-{}", r.code());
                let message = CATALOG.format(lang, &key, &[]);
                assert!(
                    reason(lang, r).starts_with(&*message) && message != key,
                    "{key} in {}",
                    lang.code()
                );
            }
        }
        assert_eq!(
            reason(
                Language::De,
                &Reason::Superseded {
                    by: Some("AB".into())
                }
            ),
            "durch ein anderes Dokument ersetzt (AB)"
        );
    }
}
