//! What a dossier refuses, each with a clear problem: tampered or revoked signatures, bad files,
//! illegal status changes; and retries with an idempotency key that never duplicate anything.
//! Every refusal leaves the dossier as it was.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_tests::{Agent, Person, TestApp, assert_problem, citizen::dev_ca, dossier::pdf};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

async fn ready_to_sign(app: &TestApp) -> (Person, String) {
    let marie = Person::marie(app).await;
    marie.add_signature_certificate(app).await;
    let id = marie.criminal_record_ready_to_sign().await;
    (marie, id)
}

/// What the holder sees of a dossier: itself, its timeline and its files.
async fn seen(holder: &Person, id: &str) -> Value {
    json!({
        "dossier": holder.api.dossier(id).await.ok(200),
        "timeline": holder.api.timeline(id).await.ok(200),
        "attachments": holder.api.attachments(id).await.ok(200),
    })
}

#[tokio::test]
async fn a_tampered_signature_is_refused() {
    let app = TestApp::spawn().await;
    let (marie, id) = ready_to_sign(&app).await;
    let before = seen(&marie, &id).await;
    let doc = marie.api.signing_document(&id).await.ok(200);
    let tampered = doc["message"]
        .as_str()
        .unwrap()
        .replace(&doc["digest"].as_str().unwrap()[..4], "0000");
    let creds = &marie.citizen.creds;
    let sig = guichet_identity::sign(&creds.signature.key_pem, tampered.as_bytes()).unwrap();
    let body = json!({"certificate": creds.signature.cert_pem, "signature": STANDARD.encode(sig)});
    let resp = marie.api.sign_dossier(&id, body).await;
    assert_problem(&resp, 422, "dossier-signature-invalid");
    // Signing with the authentication certificate is not a legal signature either.
    let sig = guichet_identity::sign(
        &creds.authentication.key_pem,
        doc["message"].as_str().unwrap().as_bytes(),
    )
    .unwrap();
    let body =
        json!({"certificate": creds.authentication.cert_pem, "signature": STANDARD.encode(sig)});
    let p = assert_problem(
        &marie.api.sign_dossier(&id, body).await,
        403,
        "certificate-rejected",
    );
    assert_eq!(p["reason"], "wrong-usage");
    assert_eq!(seen(&marie, &id).await, before);
    assert_eq!(before["dossier"]["status"], "draft");
}

#[tokio::test]
async fn a_signature_by_a_revoked_certificate_is_refused() {
    let app = TestApp::spawn().await;
    let (marie, id) = ready_to_sign(&app).await;
    let before = seen(&marie, &id).await;
    let now = OffsetDateTime::now_utc();
    let crl = dev_ca()
        .crl(
            &[marie.citizen.creds.signature.serial_hex.as_str()],
            now - Duration::minutes(1),
            now + Duration::days(7),
        )
        .unwrap();
    guichet::service::revocation::import(&app.ctx, &crl)
        .await
        .unwrap();
    let p = assert_problem(&marie.sign(&id, None).await, 403, "certificate-rejected");
    assert_eq!(p["reason"], "revoked");
    // Nothing signed, nothing transmittable.
    let after = seen(&marie, &id).await;
    assert_eq!(after, before);
    assert_eq!(after["dossier"]["status"], "draft");
    assert_eq!(after["dossier"]["signed_digest"], Value::Null, "{after}");
    assert_problem(&marie.api.transmit(&id).await, 409, "illegal-transition");
}

