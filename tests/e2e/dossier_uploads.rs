//! Large files over a flaky connection: chunks at the server's offset, resumption, digest check.

use guichet::domain::dossiers::attachment::sha256_hex;
use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    dossier::{call, ok, pdf, start_criminal_record},
};
use reqwest::Method;
use serde_json::json;

async fn chunk(
    app: &TestApp,
    token: &str,
    path: &str,
    offset: usize,
    bytes: &[u8],
) -> reqwest::Response {
    app.http
        .put(app.url(&format!("{path}?offset={offset}")))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_large_file_arrives_in_chunks_and_resumes_after_a_lost_answer() {
    let app = TestApp::spawn().await;
    let token = Citizen::marie().register(&app).await;
    let d = start_criminal_record(&app, &token, None).await;
    let id = d["id"].as_str().unwrap();
    let file = pdf(400_000);
    let announce = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": file.len(), "sha256": sha256_hex(&file)});
    let up = ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{id}/uploads"),
            Some(&token),
            Some(announce),
            &[],
        )
        .await,
        201,
    )
    .await;
    let path = format!(
        "/api/v1/dossiers/{id}/uploads/{}",
        up["id"].as_str().unwrap()
    );
    let size = up["chunk_bytes"].as_u64().unwrap() as usize;

    let first = ok(chunk(&app, &token, &path, 0, &file[..size]).await, 200).await;
    assert_eq!(first["received"], size);
    // The answer was lost: the phone sends the same chunk again and is told where to resume.
    let (status, p) = problem(chunk(&app, &token, &path, 0, &file[..size]).await).await;
    assert_eq!(
        (status, p["type"].as_str()),
        (409, Some("urn:guichet:problem:upload-offset"))
    );
    assert!(
        p["detail"].as_str().unwrap().contains(&size.to_string()),
        "{p}"
    );
    let at = ok(app.get(&path, Some(&token)).await, 200).await;
    assert_eq!(at["received"], size);
    ok(chunk(&app, &token, &path, size, &file[size..]).await, 200).await;

    let done = ok(
        call(
            &app,
            Method::POST,
            &format!("{path}/completion"),
            Some(&token),
            None,
            &[],
        )
        .await,
        201,
    )
    .await;
    assert_eq!(done["sha256"], sha256_hex(&file));
    assert_eq!(done["size"], 400_000);
    let listed = ok(
        app.get(&format!("/api/v1/dossiers/{id}/attachments"), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_upload_beyond_the_limit_or_with_another_digest_is_refused() {
    let app = TestApp::spawn().await;
    let token = Citizen::marie().register(&app).await;
    let d = start_criminal_record(&app, &token, None).await;
    let id = d["id"].as_str().unwrap();
    let uploads = format!("/api/v1/dossiers/{id}/uploads");
    let too_big = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": 524_289, "sha256": "0".repeat(64)});
    let (status, p) = problem(
        call(
            &app,
            Method::POST,
            &uploads,
            Some(&token),
            Some(too_big),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["field"].as_str()),
        (413, Some("identity_document"))
    );

    let file = pdf(1000);
    let wrong = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": 1000, "sha256": sha256_hex(b"something else")});
    let up = ok(
        call(&app, Method::POST, &uploads, Some(&token), Some(wrong), &[]).await,
        201,
    )
    .await;
    let path = format!("{uploads}/{}", up["id"].as_str().unwrap());
    ok(chunk(&app, &token, &path, 0, &file).await, 200).await;
    let (status, p) = problem(
        call(
            &app,
            Method::POST,
            &format!("{path}/completion"),
            Some(&token),
            None,
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, p["type"].as_str()),
        (422, Some("urn:guichet:problem:upload-digest-mismatch"))
    );
}
