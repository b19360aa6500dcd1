//! Checking an extract without a camera: the number and the verification code printed under its
//! QR code give its status and the sealed data; a wrong code says no more than an unknown
//! number; guessing is limited per address and per number.

use super::document_status::{Verifier, accept, download, extract_for, number_of, world};
use guichet::config::QuotaConfig;
use guichet_tests::{Resp, TestApp, assert_problem, printed_verification_code};
use serde_json::Value;

fn printed_code(pdf: &[u8]) -> String {
    printed_verification_code(pdf).expect("a verification code printed on the extract")
}

/// The problem without what differs between two requests.
fn comparable(resp: &Resp) -> Value {
    let mut problem = resp.problem();
    let map = problem.as_object_mut().unwrap();
    map.remove("request_id");
    map.remove("instance");
    problem
}

#[tokio::test]
async fn the_printed_code_shows_the_status_and_data_and_a_wrong_code_nothing() {
    let w = world().await;
    accept(&w, &w.dossier).await;
    let extract = extract_for(&w, &w.dossier).await;
    let number = number_of(&extract);
    let pdf = download(&w, &extract).await;
    let code = printed_code(&pdf);

    // The code is part of what the seal binds: the PDF with it verifies as issued.
    let verifier = Verifier::new(&w.app).await;
    verifier.save("extrait.pdf", &pdf);
    assert_eq!(verifier.run("extrait.pdf", false, &[]).await.code, 0);

    // Typed as read aloud: lower case, a space instead of the dash.
    let typed = code.to_lowercase().replace('-', " ");
    let public = w.app.client();
    let resp = public.check_document(&number, &typed).await;
    assert_eq!(resp.header("cache-control"), Some("no-store"));
    let check = resp.ok(200);
    assert_eq!(check["status"], "valid", "{check}");
    let doc = &check["document"];
    assert_eq!(doc["document_number"], number.as_str());
    assert_eq!(doc["family_name"], "Schmit", "{check}");
    assert_eq!(doc["given_names"], "Marie", "{check}");
    assert_eq!(doc["document_type"], "criminal-record-extract");
    assert_eq!(doc["outcome"], "no-entry");

    // A wrong code, a malformed one, an unknown number: the same 404.
    let wrong_code = if code.starts_with('A') {
        "CCCC-CCCC"
    } else {
        "AAAA-AAAA"
    };
    let wrong = public.check_document(&number, wrong_code).await;
    let unknown = public.check_document("0000AAAA", &code).await;
    let malformed = public.check_document(&number, "0000-0000").await;
    for resp in [&wrong, &unknown, &malformed] {
        assert_problem(resp, 404, "not-found");
    }
    assert_eq!(comparable(&wrong), comparable(&unknown));
    assert_eq!(comparable(&malformed), comparable(&unknown));

    // Revoked: the code still answers, now with the status and the reason.
    w.agent
        .api
        .revoke_document_coded(&number, "Erreur de personne", "issued-in-error")
        .await
        .ok(200);
    let check = public.check_document(&number, &code).await.ok(200);
    assert_eq!(check["status"], "revoked");
    assert_eq!(check["reason"], "Erreur de personne");
    assert_eq!(check["document"]["family_name"], "Schmit");
}

#[tokio::test]
async fn guessing_codes_is_limited_per_number_whether_it_exists_or_not() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits.document_check_per_document = QuotaConfig::new(3, 3600);
    })
    .await;
    let client = app.client();
    for _ in 0..3 {
        assert_problem(
            &client.check_document("0A0B0C0D", "AAAA-AAAA").await,
            404,
            "not-found",
        );
    }
    let refused = client.check_document("0A0B0C0D", "AAAA-AAAA").await;
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert!(refused.header("retry-after").is_some());
    // Another number has its own count.
    assert_problem(
        &client.check_document("0A0B0C0E", "AAAA-AAAA").await,
        404,
        "not-found",
    );
}
