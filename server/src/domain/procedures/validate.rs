//! Checking form values against a procedure: per field, per step, and for the whole form.

use super::{Field, FieldType, Procedure, Step};
use crate::domain::{Invalid, profile};
use serde_json::{Map, Value};

/// A value that failed its field's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's id.
    pub field: String,
    /// Why.
    pub reason: Invalid,
}

/// The parts of an address, all mandatory.
pub const ADDRESS_PARTS: &[&str] = &["street", "house_number", "postcode", "locality", "country"];

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn text(v: &Value) -> Result<&str, Invalid> {
    v.as_str().map(str::trim).ok_or(Invalid::Format)
}

/// Checks and normalises one non-empty value for `field`.
pub fn value(field: &Field, v: &Value) -> Result<Value, Invalid> {
    let r = &field.rules;
    let normalised = match field.kind {
        FieldType::Text => {
            let s = text(v)?;
            let n = s.chars().count();
            if r.max_length.is_some_and(|m| n > m) {
                return Err(Invalid::TooLong);
            }
            if r.min_length.is_some_and(|m| n < m) {
                return Err(Invalid::TooShort);
            }
            Value::String(s.to_string())
        }
        FieldType::Date => {
            let s = text(v)?;
            let format = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(s, format).map_err(|_| Invalid::Date)?;
            Value::String(s.to_string())
        }
        FieldType::Number => {
            let n = v
                .as_f64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                .ok_or(Invalid::Number)?;
            if r.min.is_some_and(|m| n < m) || r.max.is_some_and(|m| n > m) {
                return Err(Invalid::OutOfRange);
            }
            serde_json::Number::from_f64(n)
                .map(Value::Number)
                .ok_or(Invalid::Number)?
        }
        FieldType::Choice => {
            let s = text(v)?;
            if !r.options.iter().any(|o| o.value == s) {
                return Err(Invalid::Choice);
            }
            Value::String(s.to_string())
        }
        FieldType::YesNo => Value::Bool(v.as_bool().ok_or(Invalid::YesNo)?),
        FieldType::Address => {
            let obj = v.as_object().ok_or(Invalid::Address)?;
            let mut out = Map::new();
            for part in ADDRESS_PARTS {
                let p = obj
                    .get(*part)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .ok_or(Invalid::Address)?;
                out.insert((*part).to_string(), Value::String(p.to_string()));
            }
            if obj.len() != ADDRESS_PARTS.len() {
                return Err(Invalid::Address);
            }
            Value::Object(out)
        }
        FieldType::Matricule => {
            let m = guichet_identity::Matricule::parse(text(v)?).map_err(matricule_reason)?;
            Value::String(m.as_str().to_string())
        }
        FieldType::Iban => Value::String(profile::parse_iban(text(v)?)?),
        FieldType::Email => Value::String(profile::parse_email(text(v)?)?),
        FieldType::File => return Err(Invalid::Format),
    };
    Ok(normalised)
}

fn matricule_reason(e: guichet_identity::MatriculeError) -> Invalid {
    use guichet_identity::MatriculeError as M;
    match e {
        M::NotThirteenDigits => Invalid::MatriculeFormat,
        M::ImpossibleDate => Invalid::MatriculeDate,
        M::WrongLuhnDigit => Invalid::MatriculeLuhn,
        M::WrongVerhoeffDigit => Invalid::MatriculeVerhoeff,
    }
}

/// Checks `step`'s fields in `data`; `has_file` tells whether a file field has an attachment.
pub fn step(
    step: &Step,
    data: &Map<String, Value>,
    has_file: &dyn Fn(&str) -> bool,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for f in &step.fields {
        let reason = if f.kind == FieldType::File {
            (f.required && !has_file(&f.id)).then_some(Invalid::Required)
        } else {
            match data.get(&f.id).filter(|v| !is_empty(v)) {
                None => f.required.then_some(Invalid::Required),
                Some(v) => value(f, v).err(),
            }
        };
        if let Some(reason) = reason {
            errors.push(FieldError {
                field: f.id.clone(),
                reason,
            });
        }
    }
    errors
}

/// Checks every step of the form.
pub fn whole(
    p: &Procedure,
    data: &Map<String, Value>,
    has_file: &dyn Fn(&str) -> bool,
) -> Vec<FieldError> {
    p.steps
        .iter()
        .flat_map(|s| step(s, data, has_file))
        .collect()
}

