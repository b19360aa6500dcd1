//! The private space: only its holder reads or changes it, and every access is recorded.

use guichet_tests::{Agent, Citizen, Client, Person, Resp, TestApp, assert_problem};
use serde_json::json;

/// Every space operation on `space`, as `caller` (the `refusals` matrix covers them all too).
async fn space_calls(caller: &Client, space: &str) -> Vec<Resp> {
    vec![
        caller.space(space).await,
        caller.profile(space).await,
        caller.access_log(space).await,
        caller
            .update_profile(space, None, json!({ "email": "thief@example.lu" }))
            .await,
    ]
}

#[tokio::test]
async fn another_person_never_reads_or_changes_this_space() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let jc = Person::jean_claude(&app).await;
    let agent = Agent::justice(&app).await;
    let missing = "00000000-0000-0000-0000-000000000000";
    let before = marie.api.profile(&marie.space).await.ok(200);

    for (who, caller, status, kind) in [
        ("other person", &jc.api, 404, "not-found"),
        ("agent", &agent.api, 401, "unauthenticated"),
        ("no token", &app.client(), 401, "unauthenticated"),
    ] {
        let real = space_calls(caller, &marie.space).await;
        let absent = space_calls(caller, missing).await;
        for (real, absent) in real.iter().zip(&absent) {
            let p = assert_problem(real, status, kind);
            // A foreign space answers exactly like a space that does not exist.
            let q = assert_problem(absent, status, kind);
            assert_eq!(
                (&p["title"], &p["detail"]),
                (&q["title"], &q["detail"]),
                "{who} {} {}",
                real.method,
                real.path
            );
        }
    }

    // Nothing changed, and the log shows only Marie.
    assert_eq!(marie.api.profile(&marie.space).await.ok(200), before);
    let log = marie.api.access_log(&marie.space).await.ok(200);
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == marie.id.as_str()),
        "{log}"
    );
}

#[tokio::test]
async fn a_registration_token_opens_no_space() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (_, body) = marie.sign_in(&app).await;
    let reg = app
        .client()
        .with_token(body["registration_token"].as_str().unwrap());
    assert_problem(&reg.me().await, 403, "registration-pending");
}

#[tokio::test]
async fn the_holder_edits_contact_data_but_not_register_data() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let (api, space, email) = (&marie.api, &marie.space, &marie.citizen.email);

    let resp = api
        .update_profile(
            space,
            Some("\"1\""),
            json!({ "email": email, "phone": "+352 621 123 456", "iban": "LU28 0019 4006 4475 0000", "preferred_language": "de", "family_name": "Schmit" }),
        )
        .await
        .expect(200);
    assert_eq!(resp.header("etag"), Some("\"2\""));
    let p = resp.json();
    assert_eq!(p["data"]["phone"], "+352621123456");
    assert_eq!(p["data"]["iban"], "LU280019400644750000");
    let saved = api.profile(space).await.ok(200);

    // A stale version is refused rather than overwriting.
    let resp = api
        .update_profile(space, Some("\"1\""), json!({ "email": email }))
        .await;
    assert_problem(&resp, 412, "version-mismatch");
    // Register data cannot be changed here.
    let resp = api
        .update_profile(
            space,
            None,
            json!({ "email": email, "family_name": "Dupont" }),
        )
        .await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("family_name"), Some("read-only"))
    );
    // Bad values name their field.
    let resp = api
        .update_profile(
            space,
            None,
            json!({ "email": email, "iban": "LU29 0019 4006 4475 0000" }),
        )
        .await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(p["field"], "iban");
    // None of the refusals changed anything.
    assert_eq!(api.profile(space).await.ok(200), saved);

    let log = api.access_log(space).await.ok(200);
    let update = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "profile.update")
        .unwrap();
    assert_eq!(update["detail"], "phone,iban,preferred_language");
}
