//! The job engine that runs issuance, mail and push: failing jobs back off and are given up, a
//! worker runs at most its concurrency at once, a lease that ran out passes to another instance
//! (the late holder records nothing) while a running job keeps its own, jobs that end together
//! are recorded together with what each asked to write beside its record, SMTP connections
//! are reused, and the state migration renames both ways.

use guichet::{
    clock::Clock,
    config::{Config, Worker},
    jobs::{self, Claimed, JobKind, JobState, Ran, Recorded},
    mail::{
        MailError, MailSender, OutgoingMail,
        outbox::{self, SendMail},
    },
    store::entities::{issuance_jobs, mail_outbox},
};
use guichet_tests::TestApp;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryTrait, sea_query::Expr,
};
use std::{
    future::Future,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration as StdDuration,
};
use time::Duration;
use tokio::sync::Notify;

type Sending<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

/// A server running none of its workers: the tests drive the engine themselves.
async fn quiet(configure: impl FnOnce(&mut Config)) -> TestApp {
    TestApp::spawn_with(|c| {
        c.workers.run = Vec::new();
        configure(c);
    })
    .await
}

/// Queues `n` mails to `to`; their ids.
async fn queue_mails(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let subject = format!("notice {i}");
        let id = outbox::enqueue(&app.ctx.db, to, &subject, "body", app.clock.now())
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

async fn mail_row(app: &TestApp, id: &str) -> mail_outbox::Model {
    mail_outbox::Entity::find_by_id(id.to_string())
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
}

/// Waits (at most 20 s) until `check` holds.
async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + StdDuration::from_secs(20);
    while !check().await {
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

/// A relay that is always busy.
struct Busy;

impl MailSender for Busy {
    fn send<'a>(&'a self, _mail: &'a OutgoingMail) -> Sending<'a> {
        Box::pin(async { Err(MailError::Deliver("relay busy".into())) })
    }
}

/// Accepts every mail after 100 ms, counting the sends in flight and the most at once.
#[derive(Default)]
struct Gauge {
    in_flight: AtomicUsize,
    most: AtomicUsize,
    sent: AtomicUsize,
}

impl MailSender for Gauge {
    fn send<'a>(&'a self, _mail: &'a OutgoingMail) -> Sending<'a> {
        Box::pin(async move {
            let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(StdDuration::from_millis(100)).await;
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            self.sent.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
    }
}

/// Accepts a mail only once opened; says when a send has started.
#[derive(Default)]
struct Gate {
    started: Notify,
    open: Notify,
}

impl MailSender for Gate {
    fn send<'a>(&'a self, _mail: &'a OutgoingMail) -> Sending<'a> {
        Box::pin(async move {
            self.started.notify_one();
            self.open.notified().await;
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_mail_that_keeps_failing_is_retried_later_each_time_then_given_up() {
    let app = quiet(|c| c.workers.max_attempts = Some(3)).await;
    let mut ctx = app.ctx.clone();
    ctx.mail = Arc::new(Busy);
    let id = queue_mails(&app, "marie@example.lu", 1).await.remove(0);

    for (attempt, wait) in [(1, 10), (2, 20)] {
        let pass = jobs::pass(&ctx, SendMail, 10).await.unwrap();
        assert_eq!(pass.count(Recorded::State(JobState::Retrying)), 1);
        let row = mail_row(&app, &id).await;
        assert_eq!((row.status, row.attempts), (JobState::Retrying, attempt));
        // PostgreSQL keeps microseconds.
        let waits = row.next_attempt_at - app.clock.now();
        assert!(
            (waits - Duration::seconds(wait)).abs() < Duration::milliseconds(1),
            "{waits}"
        );
        assert_eq!(
            row.last_error.as_deref(),
            Some("cannot deliver: relay busy")
        );
        assert_eq!(jobs::pass(&ctx, SendMail, 10).await.unwrap().total(), 0);
        app.clock.advance(Duration::seconds(wait));
    }
    let pass = jobs::pass(&ctx, SendMail, 10).await.unwrap();

    assert_eq!(pass.count(Recorded::State(JobState::Failed)), 1);
    let row = mail_row(&app, &id).await;
    assert_eq!((row.status, row.attempts), (JobState::Failed, 3));
    assert_eq!(row.sent_at, None);
    app.clock.advance(Duration::days(2));
    assert_eq!(jobs::pass(&ctx, SendMail, 10).await.unwrap().total(), 0);
    let metrics = app.get("/metrics", None).await.text().await.unwrap();
    for line in [
        "guichet_jobs_total{outcome=\"retrying\",worker=\"mail\"} 2",
        "guichet_jobs_total{outcome=\"failed\",worker=\"mail\"} 1",
        "guichet_job_rows{state=\"failed\",worker=\"mail\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }
}

#[tokio::test]
async fn a_worker_runs_at_most_its_concurrency_at_once_until_its_queue_is_empty() {
    let app = quiet(|c| c.workers.concurrency.mail = 3).await;
    let gauge = Arc::new(Gauge::default());
    let mut ctx = app.ctx.clone();
    ctx.mail = gauge.clone();
    let ids = queue_mails(&app, "marie@example.lu", 10).await;
    let stop = Arc::new(Notify::new());

    let worker = tokio::spawn(jobs::run(ctx, SendMail, stop.clone()));
    eventually("every mail sent", async || {
        let mut sent = 0;
        for id in &ids {
            sent += usize::from(mail_row(&app, id).await.status == JobState::Sent);
        }
        sent == ids.len()
    })
    .await;
    stop.notify_one();
    worker.await.unwrap();

    assert_eq!(gauge.sent.load(Ordering::SeqCst), 10);
    assert_eq!(gauge.most.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_job_whose_lease_ran_out_is_taken_again_and_the_late_holder_records_nothing() {
    let app = quiet(|c| c.workers.lease_secs = 60).await;
    let gate = Arc::new(Gate::default());
    let mut slow = app.ctx.clone();
    slow.mail = gate.clone();
    let id = queue_mails(&app, "marie@example.lu", 1).await.remove(0);
    let first = tokio::spawn(async move { jobs::pass(&slow, SendMail, 1).await.unwrap() });
    gate.started.notified().await;
    assert_eq!(
        jobs::pass(&app.ctx, SendMail, 1).await.unwrap().total(),
        0,
        "leased to the first instance"
    );

    app.clock.advance(Duration::seconds(61));
    let second = jobs::pass(&app.ctx, SendMail, 1).await.unwrap();
    gate.open.notify_one();
    let first = first.await.unwrap();

    assert_eq!(second.count(Recorded::State(JobState::Sent)), 1);
    assert_eq!(first.count(Recorded::Lost), 1);
    let row = mail_row(&app, &id).await;
    assert_eq!((row.status, row.attempts), (JobState::Sent, 2));
    app.smtp.wait_for("marie@example.lu", 1).await;
}

/// A mail "sent" by writing `label` into its subject beside its record (a kind's statement run
/// with the outcome), after the gate opens when there is one.
struct Relabel {
    label: &'static str,
    gate: Option<Arc<Gate>>,
}

impl JobKind for Relabel {
    type Table = mail_outbox::Entity;
    const WORKER: Worker = Worker::Mail;

    fn queued(ctx: &guichet::service::Context) -> Arc<Notify> {
        ctx.mail_queued.clone()
    }

    async fn run(
        &self,
        ctx: &guichet::service::Context,
        job: &Claimed<mail_outbox::Entity>,
    ) -> Ran<mail_outbox::Entity> {
        if let Some(gate) = &self.gate {
            gate.started.notify_one();
            gate.open.notified().await;
        }
        let relabel = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Subject, Expr::value(self.label))
            .filter(mail_outbox::Column::Id.eq(job.id()))
            .build(ctx.db.get_database_backend());
        Ran::done(JobState::Sent).then(relabel)
    }
}

#[tokio::test]
async fn jobs_that_end_together_are_recorded_with_their_statements_unless_their_lease_was_lost() {
    let app = quiet(|c| c.workers.lease_secs = 60).await;
    let ids = queue_mails(&app, "marie@example.lu", 4).await;
    let together = Relabel {
        label: "together",
        gate: None,
    };
    let pass = jobs::pass(&app.ctx, together, 4).await.unwrap();
    assert_eq!(pass.count(Recorded::State(JobState::Sent)), 4);
    for id in &ids {
        let row = mail_row(&app, id).await;
        assert_eq!(
            (row.status, row.subject.as_str()),
            (JobState::Sent, "together")
        );
    }

    // A late holder's statement is not run: the row keeps what the current holder wrote.
    let id = queue_mails(&app, "marie@example.lu", 1).await.remove(0);
    let gate = Arc::new(Gate::default());
    let late = Relabel {
        label: "late",
        gate: Some(gate.clone()),
    };
    let ctx = app.ctx.clone();
    let first = tokio::spawn(async move { jobs::pass(&ctx, late, 1).await.unwrap() });
    gate.started.notified().await;
    app.clock.advance(Duration::seconds(61));
    let current = Relabel {
        label: "current",
        gate: None,
    };
    let second = jobs::pass(&app.ctx, current, 1).await.unwrap();
    gate.open.notify_one();
    let first = first.await.unwrap();
    assert_eq!(second.count(Recorded::State(JobState::Sent)), 1);
    assert_eq!(first.count(Recorded::Lost), 1);
    assert_eq!(mail_row(&app, &id).await.subject, "current");
}

#[tokio::test]
async fn a_long_job_keeps_its_lease_while_it_runs() {
    let app = quiet(|c| c.workers.lease_secs = 1).await;
    let gate = Arc::new(Gate::default());
    let mut slow = app.ctx.clone();
    slow.mail = gate.clone();
    let id = queue_mails(&app, "marie@example.lu", 1).await.remove(0);
    let first = tokio::spawn(async move { jobs::pass(&slow, SendMail, 1).await.unwrap() });
    gate.started.notified().await;

    // The lease taken at the claim has run out; the engine renews it within half a lease.
    app.clock.advance(Duration::seconds(5));
    eventually("the lease renewed", async || {
        mail_row(&app, &id).await.next_attempt_at > app.clock.now()
    })
    .await;

    assert_eq!(jobs::pass(&app.ctx, SendMail, 1).await.unwrap().total(), 0);
    gate.open.notify_one();
    let first = first.await.unwrap();
    assert_eq!(first.count(Recorded::State(JobState::Sent)), 1);
    assert_eq!(mail_row(&app, &id).await.attempts, 1);
}

#[tokio::test]
async fn mails_reuse_the_connections_to_the_relay() {
    let app = TestApp::spawn_with(|c| c.workers.concurrency.mail = 2).await;
    let before = app.smtp.sessions();

    queue_mails(&app, "marie@example.lu", 12).await;
    app.ctx.mail_queued.notify_one();

    app.smtp.wait_for("marie@example.lu", 12).await;
    let sessions = app.smtp.sessions() - before;
    assert!(
        (1..=4).contains(&sessions),
        "12 mails over {sessions} connections"
    );
}

#[tokio::test]
async fn the_state_migration_renames_waiting_retries_and_back() {
    let app = quiet(|_| {}).await;
    let db = &app.ctx.db;
    let status = guichet::store::migration_status(db).await.unwrap();
    let position = status
        .iter()
        .position(|(name, _)| name == "m20261201_000001_job_states")
        .unwrap();
    let steps = (status.iter().filter(|(_, applied)| *applied).count() - position) as u32;
    guichet::store::migrate_down(db, steps).await.unwrap();
    // Rows as the earlier versions wrote them: a mail and a job waiting after a failure were
    // `queued` with attempts.
    let now = app.clock.now();
    let mail = |id: &str, status: JobState, attempts: i32| mail_outbox::ActiveModel {
        id: Set(id.into()),
        recipient: Set("marie@example.lu".into()),
        subject: Set("s".into()),
        body: Set("b".into()),
        status: Set(status),
        attempts: Set(attempts),
        created_at: Set(now),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        communication_id: Set(None),
    };
    mail_outbox::Entity::insert_many([
        mail("new", JobState::Queued, 0),
        mail("tried", JobState::Queued, 2),
        mail("sent", JobState::Sent, 1),
    ])
    .exec_without_returning(db)
    .await
    .unwrap();
    issuance_jobs::Entity::insert(issuance_jobs::ActiveModel {
        id: Set("job".into()),
        dossier_id: Set("dossier".into()),
        document_type: Set("criminal-record-extract".into()),
        status: Set(JobState::Queued),
        attempts: Set(1),
        created_at: Set(now),
        next_attempt_at: Set(now),
        done_at: Set(None),
        last_error: Set(None),
        communication_id: Set(None),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    let states = async || {
        let mut mails = Vec::new();
        for id in ["new", "tried", "sent"] {
            mails.push(mail_row(&app, id).await.status);
        }
        let job = issuance_jobs::Entity::find_by_id("job".to_string())
            .one(db)
            .await
            .unwrap()
            .unwrap();
        (mails, job.status)
    };

    guichet::store::migrate_up(db).await.unwrap();
    assert_eq!(
        states().await,
        (
            vec![JobState::Queued, JobState::Retrying, JobState::Sent],
            JobState::Retrying
        )
    );
    guichet::store::migrate_down(db, steps).await.unwrap();
    assert_eq!(
        states().await,
        (
            vec![JobState::Queued, JobState::Queued, JobState::Sent],
            JobState::Queued
        )
    );
    guichet::store::migrate_up(db).await.unwrap();
}
