//! What a dossier refuses, each with a clear problem: tampered or revoked signatures, bad files,
//! illegal status changes; and retries with an idempotency key that never duplicate anything.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    citizen::dev_ca,
    dossier::{
        agent_token, call, complete_criminal_record, justice_agent, ok, pdf, post_signature,
        register_signature_certificate, sign, signature_body, start_criminal_record, upload,
    },
};
use reqwest::Method;
use serde_json::json;
use time::{Duration, OffsetDateTime};

async fn ready_to_sign(app: &TestApp, citizen: &Citizen) -> (String, String) {
    let token = citizen.register(app).await;
    register_signature_certificate(app, citizen, &token).await;
    let d = start_criminal_record(app, &token, None).await;
    let id = d["id"].as_str().unwrap().to_string();
    complete_criminal_record(app, &token, &id).await;
    (token, id)
}

#[tokio::test]
async fn a_tampered_signature_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (token, id) = ready_to_sign(&app, &marie).await;
    let doc = ok(
        app.get(
            &format!("/api/v1/dossiers/{id}/signing-document"),
            Some(&token),
        )
        .await,
        200,
    )
    .await;
    let tampered = doc["message"]
        .as_str()
        .unwrap()
        .replace(&doc["digest"].as_str().unwrap()[..4], "0000");
    let sig = guichet_identity::sign(&marie.creds.signature.key_pem, tampered.as_bytes()).unwrap();
    let body =
        json!({"certificate": marie.creds.signature.cert_pem, "signature": STANDARD.encode(sig)});
    let (status, p) = problem(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/signature"),
            Some(&token),
            Some(body),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str()),
        (422, Some("urn:guichet:problem:dossier-signature-invalid"))
    );
    // Signing with the authentication certificate is not a legal signature either.
    let sig = guichet_identity::sign(
        &marie.creds.authentication.key_pem,
        doc["message"].as_str().unwrap().as_bytes(),
    )
    .unwrap();
    let body = json!({"certificate": marie.creds.authentication.cert_pem, "signature": STANDARD.encode(sig)});
    let (status, p) = problem(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/signature"),
            Some(&token),
            Some(body),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!((status, p["reason"].as_str()), (403, Some("wrong-usage")));
    let d = ok(
        app.get(&format!("/api/v1/dossiers/{id}"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(d["status"], "draft");
}

#[tokio::test]
async fn a_signature_by_a_revoked_certificate_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (token, id) = ready_to_sign(&app, &marie).await;
    let now = OffsetDateTime::now_utc();
    let crl = dev_ca()
        .crl(
            &[marie.creds.signature.serial_hex.as_str()],
            now - Duration::minutes(1),
            now + Duration::days(7),
        )
        .unwrap();
    guichet::service::revocation::import(&app.ctx, &crl)
        .await
        .unwrap();
    let (status, p) = problem(sign(&app, &marie, &token, &id, None).await).await;
    assert_eq!((status, p["reason"].as_str()), (403, Some("revoked")));
}

#[tokio::test]
async fn oversized_and_mistyped_files_are_refused_with_the_published_limit() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    let d = start_criminal_record(&app, &token, None).await;
    let id = d["id"].as_str().unwrap();
    let field = d["procedure"]["steps"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "identity_document")
        .unwrap()
        .clone();
    let max = field["rules"]["max_bytes"].as_u64().unwrap() as usize;
    ok(
        upload(
            &app,
            &token,
            id,
            "identity_document",
            "application/pdf",
            pdf(max),
        )
        .await,
        201,
    )
    .await;
    let (status, p) = problem(
        upload(
            &app,
            &token,
            id,
            "identity_document",
            "application/pdf",
            pdf(max + 1),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["field"].as_str()),
        (413, Some("identity_document"))
    );
    assert!(
        p["detail"].as_str().unwrap().contains(&max.to_string()),
        "{p}"
    );
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0];
    let (status, p) = problem(
        upload(
            &app,
            &token,
            id,
            "identity_document",
            "application/pdf",
            png,
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str()),
        (415, Some("urn:guichet:problem:file-type-refused"))
    );
    let (status, _) = problem(
        upload(
            &app,
            &token,
            id,
            "identity_document",
            "text/plain",
            b"hello".to_vec(),
        )
        .await,
    )
    .await;
    assert_eq!(status, 415);
}

