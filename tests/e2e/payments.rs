//! Fees paid online: a procedure with a fee is transmitted only once paid through the provider's
//! hosted checkout (the local provider, speaking Stripe's protocol); the signed webhook marks the
//! payment paid, forged, stale, duplicated and foreign webhooks change nothing, reports are
//! accepted in any order, a missed webhook is repaired by the reconciliation job, a rejection is
//! refunded, the receipt arrives in "my communications", and nobody else sees any of it.

use guichet_tests::{
    Agent, LocalProvider, Person, TestApp, assert_problem,
    payment_provider::{WEBHOOK_SECRET, signature},
};
use serde_json::{Value, json};
use std::{sync::Arc, time::Duration};

/// How long a webhook, a reconciliation or a receipt may take.
const DEADLINE: Duration = Duration::from_secs(15);

/// The procedure with a fee (15.00 EUR, free with legal aid).
const FEE_PROCEDURE: &str = "certified-copy-of-judgment";

struct World {
    app: TestApp,
    provider: LocalProvider,
    marie: Person,
}

async fn world() -> World {
    let provider = LocalProvider::start().await;
    let app = TestApp::spawn_with(|c| {
        provider.configure(c);
        // Sooner than the default 15 minutes, so that a session stays valid in the test.
        c.payments.check_after_secs = 120;
    })
    .await;
    let clock: Arc<dyn guichet::clock::Clock> = app.clock.clone();
    provider.send_webhooks_to(&format!("{}/payments/webhooks/stripe", app.base), clock);
    let marie = Person::marie(&app).await;
    World {
        app,
        provider,
        marie,
    }
}

impl World {
    /// A dossier of the fee procedure, its form complete; returns its id.
    async fn fee_dossier(&self, legal_aid: bool) -> String {
        let d = self
            .marie
            .api
            .start_dossier(&self.marie.space, FEE_PROCEDURE)
            .await
            .ok(201);
        let id = d["id"].as_str().unwrap().to_string();
        let values = json!({"values": {
            "court": "tribunal-arrondissement-luxembourg", "case_reference": "TAL-2026-0042",
            "judgment_date": "2026-10-14", "legal_aid": legal_aid,
        }});
        let v = self
            .marie
            .api
            .fill_step(&id, "judgment", values)
            .await
            .ok(200);
        assert_eq!(v["errors"], json!([]), "{v}");
        id
    }

    async fn payment(&self, dossier: &str) -> Value {
        self.marie.api.payment(dossier).await.ok(200)
    }

