//! What the served OpenAPI document says beyond what poem-openapi 5 writes, so that it promises
//! exactly what the server accepts (issue 10 §7: a schema-valid request is never refused for a
//! reason the schema does not state).
//!
//! poem-openapi cannot express three rules the server enforces, so they are added here, once,
//! to the generated document:
//! - **closed request objects**: every object of a request body is `deny_unknown_fields`, so its
//!   schema gets `additionalProperties: false` (poem-openapi has no way to say it);
//! - **the text rule** ([`crate::domain::text`]): every string parameter (path, query) and every
//!   string field of a request body without a format, enum or pattern of its own gets
//!   [`SINGLE_LINE_PATTERN`], or [`MULTI_LINE_PATTERN`] for the fields named in
//!   [`MULTI_LINE_FIELDS`]; path parameters also get `minLength: 1`;
//! - **integer ranges**: a sized integer (`format: int32`, `uint64`, …) without bounds of its own
//!   gets its type's `minimum` and `maximum`: beyond them poem-openapi cannot parse the value.
//!
//! Rules that depend on stored data (a procedure that exists, a certificate that chains to a
//! trusted CA, a push service that resolves to a public address) are not schema facts: they
//! answer 422 with the field, as documented on each operation.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::domain::text::{MULTI_LINE_PATTERN, SINGLE_LINE_PATTERN};

/// Request-body fields that are texts of several lines, as (schema, property): the server reads
/// them with [`crate::domain::text::multi_line`]. Any other string field is one line.
pub const MULTI_LINE_FIELDS: &[(&str, &str)] = &[
    ("NewMessage", "text"),
    ("NewLetterBody", "body"),
    ("TextBody", "text"),
    ("StatusChange", "reason"),
    ("Revocation", "reason"),
];

/// A JSON value that keeps the order of object keys, so that the completed document reads as
/// poem-openapi wrote it (serde_json's map sorts keys unless a crate-wide feature is on).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum Node {
    Null(()),
    Bool(bool),
    Number(serde_json::Number),
    Text(String),
    List(Vec<Node>),
    Object(IndexMap<String, Node>),
}

impl Node {
    fn object(&self) -> Option<&IndexMap<String, Node>> {
        match self {
            Node::Object(map) => Some(map),
            _ => None,
        }
    }

    fn object_mut(&mut self) -> Option<&mut IndexMap<String, Node>> {
        match self {
            Node::Object(map) => Some(map),
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Node::Text(s) => Some(s),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.object()?.get(key)
    }
}

/// The document `spec` (JSON, as poem-openapi's `spec()` writes it) with the rules above added;
/// returned unchanged if it does not parse (it always does: poem-openapi wrote it).
pub fn complete(spec: &str) -> String {
    let Ok(mut doc) = serde_json::from_str::<Node>(spec) else {
        return spec.to_string();
    };
    let request_schemas = request_schemas(&doc);
    if let Some(paths) = doc.object_mut().and_then(|d| d.get_mut("paths")) {
        for operation in children(paths).flat_map(children) {
            let Some(params) = operation.object_mut().and_then(|o| o.get_mut("parameters")) else {
                continue;
            };
            if let Node::List(params) = params {
                params.iter_mut().for_each(complete_parameter);
            }
        }
    }
    if let Some(schemas) = doc
        .object_mut()
        .and_then(|d| d.get_mut("components"))
        .and_then(|c| c.object_mut())
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Node::object_mut)
    {
        for (name, schema) in schemas.iter_mut() {
            bound_integers(schema);
            if request_schemas.iter().any(|n| n == name) {
                close_request_object(name, schema);
            }
        }
    }
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| spec.to_string())
}

/// The values of an object node (operations of a path, methods of the paths object).
fn children(node: &mut Node) -> impl Iterator<Item = &mut Node> {
    node.object_mut().into_iter().flat_map(|m| m.values_mut())
}

/// Names of the component schemas a request body reaches, directly or through properties,
/// items and compositions.
fn request_schemas(doc: &Node) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = Vec::new();
    for operation in doc
        .get("paths")
        .and_then(Node::object)
        .into_iter()
        .flat_map(|p| p.values())
        .filter_map(Node::object)
        .flat_map(|p| p.values())
    {
        if let Some(body) = operation.get("requestBody") {
            collect_refs(body, &mut todo);
        }
    }
    while let Some(name) = todo.pop() {
        if found.contains(&name) {
            continue;
        }
        if let Some(schema) = doc
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|s| s.get(&name))
        {
            collect_refs(schema, &mut todo);
        }
        found.push(name);
    }
    found
}

fn collect_refs(node: &Node, into: &mut Vec<String>) {
    match node {
        Node::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value.text()) {
                    ("$ref", Some(r)) => {
                        if let Some(name) = r.strip_prefix("#/components/schemas/") {
                            into.push(name.to_string());
                        }
                    }
                    _ => collect_refs(value, into),
                }
            }
        }
        Node::List(items) => items.iter().for_each(|i| collect_refs(i, into)),
        _ => {}
    }
}

/// A path or query parameter: the text rule on a free string; a path segment is never empty.
fn complete_parameter(param: &mut Node) {
    let location = param.get("in").and_then(Node::text).map(str::to_string);
    let Some(schema) = param.object_mut().and_then(|p| p.get_mut("schema")) else {
        return;
    };
    bound_integers(schema);
    if !free_string(schema) {
        return;
    }
    match location.as_deref() {
        Some("path") => {
            set(schema, "minLength", Node::Number(1.into()));
            set(schema, "pattern", Node::Text(SINGLE_LINE_PATTERN.into()));
        }
        Some("query") => set(schema, "pattern", Node::Text(SINGLE_LINE_PATTERN.into())),
        _ => {}
    }
}

