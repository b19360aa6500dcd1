//! A typed client of the guichet API for the tests: one method per operation of the OpenAPI
//! document (in [`citizen`] and [`backoffice`]), each answering a [`Resp`] read to the end, and
//! [`assert_problem`] for refusals.

mod backoffice;
mod citizen;
mod mandates;
mod offline_forms;
mod payments;
mod professional;

use reqwest::{Method, header::HeaderMap};
use serde_json::Value;

/// The prefix of every API path.
pub const API: &str = "/api/v1";

/// The prefix of every problem `type`.
pub const PROBLEM: &str = "urn:guichet:problem:";

/// A client of one server, as one caller: with a bearer token or none, and extra headers
/// (idempotency key, language). Cheap to clone: the HTTP connection pool is shared.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
    headers: Vec<(String, String)>,
}

/// What a request carries.
pub enum Body {
    /// Nothing.
    Empty,
    /// A JSON document.
    Json(Value),
    /// Raw bytes sent as `application/octet-stream`.
    Bytes(Vec<u8>),
    /// Raw bytes with a content type of the test's choosing (malformed requests).
    Raw(&'static str, Vec<u8>),
}

/// An answer, read to the end: what the request was, status, headers and body bytes.
#[derive(Debug, Clone)]
pub struct Resp {
    /// The method sent.
    pub method: Method,
    /// The path sent, without the query (`/api/v1/dossiers/…`).
    pub path: String,
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// Response body.
    pub body: Vec<u8>,
}

impl Client {
    /// A client of the server at `base` (`http://127.0.0.1:port`), without a token.
    pub fn new(base: &str, http: reqwest::Client) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            http,
            token: None,
            headers: Vec::new(),
        }
    }

    /// The same client acting with `token`.
    pub fn with_token(&self, token: &str) -> Self {
        Self {
            token: Some(token.to_string()),
            ..self.clone()
        }
    }

    /// The same client without a token (and without extra headers).
    pub fn anonymous(&self) -> Self {
        Self::new(&self.base, self.http.clone())
    }

    /// The bearer token this client sends, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The same client sending `name: value` with every request.
    pub fn with_header(&self, name: &str, value: &str) -> Self {
        let mut c = self.clone();
        c.headers.push((name.to_string(), value.to_string()));
        c
    }

    /// The same client sending `Idempotency-Key: key` when `key` is given.
    pub fn idempotent(&self, key: Option<&str>) -> Self {
        match key {
            Some(k) => self.with_header("idempotency-key", k),
            None => self.clone(),
        }
    }

    /// The same client asking for answers in `language` (`fr`, `de`, `en`).
    pub fn in_language(&self, language: &str) -> Self {
        self.with_header("accept-language", language)
    }

    /// `http://127.0.0.1:port` of the server.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends `method` to `path` (from the server's root, e.g. `/metrics`) with `query` and
    /// `body`: the one place requests are built. Prefer the operation methods.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Body,
    ) -> Resp {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if !query.is_empty() {
            req = req.query(query);
        }
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        req = match body {
            Body::Empty => req,
            Body::Json(v) => req.json(&v),
            Body::Bytes(b) => req
                .header("content-type", "application/octet-stream")
                .body(b),
            Body::Raw(content_type, b) => req.header("content-type", content_type).body(b),
        };
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.unwrap().to_vec();
        Resp {
            method,
            path: path.to_string(),
            status,
            headers,
            body,
        }
    }

    /// `GET` of a path outside the API (`/healthz`, `/metrics`, `/.well-known/…`).
    pub async fn get_root(&self, path: &str) -> Resp {
        self.send(Method::GET, path, &[], Body::Empty).await
    }

    async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, &format!("{API}{path}"), &[], Body::Empty)
            .await
    }

    async fn get_with(&self, path: &str, query: &[(&str, &str)]) -> Resp {
        self.send(Method::GET, &format!("{API}{path}"), query, Body::Empty)
            .await
    }

    async fn post(&self, path: &str, body: Body) -> Resp {
        self.send(Method::POST, &format!("{API}{path}"), &[], body)
            .await
    }

    async fn put(&self, path: &str, body: Body) -> Resp {
        self.send(Method::PUT, &format!("{API}{path}"), &[], body)
            .await
    }

    async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, &format!("{API}{path}"), &[], Body::Empty)
            .await
    }
}

impl Resp {
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; fails the test when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} {} answered {} with no JSON ({e}): {}",
                self.method,
                self.path,
                self.status,
                self.text()
            )
        })
    }

    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status; returns the answer.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status,
            status,
            "{} {}: {}",
            self.method,
            self.path,
            self.text()
        );
        self
    }

    /// Asserts the status; returns the JSON body (`null` when empty).
    #[track_caller]
    pub fn ok(self, status: u16) -> Value {
        let resp = self.expect(status);
        if resp.body.is_empty() {
            Value::Null
        } else {
            resp.json()
        }
    }

    /// Asserts the answer is `application/problem+json`; returns its body.
    #[track_caller]
    pub fn problem(&self) -> Value {
        let ct = self.header("content-type").unwrap_or_default();
        assert!(
            ct.starts_with("application/problem+json"),
            "{} {}: status {} with content-type {ct:?}: {}",
            self.method,
            self.path,
            self.status,
            self.text()
        );
        self.json()
    }
}

/// Asserts `resp` is a problem with `status` and `type` (`not-found` or the full
/// `urn:guichet:problem:not-found`); returns its body.
#[track_caller]
pub fn assert_problem(resp: &Resp, status: u16, problem_type: &str) -> Value {
    let p = resp.problem();
    let wanted = if problem_type.starts_with("urn:") {
        problem_type.to_string()
    } else {
        format!("{PROBLEM}{problem_type}")
    };
    assert_eq!(
        (resp.status, p["type"].as_str().unwrap_or_default()),
        (status, wanted.as_str()),
        "{} {}: {p}",
        resp.method,
        resp.path
    );
    assert_eq!(p["status"], status, "{p}");
    p
}
