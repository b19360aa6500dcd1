//! A procedure and its form data, as the fillable form the documents crate renders: one field
//! per form field, typed, labelled in the reader's language, with its hint.

use crate::domain::{
    Language,
    procedures::{Field, FieldType, Procedure, validate::ADDRESS_PARTS},
};
use guichet_documents::fillable_form::{Form, FormField, Input, Part, Section, texts};
use serde_json::{Map, Value};

/// The longest national identification number, IBAN (grouped by four) and e-mail address.
const MATRICULE_LENGTH: usize = 13;
const IBAN_LENGTH: usize = 42;
const EMAIL_LENGTH: usize = 254;
/// `YYYY-MM-DD`.
const DATE_LENGTH: usize = 10;

/// A stored value as the text a box shows.
fn shown(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        _ => String::new(),
    }
}

/// A bound of a number rule, written without a needless fraction.
fn bound(n: f64) -> String {
    shown(serde_json::Number::from_f64(n).map(Value::Number).as_ref())
}

fn input(f: &Field, value: Option<&Value>, lang: Language) -> Input {
    let r = &f.rules;
    let text = |hint: Option<String>, max_length: Option<usize>| Input::Text {
        hint,
        max_length,
        value: shown(value),
    };
    match f.kind {
        FieldType::Text => {
            let hint = match (r.min_length, r.max_length) {
                (Some(min), Some(max)) => Some(texts::length(lang, min, max).into_owned()),
                (None, Some(max)) => Some(texts::max_length(lang, max).into_owned()),
                _ => None,
            };
            text(hint, r.max_length)
        }
        FieldType::Date => text(Some(texts::date_hint(lang).into_owned()), Some(DATE_LENGTH)),
        FieldType::Number => {
            let hint = match (r.min, r.max) {
                (Some(min), Some(max)) => {
                    Some(texts::number_range(lang, bound(min), bound(max)).into_owned())
                }
                _ => None,
            };
            text(hint, None)
        }
        FieldType::Matricule => text(None, Some(MATRICULE_LENGTH)),
        FieldType::Iban => text(None, Some(IBAN_LENGTH)),
        FieldType::Email => text(None, Some(EMAIL_LENGTH)),
        FieldType::Choice => Input::Choice {
            options: r
                .options
                .iter()
                .map(|o| (o.value.clone(), o.label.get(lang).to_string()))
                .collect(),
            value: value.and_then(Value::as_str).map(str::to_string),
        },
        FieldType::YesNo => Input::Check {
            checked: value == Some(&Value::Bool(true)),
        },
        FieldType::Address => Input::Group {
            parts: ADDRESS_PARTS
                .iter()
                .map(|p| Part {
                    name: (*p).to_string(),
                    label: texts::address_part(lang, p),
                    value: shown(value.and_then(|v| v.get(*p))),
                })
                .collect(),
        },
        FieldType::File => Input::Attachment,
    }
}

/// The fillable form of `procedure` in `lang`, showing `data`, bound by `binding`.
pub(super) fn form(
    procedure: &Procedure,
    data: &Map<String, Value>,
    lang: Language,
    binding: String,
) -> Form {
    Form {
        language: lang,
        title: procedure.title.get(lang).to_string(),
        help: procedure.help.get(lang).to_string(),
        reference: format!("{} v{}", procedure.id, procedure.version),
        binding,
        sections: procedure
            .steps
            .iter()
            .map(|s| Section {
                title: s.title.get(lang).to_string(),
                fields: s
                    .fields
                    .iter()
                    .map(|f| FormField {
                        name: f.id.clone(),
                        label: f.label.get(lang).to_string(),
                        help: f.help.as_ref().map(|h| h.get(lang).to_string()),
                        required: f.required,
                        read_only: f.read_only(),
                        input: input(f, data.get(&f.id), lang),
                    })
                    .collect(),
            })
            .collect(),
    }
}
