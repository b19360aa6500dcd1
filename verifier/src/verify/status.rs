//! The issuer's online document status (`GET …/api/v1/public/documents/{id}/status`).

use serde::{Deserialize, Serialize};

use crate::seal::DocumentId;

/// The status the issuer reports for a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKind {
    /// Not revoked nor replaced.
    Valid,
    /// Revoked by the issuer.
    Revoked,
    /// Replaced by another document.
    Superseded,
}

/// The JSON body of the status endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentStatus {
    /// The status.
    pub status: StatusKind,
    /// Why it was revoked, if it was and the issuer says.
    #[serde(default)]
    pub reason: Option<String>,
    /// The replacing document's id, if superseded.
    #[serde(default)]
    pub superseded_by: Option<String>,
}

/// The largest status body accepted, in bytes.
pub const MAX_STATUS_BYTES: usize = 64 * 1024;

/// The status URL of a document under the issuer's base URL (a trailing `/` is allowed).
pub fn status_url(base_url: &str, document_id: &DocumentId) -> String {
    format!(
        "{}/api/v1/public/documents/{document_id}/status",
        base_url.trim_end_matches('/')
    )
}

/// Parses the status endpoint's JSON body.
pub fn parse_status(body: &[u8]) -> Result<DocumentStatus, String> {
    if body.len() > MAX_STATUS_BYTES {
        return Err("the status answer is too large".into());
    }
    serde_json::from_slice(body).map_err(|e| e.to_string())
}
