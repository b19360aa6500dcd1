//! Operations of professional spaces: creating one, its organisation, co-workers, invitations
//! and shared dossiers.

use super::{Body, Client, Resp};
use serde_json::{Value, json};

impl Client {
    /// `POST /spaces` with the organisation's data.
    pub async fn create_space(&self, body: Value) -> Resp {
        self.post("/spaces", Body::Json(body)).await
    }

    /// `GET /legal-forms`.
    pub async fn legal_forms(&self) -> Resp {
        self.get("/legal-forms").await
    }

    /// `GET /spaces/{space}/organisation`.
    pub async fn organisation(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/organisation")).await
    }

    /// `PUT /spaces/{space}/organisation`; `if_match` is sent as `If-Match` when given.
    pub async fn update_organisation(
        &self,
        space: &str,
        if_match: Option<&str>,
        body: Value,
    ) -> Resp {
        let c = match if_match {
            Some(tag) => self.with_header("if-match", tag),
            None => self.clone(),
        };
        c.put(&format!("/spaces/{space}/organisation"), Body::Json(body))
            .await
    }

    /// `GET /spaces/{space}/access-log` with `actor`, `action`, `since`, `until`, `page`,
    /// `per_page`.
    pub async fn access_log_with(&self, space: &str, query: &[(&str, &str)]) -> Resp {
        self.get_with(&format!("/spaces/{space}/access-log"), query)
            .await
    }

    /// `POST /spaces/{space}/invitations`.
    pub async fn invite(&self, space: &str, body: Value) -> Resp {
        self.post(&format!("/spaces/{space}/invitations"), Body::Json(body))
            .await
    }

    /// `GET /spaces/{space}/invitations`.
    pub async fn invitations(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/invitations")).await
    }

    /// `DELETE /spaces/{space}/invitations/{id}`.
    pub async fn withdraw_invitation(&self, space: &str, id: &str) -> Resp {
        self.delete(&format!("/spaces/{space}/invitations/{id}"))
            .await
    }

    /// `POST /invitations/acceptance` with `{token}`.
    pub async fn accept_invitation(&self, token: &str) -> Resp {
        self.post(
            "/invitations/acceptance",
            Body::Json(json!({ "token": token })),
        )
        .await
    }

    /// `GET /spaces/{space}/members`.
    pub async fn members(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/members")).await
    }

    /// `PUT /spaces/{space}/members/{person}` with `{role, rights}`.
    pub async fn set_member(&self, space: &str, person: &str, body: Value) -> Resp {
        self.put(
            &format!("/spaces/{space}/members/{person}"),
            Body::Json(body),
        )
        .await
    }

    /// `DELETE /spaces/{space}/members/{person}` (removing someone, or leaving).
    pub async fn remove_member(&self, space: &str, person: &str) -> Resp {
        self.delete(&format!("/spaces/{space}/members/{person}"))
            .await
    }

    /// `GET /dossiers/{id}/shares`.
    pub async fn shares(&self, dossier: &str) -> Resp {
        self.get(&format!("/dossiers/{dossier}/shares")).await
    }

    /// `POST /dossiers/{id}/shares` with `{person_id, rights}`.
    pub async fn share(&self, dossier: &str, body: Value) -> Resp {
        self.post(&format!("/dossiers/{dossier}/shares"), Body::Json(body))
            .await
    }

    /// `DELETE /dossiers/{id}/shares/{person}`.
    pub async fn unshare(&self, dossier: &str, person: &str) -> Resp {
        self.delete(&format!("/dossiers/{dossier}/shares/{person}"))
            .await
    }
}
