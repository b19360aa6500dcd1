//! Soak: one server under rounds of reads, mail and push for a while, its resident memory
//! sampled after each round (the SMTP sink and the push service forget what they received
//! between rounds, so only the server's memory can grow).

use crate::{
    Options, load,
    mail::through_outbox,
    reads::marie_reading,
    report::{Goal, Report, resident_mib},
};
use guichet::{domain::push::Notice, service::push};
use guichet_tests::dossier::ok;
use std::time::{Duration, Instant};

pub async fn run(options: &Options, report: &mut Report, secs: u64) {
    let (app, service) = crate::issuance::served(|_| {}).await;
    let (token, dashboard_url, profile_url) = marie_reading(&app).await;
    let me = ok(app.get("/api/v1/me", Some(&token)).await, 200).await;
    let person = me["id"].as_str().unwrap().to_string();
    for i in 0..10 {
        let device = service.device(&format!("soak-{i}"));
        let body = device.subscription_json();
        ok(
            app.post_json("/api/v1/push/subscriptions", Some(&token), body)
                .await,
            201,
        )
        .await;
    }
    let round_secs = options.secs(10, 2);
    let until = Instant::now() + Duration::from_secs(secs);
    let mut samples = Vec::new();
    let mut rounds = 0u64;
    while Instant::now() < until {
        load::run(&dashboard_url, Some(&token), round_secs).await;
        load::run(&profile_url, Some(&token), round_secs).await;
        through_outbox(&app, 200).await;
        let before = service.count();
        for n in 0..10 {
            let notice = Notice::StatusChanged {
                dossier_id: format!("soak-{rounds}-{n}"),
            };
            push::notify(&app.ctx, &person, &notice).await.unwrap();
        }
        while service.count() < before + 100 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        app.smtp.clear();
        service.clear();
        rounds += 1;
        if let Some((now, _)) = resident_mib() {
            println!("soak round {rounds}: resident {now:.0} MiB");
            samples.push(now);
        }
    }
    // The first round warms pools and caches: growth is counted from the end of the second.
    let Some(&first) = samples.get(1).or(samples.first()) else {
        return;
    };
    let last = *samples.last().unwrap();
    let max = samples.iter().copied().fold(0.0, f64::max);
    report.row(
        &format!("resident memory over a {secs} s soak ({rounds} rounds)"),
        format!("{last:.0} MiB at the end (max {max:.0} MiB)"),
        format!("{first:.0} MiB after round {}", samples.len().min(2)),
        Some(last / first - 1.0),
        Goal::AtMost(0.05),
    );
}
