//! Text a person sends: control characters, noncharacters and bidirectional overrides are refused
//! with 422 naming the field and change nothing; what is kept is in NFC. The same on SQLite and
//! PostgreSQL (which cannot store U+0000 at all, and once answered such a filename with 500).

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet::domain::dossiers::attachment::sha256_hex;
use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    dossier::{
        agent_token, call, justice_agent, ok, pdf, start_criminal_record,
        transmitted_criminal_record,
    },
    push_service::Device,
};
use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

/// Where the value goes in the template.
const V: &str = "⟨value⟩";

/// Refused in every field.
const ANYWHERE: [(&str, &str); 3] = [
    ("NUL", "carte\u{0}.pdf"),
    ("C1 control NEL", "carte\u{85}.pdf"),
    ("DEL", "carte\u{7f}.pdf"),
];

/// Refused in one-line fields and file names only.
const ONE_LINE: [(&str, &str); 3] = [
    ("bidi override", "invoice\u{202E}fdp.exe"),
    ("line break", "carte\n.pdf"),
    ("tab", "carte\t.pdf"),
];

/// One operation that takes text, and how to see that it stored nothing.
struct Case {
    name: &'static str,
    method: Method,
    path: String,
    token: String,
    /// JSON body with [`V`] where the text goes; `None`: the value is the `filename` query
    /// parameter of a raw PDF upload.
    body: Option<Value>,
    headers: Vec<(&'static str, String)>,
    field: &'static str,
    multi_line: bool,
    /// A read (path, token) whose answer must not change.
    read: (String, String),
}

fn fill(template: &Value, value: &str) -> Value {
    match template {
        Value::String(s) if s == V => Value::String(value.to_string()),
        Value::Array(a) => Value::Array(a.iter().map(|v| fill(v, value)).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), fill(v, value))).collect())
        }
        other => other.clone(),
    }
}

async fn send(app: &TestApp, case: &Case, value: &str) -> reqwest::Response {
    match &case.body {
        Some(template) => {
            let headers: Vec<(&str, &str)> =
                case.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(
                app,
                case.method.clone(),
                &case.path,
                Some(&case.token),
                Some(fill(template, value)),
                &headers,
            )
            .await
        }
        None => app
            .http
            .request(case.method.clone(), app.url(&case.path))
            .query(&[
                ("field", "identity_document"),
                ("filename", value),
                ("media_type", "application/pdf"),
            ])
            .bearer_auth(&case.token)
            .header("content-type", "application/octet-stream")
            .body(pdf(1000))
            .send()
            .await
            .unwrap(),
    }
}

async fn read(app: &TestApp, (path, token): &(String, String)) -> Value {
    ok(app.get(path, Some(token)).await, 200).await
}

async fn uploads(app: &TestApp) -> u64 {
    guichet::store::entities::uploads::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap()
}

