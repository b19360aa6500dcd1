//! The fillable form's fixed texts, read from the documents' catalog
//! `documents/locales/{fr,de,en}.ftl` (checked with the extract's texts).

use guichet_i18n::Language;

use crate::extract::labels::CATALOG;

guichet_i18n::messages! {
    catalog: CATALOG;
    /// Every text of the form, for the catalog check.
    pub(crate) const MESSAGES;
    /// How to use the form, at the top of the first page.
    pub(crate) fn instructions() = "form-instructions";
    /// What the asterisk means.
    pub(crate) fn mandatory() = "form-mandatory";
    /// What the grey fields are.
    pub(crate) fn read_only() = "form-read-only";
    /// The date format a date field expects.
    pub fn date_hint() = "form-date-hint";
    /// The range of a number field.
    pub fn number_range(min: String, max: String) = "form-number-range";
    /// The lengths of a text field.
    pub fn length(min: usize, max: usize) = "form-length";
    /// The longest text a field takes.
    pub fn max_length(max: usize) = "form-max-length";
    /// What a file field says: attach it online.
    pub(crate) fn attachment() = "form-attachment";
    /// The footer of every page.
    pub(crate) fn footer(reference: String, page: usize, pages: usize) = "form-footer";
    fn street() = "form-street";
    fn house_number() = "form-house-number";
    fn postcode() = "form-postcode";
    fn locality() = "form-locality";
    fn country() = "form-country";
}

/// The label of one part of a postal address (`street`, `house_number`, `postcode`,
/// `locality`, `country`); the part's own name for any other.
pub fn address_part(lang: Language, part: &str) -> String {
    match part {
        "street" => street(lang),
        "house_number" => house_number(lang),
        "postcode" => postcode(lang),
        "locality" => locality(lang),
        "country" => country(lang),
        other => other.to_string().into(),
    }
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_parts_are_named_in_the_reader_s_language() {
        assert_eq!(address_part(Language::De, "postcode"), "Postleitzahl");
    }
}
