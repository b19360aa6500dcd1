//! The operations an agent's back office calls, under `/backoffice`.

use super::{Body, Client, Resp};
use serde_json::{Value, json};

impl Client {
    /// `POST /backoffice/signin` with a signed challenge.
    pub async fn backoffice_sign_in(&self, body: Value) -> Resp {
        self.post("/backoffice/signin", Body::Json(body)).await
    }

    /// `GET /backoffice/dossiers`.
    pub async fn work_list(&self) -> Resp {
        self.get("/backoffice/dossiers").await
    }

    /// `GET /backoffice/dossiers` with `status`, `page`, `per_page`.
    pub async fn work_list_with(&self, query: &[(&str, &str)]) -> Resp {
        self.get_with("/backoffice/dossiers", query).await
    }

    /// `GET /backoffice/dossiers/{id}`.
    pub async fn bo_dossier(&self, id: &str) -> Resp {
        self.get(&format!("/backoffice/dossiers/{id}")).await
    }

    /// `POST /backoffice/dossiers/{id}/take`.
    pub async fn take(&self, id: &str) -> Resp {
        self.post(&format!("/backoffice/dossiers/{id}/take"), Body::Empty)
            .await
    }

    /// `POST /backoffice/dossiers/{id}/status` with `{status, reason}`.
    pub async fn decide(&self, id: &str, status: &str, reason: Option<&str>) -> Resp {
        let body = json!({ "status": status, "reason": reason });
        self.post(
            &format!("/backoffice/dossiers/{id}/status"),
            Body::Json(body),
        )
        .await
    }

    /// `GET /backoffice/dossiers/{id}/timeline`.
    pub async fn bo_timeline(&self, id: &str) -> Resp {
        self.get(&format!("/backoffice/dossiers/{id}/timeline"))
            .await
    }

    /// `GET /backoffice/dossiers/{id}/attachments`.
    pub async fn bo_attachments(&self, id: &str) -> Resp {
        self.get(&format!("/backoffice/dossiers/{id}/attachments"))
            .await
    }

    /// `GET /backoffice/dossiers/{id}/attachments/{attachment}`.
    pub async fn bo_attachment(&self, id: &str, attachment: &str) -> Resp {
        self.get(&format!(
            "/backoffice/dossiers/{id}/attachments/{attachment}"
        ))
        .await
    }

    /// `GET /backoffice/dossiers/{id}/messages` (marks the holder's as read).
    pub async fn bo_messages(&self, id: &str) -> Resp {
        self.get(&format!("/backoffice/dossiers/{id}/messages"))
            .await
    }

    /// `POST /backoffice/dossiers/{id}/messages` with `{text, attachments}`.
    pub async fn bo_send_message(&self, id: &str, body: Value) -> Resp {
        self.post(
            &format!("/backoffice/dossiers/{id}/messages"),
            Body::Json(body),
        )
        .await
    }

    /// `GET /backoffice/dossiers/{id}/messages/{message}/attachments/{file}`.
    pub async fn bo_message_file(&self, id: &str, message: &str, file: &str) -> Resp {
        self.get(&format!(
            "/backoffice/dossiers/{id}/messages/{message}/attachments/{file}"
        ))
        .await
    }

    /// `POST /backoffice/paper-requests` with `{procedure_id, matricule, data}`.
    pub async fn paper_request(&self, body: Value) -> Resp {
        self.post("/backoffice/paper-requests", Body::Json(body))
            .await
    }

    /// `GET /backoffice/dossiers/{id}/communications`.
    pub async fn bo_communications(&self, id: &str) -> Resp {
        self.get(&format!("/backoffice/dossiers/{id}/communications"))
            .await
    }

    /// `POST /backoffice/dossiers/{id}/communications` with `{title, body, file}`.
    pub async fn send_letter(&self, id: &str, body: Value) -> Resp {
        self.post(
            &format!("/backoffice/dossiers/{id}/communications"),
            Body::Json(body),
        )
        .await
    }

    /// `POST /backoffice/documents/{number}/revocation` with `{reason}`.
    pub async fn revoke_document(&self, number: &str, reason: Option<&str>) -> Resp {
        let body = json!({ "reason": reason });
        self.post(
            &format!("/backoffice/documents/{number}/revocation"),
            Body::Json(body),
        )
        .await
    }

    /// `POST /backoffice/documents/{number}/revocation` with `{reason, code}` (the reason code
    /// the signed revocation list publishes).
    pub async fn revoke_document_coded(&self, number: &str, reason: &str, code: &str) -> Resp {
        let body = json!({ "reason": reason, "code": code });
        self.post(
            &format!("/backoffice/documents/{number}/revocation"),
            Body::Json(body),
        )
        .await
    }
}