    /// Starts the payment; returns the checkout URL.
    async fn start_payment(&self, dossier: &str) -> String {
        let v = self.marie.api.pay(dossier).await.ok(201);
        assert_eq!(v["payments"][0]["state"], "pending", "{v}");
        v["payments"][0]["checkout_url"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The person on the provider's page: sees the amount, pays, is sent back to the portal.
    async fn pay_on_provider_page(&self, checkout_url: &str) {
        assert!(
            checkout_url.starts_with(&self.provider.origin),
            "{checkout_url}"
        );
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = browser.get(checkout_url).send().await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("1500"));
        let paid = browser.post(checkout_url).send().await.unwrap();
        assert_eq!(paid.status(), 303);
        let back = paid.headers()["location"].to_str().unwrap().to_string();
        assert!(
            back.starts_with(&format!(
                "{}/payments/return?session_id=cs_test_",
                self.app.base
            )),
            "{back}"
        );
        let page = browser.get(&back).send().await.unwrap();
        assert_eq!(page.status(), 200);
    }

    /// Polls until the dossier's payment standing is `standing`.
    async fn wait_for_standing(&self, dossier: &str, standing: &str) -> Value {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let v = self.payment(dossier).await;
            if v["standing"] == standing {
                return v;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "never {standing}: {v}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Polls until the space holds a receipt; returns the communications of that kind.
    async fn wait_for_receipts(&self) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let page = self
                .marie
                .api
                .communications(&self.marie.space)
                .await
                .ok(200);
            let receipts: Vec<Value> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["kind"] == "payment-receipt")
                .cloned()
                .collect();
            if !receipts.is_empty() {
                return receipts;
            }
            assert!(tokio::time::Instant::now() < deadline, "no receipt: {page}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[tokio::test]
async fn a_fee_dossier_transmits_only_once_paid_through_the_provider_and_its_receipt_arrives() {
    let w = world().await;
    let id = w.fee_dossier(false).await;

    // Unpaid: refused, and the dashboard says what to do.
    assert_problem(&w.marie.api.transmit(&id).await, 402, "payment-required");
    let v = w.payment(&id).await;
    assert_eq!(
        (&v["standing"], &v["amount_cents"], &v["currency"]),
        (&json!("due"), &json!(1500), &json!("EUR")),
        "{v}"
    );
    assert_eq!(v["blocks_transmission"], true);
    let board = w.marie.api.space_dossiers(&w.marie.space).await.ok(200);
    let line = &board["items"][0];
    assert_eq!(
        (&line["payment"], &line["next_action"]),
        (&json!("due"), &json!("pay"))
    );

    // One checkout session, whatever the retries: same key, no key, and the provider saw a key.
    let checkout = w.start_payment(&id).await;
    let again = w.marie.api.idempotent(Some("k-1")).pay(&id).await.ok(200);
    assert_eq!(again["payments"].as_array().unwrap().len(), 1, "{again}");
    w.marie.api.idempotent(Some("k-1")).pay(&id).await.ok(200);
    assert_eq!(w.provider.sessions(), 1);
    let create = &w.provider.calls()[0];
    assert!(create.authorized && create.path == "/v1/checkout/sessions");
    let payment_id = again["payments"][0]["id"].as_str().unwrap();
    assert_eq!(
        create.idempotency_key.as_deref(),
        Some(format!("guichet-payment-{payment_id}").as_str())
    );
    assert_problem(&w.marie.api.transmit(&id).await, 402, "payment-required");

    // The person pays on the provider's page; the signed webhook marks the payment paid.
    w.pay_on_provider_page(&checkout).await;
    let paid = w.wait_for_standing(&id, "paid").await;
    assert_eq!(paid["payments"][0]["state"], "paid");
    assert_eq!(paid["payments"][0]["checkout_url"], Value::Null);
    let completed = w.provider.last_event("checkout.session.completed");
    let recorded: Vec<&Value> = paid["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_id"] == completed["id"])
        .collect();
    assert_eq!(recorded.len(), 1, "{paid}");
    assert_eq!(
        (&recorded[0]["observed"], &recorded[0]["applied"]),
        (&json!("paid"), &json!(true))
    );

    // Paid: the dossier transmits, the receipt is in "my communications" and announced by mail.
    let d = w.marie.api.transmit(&id).await.ok(200);
    assert_eq!(d["status"], "transmitted");
    let receipts = w.wait_for_receipts().await;
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0]["dossier_id"], id.as_str());
    let file = w
        .marie
        .api
        .communication_file(&w.marie.space, receipts[0]["id"].as_str().unwrap())
        .await
        .expect(200);
    assert_eq!(file.header("content-type"), Some("application/pdf"));
    assert!(file.body.starts_with(b"%PDF-"));
    let pdf = String::from_utf8_lossy(&file.body);
    assert!(pdf.contains("15,00 EUR"), "the amount is printed");
    let mail = w.app.smtp.wait_for("marie.schmit@example.lu", 2).await;
    assert!(mail.body.contains("Quittance de paiement"), "{}", mail.body);

    // The back office sees it paid, without the checkout page.
    let agent = Agent::justice(&w.app).await;
    let list = agent.api.work_list().await.ok(200);
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap();
    assert_eq!(item["payment"], "paid");
    let bo = agent.api.bo_payment(&id).await.ok(200);
    assert_eq!(bo["standing"], "paid");
    assert_eq!(bo["payments"][0]["checkout_url"], Value::Null);

    // Nobody else sees any of it: like an unknown dossier.
    let jean = Person::jean_claude(&w.app).await;
    let unknown = jean
        .api
        .payment("0190c0de-0000-7000-8000-000000000000")
        .await;
    for resp in [jean.api.payment(&id).await, jean.api.pay(&id).await] {
        let p = assert_problem(&resp, 404, "not-found");
        assert_eq!(p["title"], unknown.problem()["title"]);
        assert!(!resp.text().contains(&id) && !resp.text().contains("cs_test"));
    }
    let ccss = Agent::ccss(&w.app).await;
    assert_problem(&ccss.api.bo_payment(&id).await, 404, "not-found");
    assert_problem(&ccss.api.refund(&id, Some("x")).await, 404, "not-found");
}

#[tokio::test]
async fn a_fee_reduced_to_nothing_needs_no_payment() {
    let w = world().await;
    let id = w.fee_dossier(true).await;
    let v = w.payment(&id).await;
    assert_eq!(
        (&v["standing"], &v["amount_cents"]),
        (&json!("free"), &json!(0))
    );
    assert_problem(&w.marie.api.pay(&id).await, 409, "no-fee-due");
    w.marie.api.transmit(&id).await.ok(200);
    assert_eq!(w.provider.sessions(), 0);
}

#[tokio::test]
async fn forged_stale_duplicated_and_foreign_webhooks_change_nothing() {
    let w = world().await;
    w.provider.hold_webhooks(true);
    let id = w.fee_dossier(false).await;
    let checkout = w.start_payment(&id).await;
    w.pay_on_provider_page(&checkout).await;
    let event = w.provider.last_event("checkout.session.completed");
    let body = serde_json::to_vec(&event).unwrap();
    let now = w.provider.now();

    let refused = |(status, p): (u16, Value), reason: &str| {
        assert_eq!(
            (
                status,
                p["type"].as_str().unwrap(),
                p["reason"].as_str().unwrap()
            ),
            (400, "urn:guichet:problem:webhook-refused", reason),
            "{p}"
        );
    };
    // Forged: another secret; no signature at all; a body changed after signing.
    let forged = signature("whsec_someone_else", now, &body);
    refused(
        w.provider.deliver_raw(&body, Some(&forged)).await,
        "signature",
    );
    refused(w.provider.deliver_raw(&body, None).await, "signature");
    let mut richer = event.clone();
    richer["data"]["object"]["amount_total"] = json!(1);
    let genuine = signature(WEBHOOK_SECRET, now, &body);
    let changed = serde_json::to_vec(&richer).unwrap();
    refused(
        w.provider.deliver_raw(&changed, Some(&genuine)).await,
        "signature",
    );
    // Stale: signed ten minutes ago (the tolerance is five).
    let old = signature(WEBHOOK_SECRET, now - 600, &body);
    refused(w.provider.deliver_raw(&body, Some(&old)).await, "stale");
    // Foreign: well signed, but for another merchant account.
    let mut foreign = event.clone();
    foreign["account"] = json!("acct_someone_else");
    foreign["id"] = json!("evt_foreign");
    refused(w.provider.deliver(&foreign).await, "account");

    let v = w.payment(&id).await;
    assert_eq!(v["standing"], "pending", "{v}");
    let sources: Vec<&Value> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["source"])
        .collect();
    assert_eq!(sources, [&json!("checkout")], "nothing recorded: {v}");
    assert_problem(&w.marie.api.transmit(&id).await, 402, "payment-required");

