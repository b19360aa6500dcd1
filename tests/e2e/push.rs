//! Web push end to end: devices subscribe over HTTP, notices reach a local push service that
//! checks the VAPID token and decrypts the body; gone devices are removed, busy services retried.

use guichet::{
    clock::Clock, domain::push::Notice, push::outbox::status, service::push as push_service,
    store::entities::push_outbox,
};
use guichet_tests::{Citizen, Device, PushService, TestApp, app::problem};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

struct World {
    app: TestApp,
    service: PushService,
    token: String,
    person_id: String,
}

async fn world() -> World {
    let service = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let key: Value = app
        .get("/api/v1/push/vapid-public-key", None)
        .await
        .json()
        .await
        .unwrap();
    service.expect_vapid_key(key["public_key"].as_str().unwrap());
    let token = Citizen::marie().register(&app).await;
    let me: Value = app
        .get("/api/v1/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let person_id = me["id"].as_str().unwrap().to_string();
    World {
        app,
        service,
        token,
        person_id,
    }
}

async fn subscribe(app: &TestApp, token: &str, device: &Device) -> Value {
    let resp = app
        .post_json(
            "/api/v1/push/subscriptions",
            Some(token),
            device.subscription_json(),
        )
        .await;
    assert_eq!(resp.status(), 201);
    resp.json().await.unwrap()
}

async fn devices(app: &TestApp, token: &str) -> Vec<Value> {
    let resp = app.get("/api/v1/push/subscriptions", Some(token)).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn outbox(app: &TestApp, person_id: &str) -> Vec<push_outbox::Model> {
    push_outbox::Entity::find()
        .filter(push_outbox::Column::PersonId.eq(person_id))
        .all(&app.ctx.db)
        .await
        .unwrap()
}

async fn wait_for_state(
    app: &TestApp,
    person_id: &str,
    wanted: &[&str],
) -> Vec<push_outbox::Model> {
    for _ in 0..150 {
        let rows = outbox(app, person_id).await;
        let mut states: Vec<&str> = rows.iter().map(|r| r.status.as_str()).collect();
        states.sort_unstable();
        let mut expected = wanted.to_vec();
        expected.sort_unstable();
        if states == expected {
            return rows;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "outbox never reached {wanted:?}: {:?}",
        outbox(app, person_id).await
    );
}

fn document_ready() -> Notice {
    Notice::DocumentReady {
        document_id: "doc-42".into(),
    }
}

#[tokio::test]
async fn a_notice_reaches_every_device_encrypted_and_signed() {
    let w = world().await;
    let phone = w.service.device("phone");
    let tablet = w.service.device("tablet");
    subscribe(&w.app, &w.token, &phone).await;
    subscribe(&w.app, &w.token, &tablet).await;
    assert_eq!(devices(&w.app, &w.token).await.len(), 2);

    let queued = push_service::notify(&w.app.ctx, &w.person_id, &document_ready())
        .await
        .unwrap();

    assert_eq!(queued, 2);
    let received = w.service.wait_for(2).await;
    for device in [&phone, &tablet] {
        let push = received.iter().find(|r| r.device == device.name).unwrap();
        let claims = push.vapid.as_ref().unwrap();
        assert_eq!(claims["aud"], w.service.origin.as_str());
        assert_eq!(push.headers["content-encoding"], "aes128gcm");
        assert_eq!(push.headers["urgency"], "normal");
        assert!(push.headers["ttl"].parse::<u32>().unwrap() > 0);
        assert!(!push.headers["topic"].is_empty() && push.headers["topic"].len() <= 32);
        let plain: Value = serde_json::from_slice(&device.decrypt(&push.body).unwrap()).unwrap();
        assert_eq!(plain["kind"], "document-ready");
        assert_eq!(plain["title"], "Document disponible");
        assert_eq!(plain["path"], "/communications/doc-42");
        assert!(!plain.to_string().contains("Marie"));
    }
    let rows = wait_for_state(&w.app, &w.person_id, &[status::ACCEPTED, status::ACCEPTED]).await;
    assert!(
        rows.iter()
            .all(|r| r.last_status_code == Some(201) && r.sent_at.is_some())
    );
    let metrics = w.app.get("/metrics", None).await.text().await.unwrap();
    assert!(
        metrics.contains("guichet_pushes_total{outcome=\"accepted\"} 2"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_device_whose_service_answers_gone_is_removed() {
    let w = world().await;
    let kept = w.service.device("kept");
    let gone = w.service.device("gone");
    subscribe(&w.app, &w.token, &kept).await;
    subscribe(&w.app, &w.token, &gone).await;
    w.service.script(&gone, &[(410, None)]);

    push_service::notify(&w.app.ctx, &w.person_id, &document_ready())
        .await
        .unwrap();

    wait_for_state(&w.app, &w.person_id, &[status::ACCEPTED, status::GONE]).await;
    let left = devices(&w.app, &w.token).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["label"], "kept");
}

#[tokio::test]
async fn a_busy_service_is_retried_after_its_retry_after_and_then_delivers() {
    let w = world().await;
    let phone = w.service.device("phone");
    subscribe(&w.app, &w.token, &phone).await;
    w.service.script(&phone, &[(503, Some("120"))]);
    let notice = Notice::Message {
        dossier_id: "dos-7".into(),
    };

    push_service::notify(&w.app.ctx, &w.person_id, &notice)
        .await
        .unwrap();
    let rows = wait_for_state(&w.app, &w.person_id, &[status::RETRYING]).await;
    assert_eq!(rows[0].last_status_code, Some(503));
    let waited = rows[0].next_attempt_at - w.app.clock.now();
    assert!(waited >= time::Duration::seconds(119), "{waited}");
    assert_eq!(w.service.received().len(), 1);

    w.app.clock.advance(time::Duration::seconds(121));
    w.app.ctx.push.queued.notify_one();

    let rows = wait_for_state(&w.app, &w.person_id, &[status::ACCEPTED]).await;
    assert_eq!(rows[0].attempts, 2);
    let received = w.service.wait_for(2).await;
    assert_eq!(received[1].answered, 201);
    assert_eq!(received[1].headers["urgency"], "high");
    let plain: Value = serde_json::from_slice(&phone.decrypt(&received[1].body).unwrap()).unwrap();
    assert_eq!(plain["kind"], "message");
    assert_eq!(plain["path"], "/dossiers/dos-7/messages");
}

#[tokio::test]
async fn another_person_cannot_list_or_revoke_these_devices() {
    let w = world().await;
    let phone = w.service.device("phone");
    let sub = subscribe(&w.app, &w.token, &phone).await;
    let id = sub["id"].as_str().unwrap();
    let jc = Citizen::jean_claude().register(&w.app).await;
    let path = format!("/api/v1/push/subscriptions/{id}");

    assert!(devices(&w.app, &jc).await.is_empty());
    let resp = w
        .app
        .http
        .delete(w.app.url(&path))
        .bearer_auth(&jc)
        .send()
        .await
        .unwrap();
    let (code, body) = problem(resp).await;
    assert_eq!(
        (code, body["type"].as_str().unwrap()),
        (404, "urn:guichet:problem:not-found")
    );
    let resp = w.app.http.delete(w.app.url(&path)).send().await.unwrap();
    assert_eq!(problem(resp).await.0, 401);
    let resp = w.app.get("/api/v1/push/subscriptions", None).await;
    assert_eq!(problem(resp).await.0, 401);
    assert_eq!(devices(&w.app, &w.token).await.len(), 1);

    let resp = w
        .app
        .http
        .delete(w.app.url(&path))
        .bearer_auth(&w.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert!(devices(&w.app, &w.token).await.is_empty());
}

#[tokio::test]
async fn subscriptions_with_bad_keys_or_endpoints_are_refused_naming_the_field() {
    let w = world().await;
    let good = w.service.device("phone").subscription_json();
    let cases = [
        (
            "keys/p256dh",
            json!({"p256dh": "BAAA", "auth": good["keys"]["auth"]}),
        ),
        (
            "keys/auth",
            json!({"p256dh": good["keys"]["p256dh"], "auth": "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"}),
        ),
        (
            "keys/auth",
            json!({"p256dh": good["keys"]["p256dh"], "auth": "***"}),
        ),
    ];
    for (field, keys) in cases {
        let mut body = good.clone();
        body["keys"] = keys;
        let resp = w
            .app
            .post_json("/api/v1/push/subscriptions", Some(&w.token), body)
            .await;
        let (code, problem) = problem(resp).await;
        assert_eq!(
            (code, problem["field"].as_str().unwrap()),
            (422, field),
            "{problem}"
        );
    }
    let mut body = good.clone();
    body["endpoint"] = json!("http://push.example.net/push/x");
    let resp = w
        .app
        .post_json("/api/v1/push/subscriptions", Some(&w.token), body)
        .await;
    let (code, problem) = problem(resp).await;
    assert_eq!(
        (code, problem["field"].as_str().unwrap()),
        (422, "endpoint")
    );
    assert_eq!(problem["reason"], "push-endpoint");
    assert!(devices(&w.app, &w.token).await.is_empty());
}

/// Counts sends and answers 201, slowly enough for two passes to overlap.
struct CountingSender(std::sync::atomic::AtomicUsize);

impl guichet::push::PushSender for CountingSender {
    fn send<'a>(
        &'a self,
        _push: &'a guichet::push::PushRequest<'a>,
        _now: time::OffsetDateTime,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = guichet::push::PushOutcome> + Send + 'a>>
    {
        Box::pin(async move {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            guichet::push::PushOutcome::Accepted { status: 201 }
        })
    }
}

#[tokio::test]
async fn two_instances_sharing_the_outbox_never_send_a_push_twice() {
    let w = world().await;
    for name in ["a", "b", "c", "d"] {
        subscribe(&w.app, &w.token, &w.service.device(name)).await;
    }
    // Queue directly in a transaction, without waking the server's own worker.
    let ctx = &w.app.ctx;
    push_service::notify_in(&ctx.db, ctx, &w.person_id, &document_ready())
        .await
        .unwrap();
    let sender = std::sync::Arc::new(CountingSender(Default::default()));
    let now = w.app.clock.now();

    let (one, two) = tokio::join!(
        guichet::push::outbox::deliver_due(
            &ctx.db,
            sender.clone(),
            now,
            5,
            time::Duration::minutes(2)
        ),
        guichet::push::outbox::deliver_due(
            &ctx.db,
            sender.clone(),
            now,
            5,
            time::Duration::minutes(2)
        ),
    );

    let mine = one.unwrap().accepted + two.unwrap().accepted;
    let server = w.service.received().len();
    assert_eq!(mine + server, 4);
    assert_eq!(sender.0.load(std::sync::atomic::Ordering::SeqCst), mine);
    wait_for_state(&w.app, &w.person_id, &[status::ACCEPTED; 4]).await;
}
