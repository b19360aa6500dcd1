//! The values read from a filled form, as the form data the online route receives: one JSON
//! value per field that the form carries (text, yes/no, address), blank boxes as `null`.

use crate::domain::procedures::{FieldType, Procedure, validate::ADDRESS_PARTS};
use guichet_documents::fillable_form::FilledValue;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn text(v: &FilledValue) -> Value {
    match v {
        FilledValue::Text(t) if t.trim().is_empty() => Value::Null,
        FilledValue::Text(t) => Value::String(t.clone()),
        FilledValue::Checked(b) => Value::Bool(*b),
    }
}

/// The values of `procedure`'s fields found in `filled` (fields the form lacks are not sent;
/// supporting documents are attached online, never read from the form).
pub(super) fn values(
    procedure: &Procedure,
    filled: &BTreeMap<String, FilledValue>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (_, f) in procedure.fields() {
        let value = match f.kind {
            FieldType::File => continue,
            FieldType::YesNo => match filled.get(&f.id) {
                Some(FilledValue::Checked(b)) => Value::Bool(*b),
                Some(other) => text(other),
                None => continue,
            },
            FieldType::Address => {
                let parts: Vec<(&str, Option<&FilledValue>)> = ADDRESS_PARTS
                    .iter()
                    .map(|p| (*p, filled.get(&format!("{}.{p}", f.id))))
                    .collect();
                if parts.iter().all(|(_, v)| v.is_none()) {
                    continue;
                }
                let object: Map<String, Value> = parts
                    .iter()
                    .map(|(p, v)| {
                        let t = match v {
                            Some(FilledValue::Text(t)) => t.clone(),
                            _ => String::new(),
                        };
                        ((*p).to_string(), Value::String(t))
                    })
                    .collect();
                if object
                    .values()
                    .all(|v| v.as_str().is_some_and(|s| s.trim().is_empty()))
                {
                    Value::Null
                } else {
                    Value::Object(object)
                }
            }
            _ => match filled.get(&f.id) {
                Some(v) => text(v),
                None => continue,
            },
        };
        out.insert(f.id.clone(), value);
    }
    out
}
