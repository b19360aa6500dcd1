//! "My communications": an accepted criminal record request issues one sealed extract into the
//! space, announced by mail and push whose delivery state the holder sees; letters from the back
//! office; read state; nobody else sees any of it.

use guichet::service::issuer_keys;
use guichet_tests::{
    Citizen, PushService, TestApp,
    app::problem,
    dossier::{agent_token, call, ccss_agent, justice_agent, ok, pdf, transmitted_criminal_record},
};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

struct World {
    app: TestApp,
    push: PushService,
    phone: guichet_tests::Device,
    token: String,
    space: String,
    dossier: String,
    agent: String,
}

async fn world() -> World {
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let key = ok(app.get("/api/v1/push/vapid-public-key", None).await, 200).await;
    push.expect_vapid_key(key["public_key"].as_str().unwrap());
    let marie = Citizen::marie();
    let (token, dossier) = transmitted_criminal_record(&app, &marie).await;
    let phone = push.device("phone");
    ok(
        app.post_json(
            "/api/v1/push/subscriptions",
            Some(&token),
            phone.subscription_json(),
        )
        .await,
        201,
    )
    .await;
    let space = Citizen::private_space(&app, &token).await;
    let agent = agent_token(&app, &justice_agent()).await;
    World {
        app,
        push,
        phone,
        token,
        space,
        dossier,
        agent,
    }
}

async fn decide(w: &World, dossier: &str, status: &str) -> Value {
    let path = format!("/api/v1/backoffice/dossiers/{dossier}/status");
    let body = json!({"status": status, "reason": "Décision"});
    ok(w.app.post_json(&path, Some(&w.agent), body).await, 200).await
}

async fn communications(w: &World, token: &str) -> Value {
    let path = format!("/api/v1/spaces/{}/communications", w.space);
    ok(w.app.get(&path, Some(token)).await, 200).await
}

