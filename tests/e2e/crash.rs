//! Crash safety of issuance (issue 6): the server, a child process, is killed with SIGKILL
//! between the acceptance of a dossier and the delivery of its extract; after a restart on the
//! same database exactly one extract exists per accepted dossier, and its mail and push arrive
//! (at least once: a notice sent just before the kill may be sent again).

use guichet_tests::Client;
use guichet_tests::{
    Agent, Api, Device, Person, PushService, ServerProcess, fixtures::marie_with_phone,
    server_process::ALL_WORKERS,
};
use serde_json::Value;
use std::time::Duration;

const EXE: &str = env!("CARGO_BIN_EXE_guichet-under-test");

/// How long the tests wait for an issuance, a mail or a push before failing.
const DEADLINE: Duration = Duration::from_secs(60);

/// The subject of the mail announcing a new communication (Marie reads French).
const NOTICE_SUBJECT: &str = "guichet : un nouveau document vous attend";

/// Marie, registered with a signature certificate and a subscribed phone, on a server whose
/// push endpoint is a local push service.
struct World {
    server: ServerProcess,
    push: PushService,
    phone: Device,
    marie: Person,
}

/// A server with every worker on which Marie registers, subscribes her phone and transmits a
/// criminal record request; returns the world and that dossier.
async fn world() -> (World, String) {
    let push = PushService::start().await;
    let server = ServerProcess::start(EXE, ALL_WORKERS).await;
    let (marie, dossier, phone) = marie_with_phone(&server, &push).await;
    let world = World {
        server,
        push,
        phone,
        marie,
    };
    (world, dossier)
}

impl World {
    /// Marie signs in again (the server's address changes at each start); returns her client.
    async fn api(&mut self) -> Client {
        self.marie.sign_in_again(&self.server).await;
        self.marie.api.clone()
    }

    /// A justice agent takes the dossier and accepts it, which queues the issuance.
    async fn accept(&self, dossier: &str) {
        let agent = Agent::justice(&self.server).await;
        let closed = agent
            .take_and_decide(dossier, "accepted", "Extract issued.")
            .await;
        assert_eq!(closed["outcome"], "accepted", "{closed}");
    }

    /// Every extract in Marie's space.
    async fn extracts(&self, api: &Client) -> Vec<Value> {
        let page = api
            .communications_with(&self.marie.space, &[("per_page", "100")])
            .await
            .ok(200);
        let items = page["items"].as_array().unwrap();
        assert!(
            page["total"].as_u64().unwrap() <= 100,
            "more than a page: {page}"
        );
        items
            .iter()
            .filter(|c| c["kind"] == "criminal-record-extract")
            .cloned()
            .collect()
    }

