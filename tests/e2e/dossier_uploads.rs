//! Large files over a flaky connection: chunks at the server's offset, resumption, digest check.

use guichet::domain::dossiers::attachment::sha256_hex;
use guichet_tests::{Person, TestApp, assert_problem, dossier::pdf};
use serde_json::json;

#[tokio::test]
async fn a_large_file_arrives_in_chunks_and_resumes_after_a_lost_answer() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let api = &marie.api;
    let d = marie.start_criminal_record(None).await;
    let id = d["id"].as_str().unwrap();
    let file = pdf(400_000);
    let announce = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": file.len(), "sha256": sha256_hex(&file)});
    let up = api.announce_upload(id, announce).await.ok(201);
    let upload = up["id"].as_str().unwrap();
    let size = up["chunk_bytes"].as_u64().unwrap() as usize;

    let first = api.send_chunk(id, upload, 0, &file[..size]).await.ok(200);
    assert_eq!(first["received"], size);
    // The answer was lost: the phone sends the same chunk again and is told where to resume.
    let resp = api.send_chunk(id, upload, 0, &file[..size]).await;
    let p = assert_problem(&resp, 409, "upload-offset");
    assert!(
        p["detail"].as_str().unwrap().contains(&size.to_string()),
        "{p}"
    );
    let at = api.upload_progress(id, upload).await.ok(200);
    assert_eq!(at["received"], size);
    api.send_chunk(id, upload, size, &file[size..])
        .await
        .ok(200);

    let done = api.complete_upload(id, upload).await.ok(201);
    assert_eq!(done["sha256"], sha256_hex(&file));
    assert_eq!(done["size"], 400_000);
    let listed = api.attachments(id).await.ok(200);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let bytes = api
        .attachment(id, done["id"].as_str().unwrap())
        .await
        .expect(200);
    assert_eq!(bytes.body, file);
}

#[tokio::test]
async fn an_upload_beyond_the_limit_or_with_another_digest_is_refused() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let api = &marie.api;
    let d = marie.start_criminal_record(None).await;
    let id = d["id"].as_str().unwrap();
    let too_big = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": 524_289, "sha256": "0".repeat(64)});
    let p = assert_problem(
        &api.announce_upload(id, too_big).await,
        413,
        "file-too-large",
    );
    assert_eq!(p["field"], "identity_document");

    let file = pdf(1000);
    let wrong = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": 1000, "sha256": sha256_hex(b"something else")});
    let up = api.announce_upload(id, wrong).await.ok(201);
    let upload = up["id"].as_str().unwrap();
    api.send_chunk(id, upload, 0, &file).await.ok(200);
    let resp = api.complete_upload(id, upload).await;
    assert_problem(&resp, 422, "upload-digest-mismatch");
    // Nothing was attached.
    assert_eq!(api.attachments(id).await.ok(200), json!([]));
}