/// Polls until the space holds `n` communications (issuance is asynchronous).
async fn wait_for_communications(w: &World, n: usize) -> Value {
    for _ in 0..200 {
        let page = communications(w, &w.token).await;
        if page["items"].as_array().unwrap().len() >= n {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{n} communications never arrived: {}",
        communications(w, &w.token).await
    );
}

/// Polls until every delivery of the communication has left.
async fn wait_for_deliveries(w: &World, id: &str) -> Value {
    let path = format!("/api/v1/spaces/{}/communications/{id}", w.space);
    for _ in 0..200 {
        let c = ok(w.app.get(&path, Some(&w.token)).await, 200).await;
        let d = c["deliveries"].as_array().unwrap();
        if d.len() == 2
            && d.iter()
                .all(|d| d["status"] == "sent" || d["status"] == "accepted")
        {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "deliveries never left: {}",
        ok(w.app.get(&path, Some(&w.token)).await, 200).await
    );
}

#[tokio::test]
async fn an_accepted_request_issues_one_sealed_extract_announced_by_mail_and_push() {
    let w = world().await;
    decide(&w, &w.dossier, "in_processing").await;
    decide(&w, &w.dossier, "accepted").await;

    wait_for_communications(&w, 1).await;
    let page = communications(&w, &w.token).await;
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
    let mail = w.app.smtp.wait_for(&Citizen::marie().email, 1).await;
    let mail = if mail.subject.contains("document") {
        mail
    } else {
        let mut found = None;
        for n in 2..=3 {
            let m = w.app.smtp.wait_for(&Citizen::marie().email, n).await;
            if m.subject.contains("document") {
                found = Some(m);
                break;
            }
        }
        found.expect("a document mail")
    };
    assert!(
        mail.body.contains("Extrait du casier judiciaire"),
        "{}",
        mail.body
    );
    assert!(
        !mail.body.contains(&number),
        "the mail carries no document number"
    );
    let mut ready = None;
    for _ in 0..100 {
        ready = w.push.received().into_iter().find_map(|r| {
            let plain: Value = serde_json::from_slice(&w.phone.decrypt(&r.body).ok()?).ok()?;
            (plain["kind"] == "document-ready").then_some(plain)
        });
        if ready.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let ready = ready.expect("a document-ready push");
    assert_eq!(ready["path"], format!("/communications/{id}"));

    // Each notice's state is visible to the holder.
    let c = wait_for_deliveries(&w, &id).await;
    let channels: Vec<&str> = c["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["mail", "push"]);
    assert_eq!(c["deliveries"][1]["device"], "phone");

    // The PDF downloads, is read from then on, and its seal names this document and verifies.
    let file = format!("/api/v1/spaces/{}/communications/{id}/file", w.space);
    let resp = w.app.get(&file, Some(&w.token)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains(&format!("extrait-casier-judiciaire-{number}.pdf")),
        "{disposition}"
    );
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let list = issuer_keys::trust_list_content(&w.app.ctx).await.unwrap();
    let checked = guichet_verifier::verify::verify_pdf(
        &bytes,
        &list,
        guichet::clock::Clock::now(w.app.clock.as_ref()),
    );
    assert_eq!(checked.overall(), guichet_verifier::verify::Verdict::Valid);
    assert_eq!(checked.claims.unwrap().document_id.to_string(), number);
    assert_eq!(communications(&w, &w.token).await["unread"], 0);

    // Unread again on request.
    let read = format!("/api/v1/spaces/{}/communications/{id}/read", w.space);
    let c = ok(
        call(
            &w.app,
            Method::PUT,
            &read,
            Some(&w.token),
            Some(json!({"read": false})),
            &[],
        )
        .await,
        200,
    )
    .await;
    assert_eq!(c["read_at"], Value::Null);
    assert_eq!(communications(&w, &w.token).await["unread"], 1);

    // Online: valid. Exactly one job, done; the dossier cannot be accepted twice.
    let status = ok(
        w.app
            .get(&format!("/api/v1/public/documents/{number}/status"), None)
            .await,
        200,
    )
    .await;
    assert_eq!(
        status,
        json!({"status": "valid", "reason": null, "superseded_by": null})
    );
    let lower = ok(
        w.app
            .get(
                &format!("/api/v1/public/documents/{}/status", number.to_lowercase()),
                None,
            )
            .await,
        200,
    )
    .await;
    assert_eq!(lower["status"], "valid");
    let jobs = guichet::service::communications::issuance::jobs(&w.app.ctx.db, 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].status, guichet::jobs::JobState::Done);
    let again = w
        .app
        .post_json(
            &format!("/api/v1/backoffice/dossiers/{}/status", w.dossier),
            Some(&w.agent),
            json!({"status": "accepted", "reason": "encore"}),
        )
        .await;
    assert_eq!(problem(again).await.0, 409);
    let metrics = w.app.get("/metrics", None).await.text().await.unwrap();
    assert!(
        metrics.contains("guichet_communications_total{event=\"issued\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_rejected_request_issues_nothing() {
    let w = world().await;
    decide(&w, &w.dossier, "in_processing").await;
    decide(&w, &w.dossier, "rejected").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let page = communications(&w, &w.token).await;
    assert_eq!(page["total"], 0);
    let jobs = guichet::service::communications::issuance::jobs(&w.app.ctx.db, 10)
        .await
        .unwrap();
    assert!(jobs.is_empty());
}

#[tokio::test]
async fn a_letter_with_a_file_reaches_the_space_and_strangers_see_nothing() {
    let w = world().await;
    decide(&w, &w.dossier, "in_processing").await;
    let letters = format!("/api/v1/backoffice/dossiers/{}/communications", w.dossier);
    let pdf_bytes = pdf(2048);
    use base64::{Engine, engine::general_purpose::STANDARD};
    let body = json!({
        "title": "Convocation",
        "body": "Veuillez vous présenter au guichet le 3 décembre.",
        "file": {"name": "convocation.pdf", "media_type": "application/pdf", "content_base64": STANDARD.encode(&pdf_bytes)}
    });
    let sent = ok(w.app.post_json(&letters, Some(&w.agent), body).await, 201).await;
    assert_eq!(sent["kind"], "letter");
    assert_eq!(sent["document_number"], Value::Null);
    let id = sent["id"].as_str().unwrap().to_string();

    // Bad letters are refused, naming the field.
    let bad = w
        .app
        .post_json(&letters, Some(&w.agent), json!({"title": " ", "body": "x"}))
        .await;
    let (status, p) = problem(bad).await;
    assert_eq!((status, p["field"].as_str()), (422, Some("title")), "{p}");
    let bad = w
        .app
        .post_json(&letters, Some(&w.agent), json!({"title": "t", "body": "x", "file": {"name": "a.pdf", "media_type": "application/pdf", "content_base64": STANDARD.encode(b"MZ not a pdf")}}))
        .await;
    assert_eq!(problem(bad).await.0, 415);

    let page = wait_for_communications(&w, 1).await;
    assert_eq!(
        page["items"][0]["body"],
        "Veuillez vous présenter au guichet le 3 décembre."
    );
    let file = format!("/api/v1/spaces/{}/communications/{id}/file", w.space);
    let got = w
        .app
        .get(&file, Some(&w.token))
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(got.as_ref(), pdf_bytes.as_slice());
    let listed = ok(w.app.get(&letters, Some(&w.agent)).await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);

    // Another person, an agent of another administration, and no token: refused like a random id.
    let other = Citizen::jean_claude().register(&w.app).await;
    let ccss = agent_token(&w.app, &ccss_agent()).await;
    let base = format!("/api/v1/spaces/{}/communications", w.space);
    let citizen_calls: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, base.clone(), None),
        (Method::GET, format!("{base}/{id}"), None),
        (Method::GET, format!("{base}/{id}/file"), None),
        (
            Method::PUT,
            format!("{base}/{id}/read"),
            Some(json!({"read": true})),
        ),
    ];
    for (method, path, body) in &citizen_calls {
        let (status, p) = problem(
            call(
                &w.app,
                method.clone(),
                path,
                Some(&other),
                body.clone(),
                &[],
            )
            .await,
        )
        .await;
        assert_eq!(
            (status, p["type"].as_str().unwrap()),
            (404, "urn:guichet:problem:not-found"),
            "{method} {path}"
        );
        let (status, _) =
            problem(call(&w.app, method.clone(), path, Some(&ccss), body.clone(), &[]).await).await;
        assert!(status == 401 || status == 404, "{method} {path}: {status}");
        let (status, _) =
            problem(call(&w.app, method.clone(), path, None, body.clone(), &[]).await).await;
        assert_eq!(status, 401, "{method} {path}");
    }
    let random = format!("{base}/{}", uuid::Uuid::new_v4());
    assert_eq!(
        problem(w.app.get(&random, Some(&w.token)).await).await.0,
        404
    );
    let agent_calls: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, letters.clone(), None),
        (
            Method::POST,
            letters.clone(),
            Some(json!({"title": "t", "body": "b"})),
        ),
    ];
    for (method, path, body) in &agent_calls {
        let (status, p) =
            problem(call(&w.app, method.clone(), path, Some(&ccss), body.clone(), &[]).await).await;
        assert_eq!(
            (status, p["type"].as_str().unwrap()),
            (404, "urn:guichet:problem:not-found"),
            "{method} {path}"
        );
        let (status, _) = problem(
            call(
                &w.app,
                method.clone(),
                path,
                Some(&other),
                body.clone(),
                &[],
            )
            .await,
        )
        .await;
        assert_eq!(status, 401, "{method} {path}");
        let (status, _) =
            problem(call(&w.app, method.clone(), path, None, body.clone(), &[]).await).await;
        assert_eq!(status, 401, "{method} {path}");
    }
    // Still exactly the one letter, unread count untouched by strangers.
    assert_eq!(communications(&w, &w.token).await["total"], 1);
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
    let marie = Citizen::marie();
    let token = marie.register(&app).await;
    let space = Citizen::private_space(&app, &token).await;
    let agent = agent_token(&app, &justice_agent()).await;
    const N: usize = 12;
    for _ in 0..N {
        let body = json!({"procedure_id": "criminal-record-extract", "matricule": marie.matricule, "data": {"purpose": "employment", "bulletin": "3", "copies": 1}});
        let d = ok(
            app.post_json("/api/v1/backoffice/paper-requests", Some(&agent), body)
                .await,
            200,
        )
        .await;
        let path = format!(
            "/api/v1/backoffice/dossiers/{}/status",
            d["id"].as_str().unwrap()
        );
        ok(
            app.post_json(&path, Some(&agent), json!({"status": "in_processing"}))
                .await,
            200,
        )
        .await;
        ok(
            app.post_json(
                &path,
                Some(&agent),
                json!({"status": "accepted", "reason": "ok"}),
            )
            .await,
            200,
        )
        .await;
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
    assert_eq!(a + b, N);
    assert!(a > 0 && b > 0, "both instances issued: {a} and {b}");
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

    let page = ok(
        app.get(
            &format!("/api/v1/spaces/{space}/communications?per_page=100"),
            Some(&token),
        )
        .await,
        200,
    )
    .await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), N);
    let valid: Vec<&Value> = items.iter().filter(|c| c["status"] == "valid").collect();
    assert_eq!(valid.len(), 1, "only the newest extract stays valid");
    assert_eq!(
        items.iter().filter(|c| c["status"] == "superseded").count(),
        N - 1
    );
    let metrics = app.get("/metrics", None).await.text().await.unwrap();
    assert!(
        metrics.contains(&format!(
            "guichet_job_rows{{state=\"done\",worker=\"issuance\"}} {N}"
        )),
        "{metrics}"
    );
}