    /// The extracts answering `dossier`, once there is at least one.
    async fn wait_for_extract(&self, api: &Client, dossier: &str) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let found: Vec<Value> = self
                .extracts(api)
                .await
                .into_iter()
                .filter(|c| c["dossier_id"] == dossier)
                .collect();
            if !found.is_empty() {
                return found;
            }
            if tokio::time::Instant::now() > deadline {
                self.server.fail(&format!(
                    "no extract for dossier {dossier} within {DEADLINE:?}"
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The pushes the phone received, decrypted.
    fn pushes(&self) -> Vec<Value> {
        self.push
            .received()
            .iter()
            .filter(|r| r.device == self.phone.name && r.answered == 201)
            .map(|r| serde_json::from_slice(&self.phone.decrypt(&r.body).unwrap()).unwrap())
            .collect()
    }

    /// Waits until the phone got a `document-ready` push for each of `communications`, the
    /// sink at least that many notice mails to Marie, and the server reports the mail sent and
    /// the push accepted for each.
    async fn wait_for_notices(&self, api: &Client, communications: &[String]) {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let pushes = self.pushes();
            let unpushed: Vec<&String> = communications
                .iter()
                .filter(|id| {
                    !pushes.iter().any(|p| {
                        p["kind"] == "document-ready"
                            && p["path"] == format!("/communications/{id}")
                    })
                })
                .collect();
            let mails = self
                .server
                .smtp
                .mails()
                .into_iter()
                .filter(|m| m.to.contains(&self.marie.citizen.email) && m.subject == NOTICE_SUBJECT)
                .count();
            let mut undelivered = Vec::new();
            for id in communications {
                let c = api.communication(&self.marie.space, id).await.ok(200);
                let done = |channel: &str, status: &str| {
                    c["deliveries"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|d| d["channel"] == channel && d["status"] == status)
                };
                if !(done("mail", "sent") && done("push", "accepted")) {
                    undelivered.push(c["deliveries"].clone());
                }
            }
            if unpushed.is_empty() && mails >= communications.len() && undelivered.is_empty() {
                return;
            }
            if tokio::time::Instant::now() > deadline {
                self.server.fail(&format!(
                    "within {DEADLINE:?}: no document-ready push for {unpushed:?}; \
                     {mails} notice mails for {} extracts; deliveries not done: {undelivered:?}; \
                     pushes received: {pushes:?}",
                    communications.len()
                ));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The extract of `dossier` is the only one, its PDF downloads; returns its id.
    async fn exactly_one_extract(&self, api: &Client, dossier: &str) -> String {
        let found = self.wait_for_extract(api, dossier).await;
        assert_eq!(
            found.len(),
            1,
            "one extract for dossier {dossier}, got {found:#?}"
        );
        let id = found[0]["id"].as_str().unwrap().to_string();
        let resp = api
            .communication_file(&self.marie.space, &id)
            .await
            .expect(200);
        assert_eq!(resp.header("content-type"), Some("application/pdf"));
        let pdf = &resp.body;
        assert!(
            pdf.starts_with(b"%PDF"),
            "not a PDF: {:?}",
            &pdf[..16.min(pdf.len())]
        );
        let agent = Agent::justice(&self.server).await;
        let seen = agent.api.bo_communications(dossier).await.ok(200);
        let seen: Vec<&Value> = seen
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "criminal-record-extract")
            .collect();
        assert_eq!(seen.len(), 1, "the back office sees one extract: {seen:#?}");
        assert_eq!(seen[0]["id"], id.as_str());
        id
    }

    /// After the notices: still one extract per dossier (nothing issued twice meanwhile).
    async fn still_one_each(&self, api: &Client, dossiers: &[String]) {
        let extracts = self.extracts(api).await;
        assert_eq!(extracts.len(), dossiers.len(), "{extracts:#?}");
        for d in dossiers {
            let n = extracts
                .iter()
                .filter(|c| c["dossier_id"] == d.as_str())
                .count();
            assert_eq!(n, 1, "dossier {d}: {extracts:#?}");
        }
    }
}

#[tokio::test]
async fn a_killed_server_restarts_on_the_same_database_and_marie_signs_in_again() {
    let (mut w, dossier) = world().await;
    let before = w.api().await;
    let me = before.me().await.ok(200);

    w.server.kill_hard();
    assert!(
        w.server
            .http
            .get(w.server.url("/readyz"))
            .send()
            .await
            .is_err(),
        "nothing answers once killed"
    );
    w.server.restart("none").await;

    let api = w.api().await;
    let again = api.me().await.ok(200);
    assert_eq!(again["id"], me["id"]);
    assert_eq!(again["private_space_id"], w.marie.space.as_str());
    let d = api.dossier(&dossier).await.ok(200);
    assert_eq!(d["status"], "transmitted");
}

#[tokio::test]
async fn killed_after_acceptance_before_issuance_the_extract_is_issued_once_after_restart() {
    let (mut w, dossier) = world().await;
    w.server.restart("none").await;

    w.accept(&dossier).await;
    w.server.kill_hard();
    w.server.restart(ALL_WORKERS).await;

    let api = w.api().await;
    let id = w.exactly_one_extract(&api, &dossier).await;
    w.wait_for_notices(&api, std::slice::from_ref(&id)).await;
    w.still_one_each(&api, &[dossier]).await;
}

#[tokio::test]
async fn killed_after_issuance_before_the_notices_left_mail_and_push_arrive_after_restart() {
    let (mut w, dossier) = world().await;
    w.server.restart("issuance").await;

    w.accept(&dossier).await;
    let api = w.api().await;
    let issued = w.wait_for_extract(&api, &dossier).await;
    assert!(
        w.pushes().iter().all(|p| p["kind"] != "document-ready"),
        "no push worker ran yet"
    );
    w.server.kill_hard();
    w.server.restart(ALL_WORKERS).await;

    let api = w.api().await;
    let id = w.exactly_one_extract(&api, &dossier).await;
    assert_eq!(issued[0]["id"], id.as_str());
    w.wait_for_notices(&api, std::slice::from_ref(&id)).await;
    w.still_one_each(&api, &[dossier]).await;
}

#[tokio::test]
async fn killed_at_moments_after_acceptance_each_dossier_gets_one_extract_and_its_notices() {
    let (mut w, first) = world().await;
    let delays_ms = [0u64, 5, 20, 60];
    let mut dossiers = vec![first];

    for (i, delay) in delays_ms.into_iter().enumerate() {
        if i > 0 {
            w.api().await;
            dossiers.push(w.marie.transmit_criminal_record().await);
        }
        w.accept(&dossiers[i]).await;
        tokio::time::sleep(Duration::from_millis(delay)).await;
        w.server.kill_hard();
        w.server.restart(ALL_WORKERS).await;
    }

    let api = w.api().await;
    let mut ids = Vec::new();
    for d in &dossiers {
        ids.push(w.exactly_one_extract(&api, d).await);
    }
    w.wait_for_notices(&api, &ids).await;
    w.still_one_each(&api, &dossiers).await;
    let extracts = w.extracts(&api).await;
    let valid = extracts.iter().filter(|c| c["status"] == "valid").count();
    let superseded = extracts
        .iter()
        .filter(|c| c["status"] == "superseded" && c["superseded_by"].is_string())
        .count();
    assert_eq!(
        (valid, superseded),
        (1, dossiers.len() - 1),
        "{extracts:#?}"
    );
}
