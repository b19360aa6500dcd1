//! The documents' fixed texts, read from the catalog `documents/locales/{fr,de,en}.ftl`
//! (embedded at compile time) in the extract's language.

use std::borrow::Cow;
use std::sync::LazyLock;

use guichet_i18n::{Catalog, Sources};

/// The language an extract is written in: the portal's one [`guichet_i18n::Language`].
pub use guichet_i18n::Language;

/// The documents' catalog, parsed on first use (also the fillable form's).
pub(crate) static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::new(Sources {
        fr: include_str!("../../locales/fr.ftl"),
        de: include_str!("../../locales/de.ftl"),
        en: include_str!("../../locales/en.ftl"),
    })
});

guichet_i18n::messages! {
    catalog: CATALOG;
    /// Every text of the extract, for the catalog check.
    const MESSAGES;
    fn state() = "extract-state";
    fn title() = "extract-title";
    fn document_number() = "extract-document-number";
    fn issue_date() = "extract-issue-date";
    fn subject() = "extract-subject";
    fn family_name() = "extract-family-name";
    fn given_names() = "extract-given-names";
    fn birth_date() = "extract-birth-date";
    fn birth_place() = "extract-birth-place";
    fn outcome() = "extract-outcome";
    fn no_entry() = "extract-no-entry";
    fn entries(count: usize) = "extract-entries";
    fn court() = "extract-court";
    fn judgment_date() = "extract-judgment-date";
    fn offence() = "extract-offence";
    fn sentence() = "extract-sentence";
    fn verification() = "extract-verification";
    fn bulletin() = "extract-bulletin";
    fn bulletin_value(number: u8) = "extract-bulletin-value";
    fn purpose() = "extract-purpose";
    /// The footer of every page: its place, the page count and the document number.
    pub(crate) fn page_of(page: usize, pages: usize, number: String) = "document-page";
    /// The certificate of residence's title.
    pub(crate) fn residence_title() = "residence-title";
    /// The certificate of residence's statement, before the address.
    pub(crate) fn residence_statement() = "residence-statement";
    /// Label: the address of residence.
    pub(crate) fn residence_address() = "residence-address";
    /// Label: nationality.
    pub(crate) fn residence_nationality() = "residence-nationality";
    fn verification_code() = "extract-verification-code";
    /// The certification codes letter's title.
    pub(crate) fn codes_title() = "codes-title";
    /// The letter's opening sentence.
    pub(crate) fn codes_statement() = "codes-statement";
    /// Label: the employer.
    pub(crate) fn codes_employer() = "codes-employer";
    /// Label: the employer number.
    pub(crate) fn codes_employer_number() = "codes-employer-number";
    /// Heading: the holder's codes.
    pub(crate) fn codes_holder() = "codes-holder";
    /// Label: a holder access code.
    pub(crate) fn codes_holder_access() = "codes-holder-access";
    /// Label: a revocation code.
    pub(crate) fn codes_revocation() = "codes-revocation";
    /// Heading: a mandatary's codes.
    pub(crate) fn codes_mandatary(name: String) = "codes-mandatary";
    /// Label: a mandatary's security code.
    pub(crate) fn codes_mandatary_security() = "codes-mandatary-security";
    /// Label: a mandatary access code.
    pub(crate) fn codes_mandatary_access() = "codes-mandatary-access";
    /// The warning: shown once, keep secret.
    pub(crate) fn codes_warning() = "codes-warning";
    /// A domain's name.
    pub(crate) fn codes_domain_employee_affiliations() = "codes-domain-employee-affiliations";
    /// A domain's name.
    pub(crate) fn codes_domain_pay_and_sick_leave() = "codes-domain-pay-and-sick-leave";
    /// A domain's name.
    pub(crate) fn codes_domain_employer_general_data() = "codes-domain-employer-general-data";
    /// A domain's name.
    pub(crate) fn codes_domain_billing_and_accounting() = "codes-domain-billing-and-accounting";
}

/// The fixed texts of an extract in one language.
#[derive(Debug)]
pub(crate) struct Labels {
    pub language: Language,
    pub state: Cow<'static, str>,
    pub title: Cow<'static, str>,
    pub document_number: Cow<'static, str>,
    pub issue_date: Cow<'static, str>,
    pub subject: Cow<'static, str>,
    pub family_name: Cow<'static, str>,
    pub given_names: Cow<'static, str>,
    pub birth_date: Cow<'static, str>,
    pub birth_place: Cow<'static, str>,
    pub outcome: Cow<'static, str>,
    pub no_entry: Cow<'static, str>,
    pub court: Cow<'static, str>,
    pub judgment_date: Cow<'static, str>,
    pub offence: Cow<'static, str>,
    pub sentence: Cow<'static, str>,
    pub verification: Cow<'static, str>,
    pub bulletin: Cow<'static, str>,
    pub purpose: Cow<'static, str>,
    pub verification_code: Cow<'static, str>,
}

impl Labels {
    /// The labels of `language`.
    pub fn of(language: Language) -> Labels {
        let l = language;
        Labels {
            language,
            state: state(l),
            title: title(l),
            document_number: document_number(l),
            issue_date: issue_date(l),
            subject: subject(l),
            family_name: family_name(l),
            given_names: given_names(l),
            birth_date: birth_date(l),
            birth_place: birth_place(l),
            outcome: outcome(l),
            no_entry: no_entry(l),
            court: court(l),
            judgment_date: judgment_date(l),
            offence: offence(l),
            sentence: sentence(l),
            verification: verification(l),
            bulletin: bulletin(l),
            purpose: purpose(l),
            verification_code: verification_code(l),
        }
    }

    /// The bulletin's name, e.g. `n° 3`.
    pub fn bulletin_value(&self, number: u8) -> Cow<'static, str> {
        bulletin_value(self.language, number)
    }

    /// The footer of page `page` of `pages` of document `number`.
    pub fn page_of(&self, page: usize, pages: usize, number: &str) -> String {
        page_of(self.language, page, pages, number.to_string()).into_owned()
    }

    /// The sentence that introduces `count` entries of the record.
    pub fn entries(&self, count: usize) -> Cow<'static, str> {
        entries(self.language, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_text_in_every_language_with_the_variables_the_code_passes() {
        let every = [MESSAGES, crate::fillable_form::texts::MESSAGES].concat();
        assert_eq!(CATALOG.check(&every), Vec::<String>::new());
    }

    #[test]
    fn english_counts_one_entry_and_several_entries() {
        let labels = Labels::of(Language::En);
        assert_eq!(labels.entries(1), "The criminal record holds 1 entry:");
        assert_eq!(labels.entries(2), "The criminal record holds 2 entries:");
        assert_eq!(
            Labels::of(Language::De).entries(3),
            "Das Strafregister enthält 3 Eintragung(en):"
        );
    }
}