#[tokio::test]
async fn oversized_and_mistyped_files_are_refused_with_the_published_limit() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let d = marie.start_criminal_record(None).await;
    let id = d["id"].as_str().unwrap();
    let field = d["procedure"]["steps"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "identity_document")
        .unwrap()
        .clone();
    let max = field["rules"]["max_bytes"].as_u64().unwrap() as usize;
    let attach = |media_type: &'static str, bytes: Vec<u8>| {
        marie.api.attach(id, "identity_document", media_type, bytes)
    };
    attach("application/pdf", pdf(max)).await.ok(201);
    let p = assert_problem(
        &attach("application/pdf", pdf(max + 1)).await,
        413,
        "file-too-large",
    );
    assert_eq!(p["field"], "identity_document");
    assert!(
        p["detail"].as_str().unwrap().contains(&max.to_string()),
        "{p}"
    );
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0];
    assert_problem(
        &attach("application/pdf", png).await,
        415,
        "file-type-refused",
    );
    assert_problem(
        &attach("text/plain", b"hello".to_vec()).await,
        415,
        "file-type-refused",
    );
    // Only the one good file was kept.
    let files = marie.api.attachments(id).await.ok(200);
    assert_eq!(files.as_array().unwrap().len(), 1, "{files}");
    assert_eq!(files[0]["size"], max);
}

#[tokio::test]
async fn illegal_status_changes_are_refused() {
    let app = TestApp::spawn().await;
    let (marie, id) = ready_to_sign(&app).await;
    let api = &marie.api;
    // Unsigned, a criminal record request cannot be transmitted.
    let before = seen(&marie, &id).await;
    assert_problem(&api.transmit(&id).await, 409, "illegal-transition");
    assert_eq!(seen(&marie, &id).await, before);
    marie.sign(&id, None).await.ok(200);
    api.transmit(&id).await.ok(200);
    // The administration cannot close what it has not taken; the holder cannot answer unasked.
    let agent = Agent::justice(&app).await;
    let before = seen(&marie, &id).await;
    let resp = agent.api.decide(&id, "accepted", Some("ok")).await;
    assert_problem(&resp, 409, "illegal-transition");
    assert_problem(&api.answer(&id, "hi").await, 409, "illegal-transition");
    let after = seen(&marie, &id).await;
    assert_eq!(after, before);
    assert_eq!(after["dossier"]["status"], "transmitted");
    assert_eq!(api.messages(&id).await.ok(200), json!([]));
    // Once in processing, it can no longer be withdrawn.
    agent.api.take(&id).await.ok(200);
    let before = seen(&marie, &id).await;
    let resp = api.withdraw(&id, "changed my mind").await;
    assert_problem(&resp, 409, "illegal-transition");
    let after = seen(&marie, &id).await;
    assert_eq!(after, before);
    assert_eq!(after["dossier"]["status"], "in_processing");
}

#[tokio::test]
async fn retries_with_the_same_idempotency_key_yield_one_dossier() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let first = marie.start_criminal_record(Some("phone-retry-1")).await;
    let second = marie.start_criminal_record(Some("phone-retry-1")).await;
    assert_eq!(first["id"], second["id"]);
    let id = first["id"].as_str().unwrap().to_string();
    marie.complete_criminal_record(&id).await;
    let body = marie.signature_body(&id).await;
    let keyed = marie.api.idempotent(Some("sign-key"));
    let a = keyed.sign_dossier(&id, body.clone()).await.ok(200);
    let b = keyed.sign_dossier(&id, body.clone()).await.ok(200);
    // Without the key, a second signature is an illegal change.
    let resp = marie.api.sign_dossier(&id, body).await;
    assert_problem(&resp, 409, "illegal-transition");
    assert_eq!(
        (a["status"].as_str(), a["signed_digest"].clone()),
        (Some("signed"), b["signed_digest"].clone())
    );
    let keyed = marie.api.idempotent(Some("tx-key"));
    let a = keyed.transmit(&id).await.ok(200);
    let b = keyed.transmit(&id).await.ok(200);
    assert_eq!(
        (a["status"].as_str(), b["status"].as_str()),
        (Some("transmitted"), Some("transmitted"))
    );
    let dash = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dash["total"], 1);
    let tl = marie.api.timeline(&id).await.ok(200);
    assert_eq!(tl.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn simultaneous_retries_with_one_idempotency_key_create_one_dossier() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let (a, b, c) = tokio::join!(
        marie.start_criminal_record(Some("same")),
        marie.start_criminal_record(Some("same")),
        marie.start_criminal_record(Some("same")),
    );
    assert_eq!((&a["id"], &b["id"]), (&c["id"], &c["id"]));
    let dash = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dash["total"], 1);
}
