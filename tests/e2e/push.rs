//! Web push end to end: devices subscribe over HTTP, notices reach a local push service that
//! checks the VAPID token and decrypts the body; gone devices are removed, busy services retried.

use guichet::{
    clock::Clock, domain::push::Notice, jobs::JobState, service::push as push_service,
    store::entities::push_outbox,
};
use guichet_tests::{Device, Person, PushService, TestApp, assert_problem};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

struct World {
    app: TestApp,
    service: PushService,
    marie: Person,
    person_id: String,
}

async fn world() -> World {
    world_with(|_| {}).await
}

/// Marie registered on a server whose push endpoints may be on loopback; `tweak` changes the
/// configuration further.
async fn world_with(tweak: impl FnOnce(&mut guichet::config::Config)) -> World {
    let service = PushService::start().await;
    let app = TestApp::spawn_with(|c| {
        c.push.allow_loopback_http = true;
        tweak(c);
    })
    .await;
    let key = app.client().vapid_public_key().await.ok(200);
    service.expect_vapid_key(key["public_key"].as_str().unwrap());
    let marie = Person::marie(&app).await;
    World {
        app,
        service,
        person_id: marie.id.clone(),
        marie,
    }
}

async fn subscribe(person: &Person, device: &Device) -> Value {
    person
        .api
        .subscribe_push(device.subscription_json())
        .await
        .ok(201)
}

async fn devices(person: &Person) -> Vec<Value> {
    serde_json::from_value(person.api.push_subscriptions().await.ok(200)).unwrap()
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
    wanted: &[JobState],
) -> Vec<push_outbox::Model> {
    let wanted: Vec<&str> = wanted.iter().map(|s| s.as_str()).collect();
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
    subscribe(&w.marie, &phone).await;
    subscribe(&w.marie, &tablet).await;
    assert_eq!(devices(&w.marie).await.len(), 2);

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
        // An independent implementation of RFC 8291 reads the same notice.
        if let Some(theirs) = device.decrypt_with_http_ece(&push.body) {
            let theirs: Value = serde_json::from_slice(&theirs.unwrap()).unwrap();
            assert_eq!(theirs, plain);
        }
        assert_eq!(plain["kind"], "document-ready");
        assert_eq!(plain["title"], "Document disponible");
        assert_eq!(plain["path"], "/communications/doc-42");
        assert!(!plain.to_string().contains("Marie"));
    }
    let rows = wait_for_state(
        &w.app,
        &w.person_id,
        &[JobState::Accepted, JobState::Accepted],
    )
    .await;
    assert!(
        rows.iter()
            .all(|r| r.last_status_code == Some(201) && r.sent_at.is_some())
    );
    let metrics = w.app.client().get_root("/metrics").await.text();
    assert!(
        metrics.contains("guichet_jobs_total{outcome=\"accepted\",worker=\"push\"} 2"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_device_whose_service_answers_gone_is_removed() {
    let w = world().await;
    let kept = w.service.device("kept");
    let gone = w.service.device("gone");
    subscribe(&w.marie, &kept).await;
    subscribe(&w.marie, &gone).await;
    w.service.script(&gone, &[(410, None)]);

    push_service::notify(&w.app.ctx, &w.person_id, &document_ready())
        .await
        .unwrap();

    wait_for_state(&w.app, &w.person_id, &[JobState::Accepted, JobState::Gone]).await;
    let left = devices(&w.marie).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["label"], "kept");
}

#[tokio::test]
async fn a_busy_service_is_retried_after_its_retry_after_and_then_delivers() {
    let w = world().await;
    let phone = w.service.device("phone");
    subscribe(&w.marie, &phone).await;
    w.service.script(&phone, &[(503, Some("120"))]);
    let notice = Notice::Message {
        dossier_id: "dos-7".into(),
    };

    push_service::notify(&w.app.ctx, &w.person_id, &notice)
        .await
        .unwrap();
    let rows = wait_for_state(&w.app, &w.person_id, &[JobState::Retrying]).await;
    assert_eq!(rows[0].last_status_code, Some(503));
    let waited = rows[0].next_attempt_at - w.app.clock.now();
    assert!(waited >= time::Duration::seconds(119), "{waited}");
    assert_eq!(w.service.received().len(), 1);

    w.app.clock.advance(time::Duration::seconds(121));
    w.app.ctx.push.queued.notify_one();

    let rows = wait_for_state(&w.app, &w.person_id, &[JobState::Accepted]).await;
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
    let sub = subscribe(&w.marie, &phone).await;
    let id = sub["id"].as_str().unwrap();
    let jc = Person::jean_claude(&w.app).await;

    assert!(devices(&jc).await.is_empty());
    assert_problem(&jc.api.unsubscribe_push(id).await, 404, "not-found");
    let anonymous = w.app.client();
    assert_problem(
        &anonymous.unsubscribe_push(id).await,
        401,
        "unauthenticated",
    );
    assert_problem(
        &anonymous.push_subscriptions().await,
        401,
        "unauthenticated",
    );
    assert_eq!(devices(&w.marie).await.len(), 1);

    w.marie.api.unsubscribe_push(id).await.expect(204);
    assert!(devices(&w.marie).await.is_empty());
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
        // 04 ‖ x=1 ‖ y=1: 65 bytes, but not a point of P-256.
        (
            "keys/p256dh",
            json!({"p256dh": off_curve(), "auth": good["keys"]["auth"]}),
        ),
        // 15 bytes.
        (
            "keys/auth",
            json!({"p256dh": good["keys"]["p256dh"], "auth": "AAAAAAAAAAAAAAAAAAAA"}),
        ),
    ];
    for (field, keys) in cases {
        let mut body = good.clone();
        body["keys"] = keys;
        let problem = refused(&w.marie, body).await;
        assert_eq!(problem["field"], field, "{problem}");
    }
    let mut body = good.clone();
    body["endpoint"] = json!("http://push.example.net/push/x");
    let problem = refused(&w.marie, body).await;
    assert_eq!(problem["field"], "endpoint");
    assert_eq!(problem["reason"], "push-endpoint");
    assert!(devices(&w.marie).await.is_empty());
}

