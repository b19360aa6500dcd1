//! The archive of a space's data: a ZIP with `manifest.json` (schema:
//! `docs/schemas/export-manifest.schema.json`) and the original files, written item by item so
//! that progress can be shown.

use crate::domain::Error;
use crate::store::exports::Holdings;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use time::OffsetDateTime;
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

/// The manifest's format name and version.
pub const FORMAT: &str = "guichet-export/1";

/// The `$id` of the manifest's JSON Schema.
pub const SCHEMA_ID: &str = "https://guichet.lu/schemas/export-manifest/1";

/// What the archive is about: who asked, which space, when.
#[derive(Debug, Clone)]
pub struct About {
    /// The export's id.
    pub export_id: String,
    /// The space.
    pub space: Value,
    /// The space's profile (a private space) or organisation (a professional one).
    pub profile: Value,
    /// The person who asked.
    pub requested_by: String,
    /// When it was prepared.
    pub generated_at: OffsetDateTime,
    /// Deletion records of the space.
    pub deletions: Value,
}

/// One original file to write.
pub struct File {
    /// Its path in the archive.
    pub path: String,
    /// Its media type.
    pub media_type: String,
    /// Its bytes.
    pub content: Vec<u8>,
}

fn rfc3339(t: OffsetDateTime) -> Value {
    t.format(&time::format_description::well_known::Rfc3339)
        .map(Value::String)
        .unwrap_or(Value::Null)
}

fn opt_time(t: Option<OffsetDateTime>) -> Value {
    t.map(rfc3339).unwrap_or(Value::Null)
}

