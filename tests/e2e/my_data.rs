//! "My data": the access record is tamper-evident (a row changed in the database is named by the
//! check), it shows an agent's read and the register prefill; a space's export holds everything
//! and its manifest validates against the committed schema; retention deletes an expired draft
//! and keeps the record of it; a foreign person reads none of it.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet::domain::access_chain::BreakKind;
use guichet::service::{access_record, retention};
use guichet_tests::{
    Agent, Person, PushService, TestApp, assert_problem, dossier::pdf, fixtures::marie_with_phone,
    push_service::Device, repo_path, smtp_sink::link_token,
};
use guichet_verifier::{
    checkpoint::AccessCheckpoint, checkpoint_keys::CheckpointKeys, trust::TrustAnchor,
};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::{io::Read, time::Duration};

/// How long issuance, the export, mail and push may take.
const DEADLINE: Duration = Duration::from_secs(20);

/// The entries of the space's access log whose action starts with `action`.
async fn entries(person: &Person, action: &str) -> Vec<Value> {
    let log = person
        .api
        .access_log_with(&person.space, &[("action", action)])
        .await
        .ok(200);
    log["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_record_shows_an_agents_read_and_the_register_prefill_and_a_changed_row_is_named() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let dossier = marie.transmit_criminal_record().await;
    let justice = Agent::justice(&app).await;
    justice.api.bo_dossier(&dossier).await.ok(200);

    // The agent's read, with the administration and why; the prefill, with the source, the
    // fields and the form it filled.
    let read = entries(&marie, "dossier.read_by_agent").await;
    assert_eq!(read.len(), 1, "{read:?}");
    assert_eq!(read[0]["actor_kind"], "agent");
    assert!(!read[0]["actor"].as_str().unwrap().is_empty(), "{read:?}");
    assert!(read[0]["role"].is_null(), "{read:?}");
    let administration = read[0]["administration"].as_str().unwrap();
    assert!(administration.contains("justice"), "{read:?}");
    assert!(read[0]["detail"].as_str().unwrap().contains(&dossier));
    let why = read[0]["purpose"].as_str().unwrap();
    assert!(
        why.contains(&dossier) && why.contains(administration),
        "{why}"
    );
    let prefill = entries(&marie, "register.prefill").await;
    assert_eq!(prefill.len(), 1, "{prefill:?}");
    assert_eq!(prefill[0]["actor_kind"], "person");
    let detail = prefill[0]["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("national register of natural persons: ")
            && detail.contains("matricule")
            && detail.contains("family_name"),
        "{detail}"
    );
    let why = prefill[0]["purpose"].as_str().unwrap();
    assert!(
        why.contains(&dossier) && why.contains("criminal-record-extract"),
        "{why}"
    );
    // Marie's own reads carry no purpose: it is her data.
    let own = entries(&marie, "profile.").await;
    assert!(own.iter().all(|e| e["purpose"].is_null()), "{own:?}");
    assert!(
        !detail.contains("Schmit"),
        "field names only, never values: {detail}"
    );

    // The same record as CSV, filtered.
    let csv = marie
        .api
        .access_log_csv(&marie.space, &[("action", "dossier.")])
        .await
        .expect(200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let text = csv.text();
    assert!(
        text.starts_with("at,actor_kind,actor,role,administration,action,detail,purpose\n"),
        "{text}"
    );
    assert!(
        text.contains(",agent,") && text.contains("dossier.read_by_agent"),
        "{text}"
    );
    assert!(!text.contains("register.prefill"), "filtered: {text}");

    // A checkpoint is signed and published; it verifies with the key the trust anchor's signed
    // key list names (an auditor pins the anchor only).
    let signed = access_record::checkpoint(&app.ctx).await.unwrap();
    let public = app.client();
    let pinned = public
        .get_root("/.well-known/guichet/trust-anchor")
        .await
        .expect(200)
        .text();
    let pinned: [u8; 32] = hex::decode(pinned.trim()).unwrap().try_into().unwrap();
    let pinned = TrustAnchor::from_bytes(&pinned).unwrap();
    let keys = public
        .get_root(access_record::CHECKPOINT_KEYS_PATH)
        .await
        .expect(200);
    let keys = CheckpointKeys::from_signed(&keys.body, &pinned).unwrap();
    let key = keys
        .key(&hex::decode(&signed.key_id).unwrap())
        .expect("the signing key is listed");
    assert!(key.signing_until.is_none(), "{key:?}");
    let anchor = key.anchor().unwrap();
    let published = public
        .get_root(access_record::CHECKPOINT_PATH)
        .await
        .expect(200);
    let checkpoint = AccessCheckpoint::from_signed(&published.body, &anchor).unwrap();
    assert_eq!(checkpoint.sequence, signed.sequence);
    let head = checkpoint.head(&marie.space).expect("Marie's chain head");
    assert!(head.seq >= 3, "{head:?}");
    let report = access_record::check(&app.ctx.db).await.unwrap();
    assert!(report.intact(), "{report:?}");
    assert!(report.entries >= 3 && report.checkpoints == 1, "{report:?}");

    // Someone with the database changes the prefill row: the check names that very entry.
    let db = &app.ctx.db;
    let changed = db
        .execute_unprepared(&format!(
            "UPDATE access_log SET detail = 'nothing' WHERE space_id = '{}' AND action = 'register.prefill'",
            marie.space
        ))
        .await
        .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let report = access_record::check(db).await.unwrap();
    assert!(!report.intact());
    let first = report.first_break().unwrap();
    assert_eq!(first.space_id, marie.space);
    assert_eq!(first.kind, BreakKind::Changed);
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT id FROM access_log WHERE space_id = '{}' AND action = 'register.prefill'",
                marie.space
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    let id: String = row.try_get("", "id").unwrap();
    assert_eq!(first.entry_id.as_deref(), Some(id.as_str()));

    // Deleting a row instead is found too: the position is missing.
    db.execute_unprepared(&format!("DELETE FROM access_log WHERE id = '{id}'"))
        .await
        .unwrap();
    let report = access_record::check(db).await.unwrap();
    let first = report.first_break().unwrap();
    assert_eq!(
        (first.kind, first.entry_id.as_deref()),
        (BreakKind::Missing, None)
    );

    // A foreign person reads none of the record.
    let jean_claude = Person::jean_claude(&app).await;
    assert_problem(
        &jean_claude.api.access_log(&marie.space).await,
        404,
        "not-found",
    );
    let refused = jean_claude.api.access_log_csv(&marie.space, &[]).await;
    assert_problem(&refused, 404, "not-found");
}

struct World {
    app: TestApp,
    push: PushService,
    phone: Device,
    marie: Person,
    dossier: String,
}

/// Marie with a phone, a transmitted request answered with a message and a file, accepted: an
/// extract issued into her space.
async fn world() -> World {
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let (marie, dossier, phone) = marie_with_phone(&app, &push).await;
    marie
        .api
        .send_message(&dossier, json!({"text": "Merci de traiter vite."}))
        .await
        .ok(200);
    let justice = Agent::justice(&app).await;
    let letter = STANDARD.encode(pdf(900));
    let body = json!({"text": "Voici la lettre.", "attachments": [
        {"filename": "lettre.pdf", "media_type": "application/pdf", "content_base64": letter}
    ]});
    justice.api.take(&dossier).await.ok(200);
    justice.api.bo_send_message(&dossier, body).await.ok(200);
    justice
        .api
        .decide(&dossier, "accepted", Some("Décision"))
        .await
        .ok(200);
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        let page = marie.api.communications(&marie.space).await.ok(200);
        if page["total"] == 1 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no extract: {page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    World {
        app,
        push,
        phone,
        marie,
        dossier,
    }
}

impl World {
    /// Polls the export until it is ready.
    async fn ready(&self, id: &str) -> Value {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let e = self.marie.api.export(&self.marie.space, id).await.ok(200);
            if e["status"] == "ready" {
                return e;
            }
            assert!(e["status"] != "failed", "{e}");
            assert!(tokio::time::Instant::now() < deadline, "never ready: {e}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The token of the mailed link of export `id`.
    async fn mailed_token(&self, id: &str) -> String {
        let email = &self.marie.citizen.email;
        for n in 1..=10 {
            let m = self.app.smtp.wait_for(email, n).await;
            if m.body.contains(&format!("/exports/{id}/archive?token=")) {
                return link_token(&m.body);
            }
        }
        panic!("no mail with the export's link");
    }
}

fn zip_file(archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<u8> {
    let mut f = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the archive"));
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    out
}

#[tokio::test]
async fn the_export_holds_everything_and_its_manifest_validates_and_a_stranger_gets_nothing() {
    let w = world().await;
    let space_id = w.marie.space.clone();
    let (api, space) = (&w.marie.api, space_id.as_str());

    // Asked for, prepared in the background with its progress, announced by mail and push.
    let asked = api.request_export(space).await.ok(202);
    let id = asked["id"].as_str().unwrap().to_string();
    assert!(
        ["queued", "preparing", "ready"].contains(&asked["status"].as_str().unwrap()),
        "{asked}"
    );
    let ready = w.ready(&id).await;
    assert!(ready["items_total"].as_i64().unwrap() >= 4, "{ready}");
    assert_eq!(ready["items_done"], ready["items_total"]);
    assert!(ready["expires_at"].is_string());
    let token = w.mailed_token(&id).await;
    let deadline = tokio::time::Instant::now() + DEADLINE;
    let pushed = loop {
        let found = w.push.received().into_iter().find_map(|r| {
            let plain: Value = serde_json::from_slice(&w.phone.decrypt(&r.body).ok()?).ok()?;
            (plain["kind"] == "export-ready").then_some(plain)
        });
        if let Some(p) = found {
            break p;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no export-ready push"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(pushed["path"], format!("/spaces/{space}/exports/{id}"));
    assert!(
        !pushed.to_string().contains(&token),
        "the token is never pushed"
    );

    // A foreign person neither reads the export nor downloads it, even with the link.
    let jean_claude = Person::jean_claude(&w.app).await;
    let stranger = &jean_claude.api;
    assert_problem(&stranger.export(space, &id).await, 404, "not-found");
    let refused = stranger.export_archive(space, &id, &token).await;
    assert_problem(&refused, 404, "not-found");
    assert!(refused.header("content-disposition").is_none());
    assert_problem(&stranger.access_log(space).await, 404, "not-found");
    // Nor does the holder without the right token.
    assert_problem(
        &api.export_archive(space, &id, "wrong").await,
        404,
        "not-found",
    );

    // The archive: its manifest validates against the committed schema.
    let resp = api.export_archive(space, &id, &token).await.expect(200);
    assert_eq!(resp.header("content-type"), Some("application/zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(resp.body.clone())).unwrap();
    let manifest: Value = serde_json::from_slice(&zip_file(&mut archive, "manifest.json")).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("docs/schemas/export-manifest.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&manifest)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{manifest:#}");

    // Everything listed: profile, account, dossier with form, signature, timeline, messages and
    // their file, the extract and its PDF, the access record, the device.
    assert_eq!(manifest["space"]["id"], space);
    assert_eq!(manifest["profile"]["family_name"], "Schmit");
    assert_eq!(
        manifest["account"][0]["matricule"],
        w.marie.citizen.matricule.as_str()
    );
    assert_eq!(manifest["devices"].as_array().unwrap().len(), 1);
    let d = &manifest["dossiers"][0];
    assert_eq!(d["id"], w.dossier.as_str());
    assert_eq!(d["status"], "closed");
    assert!(
        d["form"].as_object().unwrap().contains_key("purpose"),
        "{d}"
    );
    assert!(d["signature"]["signature_base64"].is_string(), "{d}");
    assert!(d["timeline"].as_array().unwrap().len() >= 4, "{d}");
    assert_eq!(d["attachments"].as_array().unwrap().len(), 1, "{d}");
    let messages = d["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2, "{d}");
    assert_eq!(messages[1]["files"][0]["filename"], "lettre.pdf");
    let c = &manifest["communications"][0];
    assert_eq!(c["kind"], "criminal-record-extract");
    let extract = zip_file(&mut archive, c["file"].as_str().unwrap());
    assert!(extract.starts_with(b"%PDF-"));
    let csv = String::from_utf8(zip_file(&mut archive, "access-record.csv")).unwrap();
    assert!(
        csv.contains("register.prefill") && csv.contains("export.requested"),
        "{csv}"
    );
    let record = &manifest["access_record"];
    assert_eq!(
        record["head"]["seq"], record["entries"],
        "every entry is chained: {record}"
    );
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        archive.len() - 1,
        "every file but the manifest is listed"
    );
    for f in files {
        let bytes = zip_file(&mut archive, f["path"].as_str().unwrap());
        assert_eq!(f["sha256"], hex::encode(Sha256::digest(&bytes)), "{f}");
    }

    // The download is on the record; the link expires.
    assert_eq!(entries(&w.marie, "export.downloaded").await.len(), 1);
    w.app.clock.advance(time::Duration::days(8));
    let mut marie = w.marie;
    marie.sign_in_again(&w.app).await;
    let gone = marie.api.export_archive(space, &id, &token).await;
    assert_problem(&gone, 404, "not-found");
    assert_eq!(
        marie.api.export(space, &id).await.ok(200)["status"],
        "expired"
    );
}

#[tokio::test]
async fn retention_deletes_an_expired_draft_and_keeps_the_record_of_it() {
    let app = TestApp::spawn().await;
    let mut marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let transmitted = marie.transmit_criminal_record().await;
    let draft = marie.start_criminal_record(None).await["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Nothing is due yet.
    let none = retention::apply(&app.ctx).await.unwrap();
    assert!(none.deleted.is_empty(), "{none:?}");

    // Past the draft's 30 days: the draft goes, the transmitted dossier (no period while in
    // the administration's hands) stays.
    app.clock.advance(time::Duration::days(31));
    let applied = retention::apply(&app.ctx).await.unwrap();
    let rule = "retention:criminal-record-extract:draft:30d".to_string();
    assert_eq!(applied.deleted, vec![(draft.clone().into(), rule.clone())]);
    marie.sign_in_again(&app).await;
    assert_problem(&marie.api.dossier(&draft).await, 404, "not-found");
    marie.api.dossier(&transmitted).await.ok(200);

    // The record of it: what, which rule, by whom; and the access record says so.
    let records = marie.api.deletions(&marie.space).await.ok(200);
    assert_eq!(records.as_array().unwrap().len(), 1, "{records}");
    assert_eq!(records[0]["object_id"], draft.as_str());
    assert_eq!(records[0]["rule"], rule.as_str());
    assert_eq!(records[0]["state"], "draft");
    assert_eq!(records[0]["deleted_by"], "platform");
    let deleted = entries(&marie, "dossier.deleted").await;
    assert!(deleted[0]["detail"].as_str().unwrap().contains(&draft));
    // Applying again changes nothing.
    assert!(retention::apply(&app.ctx).await.unwrap().deleted.is_empty());

    // The holder deletes a draft at once; a transmitted dossier is not a draft.
    let another = marie.start_criminal_record(None).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    marie.api.delete_draft(&another).await.expect(204);
    assert_problem(&marie.api.dossier(&another).await, 404, "not-found");
    let refused = marie.api.delete_draft(&transmitted).await;
    assert_problem(&refused, 409, "illegal-transition");
    let records = marie.api.deletions(&marie.space).await.ok(200);
    assert_eq!(records[0]["rule"], "holder-request");
    assert_eq!(records[0]["deleted_by"], marie.id.as_str());

    // A foreign person neither deletes nor reads the records.
    let jean_claude = Person::jean_claude(&app).await;
    assert_problem(
        &jean_claude.api.delete_draft(&transmitted).await,
        404,
        "not-found",
    );
    assert_problem(
        &jean_claude.api.deletions(&marie.space).await,
        404,
        "not-found",
    );

    // The deletions left every chain intact.
    let report = access_record::check(&app.ctx.db).await.unwrap();
    assert!(report.intact(), "{report:?}");
}
