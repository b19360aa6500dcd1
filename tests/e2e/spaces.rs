//! The private space: only its holder reads or changes it, and every access is recorded.

use guichet_tests::{Citizen, TestApp, app::problem};
use serde_json::{Value, json};

async fn put_profile(
    app: &TestApp,
    token: Option<&str>,
    space: &str,
    if_match: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut req = app
        .http
        .put(app.url(&format!("/api/v1/spaces/{space}/profile")))
        .json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(m) = if_match {
        req = req.header("if-match", m);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn another_person_never_reads_or_changes_this_space() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let jc = Citizen::jean_claude();
    let marie_token = marie.register(&app).await;
    let jc_token = jc.register(&app).await;
    let space = Citizen::private_space(&app, &marie_token).await;
    let missing = "00000000-0000-0000-0000-000000000000";

    for (who, token) in [
        ("other person", Some(jc_token.as_str())),
        ("no token", None),
    ] {
        for path in [
            format!("/api/v1/spaces/{space}"),
            format!("/api/v1/spaces/{space}/profile"),
            format!("/api/v1/spaces/{space}/access-log"),
        ] {
            let (status, p) = problem(app.get(&path, token).await).await;
            let expected = if token.is_some() { 404 } else { 401 };
            assert_eq!(status, expected, "{who} GET {path}: {p}");
        }
        let resp = put_profile(
            &app,
            token,
            &space,
            None,
            json!({ "email": "thief@example.lu" }),
        )
        .await;
        let (status, _) = problem(resp).await;
        assert!(
            status == 404 || status == 401,
            "{who} PUT profile: {status}"
        );
    }
    // A foreign space answers exactly like a space that does not exist.
    let (_, foreign) = problem(
        app.get(&format!("/api/v1/spaces/{space}/profile"), Some(&jc_token))
            .await,
    )
    .await;
    let (_, absent) = problem(
        app.get(
            &format!("/api/v1/spaces/{missing}/profile"),
            Some(&jc_token),
        )
        .await,
    )
    .await;
    assert_eq!(
        (foreign["type"].clone(), foreign["detail"].clone()),
        (absent["type"].clone(), absent["detail"].clone())
    );

    // Nothing changed, and the log shows only Marie.
    let profile: Value = app
        .get(
            &format!("/api/v1/spaces/{space}/profile"),
            Some(&marie_token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["data"]["email"], marie.email);
    let me: Value = app
        .get("/api/v1/me", Some(&marie_token))
        .await
        .json()
        .await
        .unwrap();
    let log: Value = app
        .get(
            &format!("/api/v1/spaces/{space}/access-log"),
            Some(&marie_token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == me["id"]),
        "{log}"
    );
}

#[tokio::test]
async fn a_registration_token_opens_no_space() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (_, body) = marie.sign_in(&app).await;
    let reg = body["registration_token"].as_str().unwrap();
    let (status, p) = problem(app.get("/api/v1/me", Some(reg)).await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (403, "urn:guichet:problem:registration-pending")
    );
}

#[tokio::test]
async fn the_holder_edits_contact_data_but_not_register_data() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    let space = Citizen::private_space(&app, &token).await;

    let resp = put_profile(
        &app,
        Some(&token),
        &space,
        Some("\"1\""),
        json!({ "email": marie.email, "phone": "+352 621 123 456", "iban": "LU28 0019 4006 4475 0000", "preferred_language": "de", "family_name": "Schmit" }),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"2\"");
    let p: Value = resp.json().await.unwrap();
    assert_eq!(p["data"]["phone"], "+352621123456");
    assert_eq!(p["data"]["iban"], "LU280019400644750000");

    // A stale version is refused rather than overwriting.
    let (status, _) = problem(
        put_profile(
            &app,
            Some(&token),
            &space,
            Some("\"1\""),
            json!({ "email": marie.email }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 412);
    // Register data cannot be changed here.
    let (status, p) = problem(
        put_profile(
            &app,
            Some(&token),
            &space,
            None,
            json!({ "email": marie.email, "family_name": "Dupont" }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            status,
            p["field"].as_str().unwrap(),
            p["reason"].as_str().unwrap()
        ),
        (422, "family_name", "read-only")
    );
    // Bad values name their field.
    let (status, p) = problem(
        put_profile(
            &app,
            Some(&token),
            &space,
            None,
            json!({ "email": marie.email, "iban": "LU29 0019 4006 4475 0000" }),
        )
        .await,
    )
    .await;
    assert_eq!((status, p["field"].as_str().unwrap()), (422, "iban"));

    let log: Value = app
        .get(&format!("/api/v1/spaces/{space}/access-log"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let update = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "profile.update")
        .unwrap();
    assert_eq!(update["detail"], "phone,iban,preferred_language");
}
