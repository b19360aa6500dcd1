//! The canonical form of a dossier that its holder signs, and the digest of it.
//!
//! Canonical JSON: objects with keys sorted by their UTF-8 bytes, no whitespace, strings escaped
//! as `serde_json` does, numbers as `serde_json` prints them. The document is
//! `{"attachments":[{"field","media_type","sha256","size"}...],"data":{...},"dossier_id",
//! "procedure":{"id","version"},"space_id"}` with attachments sorted by field then digest; in a
//! professional space it also says who signs for whom: `"acting":{"organisation","person_id",
//! "role"}` (the person signing, their role, and the organisation the space acts for).
//! The bytes signed are `guichet-dossier-v1:` followed by the lowercase hex SHA-256 of it.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// What the holder's signature key signs: this prefix, then the digest in hex.
pub const SIGNATURE_CONTEXT: &str = "guichet-dossier-v1:";

/// An attachment as it enters the signed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentDigest {
    /// The file field it belongs to.
    pub field: String,
    /// Its media type.
    pub media_type: String,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub size: i64,
}

/// The parts of a dossier that are signed.
#[derive(Debug, Clone)]
pub struct Signable<'a> {
    /// The dossier.
    pub dossier_id: &'a str,
    /// The space it belongs to.
    pub space_id: &'a str,
    /// The procedure.
    pub procedure_id: &'a str,
    /// Its version.
    pub procedure_version: i32,
    /// The form data.
    pub data: &'a Map<String, Value>,
    /// The attachments.
    pub attachments: &'a [AttachmentDigest],
    /// In a professional space, who signs for whom.
    pub acting: Option<ActingFor<'a>>,
}

/// Who signs a professional space's dossier, for which organisation, in which role.
#[derive(Debug, Clone, Copy)]
pub struct ActingFor<'a> {
    /// The organisation's registered name.
    pub organisation: &'a str,
    /// The person signing.
    pub person_id: &'a str,
    /// Their role in the space.
    pub role: &'a str,
}

/// Writes `v` as canonical JSON.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(inner) = map.get(k) {
                    write(inner, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

impl Signable<'_> {
    /// The canonical document.
    pub fn document(&self) -> String {
        let mut attachments = self.attachments.to_vec();
        attachments.sort_by(|a, b| (&a.field, &a.sha256).cmp(&(&b.field, &b.sha256)));
        let attachments: Vec<Value> = attachments
            .into_iter()
            .map(|a| {
                json!({"field": a.field, "media_type": a.media_type, "sha256": a.sha256, "size": a.size})
            })
            .collect();
        let mut doc = json!({
            "attachments": attachments,
            "data": Value::Object(self.data.clone()),
            "dossier_id": self.dossier_id,
            "procedure": {"id": self.procedure_id, "version": self.procedure_version},
            "space_id": self.space_id,
        });
        if let (Some(a), Some(map)) = (self.acting, doc.as_object_mut()) {
            map.insert(
                "acting".into(),
                json!({"organisation": a.organisation, "person_id": a.person_id, "role": a.role}),
            );
        }
        canonical_json(&doc)
    }

    /// Lowercase hex SHA-256 of the canonical document.
    pub fn digest(&self) -> String {
        hex::encode(Sha256::digest(self.document().as_bytes()))
    }
}

/// The bytes a signature covers for `digest`.
pub fn signed_message(digest: &str) -> Vec<u8> {
    format!("{SIGNATURE_CONTEXT}{digest}").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_at_every_depth_without_whitespace() {
        let v = json!({"b": 1, "a": {"z": [true, null], "é": "x\"y"}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"z":[true,null],"é":"x\"y"},"b":1}"#
        );
    }

    #[test]
    fn the_digest_changes_with_data_and_attachments() {
        let data = json!({"purpose": "job"}).as_object().unwrap().clone();
        let other = json!({"purpose": "visa"}).as_object().unwrap().clone();
        let att = [AttachmentDigest {
            field: "id".into(),
            media_type: "application/pdf".into(),
            sha256: "00".into(),
            size: 1,
        }];
        let s = |data, attachments| Signable {
            dossier_id: "d",
            space_id: "s",
            procedure_id: "p",
            procedure_version: 1,
            data,
            attachments,
            acting: None,
        };
        let base = s(&data, &att).digest();
        assert_eq!(base, s(&data, &att).digest());
        assert_ne!(base, s(&other, &att).digest());
        assert_ne!(base, s(&data, &[]).digest());
        assert!(signed_message(&base).starts_with(SIGNATURE_CONTEXT.as_bytes()));
        let mut acting = s(&data, &att);
        acting.acting = Some(ActingFor {
            organisation: "Boulangerie Müller Sàrl",
            person_id: "p",
            role: "member",
        });
        assert!(acting.document().contains(
            r#""acting":{"organisation":"Boulangerie Müller Sàrl","person_id":"p","role":"member"}"#
        ));
        assert_ne!(base, acting.digest());
    }
}
