//! Mail: mails accepted per second by the SMTP sink through the durable outbox and the mail
//! worker, against what the same sink accepts from a bare lettre client with a pooled
//! connection.

use crate::{
    Options,
    report::{Goal, Report, rate},
};
use guichet::{clock::Clock, mail::outbox};
use guichet_tests::{SmtpSink, TestApp};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, message::header::ContentType,
    transport::smtp::PoolConfig,
};
use sea_orm::TransactionTrait;
use std::time::{Duration, Instant};

/// A notice-like body: a few lines and a link.
const BODY: &str = "Bonjour,\n\nUn nouveau document vous attend dans votre espace guichet.\n\n\
    https://guichet.example/communications/0190b6a2-7c1d-7e55-9a0e-1f2f3a4b5c6d\n\n\
    Ceci est un message automatique.\n";

/// Mails per second a lettre client sends to `sink` over a pool of `connections`, that many
/// at once.
async fn bare(sink: &SmtpSink, total: usize, connections: u32) -> f64 {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(sink.port)
        .pool_config(PoolConfig::new().max_size(connections))
        .build();
    let before = sink.count(|_| true);
    let started = Instant::now();
    let mut sending = tokio::task::JoinSet::new();
    for n in 0..total {
        if sending.len() >= connections as usize {
            sending.join_next().await.unwrap().unwrap();
        }
        let transport = transport.clone();
        sending.spawn(async move {
            let message = Message::builder()
                .from("guichet <noreply@guichet.example>".parse().unwrap())
                .to(format!("citizen-{n}@example.lu").parse().unwrap())
                .subject("guichet : un nouveau document vous attend")
                .message_id(Some(format!("<bare-{n}@guichet.example>")))
                .header(ContentType::TEXT_PLAIN)
                .body(BODY.to_string())
                .unwrap();
            transport.send(message).await.unwrap();
        });
    }
    while let Some(sent) = sending.join_next().await {
        sent.unwrap();
    }
    assert_eq!(sink.count(|_| true) - before, total);
    total as f64 / started.elapsed().as_secs_f64()
}

/// Mails per second from `total` queued in the outbox (in one transaction) to their acceptance
/// by the sink.
pub async fn through_outbox(app: &TestApp, total: usize) -> f64 {
    let now = app.clock.now();
    let before = app.smtp.count(|_| true);
    let txn = app.ctx.db.begin().await.unwrap();
    for n in 0..total {
        let to = format!("citizen-{n}@example.lu");
        outbox::enqueue(
            &txn,
            &to,
            "guichet : un nouveau document vous attend",
            BODY,
            now,
        )
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    let started = Instant::now();
    app.ctx.mail_queued.notify_one();
    while app.smtp.count(|_| true) - before < total {
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(started.elapsed() < Duration::from_secs(600), "too slow");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

pub async fn run(options: &Options, report: &mut Report) {
    let total = options.count(2000, 200);
    let app = TestApp::spawn().await;
    let connections = app.ctx.config.workers.concurrency.mail;
    let pipeline = through_outbox(&app, total).await;
    let bare = bare(&app.smtp, total, connections).await;
    report.row(
        "mail accepted by the SMTP sink",
        format!("{} mails/s", rate(pipeline)),
        format!("bare lettre, pool of {connections}: {}/s", rate(bare)),
        Some(pipeline / bare),
        Goal::AtLeast(0.5),
    );
}
