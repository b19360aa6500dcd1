//! A form field: its type, rules, and where its prefilled value comes from.

use super::{DefinitionError, Texts};
use serde::{Deserialize, Serialize};

/// The kinds of values a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Free text.
    Text,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A number.
    Number,
    /// One of the listed options.
    Choice,
    /// Yes or no (a boolean).
    YesNo,
    /// A postal address (street, house_number, postcode, locality, country).
    Address,
    /// A national identification number (13 digits with check digits).
    Matricule,
    /// An IBAN.
    Iban,
    /// An e-mail address.
    Email,
    /// A supporting document, uploaded as an attachment of this kind.
    File,
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The value stored.
    pub value: String,
    /// What the user reads.
    pub label: Texts,
}

/// Validation rules; which apply depends on the type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Minimum length of a text, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    /// Maximum length of a text, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// Smallest number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The options of a choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Accepted media types of a file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_types: Vec<String>,
    /// Largest accepted file, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u64>,
}

/// Where a prefilled value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefill {
    /// The national register (an authentic source): the field is read-only.
    Register(&'static str),
    /// The space's profile: the holder may change it, and may save it back.
    Profile(&'static str),
    /// The organisation a professional space acts for (editable in the form).
    Organisation(&'static str),
}

/// Organisation fields a procedure may prefill from (`organisation.<name>`), in a professional
/// space.
pub const ORGANISATION_FIELDS: &[&str] = &[
    "name",
    "legal_form",
    "rcs_number",
    "vat_number",
    "address",
    "email",
    "phone",
];

/// Register fields a procedure may prefill from (`register.<name>`).
pub const REGISTER_FIELDS: &[&str] = &[
    "matricule",
    "family_name",
    "given_names",
    "birth_date",
    "birth_place",
    "nationality",
    "address",
];

/// Profile fields a procedure may prefill from (`profile.<name>`); the last three may be saved back.
pub const PROFILE_FIELDS: &[&str] = &["family_name", "given_names", "email", "phone", "iban"];

/// A field of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Stable id, unique in the procedure; the key in the form data.
    pub id: String,
    /// The kind of value.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Label.
    pub label: Texts,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Texts>,
    /// Whether a value is mandatory.
    #[serde(default)]
    pub required: bool,
    /// Prefill source: `register.<field>`, `profile.<field>` or `organisation.<field>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<String>,
    /// Validation rules.
    #[serde(default)]
    pub rules: Rules,
}

impl Field {
    /// The parsed prefill source.
    pub fn prefill_source(&self) -> Option<Prefill> {
        let raw = self.prefill.as_deref()?;
        if let Some(name) = raw.strip_prefix("register.") {
            REGISTER_FIELDS
                .iter()
                .find(|f| **f == name)
                .map(|f| Prefill::Register(f))
        } else if let Some(name) = raw.strip_prefix("organisation.") {
            ORGANISATION_FIELDS
                .iter()
                .find(|f| **f == name)
                .map(|f| Prefill::Organisation(f))
        } else {
            let name = raw.strip_prefix("profile.")?;
            PROFILE_FIELDS
                .iter()
                .find(|f| **f == name)
                .map(|f| Prefill::Profile(f))
        }
    }

    /// Whether the value comes from an authentic source and cannot be changed.
    pub fn read_only(&self) -> bool {
        matches!(self.prefill_source(), Some(Prefill::Register(_)))
    }

    pub(super) fn check(&self) -> Result<(), DefinitionError> {
        if self.prefill.is_some() && self.prefill_source().is_none() {
            return Err(DefinitionError::Prefill(self.id.clone()));
        }
        let incomplete = match self.kind {
            FieldType::Choice => self.rules.options.is_empty(),
            FieldType::File => self.rules.media_types.is_empty() || self.rules.max_bytes.is_none(),
            _ => false,
        };
        if incomplete {
            return Err(DefinitionError::Rules(self.id.clone()));
        }
        Ok(())
    }
}
