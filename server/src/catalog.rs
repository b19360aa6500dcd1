//! The server's texts as data: the Fluent catalog `server/locales/{fr,de,en}.ftl`, embedded at
//! compile time, and the texts the code reads from it (problem texts: [`crate::api::i18n`]).

use std::sync::LazyLock;

use guichet_i18n::{Catalog, Sources};

/// The server's catalog, parsed on first use.
pub static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::new(Sources {
        fr: include_str!("../locales/fr.ftl"),
        de: include_str!("../locales/de.ftl"),
        en: include_str!("../locales/en.ftl"),
    })
});

guichet_i18n::messages! {
    catalog: CATALOG;
    /// Every text below, for the catalog check.
    pub const MESSAGES;

    /// Subject of the mail carrying the registration link.
    pub fn mail_registration_subject() = "mail-registration.subject";
    /// Body of the mail carrying the registration link, valid `hours`.
    pub fn mail_registration_body(link: &str, hours: i64) = "mail-registration.body";
    /// Subject of the invitation to a professional space.
    pub fn mail_invitation_subject() = "mail-invitation.subject";
    /// Body of the invitation: `inviter` invites to `space`; `link` valid until `expires`.
    pub fn mail_invitation_body(inviter: &str, space: &str, link: &str, expires: &str) = "mail-invitation.body";
    /// Subject of the notice that a document awaits in "my communications".
    pub fn mail_communication_subject() = "mail-communication.subject";
    /// Body of that notice: `administration` delivered `title`.
    pub fn mail_communication_body(administration: &str, title: &str) = "mail-communication.body";
    /// Subject of the notice that the administration asks for information.
    pub fn mail_dossier_information_requested_subject() = "mail-dossier-information-requested.subject";
    /// Body of that notice, for the procedure titled `title`.
    pub fn mail_dossier_information_requested_body(title: &str) = "mail-dossier-information-requested.body";
    /// Subject of the notice that a dossier is decided.
    pub fn mail_dossier_closed_subject() = "mail-dossier-closed.subject";
    /// Body of that notice, for the procedure titled `title`.
    pub fn mail_dossier_closed_body(title: &str) = "mail-dossier-closed.body";

    /// Push title: a document is ready.
    pub fn push_document_ready_title() = "push-document-ready.title";
    /// Push body: a document is ready.
    pub fn push_document_ready_body() = "push-document-ready.body";
    /// Push title: an administration read the person's data.
    pub fn push_data_read_title() = "push-data-read.title";
    /// Push body: an administration read the person's data.
    pub fn push_data_read_body() = "push-data-read.body";
    /// Push title: an export of "my data" is ready.
    pub fn push_export_ready_title() = "push-export-ready.title";
    /// Push body: an export of "my data" is ready.
    pub fn push_export_ready_body() = "push-export-ready.body";
    /// Subject of the mail saying an export of "my data" is ready.
    pub fn mail_export_ready_subject() = "mail-export-ready.subject";
    /// Body of that mail: the download `link`, valid until `until`.
    pub fn mail_export_ready_body(link: &str, until: &str) = "mail-export-ready.body";
    /// Subject of the mail confirming that an account was closed.
    pub fn mail_account_closed_subject() = "mail-account-closed.subject";
    /// Its body: the `deleted` lines (kind and how many) and the `kept` lines (kind, id, until
    /// when, rule).
    pub fn mail_account_closed_body(deleted: &str, kept: &str) = "mail-account-closed.body";
    /// Push title: the administration wrote.
    pub fn push_message_title() = "push-message.title";
    /// Push body: the administration wrote.
    pub fn push_message_body() = "push-message.body";
    /// Push title: a dossier's status changed.
    pub fn push_status_changed_title() = "push-status-changed.title";
    /// Push body: a dossier's status changed.
    pub fn push_status_changed_body() = "push-status-changed.body";

    /// Title of the page the registration link opens.
    pub fn confirm_page_title() = "confirm-page.title";
    /// The terms that page shows.
    pub fn confirm_page_terms() = "confirm-page.terms";
    /// The label of the box that accepts them.
    pub fn confirm_page_accept() = "confirm-page.accept";
    /// What the page says once the registration is complete.
    pub fn confirm_page_done() = "confirm-page.done";

    /// Title of an issued criminal record extract in "my communications".
    pub fn extract_communication_title() = "extract-communication.title";
    /// Start of its file name (`…-<document number>.pdf`).
    pub fn extract_communication_file_prefix() = "extract-communication.file-prefix";

    /// Title of a payment receipt, in "my communications" and on the PDF.
    pub fn payment_receipt_title() = "payment-receipt.title";
    /// Start of its file name.
    pub fn payment_receipt_file_prefix() = "payment-receipt.file-prefix";
    /// Its label of the procedure.
    pub fn payment_receipt_procedure() = "payment-receipt.procedure";
    /// Its label of the dossier.
    pub fn payment_receipt_dossier() = "payment-receipt.dossier";
    /// Its label of the amount.
    pub fn payment_receipt_amount() = "payment-receipt.amount";
    /// Its label of the day paid.
    pub fn payment_receipt_paid_at() = "payment-receipt.paid-at";
    /// Its label of the provider's reference.
    pub fn payment_receipt_reference() = "payment-receipt.reference";
    /// Its closing sentence.
    pub fn payment_receipt_note() = "payment-receipt.note";
    /// Title of the page the provider sends the person back to.
    pub fn payment_return_title() = "payment-return.title";
    /// What that page says after a payment.
    pub fn payment_return_paid() = "payment-return.paid";
    /// What that page says when the person gave up.
    pub fn payment_return_cancelled() = "payment-return.cancelled";
    /// Title of an issued certificate of residence in "my communications".
    pub fn residence_communication_title() = "residence-communication.title";
    /// Start of its file name (`…-<document number>.pdf`).
    pub fn residence_communication_file_prefix() = "residence-communication.file-prefix";
    /// Title of the certification codes letter in "my communications".
    pub fn codes_communication_title() = "codes-communication.title";
    /// Start of its file name (`…-<document number>.pdf`).
    pub fn codes_communication_file_prefix() = "codes-communication.file-prefix";
    /// Subject of the mail telling a mandatary's space that a mandate was revoked.
    pub fn mail_mandate_revoked_subject() = "mail-mandate-revoked.subject";
    /// Its body: `employer` revoked the mandate for `domain`.
    pub fn mail_mandate_revoked_body(employer: &str, domain: &str) = "mail-mandate-revoked.body";
}