    // The genuine event, then the same again (the provider retries): paid once, one receipt.
    let (status, _) = w.provider.deliver(&event).await;
    assert_eq!(status, 200);
    let (status, again) = w.provider.deliver(&event).await;
    assert_eq!((status, &again["duplicate"]), (200, &json!(true)));
    let v = w.payment(&id).await;
    assert_eq!(v["standing"], "paid");
    let with_id = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_id"] == event["id"])
        .count();
    assert_eq!(with_id, 1, "{v}");
    assert_eq!(w.wait_for_receipts().await.len(), 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(w.wait_for_receipts().await.len(), 1);
}

#[tokio::test]
async fn reports_count_in_any_order_and_a_failed_payment_later_captured_becomes_paid() {
    let w = world().await;
    w.provider.hold_webhooks(true);
    let id = w.fee_dossier(false).await;
    w.start_payment(&id).await;
    let session = w.provider.calls()[0].path.clone();
    assert_eq!(session, "/v1/checkout/sessions");
    let v = w.payment(&id).await;
    let session_id = w
        .provider
        .events()
        .first()
        .map(|e| e["data"]["object"]["id"].as_str().unwrap().to_string());
    assert!(session_id.is_none(), "no event yet: {v}");
    let cs = {
        // The session id, as the provider's page names it.
        let url = v["payments"][0]["checkout_url"].as_str().unwrap();
        url.rsplit('/').next().unwrap().to_string()
    };

    // A debit bounces: failed. The same money captured later: paid. A delayed "failed" report
    // arriving after that is older news.
    let failed = w.provider.fail_payment(&cs);
    let captured = w.provider.capture_later(&cs);
    assert_eq!(w.provider.deliver(&failed).await.0, 200);
    assert_eq!(w.payment(&id).await["standing"], "failed");
    assert_eq!(w.provider.deliver(&captured).await.0, 200);
    assert_eq!(w.payment(&id).await["standing"], "paid");
    let late = w.provider.fail_payment(&cs);
    assert_eq!(w.provider.deliver(&late).await.0, 200);
    let v = w.payment(&id).await;
    assert_eq!(v["standing"], "paid", "{v}");
    let last = v["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["event_id"], &last["observed"], &last["applied"]),
        (&late["id"], &json!("failed"), &json!(false)),
        "recorded, not applied"
    );
    w.marie.api.transmit(&id).await.ok(200);
}

#[tokio::test]
async fn a_missed_webhook_is_repaired_by_the_reconciliation_job() {
    let w = world().await;
    w.provider.hold_webhooks(true);
    let id = w.fee_dossier(false).await;
    let checkout = w.start_payment(&id).await;
    w.pay_on_provider_page(&checkout).await;
    // The webhook never comes. Before the check is due, nothing moves.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(w.payment(&id).await["standing"], "pending");
    assert_problem(&w.marie.api.transmit(&id).await, 402, "payment-required");

    // After `check_after_secs`, the job asks the provider and finds the money captured.
    let after = i64::from(w.app.ctx.config.payments.check_after_secs) + 1;
    w.app.clock.advance(time::Duration::seconds(after));
    let v = w.wait_for_standing(&id, "paid").await;
    let queried = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["source"] == "reconciliation" && e["applied"] == true);
    assert!(queried, "{v}");
    assert!(w.provider.calls().iter().any(|c| c.method == "GET"
        && c.path.starts_with("/v1/checkout/sessions/cs_test_")
        && c.authorized));
    w.marie.api.transmit(&id).await.ok(200);
    assert_eq!(w.wait_for_receipts().await.len(), 1);
}

