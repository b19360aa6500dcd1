//! A revoked document is reported revoked online and still cryptographically valid offline, and
//! `guichet-verify` (run in-process against the real server) says both plainly; a newer extract
//! supersedes the older one; only the issuing administration revokes, and only once.

use guichet::clock::Clock as _;
use guichet_tests::{
    Citizen, TestApp,
    app::problem,
    dossier::{
        agent_token, ccss_agent, justice_agent, ok, transmit_criminal_record,
        transmitted_criminal_record,
    },
};
use serde_json::{Value, json};
use std::{ffi::OsString, time::Duration};
use time::format_description::well_known::Rfc3339;

const FRAUD: &str = "Délivré sur la foi d'une fausse déclaration";

struct World {
    app: TestApp,
    marie: Citizen,
    token: String,
    space: String,
    dossier: String,
    agent: String,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (token, dossier) = transmitted_criminal_record(&app, &marie).await;
    let space = Citizen::private_space(&app, &token).await;
    let agent = agent_token(&app, &justice_agent()).await;
    World {
        app,
        marie,
        token,
        space,
        dossier,
        agent,
    }
}

/// The justice agent takes the dossier up and accepts it.
async fn accept(w: &World, dossier: &str) {
    let path = format!("/api/v1/backoffice/dossiers/{dossier}/status");
    for status in ["in_processing", "accepted"] {
        let body = json!({"status": status, "reason": "Demande complète"});
        ok(w.app.post_json(&path, Some(&w.agent), body).await, 200).await;
    }
}

