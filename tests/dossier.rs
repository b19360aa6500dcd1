//! Helpers for dossier tests: requests with headers, a signature certificate, agents, files.

use crate::{
    Citizen, TestApp,
    citizen::{dev_ca, spec},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::KeyAlgorithm;
use reqwest::Method;
use serde_json::{Value, json};

/// Sends a request with an optional JSON body and extra headers.
pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app.http.request(method, app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

/// Sends, asserts the status, returns the JSON body.
pub async fn ok(resp: reqwest::Response, status: u16) -> Value {
    let got = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Registers the citizen's signature certificate to their account.
pub async fn register_signature_certificate(app: &TestApp, citizen: &Citizen, token: &str) {
    let c = Citizen::challenge(app).await;
    let body = Citizen::signed(
        &c,
        &citizen.creds.signature.cert_pem,
        &citizen.creds.signature.key_pem,
    );
    let resp = app
        .post_json("/api/v1/me/certificates", Some(token), body)
        .await;
    assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
}

/// An agent of the justice administration (fixtures/administrations).
pub fn justice_agent() -> Citizen {
    Citizen::with(
        &dev_ca(),
        spec(
            "1991110531790",
            "Ana Sofia",
            "Gonçalves da Silva",
            KeyAlgorithm::Ed25519,
        ),
        "ana@justice.example.lu",
    )
}

/// An agent of the social security centre.
pub fn ccss_agent() -> Citizen {
    Citizen::with(
        &dev_ca(),
        spec(
            "1952111264510",
            "Ursula Hannelore",
            "Böhm",
            KeyAlgorithm::Ed25519,
        ),
        "ursula@ccss.example.lu",
    )
}

/// Signs an agent in to the back office; returns the access token.
pub async fn agent_token(app: &TestApp, agent: &Citizen) -> String {
    let c = Citizen::challenge(app).await;
    let body = Citizen::signed(
        &c,
        &agent.creds.authentication.cert_pem,
        &agent.creds.authentication.key_pem,
    );
    let v = ok(
        app.post_json("/api/v1/backoffice/signin", None, body).await,
        200,
    )
    .await;
    v["access_token"].as_str().unwrap().to_string()
}

/// A small PDF-looking file of `len` bytes.
pub fn pdf(len: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.resize(len.max(b.len()), b'x');
    b
}

/// Uploads a file to a dossier.
pub async fn upload(
    app: &TestApp,
    token: &str,
    dossier: &str,
    field: &str,
    media_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.http
        .post(app.url(&format!("/api/v1/dossiers/{dossier}/attachments")))
        .query(&[
            ("field", field),
            ("filename", "scan.pdf"),
            ("media_type", media_type),
        ])
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

/// Starts a criminal record request in the citizen's private space.
pub async fn start_criminal_record(app: &TestApp, token: &str, key: Option<&str>) -> Value {
    let space = Citizen::private_space(app, token).await;
    let headers: Vec<(&str, &str)> = key
        .map(|k| vec![("idempotency-key", k)])
        .unwrap_or_default();
    let resp = call(
        app,
        Method::POST,
        &format!("/api/v1/spaces/{space}/dossiers"),
        Some(token),
        Some(json!({"procedure_id": "criminal-record-extract"})),
        &headers,
    )
    .await;
    let status = resp.status().as_u16();
    assert!(status == 201 || status == 200, "{status}");
    resp.json().await.unwrap()
}

/// Fills the request step correctly and attaches an identity document.
pub async fn complete_criminal_record(app: &TestApp, token: &str, dossier: &str) {
    let body = json!({"values": {"purpose": "employment", "bulletin": "3", "copies": 1}});
    let v = ok(
        call(
            app,
            Method::PUT,
            &format!("/api/v1/dossiers/{dossier}/steps/request"),
            Some(token),
            Some(body),
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(v["errors"][0]["field"], "identity_document", "{v}");
    ok(
        upload(
            app,
            token,
            dossier,
            "identity_document",
            "application/pdf",
            pdf(2000),
        )
        .await,
        201,
    )
    .await;
}

/// The signature body for the dossier's current signing document.
pub async fn signature_body(app: &TestApp, citizen: &Citizen, token: &str, dossier: &str) -> Value {
    let doc = ok(
        app.get(
            &format!("/api/v1/dossiers/{dossier}/signing-document"),
            Some(token),
        )
        .await,
        200,
    )
    .await;
    let msg = doc["message"].as_str().unwrap();
    let sig = guichet_identity::sign(&citizen.creds.signature.key_pem, msg.as_bytes()).unwrap();
    json!({"certificate": citizen.creds.signature.cert_pem, "signature": STANDARD.encode(sig)})
}

/// Posts a signature body.
pub async fn post_signature(
    app: &TestApp,
    token: &str,
    dossier: &str,
    body: Value,
    key: Option<&str>,
) -> reqwest::Response {
    let headers: Vec<(&str, &str)> = key
        .map(|k| vec![("idempotency-key", k)])
        .unwrap_or_default();
    call(
        app,
        Method::POST,
        &format!("/api/v1/dossiers/{dossier}/signature"),
        Some(token),
        Some(body),
        &headers,
    )
    .await
}

/// Signs a dossier with the citizen's signature key; returns the response.
pub async fn sign(
    app: &TestApp,
    citizen: &Citizen,
    token: &str,
    dossier: &str,
    key: Option<&str>,
) -> reqwest::Response {
    let body = signature_body(app, citizen, token, dossier).await;
    post_signature(app, token, dossier, body, key).await
}

/// A registered citizen with a signature certificate and a signed, transmitted criminal record request.
pub async fn transmitted_criminal_record(app: &TestApp, citizen: &Citizen) -> (String, String) {
    let token = citizen.register(app).await;
    register_signature_certificate(app, citizen, &token).await;
    let d = start_criminal_record(app, &token, None).await;
    let id = d["id"].as_str().unwrap().to_string();
    complete_criminal_record(app, &token, &id).await;
    ok(sign(app, citizen, &token, &id, None).await, 200).await;
    ok(
        call(
            app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/transmission"),
            Some(&token),
            None,
            &[],
        )
        .await,
        200,
    )
    .await;
    (token, id)
}

/// Another criminal record request of an already registered citizen (signature certificate
/// registered), signed and transmitted; returns its id.
pub async fn transmit_another_criminal_record(
    app: &TestApp,
    citizen: &Citizen,
    token: &str,
) -> String {
    let d = start_criminal_record(app, token, None).await;
    let id = d["id"].as_str().unwrap().to_string();
    complete_criminal_record(app, token, &id).await;
    ok(sign(app, citizen, token, &id, None).await, 200).await;
    ok(
        call(
            app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/transmission"),
            Some(token),
            None,
            &[],
        )
        .await,
        200,
    )
    .await;
    id
}