#[tokio::test]
async fn illegal_status_changes_are_refused() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (token, id) = ready_to_sign(&app, &marie).await;
    // Unsigned, a criminal record request cannot be transmitted.
    let (status, p) = problem(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/transmission"),
            Some(&token),
            None,
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str()),
        (409, Some("urn:guichet:problem:illegal-transition"))
    );
    ok(sign(&app, &marie, &token, &id, None).await, 200).await;
    ok(
        call(
            &app,
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
    // The administration cannot close what it has not taken; the holder cannot answer unasked.
    let agent = agent_token(&app, &justice_agent()).await;
    let (status, _) = problem(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/backoffice/dossiers/{id}/status"),
            Some(&agent),
            Some(json!({"status": "accepted", "reason": "ok"})),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = problem(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/answer"),
            Some(&token),
            Some(json!({"text": "hi"})),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    // Once in processing, it can no longer be withdrawn.
    ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/backoffice/dossiers/{id}/take"),
            Some(&agent),
            None,
            &[],
        )
        .await,
        200,
    )
    .await;
    let (status, _) = problem(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/withdrawal"),
            Some(&token),
            Some(json!({"text": "changed my mind"})),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn retries_with_the_same_idempotency_key_yield_one_dossier() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    register_signature_certificate(&app, &marie, &token).await;
    let space = Citizen::private_space(&app, &token).await;
    let first = start_criminal_record(&app, &token, Some("phone-retry-1")).await;
    let second = start_criminal_record(&app, &token, Some("phone-retry-1")).await;
    assert_eq!(first["id"], second["id"]);
    let id = first["id"].as_str().unwrap().to_string();
    complete_criminal_record(&app, &token, &id).await;
    let body = signature_body(&app, &marie, &token, &id).await;
    let a = ok(
        post_signature(&app, &token, &id, body.clone(), Some("sign-key")).await,
        200,
    )
    .await;
    let b = ok(
        post_signature(&app, &token, &id, body.clone(), Some("sign-key")).await,
        200,
    )
    .await;
    // Without the key, a second signature is an illegal change.
    let (status, _) = problem(post_signature(&app, &token, &id, body, None).await).await;
    assert_eq!(status, 409);
    assert_eq!(
        (a["status"].as_str(), a["signed_digest"].clone()),
        (Some("signed"), b["signed_digest"].clone())
    );
    let tx = format!("/api/v1/dossiers/{id}/transmission");
    let a = ok(
        call(
            &app,
            Method::POST,
            &tx,
            Some(&token),
            None,
            &[("idempotency-key", "tx-key")],
        )
        .await,
        200,
    )
    .await;
    let b = ok(
        call(
            &app,
            Method::POST,
            &tx,
            Some(&token),
            None,
            &[("idempotency-key", "tx-key")],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (a["status"].as_str(), b["status"].as_str()),
        (Some("transmitted"), Some("transmitted"))
    );
    let dash = ok(
        app.get(&format!("/api/v1/spaces/{space}/dossiers"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(dash["total"], 1);
    let tl = ok(
        app.get(&format!("/api/v1/dossiers/{id}/timeline"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(tl.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn simultaneous_retries_with_one_idempotency_key_create_one_dossier() {
    let app = TestApp::spawn().await;
    let token = Citizen::marie().register(&app).await;
    let space = Citizen::private_space(&app, &token).await;
    let (a, b, c) = tokio::join!(
        start_criminal_record(&app, &token, Some("same")),
        start_criminal_record(&app, &token, Some("same")),
        start_criminal_record(&app, &token, Some("same")),
    );
    assert_eq!((&a["id"], &b["id"]), (&c["id"], &c["id"]));
    let dash = ok(
        app.get(&format!("/api/v1/spaces/{space}/dossiers"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(dash["total"], 1);
}