/// Polls Marie's communications until the extract answering `dossier` is there.
async fn extract_for(w: &World, dossier: &str) -> Value {
    let path = format!("/api/v1/spaces/{}/communications?per_page=100", w.space);
    for _ in 0..300 {
        let page = ok(w.app.get(&path, Some(&w.token)).await, 200).await;
        let found = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["dossier_id"] == dossier && c["kind"] == "criminal-record-extract")
            .cloned();
        if let Some(c) = found {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no extract was issued for dossier {dossier}");
}

/// Marie's communication `id` as she sees it now.
async fn communication(w: &World, id: &str) -> Value {
    let path = format!("/api/v1/spaces/{}/communications/{id}", w.space);
    ok(w.app.get(&path, Some(&w.token)).await, 200).await
}

/// Marie downloads the extract's PDF.
async fn download(w: &World, extract: &Value) -> Vec<u8> {
    let path = format!(
        "/api/v1/spaces/{}/communications/{}/file",
        w.space,
        extract["id"].as_str().unwrap()
    );
    let resp = w.app.get(&path, Some(&w.token)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    resp.bytes().await.unwrap().to_vec()
}

/// The public status of a document number (no token): HTTP status and body.
async fn public_status(app: &TestApp, number: &str) -> (u16, Value) {
    let resp = app
        .get(&format!("/api/v1/public/documents/{number}/status"), None)
        .await;
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn revoke(app: &TestApp, agent: &str, number: &str, reason: &str) -> reqwest::Response {
    app.post_json(
        &format!("/api/v1/backoffice/documents/{number}/revocation"),
        Some(agent),
        json!({ "reason": reason }),
    )
    .await
}

fn number_of(extract: &Value) -> String {
    extract["document_number"].as_str().unwrap().to_string()
}

/// What a person checking the paper holds, as files: the PDF, the trust list and the trust
/// anchor fetched from the well-known URLs, and an empty trust-list cache.
struct Verifier {
    dir: tempfile::TempDir,
    base: String,
    now: String,
}

/// One run of `guichet-verify`.
#[derive(Debug)]
struct Run {
    code: u8,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {self:?}"))
    }
}

impl Verifier {
    async fn new(app: &TestApp) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let list = app.get("/.well-known/guichet/trust-list", None).await;
        assert_eq!(list.status(), 200);
        std::fs::write(
            dir.path().join("trust-list"),
            list.bytes().await.unwrap().as_ref(),
        )
        .unwrap();
        let anchor = app.get("/.well-known/guichet/trust-anchor", None).await;
        assert_eq!(anchor.status(), 200);
        std::fs::write(dir.path().join("anchor"), anchor.text().await.unwrap()).unwrap();
        // Checked as of the server's (fixed) clock, so the test does not depend on the wall clock.
        let now = app.clock.now().format(&Rfc3339).unwrap();
        Self {
            dir,
            base: app.base.clone(),
            now,
        }
    }

    /// Saves a PDF under `name`.
    fn save(&self, name: &str, pdf: &[u8]) {
        std::fs::write(self.dir.path().join(name), pdf).unwrap();
    }

    /// Runs `guichet-verify <file> …` in-process, in English, with `--online <server>` if `online`.
    async fn run(&self, file: &str, online: bool, extra: &[&str]) -> Run {
        let path = |name: &str| self.dir.path().join(name).into_os_string();
        let mut args: Vec<OsString> = vec![
            "guichet-verify".into(),
            path(file),
            "--trust-list".into(),
            path("trust-list"),
            "--anchor".into(),
            path("anchor"),
            "--cache".into(),
            path("cache"),
            "--lang".into(),
            "en".into(),
            "--now".into(),
            self.now.clone().into(),
        ];
        if online {
            args.push(OsString::from("--online"));
            args.push(OsString::from(&self.base));
        }
        args.extend(extra.iter().map(OsString::from));
        // ureq is blocking: keep it off the runtime's threads, which serve the server.
        tokio::task::spawn_blocking(move || {
            let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
            let code = guichet_verifier::cli::run_with(args, &mut stdout, &mut stderr);
            Run {
                code,
                stdout: String::from_utf8(stdout).unwrap(),
                stderr: String::from_utf8(stderr).unwrap(),
            }
        })
        .await
        .unwrap()
    }
}

const VALID: &str = "VALID: the seal is authentic and the document is valid.";
const ONLINE_VALID: &str =
    "Online: the issuer confirms the document is neither revoked nor superseded.";
const AUTHENTIC_OFFLINE: &str =
    "Offline, the seal is cryptographically valid: it was signed by the issuer and not altered.";

#[tokio::test]
async fn a_revoked_extract_is_revoked_online_and_still_authentic_offline() {
    let w = world().await;
    accept(&w, &w.dossier).await;
    let extract = extract_for(&w, &w.dossier).await;
    let number = number_of(&extract);
    let verifier = Verifier::new(&w.app).await;
    verifier.save("extrait.pdf", &download(&w, &extract).await);

    // Before: valid, offline and online.
    let run = verifier.run("extrait.pdf", true, &[]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(VALID), "{run:?}");
    assert!(run.stdout.contains(ONLINE_VALID), "{run:?}");
    assert!(run.stdout.contains(&number), "{run:?}");

    // An agent of another administration cannot revoke it: not found, and nothing changes.
    let ccss = agent_token(&w.app, &ccss_agent()).await;
    let (status, p) = problem(revoke(&w.app, &ccss, &number, FRAUD).await).await;
    assert_eq!(
        (status, p["type"].as_str().unwrap()),
        (404, "urn:guichet:problem:not-found"),
        "{p}"
    );
    assert_eq!(
        public_status(&w.app, &number).await,
        (
            200,
            json!({"status": "valid", "reason": null, "superseded_by": null})
        )
    );
    let id = extract["id"].as_str().unwrap();
    assert_eq!(communication(&w, id).await["status"], "valid");

    // The issuing administration revokes it, with a reason.
    let revoked = ok(revoke(&w.app, &w.agent, &number, FRAUD).await, 200).await;
    assert_eq!(revoked["status"], "revoked", "{revoked}");
    assert_eq!(revoked["revoked_reason"], FRAUD, "{revoked}");
    assert_eq!(revoked["document_number"], number.as_str());
    assert_eq!(
        public_status(&w.app, &number).await,
        (
            200,
            json!({"status": "revoked", "reason": FRAUD, "superseded_by": null})
        )
    );
    let seen = communication(&w, id).await;
    assert_eq!(
        (&seen["status"], &seen["revoked_reason"]),
        (&json!("revoked"), &json!(FRAUD))
    );

    // Online: revoked, with the reason, and the seal is still said to be authentic.
    let run = verifier.run("extrait.pdf", true, &[]).await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.starts_with("REVOKED"), "{run:?}");
    assert!(run.stdout.contains(FRAUD), "{run:?}");
    assert!(run.stdout.contains(AUTHENTIC_OFFLINE), "{run:?}");
    assert!(!run.stdout.contains(VALID), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");

    // Offline, nothing can tell: valid, and the report says the status was not asked.
    let run = verifier.run("extrait.pdf", false, &[]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(VALID), "{run:?}");
    assert!(
        run.stdout.contains("Online status not asked (--online)"),
        "{run:?}"
    );

    // The same for machines.
    let run = verifier.run("extrait.pdf", true, &["--json"]).await;
    assert_eq!(run.code, 2, "{run:?}");
    let report = run.json();
    assert_eq!(report["verdict"], "invalid", "{report}");
    assert_eq!(report["reason"], "revoked", "{report}");
    assert_eq!(report["exit_code"], 2);
    assert_eq!(report["offline"]["verdict"], "valid", "{report}");
    assert_eq!(report["seal_authentic"], true);
    assert_eq!(report["content_binding"], "checked", "{report}");
    assert_eq!(
        report["online"],
        json!({"status": "revoked", "reason": FRAUD, "superseded_by": null})
    );
    assert_eq!(report["claims"]["document_id"], number.as_str());
    let run = verifier.run("extrait.pdf", false, &["--json"]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["verdict"], "valid");
    assert_eq!(run.json()["online"], Value::Null);

    // Revoking twice is a conflict; the first reason stays.
    let (status, p) = problem(revoke(&w.app, &w.agent, &number, "encore").await).await;
    assert_eq!(status, 409, "{p}");
    assert_eq!(public_status(&w.app, &number).await.1["reason"], FRAUD);
}

#[tokio::test]
async fn unknown_numbers_are_not_found() {
    let w = world().await;
    accept(&w, &w.dossier).await;
    let number = number_of(&extract_for(&w, &w.dossier).await);
    let unknown = if number == "0000AAAA" {
        "0000BBBB"
    } else {
        "0000AAAA"
    };
    for n in [unknown, "not-a-number", "0000AAAA0000"] {
        let resp = w
            .app
            .get(&format!("/api/v1/public/documents/{n}/status"), None)
            .await;
        let (status, p) = problem(resp).await;
        assert_eq!(
            (status, p["type"].as_str().unwrap()),
            (404, "urn:guichet:problem:not-found"),
            "{n}: {p}"
        );
        let (status, _) = problem(revoke(&w.app, &w.agent, n, FRAUD).await).await;
        assert_eq!(status, 404, "{n}");
    }
    // Without a back-office token, no revocation at all.
    let resp = w
        .app
        .post_json(
            &format!("/api/v1/backoffice/documents/{number}/revocation"),
            Some(&w.token),
            json!({"reason": FRAUD}),
        )
        .await;
    assert_eq!(problem(resp).await.0, 401);
    assert_eq!(public_status(&w.app, &number).await.1["status"], "valid");
}

#[tokio::test]
async fn a_second_extract_supersedes_the_first() {
    let w = world().await;
    accept(&w, &w.dossier).await;
    let first = extract_for(&w, &w.dossier).await;
    let first_number = number_of(&first);
    let verifier = Verifier::new(&w.app).await;
    verifier.save("first.pdf", &download(&w, &first).await);

    let second_dossier = transmit_criminal_record(&w.app, &w.marie, &w.token).await;
    accept(&w, &second_dossier).await;
    let second = extract_for(&w, &second_dossier).await;
    let second_number = number_of(&second);
    assert_ne!(first_number, second_number);
    verifier.save("second.pdf", &download(&w, &second).await);

    assert_eq!(
        public_status(&w.app, &first_number).await,
        (
            200,
            json!({"status": "superseded", "reason": null, "superseded_by": second_number})
        )
    );
    assert_eq!(
        public_status(&w.app, &second_number).await.1["status"],
        "valid"
    );
    let seen = communication(&w, first["id"].as_str().unwrap()).await;
    assert_eq!(seen["status"], "superseded");
    assert_eq!(seen["superseded_by"], second_number.as_str());
    assert_eq!(second["status"], "valid");

    let run = verifier.run("first.pdf", true, &[]).await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.starts_with("SUPERSEDED"), "{run:?}");
    assert!(run.stdout.contains(&second_number), "{run:?}");
    assert!(run.stdout.contains(AUTHENTIC_OFFLINE), "{run:?}");
    let run = verifier.run("first.pdf", true, &["--json"]).await;
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.json()["reason"], "superseded");
    assert_eq!(
        run.json()["online"]["superseded_by"],
        second_number.as_str()
    );

    let run = verifier.run("second.pdf", true, &[]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains(ONLINE_VALID), "{run:?}");
}