/// `04 ‖ x=1 ‖ y=1`, base64url: the right length and prefix, off the curve.
fn off_curve() -> String {
    use base64::Engine;
    let mut point = [0u8; 65];
    point[0] = 4;
    point[32] = 1;
    point[64] = 1;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(point)
}

async fn refused(person: &Person, body: Value) -> Value {
    assert_problem(&person.api.subscribe_push(body).await, 422, "invalid-field")
}

/// Endpoints in the server's own networks, in spellings the URL parser folds to one address.
const FORBIDDEN_ENDPOINTS: &[&str] = &[
    "https://169.254.169.254/latest/meta-data/",
    "https://0xA9FEA9FE/latest/meta-data/",
    "https://10.0.0.5:9200/_search",
    "https://012.0.0.5:9200/_search",
    "https://172.16.0.1/x",
    "https://192.168.0.1/x",
    "https://100.64.0.1/x",
    "https://0.0.0.0/x",
    "https://224.0.0.1/x",
    "https://255.255.255.255/x",
    "https://[fd00::1]/x",
    "https://[fe80::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://[::ffff:10.0.0.5]/x",
    "https://[64:ff9b::a00:5]/x",
    "https://[2002:a00:5::1]/x",
    "https://[::]/x",
    "https://metadata/computeMetadata/v1/",
];

/// Loopback endpoints: refused unless the test-only `allow_loopback_http` is set.
const LOOPBACK_ENDPOINTS: &[&str] = &[
    "https://127.0.0.1:9200/x",
    "http://127.0.0.1:9200/x",
    "https://2130706433/x",
    "https://0x7f.1/x",
    "https://0177.0.0.1/x",
    "https://127.1/x",
    "https://[::1]/x",
    "https://localhost/x",
];

#[tokio::test]
async fn endpoints_in_non_public_networks_are_refused_and_nothing_is_created() {
    let w = world().await;
    let good = w.service.device("phone").subscription_json();
    for endpoint in FORBIDDEN_ENDPOINTS {
        let mut body = good.clone();
        body["endpoint"] = json!(endpoint);
        let problem = refused(&w.marie, body).await;
        assert_eq!(problem["field"], "endpoint", "{endpoint}: {problem}");
        assert_eq!(problem["reason"], "push-endpoint-address", "{endpoint}");
    }
    assert!(devices(&w.marie).await.is_empty());
}

#[tokio::test]
async fn without_the_test_setting_loopback_is_refused_too() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let device = Device::new("phone", "https://push.example.net/push/phone");
    for endpoint in LOOPBACK_ENDPOINTS.iter().chain(FORBIDDEN_ENDPOINTS) {
        let mut body = device.subscription_json();
        body["endpoint"] = json!(endpoint);
        let problem = refused(&marie, body).await;
        assert_eq!(problem["field"], "endpoint", "{endpoint}: {problem}");
        assert_eq!(problem["reason"], "push-endpoint-address", "{endpoint}");
    }
    assert!(devices(&marie).await.is_empty());
    subscribe(&marie, &device).await;
}