/// Every operation that takes text from a person or an agent.
async fn cases(app: &TestApp) -> Vec<Case> {
    let marie = Citizen::marie();
    let (token, sent) = transmitted_criminal_record(app, &marie).await;
    let space = Citizen::private_space(app, &token).await;
    let draft = start_criminal_record(app, &token, None).await;
    let draft = draft["id"].as_str().unwrap().to_string();
    let agent = agent_token(app, &justice_agent()).await;
    let bo = format!("/api/v1/backoffice/dossiers/{sent}");
    let holder = |path: &str| (path.to_string(), token.clone());
    let pdf64 = STANDARD.encode(pdf(1000));
    let file = pdf(1000);
    let mut device = Device::new("phone", "https://push.example.org/send/1").subscription_json();
    device["label"] = json!(V);
    let c = |name, method, path: String, tok: &str, body, field, multi_line, read| Case {
        name,
        method,
        path,
        token: tok.to_string(),
        body,
        headers: Vec::new(),
        field,
        multi_line,
        read,
    };
    let mut profile = c(
        "profile telephone",
        Method::PUT,
        format!("/api/v1/spaces/{space}/profile"),
        &token,
        Some(json!({"email": marie.email, "phone": V})),
        "phone",
        false,
        holder(&format!("/api/v1/spaces/{space}/profile")),
    );
    profile.headers.push(("if-match", "\"1\"".to_string()));
    vec![
        c(
            "attachment file name",
            Method::POST,
            format!("/api/v1/dossiers/{draft}/attachments"),
            &token,
            None,
            "filename",
            false,
            holder(&format!("/api/v1/dossiers/{draft}/attachments")),
        ),
        c(
            "resumable upload file name",
            Method::POST,
            format!("/api/v1/dossiers/{draft}/uploads"),
            &token,
            Some(
                json!({"field": "identity_document", "filename": V, "media_type": "application/pdf", "size": file.len(), "sha256": sha256_hex(&file)}),
            ),
            "filename",
            false,
            holder(&format!("/api/v1/dossiers/{draft}/attachments")),
        ),
        c(
            "form value",
            Method::PUT,
            format!("/api/v1/dossiers/{draft}/steps/applicant"),
            &token,
            Some(json!({"values": {"phone": V}})),
            "phone",
            false,
            holder(&format!("/api/v1/dossiers/{draft}")),
        ),
        c(
            "form value inside an object",
            Method::PUT,
            format!("/api/v1/dossiers/{draft}/steps/applicant"),
            &token,
            Some(json!({"values": {"address": {"street": V}}})),
            "address/street",
            false,
            holder(&format!("/api/v1/dossiers/{draft}")),
        ),
        profile,
        c(
            "push device label",
            Method::POST,
            "/api/v1/push/subscriptions".into(),
            &token,
            Some(device),
            "label",
            false,
            holder("/api/v1/push/subscriptions"),
        ),
        c(
            "message file name",
            Method::POST,
            format!("/api/v1/dossiers/{sent}/messages"),
            &token,
            Some(
                json!({"text": "Voici.", "attachments": [{"filename": V, "media_type": "application/pdf", "content_base64": pdf64}]}),
            ),
            "attachments/0/filename",
            false,
            holder(&format!("/api/v1/dossiers/{sent}/messages")),
        ),
        c(
            "message text",
            Method::POST,
            format!("/api/v1/dossiers/{sent}/messages"),
            &token,
            Some(json!({"text": V})),
            "text",
            true,
            holder(&format!("/api/v1/dossiers/{sent}/messages")),
        ),
        c(
            "agent's message text",
            Method::POST,
            format!("{bo}/messages"),
            &agent,
            Some(json!({"text": V})),
            "text",
            true,
            (format!("{bo}/messages"), agent.clone()),
        ),
        c(
            "agent's decision reason",
            Method::POST,
            format!("{bo}/status"),
            &agent,
            Some(json!({"status": "information_requested", "reason": V})),
            "reason",
            true,
            (format!("{bo}/timeline"), agent.clone()),
        ),
        c(
            "letter title",
            Method::POST,
            format!("{bo}/communications"),
            &agent,
            Some(json!({"title": V, "body": "Madame,\n\nVeuillez trouver."})),
            "title",
            false,
            (format!("{bo}/communications"), agent.clone()),
        ),
        c(
            "letter text",
            Method::POST,
            format!("{bo}/communications"),
            &agent,
            Some(json!({"title": "Codes", "body": V})),
            "body",
            true,
            (format!("{bo}/communications"), agent.clone()),
        ),
        c(
            "paper request form value",
            Method::POST,
            "/api/v1/backoffice/paper-requests".into(),
            &agent,
            Some(
                json!({"procedure_id": "criminal-record-extract", "matricule": marie.matricule, "data": {"purpose": V, "copies": 1}}),
            ),
            "data/purpose",
            false,
            ("/api/v1/backoffice/dossiers".into(), agent.clone()),
        ),
    ]
}

#[tokio::test]
async fn every_text_input_refuses_control_characters_naming_the_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let cases = cases(&app).await;
    for case in &cases {
        let bad = ANYWHERE.iter().chain(if case.multi_line {
            &[][..]
        } else {
            &ONE_LINE[..]
        });
        for (what, value) in bad {
            let before = read(&app, &case.read).await;
            let uploads_before = uploads(&app).await;
            let resp = send(&app, case, value).await;
            let (status, p) = problem(resp).await;
            assert_eq!(
                (status, p["field"].as_str(), p["reason"].as_str()),
                (422, Some(case.field), Some("characters")),
                "{}: {what}: {p}",
                case.name
            );
            assert_eq!(
                read(&app, &case.read).await,
                before,
                "{}: {what}",
                case.name
            );
            assert_eq!(uploads(&app).await, uploads_before, "{}: {what}", case.name);
        }
    }
}