/// A file name safe in any archive reader: letters, digits, `.`, `-`, `_`; at most 80.
fn safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_string()
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The access record as CSV:
/// `at,actor_kind,actor,role,administration,action,detail,purpose,seq,hash`.
pub fn access_csv(h: &Holdings) -> String {
    let mut out =
        String::from("at,actor_kind,actor,role,administration,action,detail,purpose,seq,hash\n");
    for a in &h.access {
        let at = rfc3339(a.at);
        let cols = [
            at.as_str().unwrap_or_default().to_string(),
            crate::store::access_log::kind_of(a).to_string(),
            a.actor_person_id.clone(),
            a.actor_role
                .map(|r| r.as_str().to_string())
                .unwrap_or_default(),
            a.administration.clone().unwrap_or_default(),
            a.action.clone(),
            a.detail.clone(),
            a.purpose.clone().unwrap_or_default(),
            a.seq.map(|s| s.to_string()).unwrap_or_default(),
            a.hash.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = cols.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// The manifest (without its `files` list) and the files to write, from what is held.
pub fn plan(about: &About, h: &Holdings) -> (Value, Vec<File>) {
    let mut files = Vec::new();
    let dossiers: Vec<Value> = h
        .dossiers
        .iter()
        .map(|d| {
            let dir = format!("dossiers/{}", d.id);
            let form: Value = serde_json::from_str(&d.data).unwrap_or(Value::Null);
            let attachments: Vec<Value> = h
                .attachments
                .iter()
                .filter(|a| a.dossier_id == d.id)
                .map(|a| {
                    let path = format!("{dir}/attachments/{}-{}", a.id, safe(&a.filename));
                    files.push(File {
                        path: path.clone(),
                        media_type: a.media_type.clone(),
                        content: a.content.clone(),
                    });
                    json!({"id": a.id.to_string(), "field": a.field, "filename": a.filename,
                        "media_type": a.media_type, "size": a.size, "sha256": a.sha256,
                        "uploaded_at": rfc3339(a.uploaded_at), "file": path})
                })
                .collect();
            let messages: Vec<Value> = h
                .messages
                .iter()
                .filter(|m| m.dossier_id == d.id)
                .map(|m| {
                    let mfiles: Vec<Value> = h
                        .message_files
                        .iter()
                        .filter(|f| f.message_id == m.id)
                        .map(|f| {
                            let path =
                                format!("{dir}/messages/{}/{}-{}", m.id, f.id, safe(&f.filename));
                            files.push(File {
                                path: path.clone(),
                                media_type: f.media_type.clone(),
                                content: f.content.clone(),
                            });
                            json!({"id": f.id.to_string(), "filename": f.filename,
                                "media_type": f.media_type, "size": f.size, "sha256": f.sha256,
                                "file": path})
                        })
                        .collect();
                    json!({"id": m.id.to_string(), "from": m.sender_kind.as_str(),
                        "author": m.sender_id, "text": m.body, "sent_at": rfc3339(m.sent_at),
                        "read_at": opt_time(m.read_at), "files": mfiles})
                })
                .collect();
            let timeline: Vec<Value> = h
                .events
                .iter()
                .filter(|e| e.dossier_id == d.id)
                .map(|e| {
                    json!({"at": rfc3339(e.at), "actor_kind": e.actor_kind.as_str(),
                        "actor": e.actor_id, "from": e.from_status.map(|s| s.as_str()),
                        "to": e.to_status.as_str(), "reason": e.reason})
                })
                .collect();
            let signature = d.signature_base64.as_ref().map(|sig| {
                json!({"digest": d.signed_digest, "signed_at": opt_time(d.signed_at),
                    "signature_base64": sig, "certificate_pem": d.signature_certificate})
            });
            let payments: Vec<Value> = h
                .payments
                .iter()
                .filter(|p| p.dossier_id == d.id.to_string())
                .map(|p| {
                    json!({"id": p.id, "amount_cents": p.amount_cents, "currency": p.currency,
                        "status": p.status, "paid_at": opt_time(p.paid_at)})
                })
                .collect();
            json!({"id": d.id.to_string(), "procedure_id": d.procedure_id,
                "procedure_version": d.procedure_version,
                "administration_id": d.administration_id.to_string(),
                "status": d.status.as_str(), "outcome": d.outcome.map(|o| o.as_str()),
                "channel": d.channel.as_str(), "created_at": rfc3339(d.created_at),
                "updated_at": rfc3339(d.updated_at), "transmitted_at": opt_time(d.transmitted_at),
                "form": form, "signature": signature, "timeline": timeline,
                "attachments": attachments, "messages": messages, "payments": payments})
        })
        .collect();
    let communications: Vec<Value> = h
        .communications
        .iter()
        .map(|c| {
            let file = h
                .communication_files
                .iter()
                .find(|f| f.communication_id == c.id)
                .map(|f| {
                    let name = c.file_name.clone().unwrap_or_else(|| "document.pdf".into());
                    let path = format!("communications/{}-{}", c.id, safe(&name));
                    files.push(File {
                        path: path.clone(),
                        media_type: c
                            .media_type
                            .clone()
                            .unwrap_or_else(|| "application/octet-stream".into()),
                        content: f.content.clone(),
                    });
                    Value::String(path)
                })
                .unwrap_or(Value::Null);
            json!({"id": c.id.to_string(), "kind": c.kind.as_str(),
                "administration_id": c.administration_id.to_string(),
                "dossier_id": c.dossier_id.as_ref().map(|d| d.to_string()),
                "document_number": c.document_number.as_ref().map(|n| n.to_string()),
                "title": c.title, "body": c.body, "status": c.status.as_str(),
                "delivered_at": rfc3339(c.delivered_at), "read_at": opt_time(c.read_at),
                "file": file})
        })
        .collect();
    let csv = access_csv(h);
    files.push(File {
        path: "access-record.csv".into(),
        media_type: "text/csv".into(),
        content: csv.into_bytes(),
    });
    let head = h
        .access
        .iter()
        .filter_map(|a| Some((a.seq?, a.hash.clone()?)))
        .max_by_key(|(seq, _)| *seq)
        .map(|(seq, hash)| json!({"seq": seq, "hash": hash}));
    let persons: Vec<Value> = h
        .persons
        .iter()
        .map(|p| {
            json!({"id": p.id.to_string(), "matricule": p.matricule, "email": p.email,
                "registered_at": rfc3339(p.created_at),
                "terms_accepted_at": rfc3339(p.terms_accepted_at)})
        })
        .collect();
    let members: Vec<Value> = h
        .members
        .iter()
        .map(|m| {
            json!({"person_id": m.person_id.to_string(), "role": m.role.as_str(),
                "added_at": rfc3339(m.added_at)})
        })
        .collect();
    let devices: Vec<Value> = h
        .devices
        .iter()
        .map(|d| {
            json!({"id": d.id, "name": d.label, "created_at": rfc3339(d.created_at),
                "last_accepted_at": opt_time(d.last_accepted_at)})
        })
        .collect();
    let manifest = json!({
        "$schema": SCHEMA_ID,
        "format": FORMAT,
        "export_id": about.export_id,
        "generated_at": rfc3339(about.generated_at),
        "requested_by": about.requested_by,
        "space": about.space,
        "profile": about.profile,
        "account": persons,
        "members": members,
        "devices": devices,
        "dossiers": dossiers,
        "communications": communications,
        "access_record": {"entries": h.access.len(), "file": "access-record.csv", "head": head},
        "deletions": about.deletions,
    });
    (manifest, files)
}

/// Writes files into a ZIP one at a time, listing each in the manifest's `files`.
pub struct Writer {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    listed: Vec<Value>,
}

impl Default for Writer {
    fn default() -> Self {
        Self {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
            listed: Vec::new(),
        }
    }
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

impl Writer {
    /// Writes one original file.
    pub fn add(&mut self, f: &File) -> Result<(), Error> {
        self.zip
            .start_file(f.path.as_str(), options())
            .map_err(Error::internal)?;
        self.zip.write_all(&f.content).map_err(Error::internal)?;
        self.listed
            .push(json!({"path": f.path, "media_type": f.media_type,
            "size": f.content.len(), "sha256": hex::encode(Sha256::digest(&f.content))}));
        Ok(())
    }

    /// Writes `manifest.json` (with the list of files written) and closes the archive.
    pub fn finish(mut self, mut manifest: Value) -> Result<Vec<u8>, Error> {
        if let Some(m) = manifest.as_object_mut() {
            m.insert("files".into(), Value::Array(self.listed));
        }
        let text = serde_json::to_vec_pretty(&manifest).map_err(Error::internal)?;
        self.zip
            .start_file("manifest.json", options())
            .map_err(Error::internal)?;
        self.zip.write_all(&text).map_err(Error::internal)?;
        Ok(self.zip.finish().map_err(Error::internal)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_safe_and_csv_fields_quoted() {
        assert_eq!(safe("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe("Lettre d'été.pdf"), "Lettre_d__t_.pdf");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