#[tokio::test]
async fn a_rejected_paid_dossier_is_refunded_once_and_a_later_refund_failure_is_recorded() {
    let w = world().await;
    w.provider.refunds_pending(true);
    let id = w.fee_dossier(false).await;
    let checkout = w.start_payment(&id).await;
    w.pay_on_provider_page(&checkout).await;
    w.wait_for_standing(&id, "paid").await;
    w.marie.api.transmit(&id).await.ok(200);
    let agent = Agent::justice(&w.app).await;

    // Not before the rejection.
    agent.api.take(&id).await.ok(200);
    assert_problem(
        &agent.api.refund(&id, Some("x")).await,
        409,
        "illegal-transition",
    );
    agent
        .api
        .decide(&id, "rejected", Some("Aucun jugement sous ce numéro"))
        .await
        .ok(200);

    // The refund, asked twice with one key: one refund at the provider.
    let keyed = agent.api.idempotent(Some("refund-1"));
    let v = keyed.refund(&id, Some("Demande rejetée")).await.ok(201);
    assert_eq!(v["refunds"][0]["state"], "requested", "{v}");
    let again = keyed.refund(&id, Some("Demande rejetée")).await.ok(200);
    assert_eq!(again["refunds"][0]["id"], v["refunds"][0]["id"]);
    assert_eq!(w.provider.refund_count(), 1);
    assert!(w.provider.calls().iter().any(|c| c.path == "/v1/refunds"
        && c.idempotency_key.as_deref()
            == Some(&format!("guichet-refund-{}", v["refunds"][0]["id"].as_str().unwrap())[..])));

    // The provider reports it done, then (a card closed meanwhile) failed.
    let re = w.provider.refund_ids().pop().unwrap();
    let done = w.provider.update_refund(&re, "succeeded");
    assert_eq!(w.provider.deliver(&done).await.0, 200);
    let v = w.wait_for_standing(&id, "refunded").await;
    assert_eq!(v["refunds"][0]["state"], "succeeded");
    let failed = w.provider.update_refund(&re, "failed");
    assert_eq!(w.provider.deliver(&failed).await.0, 200);
    assert_eq!(
        agent.api.bo_payment(&id).await.ok(200)["standing"],
        "refund_failed"
    );
    // An older "succeeded" arriving late does not undo the failure.
    assert_eq!(w.provider.deliver(&done).await.1["duplicate"], true);
    let late = w.provider.update_refund(&re, "succeeded");
    w.provider.deliver(&late).await;
    let v = w.payment(&id).await;
    assert_eq!(v["standing"], "refund_failed", "{v}");
}

