//! Prometheus metrics of the server, served at `/metrics`.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// The server's metrics and their registry.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    /// HTTP requests by method and status.
    pub http_requests: IntCounterVec,
    /// HTTP request durations by method.
    pub http_duration: HistogramVec,
    /// Sign-in attempts by outcome.
    pub signins: IntCounterVec,
    /// Registration steps by step and outcome.
    pub registrations: IntCounterVec,
    /// Jobs run by worker (`issuance`, `mail`, `push`) and outcome: the state recorded
    /// (`done`, `sent`, `kept`, `accepted`, `gone`, `cancelled`, `retrying`, `failed`), `lost`
    /// (the lease had passed to another instance) or `error` (not recorded).
    pub jobs: IntCounterVec,
    /// Duration of one job run, by worker.
    pub job_seconds: HistogramVec,
    /// Jobs running now on this instance, by worker.
    pub jobs_running: IntGaugeVec,
    /// Communications by event: issued, letter, revoked, superseded.
    pub communications: IntCounterVec,
    /// Jobs of each worker's queue by state, read from the database at each scrape.
    pub job_rows: IntGaugeVec,
}

impl Metrics {
    /// A fresh registry with every metric registered.
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("guichet".into()), None)?;
        let http_requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by method and status"),
            &["method", "status"],
        )?;
        let http_duration = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "HTTP request duration"),
            &["method"],
        )?;
        let signins = IntCounterVec::new(
            Opts::new("signins_total", "Sign-in attempts by outcome"),
            &["outcome"],
        )?;
        let registrations = IntCounterVec::new(
            Opts::new(
                "registrations_total",
                "Registration steps by step and outcome",
            ),
            &["step", "outcome"],
        )?;
        let jobs = IntCounterVec::new(
            Opts::new(
                "jobs_total",
                "Background jobs run, by worker (issuance, mail, push) and outcome (the state recorded, lost, error)",
            ),
            &["worker", "outcome"],
        )?;
        let job_seconds = HistogramVec::new(
            HistogramOpts::new(
                "job_seconds",
                "Duration of one background job run, by worker",
            ),
            &["worker"],
        )?;
        let jobs_running = IntGaugeVec::new(
            Opts::new(
                "jobs_running",
                "Background jobs running now on this instance, by worker",
            ),
            &["worker"],
        )?;
        let communications = IntCounterVec::new(
            Opts::new(
                "communications_total",
                "Issued documents and letters by event (issued, letter, revoked, superseded)",
            ),
            &["event"],
        )?;
        let job_rows = IntGaugeVec::new(
            Opts::new(
                "job_rows",
                "Jobs of each worker's queue (issuance, mail, push) by state, shared by every instance",
            ),
            &["worker", "state"],
        )?;
        registry.register(Box::new(communications.clone()))?;
        registry.register(Box::new(job_rows.clone()))?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_duration.clone()))?;
        registry.register(Box::new(signins.clone()))?;
        registry.register(Box::new(registrations.clone()))?;
        registry.register(Box::new(jobs.clone()))?;
        registry.register(Box::new(job_seconds.clone()))?;
        registry.register(Box::new(jobs_running.clone()))?;
        Ok(Self {
            registry,
            http_requests,
            http_duration,
            signins,
            registrations,
            jobs,
            job_seconds,
            jobs_running,
            communications,
            job_rows,
        })
    }

    /// The text exposition format of every metric.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        if TextEncoder::new()
            .encode(&self.registry.gather(), &mut buf)
            .is_err()
        {
            return String::new();
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// Counts each queue's jobs by state into [`Metrics::job_rows`] (what every instance shares:
/// a growing `queued` means the workers do not keep up, `failed` needs an operator).
pub async fn refresh_job_rows(ctx: &super::Context) -> Result<(), sea_orm::DbErr> {
    use crate::store::entities::{issuance_jobs, mail_outbox, payment_checks, push_outbox};
    use sea_orm::{EntityTrait, QuerySelect, sea_query::Expr};
    async fn by_status<E: EntityTrait>(
        db: &sea_orm::DatabaseConnection,
        status: E::Column,
    ) -> Result<Vec<(String, i64)>, sea_orm::DbErr> {
        E::find()
            .select_only()
            .column(status)
            .column_as(Expr::cust("COUNT(*)"), "n")
            .group_by(status)
            .into_tuple::<(String, i64)>()
            .all(db)
            .await
    }
    let counts = [
        (
            "issuance",
            by_status::<issuance_jobs::Entity>(&ctx.db, issuance_jobs::Column::Status).await?,
        ),
        (
            "mail",
            by_status::<mail_outbox::Entity>(&ctx.db, mail_outbox::Column::Status).await?,
        ),
        (
            "push",
            by_status::<push_outbox::Entity>(&ctx.db, push_outbox::Column::Status).await?,
        ),
        (
            "payments",
            by_status::<payment_checks::Entity>(&ctx.db, payment_checks::Column::Status).await?,
        ),
    ];
    ctx.metrics.job_rows.reset();
    for (worker, rows) in counts {
        for (state, n) in rows {
            ctx.metrics
                .job_rows
                .with_label_values(&[worker, &state])
                .set(n);
        }
    }
    Ok(())
}
