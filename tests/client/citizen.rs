//! The operations a person's app calls: sign-in, registration, spaces, procedures, dossiers,
//! their files and messages, push subscriptions, communications, public document status.

use super::{Body, Client, Resp};
use serde_json::{Value, json};

impl Client {
    // ----- sign-in and session -----

    /// `POST /signin/challenges`.
    pub async fn create_challenge(&self) -> Resp {
        self.post("/signin/challenges", Body::Json(json!({}))).await
    }

    /// `POST /signin` with `{challenge, certificate, signature}`.
    pub async fn sign_in(&self, body: Value) -> Resp {
        self.post("/signin", Body::Json(body)).await
    }

    /// `POST /session/refresh` with `{refresh_token}`.
    pub async fn refresh_session(&self, refresh_token: &str) -> Resp {
        let body = json!({ "refresh_token": refresh_token });
        self.post("/session/refresh", Body::Json(body)).await
    }

    /// `POST /session/signout`.
    pub async fn sign_out(&self) -> Resp {
        self.post("/session/signout", Body::Empty).await
    }

    /// `POST /registrations` with `{email, matricule}` (registration token).
    pub async fn start_registration(&self, body: Value) -> Resp {
        self.post("/registrations", Body::Json(body)).await
    }

    /// `POST /registrations/resend` (registration token).
    pub async fn resend_registration(&self) -> Resp {
        self.post("/registrations/resend", Body::Empty).await
    }

    /// `POST /registrations/confirm` with `{token, accept_terms}`.
    pub async fn confirm_registration(&self, body: Value) -> Resp {
        self.post("/registrations/confirm", Body::Json(body)).await
    }

    // ----- me -----

    /// `GET /me`.
    pub async fn me(&self) -> Resp {
        self.get("/me").await
    }

    /// `GET /me/certificates`.
    pub async fn my_certificates(&self) -> Resp {
        self.get("/me/certificates").await
    }

    /// `POST /me/certificates` with a signed challenge.
    pub async fn add_certificate(&self, body: Value) -> Resp {
        self.post("/me/certificates", Body::Json(body)).await
    }

    /// `POST /me/closure` with `{confirm}`.
    pub async fn close_account(&self, body: Value) -> Resp {
        self.post("/me/closure", Body::Json(body)).await
    }

    // ----- spaces -----