/// Writes a mail body as mails end: with a line break after the signature.
pub fn mail_body(body: std::borrow::Cow<'_, str>) -> String {
    let mut body = body.into_owned();
    body.push('\n');
    body
}

#[cfg(test)]
mod tests {
    use guichet_i18n::{Language, Spec};

    use super::*;
    use crate::api::i18n;

    #[test]
    fn catalog_has_every_text_in_every_language_with_the_variables_the_code_passes() {
        let problem_keys = i18n::keys();
        let mut specs: Vec<Spec<'_>> = MESSAGES.to_vec();
        specs.extend(problem_keys.iter().map(|key| Spec {
            key,
            variables: &[],
        }));
        assert_eq!(CATALOG.check(&specs), Vec::<String>::new());
    }

    #[test]
    fn a_problem_text_reads_its_title_and_detail_in_the_asked_language() {
        let (title, detail) = i18n::text(i18n::Text::LinkExpired, Language::De);
        assert_eq!(title, "Link abgelaufen");
        assert_eq!(
            detail,
            "Dieser Bestätigungslink war 72 Stunden gültig: fordern Sie einen neuen an."
        );
    }

    #[test]
    fn mail_bodies_keep_their_blank_lines_and_end_with_a_line_break() {
        let body = mail_body(mail_registration_body(
            Language::En,
            "https://x/confirm?t=1",
            72,
        ));
        assert_eq!(
            body,
            "Hello,\n\nTo complete your registration on guichet, open this link and accept the \
             terms of use:\n\nhttps://x/confirm?t=1\n\nThis link is valid for 72 hours. If you \
             did not ask for this, ignore this message.\n\nguichet\n"
        );
    }
}