#[tokio::test]
async fn an_allow_list_of_push_services_refuses_other_hosts() {
    let app = TestApp::spawn_with(|c| c.push.allowed_hosts = vec!["push.apple.com".into()]).await;
    let marie = Person::marie(&app).await;
    let apple = Device::new("phone", "https://web.push.apple.com/QGx");
    let other = Device::new("tablet", "https://push.example.net/push/tablet");
    subscribe(&marie, &apple).await;
    let problem = refused(&marie, other.subscription_json()).await;
    assert_eq!(problem["field"], "endpoint");
    assert_eq!(problem["reason"], "push-endpoint-host");
    assert_eq!(devices(&marie).await.len(), 1);
}

#[tokio::test]
async fn a_kept_subscription_to_a_private_address_fails_at_send_time_without_retrying() {
    use guichet::store::entities::push_subscriptions;
    use sea_orm::sea_query::Expr;
    let w = world().await;
    subscribe(&w.marie, &w.service.device("phone")).await;
    // As if subscribed before the rule: the stored endpoint now points into the private network.
    push_subscriptions::Entity::update_many()
        .col_expr(
            push_subscriptions::Column::Endpoint,
            Expr::value("https://10.0.0.5:9200/push/phone"),
        )
        .filter(push_subscriptions::Column::PersonId.eq(w.person_id.as_str()))
        .exec(&w.app.ctx.db)
        .await
        .unwrap();

    push_service::notify(&w.app.ctx, &w.person_id, &document_ready())
        .await
        .unwrap();

    let rows = wait_for_state(&w.app, &w.person_id, &[JobState::Failed]).await;
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(
        rows[0].last_error.as_deref(),
        Some("push endpoint refused: not a public address")
    );
    assert!(w.service.received().is_empty());
}

/// Records the endpoint of each send and answers 201, slowly enough for two passes to overlap.
#[derive(Default)]
struct RecordingSender(std::sync::Mutex<Vec<String>>);

impl guichet::push::PushSender for RecordingSender {
    fn send<'a>(
        &'a self,
        push: &'a guichet::push::PushRequest<'a>,
        _now: time::OffsetDateTime,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = guichet::push::PushOutcome> + Send + 'a>>
    {
        Box::pin(async move {
            self.0.lock().unwrap().push(push.endpoint.to_string());
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            guichet::push::PushOutcome::Accepted { status: 201 }
        })
    }
}

#[tokio::test]
async fn two_instances_sharing_the_outbox_never_send_a_push_twice() {
    use guichet::{
        config::Worker,
        jobs::{self, Recorded},
        push::outbox::SendPush,
    };
    // No push worker of the server's own: the two passes below are the only senders.
    let w = world_with(|c| c.workers.run = vec![Worker::Issuance, Worker::Mail]).await;
    for name in ["a", "b", "c", "d"] {
        subscribe(&w.marie, &w.service.device(name)).await;
    }
    let ctx = &w.app.ctx;
    push_service::notify(ctx, &w.person_id, &document_ready())
        .await
        .unwrap();
    let sender = std::sync::Arc::new(RecordingSender::default());
    let mut instance = ctx.clone();
    instance.push.sender = sender.clone();

    // Two instances each claim two of the four due pushes at the same moment.
    let (one, two) = tokio::join!(
        jobs::pass(ctx, SendPush, 2),
        jobs::pass(&instance, SendPush, 2)
    );

    let (one, two) = (one.unwrap(), two.unwrap());
    let accepted = Recorded::State(JobState::Accepted);
    assert_eq!((one.count(accepted), two.count(accepted)), (2, 2));
    // Each device got its push from exactly one of the two instances.
    let mut devices: Vec<String> = sender
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|endpoint| endpoint.rsplit('/').next().unwrap().to_string())
        .chain(w.service.received().iter().map(|r| r.device.clone()))
        .collect();
    devices.sort();
    assert_eq!(devices, ["a", "b", "c", "d"]);
    wait_for_state(&w.app, &w.person_id, &[JobState::Accepted; 4]).await;
    assert_eq!(jobs::pass(ctx, SendPush, 4).await.unwrap().total(), 0);
}
