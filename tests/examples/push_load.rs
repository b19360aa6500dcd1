//! Benchmark: web push notices encrypted (aes128gcm), signed (VAPID ES256) and delivered per second
//! to the local push service, through the durable outbox on a fresh SQLite (or PostgreSQL) database.
//!
//! `cargo run -p guichet-tests --example push_load --release -- [devices] [notices]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use guichet::{domain::push::Notice, service::push};
use guichet_tests::{Citizen, PushService, TestApp};
use serde_json::Value;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let devices: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let notices: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
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
    let person = me["id"].as_str().unwrap().to_string();
    for i in 0..devices {
        let device = service.device(&format!("device-{i}"));
        let resp = app
            .post_json(
                "/api/v1/push/subscriptions",
                Some(&token),
                device.subscription_json(),
            )
            .await;
        assert_eq!(resp.status(), 201);
    }

    let total = devices * notices;
    let started = Instant::now();
    for n in 0..notices {
        let notice = Notice::StatusChanged {
            dossier_id: format!("dossier-{n}"),
        };
        push::notify(&app.ctx, &person, &notice).await.unwrap();
    }
    let queued = started.elapsed();
    while service.received().len() < total {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(started.elapsed() < Duration::from_secs(600), "too slow");
    }
    let elapsed = started.elapsed();
    let received = service.received();
    assert!(
        received
            .iter()
            .all(|r| r.vapid.is_ok() && r.answered == 201)
    );
    println!(
        "{total} pushes ({devices} devices x {notices} notices): queued in {:.2} s, all delivered in {:.2} s: {:.0} pushes/s",
        queued.as_secs_f64(),
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
}
