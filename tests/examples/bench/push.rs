//! Push: notices delivered to the local push service per second, through the durable outbox,
//! against encrypting (RFC 8291 aes128gcm) and signing (RFC 8292 VAPID ES256) them alone on
//! every core, with the same library the server uses.

use crate::{
    Options,
    issuance::served,
    report::{Goal, Report, rate},
    world::{self, PushCount, cores},
};
use guichet::{domain::push::Notice, push::VapidKey, service::push};
use guichet_tests::dossier::ok;
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};
use web_push::{ContentEncoding, SubscriptionInfo, VapidSignatureBuilder, WebPushMessageBuilder};

/// Pushes encrypted and signed per second on every core: each gets a fresh VAPID token and
/// its own encryption, as the bare cost of one push.
fn bare(secs: u64, subscription: SubscriptionInfo) -> f64 {
    let key = VapidKey::generate("v1");
    let origin = {
        let e = &subscription.endpoint;
        let rest = e.split_once("://").map_or(e.as_str(), |(_, r)| r);
        let host = rest.split('/').next().unwrap_or_default();
        format!("http://{host}")
    };
    world::on_all_cores(
        secs,
        move |_| (key.clone(), subscription.clone(), origin.clone()),
        |(key, info, origin), n| {
            let mut vapid = VapidSignatureBuilder::from_base64(key.private_base64(), info).unwrap();
            vapid.add_claim("aud", origin.as_str());
            vapid.add_claim("sub", "mailto:ops@guichet.example");
            vapid.add_claim("exp", 4_102_444_800i64 + n as i64 % 2);
            let vapid = vapid.build().unwrap();
            let payload = format!(r#"{{"kind":"status-changed","dossier_id":"dossier-{n}"}}"#);
            let mut message = WebPushMessageBuilder::new(info);
            message.set_payload(ContentEncoding::Aes128Gcm, payload.as_bytes());
            message.set_ttl(86_400);
            message.set_vapid_signature(vapid);
            assert!(message.build().is_ok());
        },
    )
}

pub async fn run(options: &Options, report: &mut Report) {
    let devices = 20;
    let notices = options.count(100, 20);
    let (app, service) = served(|_| {}).await;
    let token = guichet_tests::Citizen::marie().register(&app).await;
    let me = ok(app.get("/api/v1/me", Some(&token)).await, 200).await;
    let person = me["id"].as_str().unwrap().to_string();
    let mut subscribed = HashMap::new();
    for i in 0..devices {
        let device = service.device(&format!("device-{i}"));
        let body = device.subscription_json();
        ok(
            app.post_json("/api/v1/push/subscriptions", Some(&token), body)
                .await,
            201,
        )
        .await;
        subscribed.insert(device.name.clone(), device);
    }
    let sample = subscribed["device-0"].subscription_json();
    let info = SubscriptionInfo::new(
        sample["endpoint"].as_str().unwrap(),
        sample["keys"]["p256dh"].as_str().unwrap(),
        sample["keys"]["auth"].as_str().unwrap(),
    );

    let total = devices * notices;
    let mut count = PushCount::new("status-changed");
    let started = Instant::now();
    for n in 0..notices {
        let notice = Notice::StatusChanged {
            dossier_id: format!("dossier-{n}"),
        };
        push::notify(&app.ctx, &person, &notice).await.unwrap();
    }
    while count.update(&service, &subscribed) < total {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(started.elapsed() < Duration::from_secs(600), "too slow");
    }
    let delivered = total as f64 / started.elapsed().as_secs_f64();
    let bare = bare(options.secs(5, 2), info);
    report.row(
        "push notices delivered and decrypted",
        format!("{} pushes/s", rate(delivered)),
        format!(
            "RFC 8291 encrypt + VAPID sign on {} cores: {}/s",
            cores(),
            rate(bare)
        ),
        Some(delivered / bare),
        Goal::AtLeast(0.5),
    );
}
