//! The offline route: fillable PDF forms downloaded from a space or for a draft, uploaded filled.

use super::{API, Body, Client, Resp};
use reqwest::Method;

impl Client {
    /// `GET /spaces/{space}/procedures/{procedure}/form.pdf[?lang=]`.
    pub async fn offline_form(&self, space: &str, procedure: &str, lang: Option<&str>) -> Resp {
        let path = format!("/spaces/{space}/procedures/{procedure}/form.pdf");
        match lang {
            Some(l) => self.get_with(&path, &[("lang", l)]).await,
            None => self.get(&path).await,
        }
    }

    /// `POST /spaces/{space}/procedures/{procedure}/form` with the PDF (`application/pdf`;
    /// send an idempotency key with [`Client::idempotent`]).
    pub async fn upload_offline_form(&self, space: &str, procedure: &str, pdf: Vec<u8>) -> Resp {
        let path = format!("{API}/spaces/{space}/procedures/{procedure}/form");
        self.send(Method::POST, &path, &[], Body::Raw("application/pdf", pdf))
            .await
    }

    /// `GET /dossiers/{id}/form.pdf[?lang=]`.
    pub async fn draft_form(&self, id: &str, lang: Option<&str>) -> Resp {
        let path = format!("/dossiers/{id}/form.pdf");
        match lang {
            Some(l) => self.get_with(&path, &[("lang", l)]).await,
            None => self.get(&path).await,
        }
    }

    /// `PUT /dossiers/{id}/form` with the PDF (`application/pdf`).
    pub async fn upload_draft_form(&self, id: &str, pdf: Vec<u8>) -> Resp {
        let path = format!("{API}/dossiers/{id}/form");
        self.send(Method::PUT, &path, &[], Body::Raw("application/pdf", pdf))
            .await
    }
}