    /// `GET /spaces/{space}`.
    pub async fn space(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}")).await
    }

    /// `GET /spaces/{space}/profile`.
    pub async fn profile(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/profile")).await
    }

    /// `PUT /spaces/{space}/profile`; `if_match` is sent as `If-Match` when given.
    pub async fn update_profile(&self, space: &str, if_match: Option<&str>, body: Value) -> Resp {
        let c = match if_match {
            Some(tag) => self.with_header("if-match", tag),
            None => self.clone(),
        };
        c.put(&format!("/spaces/{space}/profile"), Body::Json(body))
            .await
    }

    /// `GET /spaces/{space}/access-log`.
    pub async fn access_log(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/access-log")).await
    }

    /// `GET /spaces/{space}/dossiers` (the dashboard).
    pub async fn space_dossiers(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/dossiers")).await
    }

    /// `GET /spaces/{space}/dossiers` with `status`, `page`, `per_page`.
    pub async fn space_dossiers_with(&self, space: &str, query: &[(&str, &str)]) -> Resp {
        self.get_with(&format!("/spaces/{space}/dossiers"), query)
            .await
    }

    /// `POST /spaces/{space}/dossiers` with `{procedure_id}`.
    pub async fn start_dossier(&self, space: &str, procedure_id: &str) -> Resp {
        let body = json!({ "procedure_id": procedure_id });
        self.post(&format!("/spaces/{space}/dossiers"), Body::Json(body))
            .await
    }

    // ----- procedures -----

    /// `GET /procedures`.
    pub async fn procedures(&self) -> Resp {
        self.get("/procedures").await
    }

    /// `GET /procedures?q=…`.
    pub async fn search_procedures(&self, q: &str) -> Resp {
        self.get_with("/procedures", &[("q", q)]).await
    }

    /// `GET /procedures/{id}`.
    pub async fn procedure(&self, id: &str) -> Resp {
        self.get(&format!("/procedures/{id}")).await
    }

    /// `GET /procedures/{id}/versions/{version}`.
    pub async fn procedure_version(&self, id: &str, version: &str) -> Resp {
        self.get(&format!("/procedures/{id}/versions/{version}"))
            .await
    }

    // ----- dossiers -----

    /// `GET /dossiers/{id}`.
    pub async fn dossier(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}")).await
    }

    /// `PUT /dossiers/{id}/steps/{step}` with `{values}` (and `version` when given in `body`).
    pub async fn fill_step(&self, id: &str, step: &str, body: Value) -> Resp {
        self.put(&format!("/dossiers/{id}/steps/{step}"), Body::Json(body))
            .await
    }

    /// `GET /dossiers/{id}/validation`.
    pub async fn validation(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/validation")).await
    }

    /// `GET /dossiers/{id}/validation?step=…`.
    pub async fn validation_of_step(&self, id: &str, step: &str) -> Resp {
        self.get_with(&format!("/dossiers/{id}/validation"), &[("step", step)])
            .await
    }

    /// `GET /dossiers/{id}/signing-document`.
    pub async fn signing_document(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/signing-document")).await
    }

    /// `POST /dossiers/{id}/signature` with `{certificate, signature}`.
    pub async fn sign_dossier(&self, id: &str, body: Value) -> Resp {
        self.post(&format!("/dossiers/{id}/signature"), Body::Json(body))
            .await
    }

    /// `POST /dossiers/{id}/transmission`.
    pub async fn transmit(&self, id: &str) -> Resp {
        self.post(&format!("/dossiers/{id}/transmission"), Body::Empty)
            .await
    }

    /// `POST /dossiers/{id}/withdrawal` with `{text}`.
    pub async fn withdraw(&self, id: &str, text: &str) -> Resp {
        let body = json!({ "text": text });
        self.post(&format!("/dossiers/{id}/withdrawal"), Body::Json(body))
            .await
    }

    /// `POST /dossiers/{id}/answer` with `{text}`.
    pub async fn answer(&self, id: &str, text: &str) -> Resp {
        let body = json!({ "text": text });
        self.post(&format!("/dossiers/{id}/answer"), Body::Json(body))
            .await
    }

    /// `GET /dossiers/{id}/timeline`.
    pub async fn timeline(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/timeline")).await
    }

    // ----- dossier files -----

    /// `POST /dossiers/{id}/attachments?field&filename&media_type` with the bytes, named `scan.pdf`.
    pub async fn attach(&self, id: &str, field: &str, media_type: &str, bytes: Vec<u8>) -> Resp {
        self.attach_named(id, field, "scan.pdf", media_type, bytes)
            .await
    }

    /// `POST /dossiers/{id}/attachments?field&filename&media_type` with the bytes.
    pub async fn attach_named(
        &self,
        id: &str,
        field: &str,
        filename: &str,
        media_type: &str,
        bytes: Vec<u8>,
    ) -> Resp {
        let query = [
            ("field", field),
            ("filename", filename),
            ("media_type", media_type),
        ];
        let path = format!("{}/dossiers/{id}/attachments", super::API);
        self.send(reqwest::Method::POST, &path, &query, Body::Bytes(bytes))
            .await
    }

    /// `GET /dossiers/{id}/attachments`.
    pub async fn attachments(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/attachments")).await
    }

    /// `GET /dossiers/{id}/attachments/{attachment}` (the bytes).
    pub async fn attachment(&self, id: &str, attachment: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/attachments/{attachment}"))
            .await
    }

    /// `DELETE /dossiers/{id}/attachments/{attachment}`.
    pub async fn delete_attachment(&self, id: &str, attachment: &str) -> Resp {
        self.delete(&format!("/dossiers/{id}/attachments/{attachment}"))
            .await
    }

    /// `POST /dossiers/{id}/uploads` with `{field, filename, media_type, size, sha256}`.
    pub async fn announce_upload(&self, id: &str, body: Value) -> Resp {
        self.post(&format!("/dossiers/{id}/uploads"), Body::Json(body))
            .await
    }

    /// `GET /dossiers/{id}/uploads/{upload}`.
    pub async fn upload_progress(&self, id: &str, upload: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/uploads/{upload}")).await
    }

    /// `PUT /dossiers/{id}/uploads/{upload}?offset=…` with a chunk.
    pub async fn send_chunk(&self, id: &str, upload: &str, offset: usize, bytes: &[u8]) -> Resp {
        let path = format!("{}/dossiers/{id}/uploads/{upload}", super::API);
        let offset = offset.to_string();
        self.send(
            reqwest::Method::PUT,
            &path,
            &[("offset", offset.as_str())],
            Body::Bytes(bytes.to_vec()),
        )
        .await
    }

    /// `POST /dossiers/{id}/uploads/{upload}/completion`.
    pub async fn complete_upload(&self, id: &str, upload: &str) -> Resp {
        self.post(
            &format!("/dossiers/{id}/uploads/{upload}/completion"),
            Body::Empty,
        )
        .await
    }

    // ----- messages -----

    /// `GET /dossiers/{id}/messages` (marks the administration's as read).
    pub async fn messages(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/messages")).await
    }

    /// `POST /dossiers/{id}/messages` with `{text, attachments}`.
    pub async fn send_message(&self, id: &str, body: Value) -> Resp {
        self.post(&format!("/dossiers/{id}/messages"), Body::Json(body))
            .await
    }

    /// `GET /dossiers/{id}/messages/{message}/attachments/{file}`.
    pub async fn message_file(&self, id: &str, message: &str, file: &str) -> Resp {
        self.get(&format!(
            "/dossiers/{id}/messages/{message}/attachments/{file}"
        ))
        .await
    }

    // ----- push -----

    /// `GET /push/vapid-public-key`.
    pub async fn vapid_public_key(&self) -> Resp {
        self.get("/push/vapid-public-key").await
    }

    /// `GET /push/preferences`.
    pub async fn push_preferences(&self) -> Resp {
        self.get("/push/preferences").await
    }

    /// `PUT /push/preferences`.
    pub async fn set_push_preferences(&self, body: Value) -> Resp {
        self.put("/push/preferences", Body::Json(body)).await
    }

    /// `POST /push/subscriptions` with what `PushSubscription.toJSON()` gives.
    pub async fn subscribe_push(&self, body: Value) -> Resp {
        self.post("/push/subscriptions", Body::Json(body)).await
    }

    /// `GET /push/subscriptions`.
    pub async fn push_subscriptions(&self) -> Resp {
        self.get("/push/subscriptions").await
    }

    /// `DELETE /push/subscriptions/{id}`.
    pub async fn unsubscribe_push(&self, id: &str) -> Resp {
        self.delete(&format!("/push/subscriptions/{id}")).await
    }

    // ----- communications -----

    /// `GET /spaces/{space}/communications`.
    pub async fn communications(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/communications")).await
    }

    /// `GET /spaces/{space}/communications` with `unread_only`, `page`, `per_page`.
    pub async fn communications_with(&self, space: &str, query: &[(&str, &str)]) -> Resp {
        self.get_with(&format!("/spaces/{space}/communications"), query)
            .await
    }

    /// `GET /spaces/{space}/communications/{id}`.
    pub async fn communication(&self, space: &str, id: &str) -> Resp {
        self.get(&format!("/spaces/{space}/communications/{id}"))
            .await
    }

    /// `GET /spaces/{space}/communications/{id}/file` (marks it read).
    pub async fn communication_file(&self, space: &str, id: &str) -> Resp {
        self.get(&format!("/spaces/{space}/communications/{id}/file"))
            .await
    }

    /// `PUT /spaces/{space}/communications/{id}/read` with `{read}`.
    pub async fn mark_read(&self, space: &str, id: &str, read: bool) -> Resp {
        self.put(
            &format!("/spaces/{space}/communications/{id}/read"),
            Body::Json(json!({ "read": read })),
        )
        .await
    }

    /// `GET /public/documents/{number}/status`.
    pub async fn document_status(&self, number: &str) -> Resp {
        self.get(&format!("/public/documents/{number}/status"))
            .await
    }

    /// `POST /public/documents/{number}/check` with `{code}`.
    pub async fn check_document(&self, number: &str, code: &str) -> Resp {
        self.post(
            &format!("/public/documents/{number}/check"),
            Body::Json(json!({ "code": code })),
        )
        .await
    }

    // ----- my data -----

    /// `POST /spaces/{space}/exports`.
    pub async fn request_export(&self, space: &str) -> Resp {
        self.post(&format!("/spaces/{space}/exports"), Body::Empty)
            .await
    }

    /// `GET /spaces/{space}/exports/{id}`.
    pub async fn export(&self, space: &str, id: &str) -> Resp {
        self.get(&format!("/spaces/{space}/exports/{id}")).await
    }

    /// `GET /spaces/{space}/exports/{id}/archive?token=`.
    pub async fn export_archive(&self, space: &str, id: &str, token: &str) -> Resp {
        self.get_with(
            &format!("/spaces/{space}/exports/{id}/archive"),
            &[("token", token)],
        )
        .await
    }

    /// `GET /spaces/{space}/access-log/csv` with a query.
    pub async fn access_log_csv(&self, space: &str, query: &[(&str, &str)]) -> Resp {
        self.get_with(&format!("/spaces/{space}/access-log/csv"), query)
            .await
    }

    /// `GET /spaces/{space}/deletions`.
    pub async fn deletions(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/deletions")).await
    }

    /// `DELETE /dossiers/{id}` (a draft).
    pub async fn delete_draft(&self, id: &str) -> Resp {
        self.delete(&format!("/dossiers/{id}")).await
    }
}