/// Merges `values` sent for `step` into `data`: unknown fields and file fields are refused,
/// well-formed values are normalised, and values that do not pass stay as sent (a draft may be wrong).
pub fn merge(
    step: &Step,
    data: &mut Map<String, Value>,
    values: &Map<String, Value>,
) -> Result<(), FieldError> {
    for (k, v) in values {
        let field = step
            .fields
            .iter()
            .find(|f| &f.id == k && f.kind != FieldType::File)
            .ok_or_else(|| FieldError {
                field: k.clone(),
                reason: Invalid::UnknownField,
            })?;
        if field.read_only() {
            if data.get(k) != Some(v) {
                return Err(FieldError {
                    field: k.clone(),
                    reason: Invalid::ReadOnly,
                });
            }
            continue;
        }
        let stored = if is_empty(v) {
            Value::Null
        } else {
            value(field, v).unwrap_or_else(|_| v.clone())
        };
        data.insert(k.clone(), stored);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(kind: &str, rules: Value) -> Field {
        serde_json::from_value(json!({
            "id": "f", "type": kind, "label": {"fr": "f", "de": "f", "en": "f"},
            "required": true, "rules": rules
        }))
        .unwrap()
    }

    #[test]
    fn each_type_accepts_good_values_and_refuses_bad_ones() {
        let cases = [
            (
                "text",
                json!({"min_length": 6, "max_length": 10}),
                json!("abcdef"),
                json!("abc"),
                Invalid::TooShort,
            ),
            (
                "text",
                json!({"max_length": 3}),
                json!("abc"),
                json!("abcd"),
                Invalid::TooLong,
            ),
            (
                "date",
                json!({}),
                json!("2024-02-29"),
                json!("2023-02-29"),
                Invalid::Date,
            ),
            (
                "number",
                json!({"min": 1, "max": 5}),
                json!(3),
                json!(9),
                Invalid::OutOfRange,
            ),
            (
                "choice",
                json!({"options": [{"value": "a", "label": {"fr": "A", "de": "A", "en": "A"}}]}),
                json!("a"),
                json!("b"),
                Invalid::Choice,
            ),
            (
                "yes_no",
                json!({}),
                json!(true),
                json!("yes"),
                Invalid::YesNo,
            ),
            (
                "matricule",
                json!({}),
                json!("1984031204237"),
                json!("1984031204238"),
                Invalid::MatriculeVerhoeff,
            ),
            (
                "iban",
                json!({}),
                json!("LU28 0019 4006 4475 0000"),
                json!("LU28 0019 4006 4475 0001"),
                Invalid::Iban,
            ),
            (
                "email",
                json!({}),
                json!("a@b.lu"),
                json!("a.b.lu"),
                Invalid::Email,
            ),
            (
                "address",
                json!({}),
                json!({"street": "rue", "house_number": "1", "postcode": "L-1111", "locality": "Lux", "country": "LU"}),
                json!({"street": "rue"}),
                Invalid::Address,
            ),
        ];
        for (kind, rules, good, bad, reason) in cases {
            let f = field(kind, rules);
            assert!(value(&f, &good).is_ok(), "{kind} {good}");
            assert_eq!(value(&f, &bad), Err(reason), "{kind} {bad}");
        }
    }

    #[test]
    fn a_step_reports_missing_and_wrong_fields_by_name() {
        let s: Step = serde_json::from_value(json!({
            "id": "s", "title": {"fr": "s", "de": "s", "en": "s"},
            "fields": [
                {"id": "a", "type": "text", "label": {"fr": "a", "de": "a", "en": "a"}, "required": true},
                {"id": "b", "type": "date", "label": {"fr": "b", "de": "b", "en": "b"}},
                {"id": "c", "type": "file", "label": {"fr": "c", "de": "c", "en": "c"}, "required": true,
                 "rules": {"media_types": ["application/pdf"], "max_bytes": 10}}
            ]
        }))
        .unwrap();
        let data = json!({"b": "31.12.2020"}).as_object().unwrap().clone();
        let errors = step(&s, &data, &|_| false);
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason))
            .collect();
        assert_eq!(
            got,
            [
                ("a", Invalid::Required),
                ("b", Invalid::Date),
                ("c", Invalid::Required)
            ]
        );
        assert!(
            step(&s, &json!({"a": "x"}).as_object().unwrap().clone(), &|_| {
                true
            })
            .is_empty()
        );
    }

    #[test]
    fn merging_refuses_unknown_and_changed_read_only_fields() {
        let s: Step = serde_json::from_value(json!({
            "id": "s", "title": {"fr": "s", "de": "s", "en": "s"},
            "fields": [
                {"id": "name", "type": "text", "label": {"fr": "n", "de": "n", "en": "n"}, "prefill": "register.family_name"},
                {"id": "note", "type": "text", "label": {"fr": "n", "de": "n", "en": "n"}}
            ]
        }))
        .unwrap();
        let mut data = json!({"name": "Schmit"}).as_object().unwrap().clone();
        let same = json!({"name": "Schmit", "note": " hi "})
            .as_object()
            .unwrap()
            .clone();
        assert!(merge(&s, &mut data, &same).is_ok());
        assert_eq!(data["note"], "hi");
        let changed = json!({"name": "Other"}).as_object().unwrap().clone();
        assert_eq!(
            merge(&s, &mut data, &changed).unwrap_err().reason,
            Invalid::ReadOnly
        );
        let unknown = json!({"x": 1}).as_object().unwrap().clone();
        assert_eq!(
            merge(&s, &mut data, &unknown).unwrap_err().reason,
            Invalid::UnknownField
        );
    }
}