#[tokio::test]
async fn a_payment_given_up_is_cancelled_and_a_new_one_can_start() {
    let w = world().await;
    w.provider.hold_webhooks(true);
    let id = w.fee_dossier(false).await;
    let first = w.start_payment(&id).await;
    let v = w.marie.api.cancel_payment(&id).await.ok(200);
    assert_eq!(v["standing"], "cancelled", "{v}");
    assert!(
        w.provider
            .calls()
            .iter()
            .any(|c| c.path.ends_with("/expire"))
    );
    let board = w.marie.api.space_dossiers(&w.marie.space).await.ok(200);
    assert_eq!(
        (
            &board["items"][0]["payment"],
            &board["items"][0]["next_action"]
        ),
        (&json!("cancelled"), &json!("pay"))
    );
    assert_problem(&w.marie.api.cancel_payment(&id).await, 409, "no-fee-due");

    // A new payment, a new session; the provider's late "expired" about the first changes nothing.
    let second = w.start_payment(&id).await;
    assert_ne!(first, second);
    assert_eq!(w.provider.sessions(), 2);
    let expired = w.provider.last_event("checkout.session.expired");
    assert_eq!(w.provider.deliver(&expired).await.0, 200);
    let v = w.payment(&id).await;
    assert_eq!(
        (&v["payments"][0]["state"], &v["payments"][1]["state"]),
        (&json!("pending"), &json!("cancelled")),
        "{v}"
    );
    w.pay_on_provider_page(&second).await;
    let completed = w.provider.last_event("checkout.session.completed");
    w.provider.deliver(&completed).await;
    w.wait_for_standing(&id, "paid").await;
    w.marie.api.transmit(&id).await.ok(200);
}
