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
    /// Mail deliveries by outcome.
    pub mails: IntCounterVec,
    /// Pushes by outcome: queued, accepted, retrying, gone, failed, cancelled.
    pub pushes: IntCounterVec,
    /// Communications by event: issued, issuance_retrying, issuance_failed, letter, revoked, superseded.
    pub communications: IntCounterVec,
    /// Rows of each outbox (issuance, mail, push) by state, read from the database at each scrape.
    pub outbox_rows: IntGaugeVec,
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
        let mails = IntCounterVec::new(
            Opts::new("mails_total", "Mail deliveries by outcome"),
            &["outcome"],
        )?;
        let pushes = IntCounterVec::new(
            Opts::new("pushes_total", "Web push notices by outcome"),
            &["outcome"],
        )?;
        let communications = IntCounterVec::new(
            Opts::new(
                "communications_total",
                "Issued documents and letters by event (issued, issuance_retrying, issuance_failed, letter, revoked, superseded)",
            ),
            &["event"],
        )?;
        registry.register(Box::new(communications.clone()))?;
        let outbox_rows = IntGaugeVec::new(
            Opts::new(
                "outbox_rows",
                "Rows of each durable outbox (issuance, mail, push) by state, shared by every instance",
            ),
            &["outbox", "status"],
        )?;
        registry.register(Box::new(outbox_rows.clone()))?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_duration.clone()))?;
        registry.register(Box::new(signins.clone()))?;
        registry.register(Box::new(registrations.clone()))?;
        registry.register(Box::new(mails.clone()))?;
        registry.register(Box::new(pushes.clone()))?;
        Ok(Self {
            registry,
            http_requests,
            http_duration,
            signins,
            registrations,
            mails,
            pushes,
            communications,
            outbox_rows,
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

/// Counts each outbox's rows by state into [`Metrics::outbox_rows`] (what every instance shares:
/// a growing `queued` means the workers do not keep up, `failed` needs an operator).
pub async fn refresh_outboxes(ctx: &super::Context) -> Result<(), sea_orm::DbErr> {
    use crate::store::entities::{issuance_jobs, mail_outbox, push_outbox};
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
    ];
    ctx.metrics.outbox_rows.reset();
    for (outbox, rows) in counts {
        for (status, n) in rows {
            ctx.metrics
                .outbox_rows
                .with_label_values(&[outbox, &status])
                .set(n);
        }
    }
    Ok(())
}