/// An object of a request body: closed, and its free string fields under the text rule.
fn close_request_object(name: &str, schema: &mut Node) {
    if schema.get("type").and_then(Node::text) != Some("object")
        || schema.get("properties").is_none()
    {
        return;
    }
    if schema.get("additionalProperties").is_none() {
        set(schema, "additionalProperties", Node::Bool(false));
    }
    let Some(properties) = schema
        .object_mut()
        .and_then(|s| s.get_mut("properties"))
        .and_then(Node::object_mut)
    else {
        return;
    };
    for (field, property) in properties.iter_mut() {
        if !free_string(property) {
            continue;
        }
        let pattern = if MULTI_LINE_FIELDS.contains(&(name, field.as_str())) {
            MULTI_LINE_PATTERN
        } else {
            SINGLE_LINE_PATTERN
        };
        set(property, "pattern", Node::Text(pattern.into()));
    }
}

/// A string schema that says nothing yet about its characters.
fn free_string(schema: &Node) -> bool {
    schema.get("type").and_then(Node::text) == Some("string")
        && ["format", "enum", "pattern", "$ref"]
            .iter()
            .all(|k| schema.get(k).is_none())
}

/// The range of each sized integer format poem-openapi writes: a value outside it cannot be
/// parsed into the Rust type, so it is refused with 400 and the document must say so.
fn range(format: &str) -> Option<(i128, i128)> {
    Some(match format {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" => (i64::MIN.into(), i64::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint64" => (0, u64::MAX.into()),
        _ => return None,
    })
}

/// `minimum` and `maximum` of its format's range on every sized integer inside `node` that has
/// none of its own.
fn bound_integers(node: &mut Node) {
    match node {
        Node::Object(map) => {
            let format = map.get("format").and_then(Node::text);
            if let Some((lo, hi)) = format.and_then(range) {
                for (key, bound) in [("minimum", lo), ("maximum", hi)] {
                    if !map.contains_key(key) {
                        map.insert(key.into(), Node::Number(number(bound)));
                    }
                }
            }
            map.values_mut().for_each(bound_integers);
        }
        Node::List(items) => items.iter_mut().for_each(bound_integers),
        _ => {}
    }
}

/// A JSON number for an integer bound (every bound fits `i64` or `u64`).
fn number(n: i128) -> serde_json::Number {
    match (i64::try_from(n), u64::try_from(n)) {
        (Ok(i), _) => i.into(),
        (_, Ok(u)) => u.into(),
        _ => 0.into(),
    }
}

fn set(node: &mut Node, key: &str, value: Node) {
    if let Some(map) = node.object_mut() {
        map.insert(key.to_string(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn completed(spec: serde_json::Value) -> serde_json::Value {
        serde_json::from_str(&complete(&spec.to_string())).unwrap()
    }

    #[test]
    fn request_objects_are_closed_and_their_texts_follow_the_rule() {
        let doc = completed(serde_json::json!({
            "paths": {"/m": {"post": {"requestBody": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/NewMessage"}}}}}}},
            "components": {"schemas": {
                "NewMessage": {"type": "object", "properties": {
                    "text": {"type": "string"},
                    "file": {"$ref": "#/components/schemas/NewMessageFile"}}},
                "NewMessageFile": {"type": "object", "properties": {
                    "filename": {"type": "string"},
                    "content_base64": {"type": "string", "format": "byte"},
                    "size": {"type": "integer", "format": "uint64"}}},
                "Reply": {"type": "object", "properties": {"text": {"type": "string"}}}
            }}
        }));
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["NewMessage"]["additionalProperties"], false);
        assert_eq!(schemas["NewMessageFile"]["additionalProperties"], false);
        assert_eq!(
            schemas["NewMessage"]["properties"]["text"]["pattern"],
            MULTI_LINE_PATTERN
        );
        let file = &schemas["NewMessageFile"]["properties"];
        assert_eq!(file["filename"]["pattern"], SINGLE_LINE_PATTERN);
        assert!(file["content_base64"].get("pattern").is_none());
        assert_eq!(file["size"]["minimum"], 0);
        assert_eq!(file["size"]["maximum"], u64::MAX);
        // A response object is left open: clients must accept fields added later.
        assert!(schemas["Reply"].get("additionalProperties").is_none());
        assert!(
            schemas["Reply"]["properties"]["text"]
                .get("pattern")
                .is_none()
        );
    }

    #[test]
    fn string_parameters_follow_the_text_rule_and_keep_their_order() {
        let spec = r#"{"paths":{"/d/{id}":{"get":{"parameters":[
            {"name":"id","in":"path","schema":{"type":"string"}},
            {"name":"q","in":"query","schema":{"type":"string"}},
            {"name":"page","in":"query","schema":{"type":"integer","format":"uint64"}},
            {"name":"If-Match","in":"header","schema":{"type":"string"}}]}}}}"#;
        let out = complete(spec);
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let params = &doc["paths"]["/d/{id}"]["get"]["parameters"];
        assert_eq!(params[0]["schema"]["pattern"], SINGLE_LINE_PATTERN);
        assert_eq!(params[0]["schema"]["minLength"], 1);
        assert_eq!(params[1]["schema"]["pattern"], SINGLE_LINE_PATTERN);
        assert!(params[1]["schema"].get("minLength").is_none());
        assert_eq!(params[2]["schema"]["minimum"], 0);
        assert_eq!(params[2]["schema"]["maximum"], u64::MAX);
        assert!(params[3]["schema"].get("pattern").is_none());
        // Keys stay in the order they were written.
        assert!(out.find("\"name\"").unwrap() < out.find("\"in\"").unwrap());
    }
}
