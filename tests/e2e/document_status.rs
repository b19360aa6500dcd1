//! A revoked document is reported revoked online and still cryptographically valid offline, and
//! `guichet-verify` (run in-process against the real server) says both plainly; a newer extract
//! supersedes the older one; only the issuing administration revokes, and only once.

use guichet::clock::Clock as _;
use guichet_tests::{Agent, Person, Resp, TestApp, assert_problem};
use serde_json::{Value, json};
use std::{ffi::OsString, time::Duration};
use time::format_description::well_known::Rfc3339;

const FRAUD: &str = "Délivré sur la foi d'une fausse déclaration";

pub(crate) struct World {
    pub app: TestApp,
    pub marie: Person,
    pub dossier: String,
    pub agent: Agent,
}

pub(crate) async fn world() -> World {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let dossier = marie.transmit_criminal_record().await;
    let agent = Agent::justice(&app).await;
    World {
        app,
        marie,
        dossier,
        agent,
    }
}

/// The justice agent takes the dossier up and accepts it.
pub(crate) async fn accept(w: &World, dossier: &str) {
    for status in ["in_processing", "accepted"] {
        w.agent
            .api
            .decide(dossier, status, Some("Demande complète"))
            .await
            .ok(200);
    }
}

/// Polls Marie's communications until the extract answering `dossier` is there.
pub(crate) async fn extract_for(w: &World, dossier: &str) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let page = w
            .marie
            .api
            .communications_with(&w.marie.space, &[("per_page", "100")])
            .await
            .ok(200);
        let found = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["dossier_id"] == dossier && c["kind"] == "criminal-record-extract")
            .cloned();
        if let Some(c) = found {
            return c;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no extract was issued for dossier {dossier}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Marie's communication `id` as she sees it now.
async fn communication(w: &World, id: &str) -> Value {
    w.marie.api.communication(&w.marie.space, id).await.ok(200)
}

/// Marie downloads the extract's PDF.
pub(crate) async fn download(w: &World, extract: &Value) -> Vec<u8> {
    let resp = w
        .marie
        .api
        .communication_file(&w.marie.space, extract["id"].as_str().unwrap())
        .await
        .expect(200);
    assert_eq!(resp.header("content-type"), Some("application/pdf"));
    resp.body
}

/// The public status of a document number (no token): HTTP status and body.
async fn public_status(app: &TestApp, number: &str) -> (u16, Value) {
    let resp = app.client().document_status(number).await;
    let body = serde_json::from_slice(&resp.body).unwrap_or(Value::Null);
    (resp.status, body)
}

pub(crate) async fn revoke(agent: &Agent, number: &str, reason: &str) -> Resp {
    agent.api.revoke_document(number, Some(reason)).await
}

pub(crate) fn number_of(extract: &Value) -> String {
    extract["document_number"].as_str().unwrap().to_string()
}

/// What a person checking the paper holds, as files: the PDF, the trust list and the trust
/// anchor fetched from the well-known URLs, and an empty trust-list cache.
pub(crate) struct Verifier {
    dir: tempfile::TempDir,
    base: String,
    pub(crate) now: String,
}

/// One run of `guichet-verify`.
#[derive(Debug)]
pub(crate) struct Run {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {self:?}"))
    }
}

impl Verifier {
    pub(crate) async fn new(app: &TestApp) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let api = app.client();
        let list = api.get_root("/.well-known/guichet/trust-list").await;
        std::fs::write(dir.path().join("trust-list"), list.expect(200).body).unwrap();
        let anchor = api.get_root("/.well-known/guichet/trust-anchor").await;
        std::fs::write(dir.path().join("anchor"), anchor.expect(200).text()).unwrap();
        // Checked as of the server's (fixed) clock, so the test does not depend on the wall clock.
        let now = app.clock.now().format(&Rfc3339).unwrap();
        Self {
            dir,
            base: app.base.clone(),
            now,
        }
    }

    /// The path of the file `name` in the verifier's folder.
    pub(crate) fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// Saves a PDF under `name`.
    pub(crate) fn save(&self, name: &str, pdf: &[u8]) {
        std::fs::write(self.dir.path().join(name), pdf).unwrap();
    }

    /// Runs `guichet-verify <file> …` in-process, in English, with `--online <server>` if `online`.
    pub(crate) async fn run(&self, file: &str, online: bool, extra: &[&str]) -> Run {
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
    let ccss = Agent::ccss(&w.app).await;
    assert_problem(&revoke(&ccss, &number, FRAUD).await, 404, "not-found");
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
    let revoked = revoke(&w.agent, &number, FRAUD).await.ok(200);
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
    let resp = revoke(&w.agent, &number, "encore").await;
    assert_eq!(resp.status, 409, "{}", resp.text());
    resp.problem();
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
        let resp = w.app.client().document_status(n).await;
        assert_problem(&resp, 404, "not-found");
        assert_problem(&revoke(&w.agent, n, FRAUD).await, 404, "not-found");
    }
    // Without a back-office token, no revocation at all.
    let resp = w.marie.api.revoke_document(&number, Some(FRAUD)).await;
    assert_problem(&resp, 401, "unauthenticated");
    let resp = w.app.client().revoke_document(&number, Some(FRAUD)).await;
    assert_problem(&resp, 401, "unauthenticated");
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

    let second_dossier = w.marie.transmit_criminal_record().await;
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
