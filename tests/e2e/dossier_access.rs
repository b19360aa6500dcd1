//! The authorization matrix: every dossier, attachment, message and back-office endpoint, tried by
//! another person, an agent of another administration and without a token, is refused, and the
//! answer is the same as for an object that does not exist.

use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    dossier::{agent_token, call, ccss_agent, ok, transmitted_criminal_record},
};
use reqwest::Method;
use serde_json::{Value, json};

fn endpoints(dossier: &str, attachment: &str) -> Vec<(Method, String, Option<Value>)> {
    let d = format!("/api/v1/dossiers/{dossier}");
    let b = format!("/api/v1/backoffice/dossiers/{dossier}");
    let text = Some(json!({"text": "hello"}));
    vec![
        (Method::GET, d.clone(), None),
        (
            Method::PUT,
            format!("{d}/steps/request"),
            Some(json!({"values": {"copies": 2}})),
        ),
        (Method::GET, format!("{d}/validation"), None),
        (Method::GET, format!("{d}/signing-document"), None),
        (
            Method::POST,
            format!("{d}/signature"),
            Some(json!({"certificate": "x", "signature": "eA=="})),
        ),
        (Method::POST, format!("{d}/transmission"), None),
        (Method::POST, format!("{d}/withdrawal"), text.clone()),
        (Method::POST, format!("{d}/answer"), text.clone()),
        (Method::GET, format!("{d}/timeline"), None),
        (Method::GET, format!("{d}/attachments"), None),
        (Method::GET, format!("{d}/attachments/{attachment}"), None),
        (
            Method::DELETE,
            format!("{d}/attachments/{attachment}"),
            None,
        ),
        (Method::GET, format!("{d}/messages"), None),
        (
            Method::GET,
            format!("{d}/messages/{attachment}/attachments/{attachment}"),
            None,
        ),
        (
            Method::POST,
            format!("{d}/uploads"),
            Some(
                json!({"field": "identity_document", "filename": "a.pdf", "media_type": "application/pdf", "size": 10, "sha256": "0".repeat(64)}),
            ),
        ),
        (Method::GET, format!("{d}/uploads/{attachment}"), None),
        (
            Method::POST,
            format!("{d}/uploads/{attachment}/completion"),
            None,
        ),
        (Method::POST, format!("{d}/messages"), text.clone()),
        (Method::GET, b.clone(), None),
        (Method::POST, format!("{b}/take"), None),
        (
            Method::POST,
            format!("{b}/status"),
            Some(json!({"status": "rejected", "reason": "no"})),
        ),
        (Method::GET, format!("{b}/timeline"), None),
        (Method::GET, format!("{b}/attachments"), None),
        (Method::GET, format!("{b}/attachments/{attachment}"), None),
        (Method::GET, format!("{b}/messages"), None),
        (
            Method::GET,
            format!("{b}/messages/{attachment}/attachments/{attachment}"),
            None,
        ),
        (Method::POST, format!("{b}/messages"), text),
    ]
}

#[tokio::test]
async fn nobody_else_reaches_a_dossier_and_no_answer_reveals_it_exists() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (marie_token, id) = transmitted_criminal_record(&app, &marie).await;
    let files = ok(
        app.get(
            &format!("/api/v1/dossiers/{id}/attachments"),
            Some(&marie_token),
        )
        .await,
        200,
    )
    .await;
    let attachment = files[0]["id"].as_str().unwrap().to_string();
    let jc = Citizen::jean_claude();
    let jc_token = jc.register(&app).await;
    let other_agency = agent_token(&app, &ccss_agent()).await;
    let missing = "01900000-0000-7000-8000-000000000000";

    let callers = [
        ("another person", Some(jc_token.as_str())),
        (
            "agent of another administration",
            Some(other_agency.as_str()),
        ),
        ("no token", None),
    ];
    for (who, token) in callers {
        let real = endpoints(&id, &attachment);
        let fake = endpoints(missing, missing);
        for ((method, path, body), (_, fake_path, _)) in real.into_iter().zip(fake) {
            let resp = call(&app, method.clone(), &path, token, body.clone(), &[]).await;
            let (status, p) = problem(resp).await;
            assert!(
                status == 404 || status == 401,
                "{who} {method} {path}: {status} {p}"
            );
            let (fake_status, fp) =
                problem(call(&app, method.clone(), &fake_path, token, body, &[]).await).await;
            assert_eq!(
                (status, &p["type"], &p["detail"]),
                (fake_status, &fp["type"], &fp["detail"]),
                "{who} {method} {path}"
            );
        }
        // Nor does anyone else see the space's dashboard or start a dossier in it.
        let space = Citizen::private_space(&app, &marie_token).await;
        let (status, _) = problem(
            app.get(&format!("/api/v1/spaces/{space}/dossiers"), token)
                .await,
        )
        .await;
        assert!(status == 404 || status == 401, "{who}");
        let (status, _) = problem(
            app.post_json(
                &format!("/api/v1/spaces/{space}/dossiers"),
                token,
                json!({"procedure_id": "change-of-address"}),
            )
            .await,
        )
        .await;
        assert!(status == 404 || status == 401, "{who}");
    }
    // The other administration's list does not show it; a citizen token is no back-office token.
    let list = ok(
        app.get("/api/v1/backoffice/dossiers", Some(&other_agency))
            .await,
        200,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    let (status, _) = problem(
        app.get("/api/v1/backoffice/dossiers", Some(&jc_token))
            .await,
    )
    .await;
    assert_eq!(status, 401);
    // And nothing changed for the holder.
    let d = ok(
        app.get(&format!("/api/v1/dossiers/{id}"), Some(&marie_token))
            .await,
        200,
    )
    .await;
    assert_eq!(d["status"], "transmitted");
    let msgs = ok(
        app.get(
            &format!("/api/v1/dossiers/{id}/messages"),
            Some(&marie_token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(msgs.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn only_configured_agents_sign_in_to_the_back_office() {
    let app = TestApp::spawn().await;
    let jc = Citizen::jean_claude();
    jc.register(&app).await;
    let c = Citizen::challenge(&app).await;
    let body = Citizen::signed(
        &c,
        &jc.creds.authentication.cert_pem,
        &jc.creds.authentication.key_pem,
    );
    let (status, _) = problem(app.post_json("/api/v1/backoffice/signin", None, body).await).await;
    assert_eq!(status, 401);
    // An agent's token opens no citizen endpoint.
    let agent = agent_token(&app, &ccss_agent()).await;
    let (status, _) = problem(app.get("/api/v1/me", Some(&agent)).await).await;
    assert_eq!(status, 401);
}
