//! "My communications": an accepted criminal record request issues one sealed extract into the
//! space, announced by mail and push whose delivery state the holder sees; letters from the back
//! office; read state; nobody else sees any of it.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet::service::issuer_keys;
use guichet_tests::{
    Agent, Person, PushService, TestApp, assert_problem, dossier::pdf, fixtures::marie_with_phone,
    push_service::Device,
};
use serde_json::{Value, json};
use std::time::Duration;

/// How long issuance, mail and push may take.
const DEADLINE: Duration = Duration::from_secs(10);

struct World {
    app: TestApp,
    push: PushService,
    phone: Device,
    marie: Person,
    dossier: String,
    agent: Agent,
}

async fn world() -> World {
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let (marie, dossier, phone) = marie_with_phone(&app, &push).await;
    let agent = Agent::justice(&app).await;
    World {
        app,
        push,
        phone,
        marie,
        dossier,
        agent,
    }
}

impl World {
    async fn decide(&self, dossier: &str, status: &str) -> Value {
        self.agent
            .api
            .decide(dossier, status, Some("Décision"))
            .await
            .ok(200)
    }

    async fn communications(&self) -> Value {
        self.marie
            .api
            .communications(&self.marie.space)
            .await
            .ok(200)
    }

    /// Polls until the space holds `n` communications (issuance is asynchronous).
    async fn wait_for_communications(&self, n: usize) -> Value {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let page = self.communications().await;
            if page["items"].as_array().unwrap().len() >= n {
                return page;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{n} communications never arrived: {page}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Polls until every delivery of the communication has left.
    async fn wait_for_deliveries(&self, id: &str) -> Value {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let c = self
                .marie
                .api
                .communication(&self.marie.space, id)
                .await
                .ok(200);
            let d = c["deliveries"].as_array().unwrap();
            if d.len() == 2
                && d.iter()
                    .all(|d| d["status"] == "sent" || d["status"] == "accepted")
            {
                return c;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "deliveries never left: {c}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first push of `kind` the phone received, decrypted.
    async fn wait_for_push(&self, kind: &str) -> Value {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let found = self.push.received().into_iter().find_map(|r| {
                let plain: Value =
                    serde_json::from_slice(&self.phone.decrypt(&r.body).ok()?).ok()?;
                (plain["kind"] == kind).then_some(plain)
            });
            if let Some(plain) = found {
                return plain;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no {kind} push: {:?}",
                self.push.received()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[tokio::test]
async fn an_accepted_request_issues_one_sealed_extract_announced_by_mail_and_push() {
    let w = world().await;
    let (api, space) = (&w.marie.api, w.marie.space.as_str());
    w.decide(&w.dossier, "in_processing").await;
    w.decide(&w.dossier, "accepted").await;

    w.wait_for_communications(1).await;
    let page = w.communications().await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["unread"], 1);
    let c = &page["items"][0];
    assert_eq!(c["kind"], "criminal-record-extract");
    assert_eq!(c["status"], "valid");
    assert_eq!(c["dossier_id"], w.dossier.as_str());
    assert_eq!(c["administration_id"], "justice");
    assert_eq!(c["title"], "Extrait du casier judiciaire");
    let number = c["document_number"].as_str().unwrap().to_string();
    assert_eq!(number.len(), 8, "{c}");
    let id = c["id"].as_str().unwrap().to_string();

    // The mail points to the communication without its content; the push is the document-ready notice.
    let email = &w.marie.citizen.email;
    let mut mail = None;
    for n in 1..=3 {
        let m = w.app.smtp.wait_for(email, n).await;
        if m.subject.contains("document") {
            mail = Some(m);
            break;
        }
    }
    let mail = mail.expect("a document mail");
    assert!(
        mail.body.contains("Extrait du casier judiciaire"),
        "{}",
        mail.body
    );
    assert!(
        !mail.body.contains(&number),
        "the mail carries no document number"
    );
    let ready = w.wait_for_push("document-ready").await;
    assert_eq!(ready["path"], format!("/communications/{id}"));

    // Each notice's state is visible to the holder.
    let c = w.wait_for_deliveries(&id).await;
    let channels: Vec<&str> = c["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["mail", "push"]);
    assert_eq!(c["deliveries"][1]["device"], "phone");

    // The PDF downloads, is read from then on, and its seal names this document and verifies.
    let resp = api.communication_file(space, &id).await.expect(200);
    assert_eq!(resp.header("content-type"), Some("application/pdf"));
    let disposition = resp.header("content-disposition").unwrap();
    assert!(
        disposition.contains(&format!("extrait-casier-judiciaire-{number}.pdf")),
        "{disposition}"
    );
    let bytes = &resp.body;
    assert!(bytes.starts_with(b"%PDF-"));
    let list = issuer_keys::trust_list_content(&w.app.ctx).await.unwrap();
    let checked = guichet_verifier::verify::verify_pdf(
        bytes,
        &list,
        guichet::clock::Clock::now(w.app.clock.as_ref()),
    );
    assert_eq!(checked.overall(), guichet_verifier::verify::Verdict::Valid);
    assert_eq!(checked.claims.unwrap().document_id.to_string(), number);
    assert_eq!(w.communications().await["unread"], 0);

    // Unread again on request.
    let c = api.mark_read(space, &id, false).await.ok(200);
    assert_eq!(c["read_at"], Value::Null);
    assert_eq!(w.communications().await["unread"], 1);

    // Online: valid. Exactly one job, done; the dossier cannot be accepted twice.
    let public = w.app.client();
    let status = public.document_status(&number).await.ok(200);
    assert_eq!(
        status,
        json!({"status": "valid", "reason": null, "superseded_by": null})
    );
    let lower = public.document_status(&number.to_lowercase()).await.ok(200);
    assert_eq!(lower["status"], "valid");
    let jobs = guichet::service::communications::issuance::jobs(&w.app.ctx.db, 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].status, guichet::jobs::JobState::Done);
    let again = w
        .agent
        .api
        .decide(&w.dossier, "accepted", Some("encore"))
        .await;
    assert_problem(&again, 409, "illegal-transition");
    assert_eq!(w.communications().await["total"], 1);
    let metrics = public.get_root("/metrics").await.text();
    assert!(
        metrics.contains("guichet_communications_total{event=\"issued\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_rejected_request_issues_nothing() {
    let w = world().await;
    w.decide(&w.dossier, "in_processing").await;
    w.decide(&w.dossier, "rejected").await;
    // A request accepted after the rejection: once its extract is issued, the queue has passed
    // wherever an extract of the rejected one would have been.
    let accepted = w.marie.transmit_criminal_record().await;
    w.decide(&accepted, "in_processing").await;
    w.decide(&accepted, "accepted").await;
    let page = w.wait_for_communications(1).await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["items"][0]["dossier_id"], accepted.as_str());
    let jobs = guichet::service::communications::issuance::jobs(&w.app.ctx.db, 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    let bo = w.agent.api.bo_communications(&w.dossier).await.ok(200);
    assert_eq!(bo, json!([]));
}

#[tokio::test]
async fn a_letter_with_a_file_reaches_the_space_and_strangers_see_nothing() {
    let w = world().await;
    let (api, space) = (&w.marie.api, w.marie.space.as_str());
    let bo = &w.agent.api;
    w.decide(&w.dossier, "in_processing").await;
    let pdf_bytes = pdf(2048);
    let body = json!({
        "title": "Convocation",
        "body": "Veuillez vous présenter au guichet le 3 décembre.",
        "file": {"name": "convocation.pdf", "media_type": "application/pdf", "content_base64": STANDARD.encode(&pdf_bytes)}
    });
    let sent = bo.send_letter(&w.dossier, body).await.ok(201);
    assert_eq!(sent["kind"], "letter");
    assert_eq!(sent["document_number"], Value::Null);
    let id = sent["id"].as_str().unwrap().to_string();

    // Bad letters are refused, naming the field, and none is sent.
    let bad = bo
        .send_letter(&w.dossier, json!({"title": " ", "body": "x"}))
        .await;
    let p = assert_problem(&bad, 422, "invalid-field");
    assert_eq!(p["field"], "title", "{p}");
    let bad = bo
        .send_letter(&w.dossier, json!({"title": "t", "body": "x", "file": {"name": "a.pdf", "media_type": "application/pdf", "content_base64": STANDARD.encode(b"MZ not a pdf")}}))
        .await;
    assert_problem(&bad, 415, "file-type-refused");
    let listed = bo.bo_communications(&w.dossier).await.ok(200);
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let page = w.wait_for_communications(1).await;
    assert_eq!(
        page["items"][0]["body"],
        "Veuillez vous présenter au guichet le 3 décembre."
    );
    let got = api.communication_file(space, &id).await.expect(200);
    assert_eq!(got.body, pdf_bytes);
    // Downloaded, it is read; the holder marks it unread again.
    api.mark_read(space, &id, false).await.ok(200);

    // Another person and an agent of another administration: refused like a random id, and the
    // letter stays unread (the `refusals` matrix covers every caller and operation).
    let other = Person::jean_claude(&w.app).await;
    let resp = other.api.mark_read(space, &id, true).await;
    assert_problem(&resp, 404, "not-found");
    let resp = other.api.communication_file(space, &id).await;
    assert_problem(&resp, 404, "not-found");
    let ccss = Agent::ccss(&w.app).await;
    let resp = ccss.api.bo_communications(&w.dossier).await;
    assert_problem(&resp, 404, "not-found");
    let random = uuid::Uuid::new_v4().to_string();
    assert_problem(&api.communication(space, &random).await, 404, "not-found");

    let page = w.communications().await;
    assert_eq!(
        (page["total"].as_u64(), page["unread"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(page["items"][0]["read_at"], Value::Null, "{page}");
    let mine = api.communication(space, &id).await.ok(200);
    assert_eq!(mine["read_at"], Value::Null, "{mine}");
}

/// Two server instances on one database take issuance jobs side by side: each accepted dossier
/// gets exactly one extract, and the older extracts are superseded by the newer ones.
#[tokio::test]
async fn two_instances_share_the_issuance_queue_without_issuing_twice() {
    use guichet::{
        config::Worker,
        jobs::{self, JobState, Recorded},
        service::communications::issuance::{self, IssueDocument},
    };
    let app = TestApp::spawn_with(|c| c.workers.run = vec![Worker::Mail]).await;
    let marie = Person::marie(&app).await;
    let agent = Agent::justice(&app).await;
    const N: usize = 12;
    for _ in 0..N {
        let body = json!({"procedure_id": "criminal-record-extract", "matricule": marie.citizen.matricule, "data": {"purpose": "employment", "bulletin": "3", "copies": 1}});
        let d = agent.api.paper_request(body).await.ok(200);
        let id = d["id"].as_str().unwrap();
        agent.api.decide(id, "in_processing", None).await.ok(200);
        agent.api.decide(id, "accepted", Some("ok")).await.ok(200);
    }
    let clock: std::sync::Arc<dyn guichet::clock::Clock> = app.clock.clone();
    let second = guichet::app::build((*app.ctx.config).clone(), clock)
        .await
        .unwrap();
    // Each instance takes one job at a time until none is due.
    let drain = |ctx: guichet::service::Context| async move {
        let mut done = 0;
        loop {
            let pass = jobs::pass(&ctx, IssueDocument, 1).await.unwrap();
            if pass.total() == 0 {
                return done;
            }
            assert_eq!(pass.count(Recorded::State(JobState::Done)), 1, "{pass:?}");
            done += 1;
        }
    };
    let (a, b) = tokio::join!(
        tokio::spawn(drain(app.ctx.clone())),
        tokio::spawn(drain(second))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    // Which instance takes which job is the scheduler's choice (one may take all under load):
    // what matters is that the twelve were issued once each, checked below.
    assert_eq!(a + b, N);
    let jobs = issuance::jobs(&app.ctx.db, 100).await.unwrap();
    assert_eq!(jobs.len(), N);
    assert!(
        jobs.iter()
            .all(|j| j.status == JobState::Done && j.communication_id.is_some())
    );
    let mut issued: Vec<&str> = jobs
        .iter()
        .filter_map(|j| j.communication_id.as_deref())
        .collect();
    issued.sort();
    issued.dedup();
    assert_eq!(issued.len(), N);

    let page = marie
        .api
        .communications_with(&marie.space, &[("per_page", "100")])
        .await
        .ok(200);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), N);
    let valid: Vec<&Value> = items.iter().filter(|c| c["status"] == "valid").collect();
    assert_eq!(valid.len(), 1, "only the newest extract stays valid");
    assert_eq!(
        items.iter().filter(|c| c["status"] == "superseded").count(),
        N - 1
    );
    let metrics = app.client().get_root("/metrics").await.text();
    assert!(
        metrics.contains(&format!(
            "guichet_job_rows{{state=\"done\",worker=\"issuance\"}} {N}"
        )),
        "{metrics}"
    );
}