#[tokio::test]
async fn registration_email_with_a_control_character_is_refused_in_the_users_language() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (status, body) = marie.sign_in(&app).await;
    assert_eq!(status, 202, "{body}");
    let reg = body["registration_token"].as_str().unwrap();
    for (what, value) in ANYWHERE.iter().chain(&ONE_LINE) {
        let email = format!("marie{value}@example.lu");
        let resp = app
            .http
            .post(app.url("/api/v1/registrations"))
            .bearer_auth(reg)
            .header("accept-language", "de")
            .json(&json!({"email": email, "matricule": marie.matricule}))
            .send()
            .await
            .unwrap();
        let (status, p) = problem(resp).await;
        assert_eq!(
            (status, p["field"].as_str(), p["reason"].as_str()),
            (422, Some("email"), Some("characters")),
            "{what}: {p}"
        );
        assert_eq!(p["title"], "Unzulässige Zeichen", "{what}");
    }
    // Nothing was started: no mail left for Marie.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.smtp.mails().is_empty());
}

#[tokio::test]
async fn text_is_kept_in_nfc_and_line_breaks_stay_where_text_has_lines() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (token, sent) = transmitted_criminal_record(&app, &marie).await;
    let draft = start_criminal_record(&app, &token, None).await;
    let draft = draft["id"].as_str().unwrap();
    let decomposed = "Ecole Rene\u{301}e";
    let composed = "Ecole Renée";

    // A file name sent decomposed is listed composed.
    let case = Case {
        name: "attachment",
        method: Method::POST,
        path: format!("/api/v1/dossiers/{draft}/attachments"),
        token: token.clone(),
        body: None,
        headers: Vec::new(),
        field: "filename",
        multi_line: false,
        read: (String::new(), String::new()),
    };
    ok(send(&app, &case, &format!("{decomposed}.pdf")).await, 201).await;
    let files = ok(
        app.get(
            &format!("/api/v1/dossiers/{draft}/attachments"),
            Some(&token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(files[0]["filename"], format!("{composed}.pdf"), "{files}");

    // A form value (kept in the draft although it is no telephone number), too.
    let d = ok(
        call(
            &app,
            Method::PUT,
            &format!("/api/v1/dossiers/{draft}/steps/applicant"),
            Some(&token),
            Some(json!({"values": {"phone": decomposed}})),
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(d["dossier"]["data"]["phone"], composed, "{d}");

    // A message keeps its lines and its right-to-left marks, composed.
    let text = format!("Bonjour,\r\n\t{decomposed}\n\u{202B}مرحبا\u{202C}");
    ok(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/dossiers/{sent}/messages"),
            Some(&token),
            Some(json!({"text": text})),
            &[],
        )
        .await,
        200,
    )
    .await;
    let msgs = ok(
        app.get(&format!("/api/v1/dossiers/{sent}/messages"), Some(&token))
            .await,
        200,
    )
    .await;
    let last = msgs.as_array().unwrap().last().unwrap();
    assert_eq!(
        last["text"],
        format!("Bonjour,\r\n\t{composed}\n\u{202B}مرحبا\u{202C}")
    );
}

#[tokio::test]
async fn identifiers_and_filters_in_the_url_with_control_characters_are_refused_naming_them() {
    let app = TestApp::spawn().await;
    let token = Citizen::marie().register(&app).await;
    let space = Citizen::private_space(&app, &token).await;
    for (path, field) in [
        ("/api/v1/dossiers/d%00".to_string(), "path"),
        ("/api/v1/procedures?q=casier%00".to_string(), "q"),
        (
            format!("/api/v1/spaces/{space}/dossiers?status=draft%C2%85"),
            "status",
        ),
        (
            format!("/api/v1/spaces/{space}/dossiers?status=%E2%80%AEdraft"),
            "status",
        ),
    ] {
        let (status, p) = problem(app.get(&path, Some(&token)).await).await;
        assert_eq!(
            (status, p["field"].as_str(), p["reason"].as_str()),
            (422, Some(field), Some("characters")),
            "{path}: {p}"
        );
    }
}
