//! Procedures of the catalog: their definition as published data, and the checks a definition passes.

mod field;
pub mod validate;

pub use field::{Choice, Field, FieldType, Prefill, Rules};

use super::Language;
use serde::{Deserialize, Serialize};

/// A text in the three languages of the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// French.
    pub fr: String,
    /// German.
    pub de: String,
    /// English.
    pub en: String,
}

impl Texts {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Fr => &self.fr,
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }

    /// The three languages together, lower case, for searching.
    fn all(&self) -> String {
        format!("{} {} {}", self.fr, self.de, self.en).to_lowercase()
    }
}

/// One step of a procedure's form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable id, used in URLs.
    pub id: String,
    /// Title shown above the step.
    pub title: Texts,
    /// The step's fields, in display order.
    pub fields: Vec<Field>,
}

/// A procedure at one version, as published in `fixtures/procedures/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Stable id, e.g. `criminal-record-extract`.
    pub id: String,
    /// Version, increasing with every publication.
    pub version: i32,
    /// The competent administration's id.
    pub administration: String,
    /// Title.
    pub title: Texts,
    /// Help text.
    pub help: Texts,
    /// Whether the holder must sign before transmitting.
    pub signature_required: bool,
    /// The document type the procedure may end with, if any.
    #[serde(default)]
    pub result_document: Option<String>,
    /// The fee, when the procedure costs one (absent: free).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<super::payments::Fee>,
    /// Whether the platform answers a transmitted dossier itself, at once: accepted, and its
    /// result document issued from the authentic sources (the certificate of residence from
    /// the national register). Default `false`: an agent decides.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub automatic: bool,
    /// The social security domain the procedure needs (`employee-affiliations`, …): only a
    /// space certified for it, or a mandatary of it, may start it. Absent: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The form's steps.
    pub steps: Vec<Step>,
}

/// Why a procedure definition cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    /// Not JSON of the expected shape.
    #[error("not a procedure definition: {0}")]
    Shape(String),
    /// Two fields or steps share an id.
    #[error("duplicate id {0}")]
    Duplicate(String),
    /// A prefill source that does not exist.
    #[error("field {0}: unknown prefill source")]
    Prefill(String),
    /// A choice without options, a file without limits, or an empty procedure.
    #[error("field {0}: incomplete rules")]
    Rules(String),
    /// A fee that cannot be charged.
    #[error("fee: {0}")]
    Fee(#[from] super::payments::FeeError),
}

impl Procedure {
    /// Parses and checks a definition.
    pub fn parse(json: &str) -> Result<Self, DefinitionError> {
        let p: Procedure =
            serde_json::from_str(json).map_err(|e| DefinitionError::Shape(e.to_string()))?;
        p.check()?;
        Ok(p)
    }

    fn check(&self) -> Result<(), DefinitionError> {
        if self.steps.is_empty() || self.version < 1 || self.id.is_empty() {
            return Err(DefinitionError::Rules(self.id.clone()));
        }
        if let Some(fee) = &self.fee {
            fee.check()?;
        }
        if let Some(d) = &self.domain {
            if super::mandates::Domain::from_slug(d).is_none() {
                return Err(DefinitionError::Rules(format!("domain {d}")));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for step in &self.steps {
            if !seen.insert(format!("step:{}", step.id)) {
                return Err(DefinitionError::Duplicate(step.id.clone()));
            }
            for f in &step.fields {
                if !seen.insert(f.id.clone()) {
                    return Err(DefinitionError::Duplicate(f.id.clone()));
                }
                f.check()?;
            }
        }
        Ok(())
    }

    /// Every field, with its step.
    pub fn fields(&self) -> impl Iterator<Item = (&Step, &Field)> {
        self.steps
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    /// The field `id`, if any.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// The step `id`, if any.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Whether every word of `query` appears in the title or help, in any language.
    pub fn matches(&self, query: &str) -> bool {
        let hay = format!("{} {} {}", self.id, self.title.all(), self.help.all());
        query
            .split_whitespace()
            .all(|w| hay.contains(&w.to_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped catalog (kept in one list, by the service that publishes it).
    const CATALOG: &[&str] = crate::service::catalog::SHIPPED;
    #[test]
    fn every_shipped_procedure_is_a_valid_definition() {
        for json in CATALOG {
            let p = Procedure::parse(json).unwrap();
            assert!(!p.title.de.is_empty() && !p.help.en.is_empty(), "{}", p.id);
        }
    }

    #[test]
    fn search_finds_words_in_any_language() {
        let p = Procedure::parse(CATALOG[0]).unwrap();
        assert!(p.matches("casier"));
        assert!(p.matches("Strafregister"));
        assert!(p.matches("criminal RECORD"));
        assert!(!p.matches("criminal adresse"));
    }

    #[test]
    fn a_duplicate_field_is_refused() {
        let mut p: serde_json::Value = serde_json::from_str(CATALOG[0]).unwrap();
        let first = p["steps"][0]["fields"][0].clone();
        p["steps"][0]["fields"].as_array_mut().unwrap().push(first);
        assert!(matches!(
            Procedure::parse(&p.to_string()),
            Err(DefinitionError::Duplicate(_))
        ));
    }
}
