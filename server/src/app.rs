//! Assembling the server: context from configuration, routes, middleware, background workers.

mod allow;
mod confirm_page;
pub mod dev_fixtures;
mod middleware;
mod payment_pages;
pub mod verify_page;
pub mod well_known;

use crate::{
    api,
    clock::Clock,
    config::{Config, Worker},
    jobs,
    limits::Limits,
    mail::{self, FolderSender, MailSender, SmtpSender, outbox::SendMail},
    push::{self, PushHub, WebPushSender, outbox::SendPush},
    service::{
        Context,
        communications::issuance::IssueDocument,
        issuer_keys,
        metrics::Metrics,
        payments::{PaymentsHub, reconcile::CheckPayment},
        revocation,
    },
    store,
};
use guichet_identity::TrustStore;
use poem::{
    EndpointExt, IntoEndpoint, Route, get, handler,
    http::StatusCode,
    web::{Data, WithStatus},
};
use std::{
    future::Future,
    sync::{Arc, RwLock},
    time::Duration,
};
use tokio::sync::Notify;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// A trusted CA file could not be read or parsed.
    #[error("trusted CA {path}: {reason}")]
    TrustedCa {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The register fixture could not be read.
    #[error("register fixture {path}: {reason}")]
    Register {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Mail could not be set up.
    #[error("mail: {0}")]
    Mail(#[from] mail::MailError),
    /// The criminal record fixture could not be read.
    #[error("criminal record fixture {path}: {reason}")]
    CriminalRecord {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Metrics could not be registered.
    #[error("metrics: {0}")]
    Metrics(#[from] prometheus::Error),
    /// The web push client could not be built.
    #[error("{0}")]
    Push(#[from] push::sender::ClientError),
    /// A quota of `[rate_limits]` cannot be used.
    #[error("{0}")]
    Limits(#[from] crate::limits::QuotaError),
    /// Something else in the domain.
    #[error("{0}")]
    Domain(#[from] crate::domain::Error),
    /// The payment provider's client could not be built.
    #[error("payments: {0}")]
    Payments(String),
    /// Listening failed.
    #[error("listen: {0}")]
    Io(#[from] std::io::Error),
}

fn load_trust(config: &Config) -> Result<TrustStore, StartError> {
    let mut trust = TrustStore::new();
    for path in &config.trusted_cas {
        let err = |reason: String| StartError::TrustedCa {
            path: path.display().to_string(),
            reason,
        };
        let pem = dev_fixtures::read(path, "trusted_cas").map_err(err)?;
        trust.add_ca_pem(&pem).map_err(|e| err(e.to_string()))?;
        if pem.contains("TEST ONLY") || path.to_string_lossy().contains("dev-ca") {
            tracing::warn!(path = %path.display(), "trusting the TEST-ONLY development CA: never in production");
        }
    }
    Ok(trust)
}

fn read_register(config: &Config) -> Result<Vec<store::register::RegisterPerson>, StartError> {
    let Some(path) = &config.register_fixture else {
        return Ok(Vec::new());
    };
    let err = |reason: String| StartError::Register {
        path: path.display().to_string(),
        reason,
    };
    let text = dev_fixtures::read(path, "register_fixture").map_err(err)?;
    serde_json::from_str(&text).map_err(|e| err(e.to_string()))
}

fn read_criminal_record(
    config: &Config,
) -> Result<store::criminal_record::FixtureRecord, StartError> {
    let Some(path) = &config.criminal_record_fixture else {
        return Ok(store::criminal_record::FixtureRecord::default());
    };
    let err = |reason: String| StartError::CriminalRecord {
        path: path.display().to_string(),
        reason,
    };
    let text = dev_fixtures::read(path, "criminal_record_fixture").map_err(err)?;
    let record = store::criminal_record::FixtureRecord::parse(&text).map_err(err)?;
    tracing::info!(people = record.people(), "criminal record fixture read");
    Ok(record)
}

async fn load_register(
    people: &[store::register::RegisterPerson],
    db: &sea_orm::DatabaseConnection,
) -> Result<(), StartError> {
    if people.is_empty() {
        return Ok(());
    }
    let loaded = store::register::load_if_empty(db, people).await?;
    if loaded > 0 {
        tracing::info!(loaded, "national register fixture loaded");
    }
    Ok(())
}

/// Opens the database, migrates it, loads fixtures and builds the shared context.
/// Files named by the configuration are read first, so that a wrong path stops the start before
/// any database is created.
pub async fn build(config: Config, clock: Arc<dyn Clock>) -> Result<Context, StartError> {
    let mut trust = load_trust(&config)?;
    let people = read_register(&config)?;
    let criminal_record = Arc::new(read_criminal_record(&config)?);
    let db = store::connect(&config.effective_database_url()).await?;
    store::migrate_up(&db).await?;
    load_register(&people, &db).await?;
    crate::service::catalog::load_shipped(&db, clock.now()).await?;
    revocation::load_into(&db, &mut trust).await?;
    let (mail, redact): (Arc<dyn MailSender>, bool) = match &config.smtp {
        Some(smtp) => {
            let connections = config.workers.concurrency.mail;
            let sender = SmtpSender::new(smtp, &config.mail_from, connections)?;
            (Arc::new(sender), true)
        }
        None => {
            let dir = config.data_dir.join("mail");
            tracing::info!(dir = %dir.display(), "no SMTP relay configured: mail is kept in the database and this folder");
            (Arc::new(FolderSender::new(dir, &config.mail_from)), false)
        }
    };
    let vapid = push::vapid::load_or_create(&db, clock.now()).await?;
    issuer_keys::ensure_keys(&db, clock.now()).await?;
    crate::service::access_record::ensure_key(&db, clock.now()).await?;
    let sender = WebPushSender::new(
        vapid.clone(),
        &config.push.subject,
        Duration::from_secs(config.push.timeout_secs),
        config.push.endpoint_policy(),
    )?;
    let push = PushHub::new(&vapid, Arc::new(sender));
    let limits = Arc::new(Limits::new(&config.rate_limits, clock.clone())?);
    let provider = crate::payments::stripe::Stripe::new(&config.payments)
        .map_err(|e| StartError::Payments(e.to_string()))?
        .map(|s| Arc::new(s) as Arc<dyn crate::payments::PaymentProvider>);
    if provider.is_none() {
        tracing::info!("no payment provider keys: procedures with a fee cannot be paid");
    }
    Ok(Context {
        db,
        clock,
        config: Arc::new(config),
        trust: Arc::new(RwLock::new(trust)),
        mail,
        redact_sent_mail: redact,
        mail_queued: Arc::new(Notify::new()),
        issuance_queued: Arc::new(Notify::new()),
        exports_queued: Arc::new(Notify::new()),
        push,
        metrics: Metrics::new()?,
        limits,
        payments: PaymentsHub {
            provider,
            checks_queued: Arc::new(Notify::new()),
        },
        procedures: Arc::default(),
        access_log: Arc::default(),
        criminal_record,
    })
}

#[handler]
fn healthz() -> &'static str {
    "ok"
}

#[handler]
async fn readyz(ctx: Data<&Context>) -> WithStatus<&'static str> {
    use poem::IntoResponse as _;
    match ctx.db.ping().await {
        Ok(()) => "ready".with_status(StatusCode::OK),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            "database unavailable".with_status(StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}

#[handler]
async fn metrics(ctx: Data<&Context>) -> String {
    if let Err(e) = crate::service::metrics::refresh_job_rows(&ctx).await {
        tracing::warn!(error = %e, "job metrics not refreshed");
    }
    ctx.metrics.render()
}

/// Every route of the server, with its middleware.
pub fn routes(ctx: Context) -> impl poem::Endpoint {
    use poem::IntoResponse as _;
    let api = api::service(ctx.clone());
    let spec = api::spec_json(ctx.clone());
    let docs = api.swagger_ui();
    let max_body = ctx.config.max_body_bytes;
    let allow = Arc::new(allow::AllowIndex::from_spec(&spec));
    Route::new()
        .nest("/api/v1", api)
        .at(
            "/api/openapi.json",
            get(poem::endpoint::make_sync(move |_| {
                spec.clone()
                    .with_content_type("application/json; charset=utf-8")
            })),
        )
        .nest("/api/docs", docs)
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz))
        .at("/metrics", get(metrics))
        .at("/registration/confirm", confirm_page::endpoint())
        .at("/payments/return", get(payment_pages::back_from_checkout))
        .at(
            "/payments/webhooks/stripe",
            poem::post(payment_pages::stripe_webhook),
        )
        .at(
            guichet_verifier::trust::WELL_KNOWN_PATH,
            get(well_known::trust_list).options(well_known::preflight),
        )
        .at(
            well_known::TRUST_ANCHOR_PATH,
            get(well_known::trust_anchor).options(well_known::preflight),
        )
        .at(
            crate::service::access_record::CHECKPOINT_PATH,
            get(well_known::access_checkpoint).options(well_known::preflight),
        )
        .at(
            crate::service::access_record::CHECKPOINT_KEYS_PATH,
            get(well_known::access_checkpoint_keys).options(well_known::preflight),
        )
        .at(
            guichet_verifier::revocation::WELL_KNOWN_PATH,
            get(well_known::revocation_list).options(well_known::preflight),
        )
        .nest(verify_page::PATH, get(verify_page::page))
        .data(ctx.clone())
        .around(move |ep, req| middleware::frame(ep, req, ctx.clone(), max_body, allow.clone()))
        .into_endpoint()
}

/// A copy of the trust store, taken without holding the lock across an await.
fn snapshot(trust: &RwLock<TrustStore>) -> Option<TrustStore> {
    trust.read().ok().map(|t| t.clone())
}

/// Runs the background workers this instance is configured for (issuance, mail, push: one job
/// engine loop each, [`jobs::run`]), the revocation-list refresh and the sweep of idle
/// rate-limit counters, until `stop` is notified.
pub fn spawn_workers(ctx: Context, stop: Arc<Notify>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut stops = Vec::new();
        let mut tasks = Vec::new();
        let workers = &ctx.config.workers;
        if workers.runs(Worker::Mail) {
            let s = Arc::new(Notify::new());
            tasks.push(tokio::spawn(jobs::run(ctx.clone(), SendMail, s.clone())));
            stops.push(s);
        }
        if workers.runs(Worker::Issuance) {
            let s = Arc::new(Notify::new());
            tasks.push(tokio::spawn(jobs::run(
                ctx.clone(),
                IssueDocument,
                s.clone(),
            )));
            stops.push(s);
        }
        if workers.runs(Worker::Push) {
            let s = Arc::new(Notify::new());
            tasks.push(tokio::spawn(jobs::run(ctx.clone(), SendPush, s.clone())));
            stops.push(s);
        }
        if workers.runs(Worker::Exports) {
            let s = Arc::new(Notify::new());
            tasks.push(tokio::spawn(jobs::run(
                ctx.clone(),
                crate::service::my_data::PrepareExport,
                s.clone(),
            )));
            stops.push(s);
        }
        if workers.runs(Worker::Payments) {
            let s = Arc::new(Notify::new());
            tasks.push(tokio::spawn(jobs::run(
                ctx.clone(),
                CheckPayment,
                s.clone(),
            )));
            stops.push(s);
        }
        let period = Duration::from_secs(60);
        let mut minute = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        loop {
            tokio::select! {
                _ = stop.notified() => break,
                _ = minute.tick() => {
                    refresh_revocation(&ctx).await;
                    ctx.limits.retain_recent();
                    daily(&ctx).await;
                }
            }
        }
        for s in stops {
            s.notify_one();
        }
        for t in tasks {
            let _ = t.await;
        }
    })
}

/// What is done about once a day, looked at every minute: the access-log checkpoint, and the
/// retention sweep ([`crate::service::retention`]) when this instance runs that worker.
async fn daily(ctx: &Context) {
    if let Err(e) = crate::service::access_record::checkpoint_if_due(ctx).await {
        tracing::warn!(error = %e, "access-log checkpoint not signed");
    }
    if ctx.config.workers.runs(Worker::Retention) {
        if let Err(e) = crate::service::retention::apply_if_due(ctx).await {
            tracing::warn!(error = %e, "retention not applied");
        }
    }
}

/// The CAs were read at start; only revocation lists imported since (by any instance) need
/// applying. An older list never replaces a newer one.
async fn refresh_revocation(ctx: &Context) {
    if let Some(mut fresh) = snapshot(&ctx.trust) {
        match revocation::load_into(&ctx.db, &mut fresh).await {
            Ok(_) => {
                if let Ok(mut trust) = ctx.trust.write() {
                    *trust = fresh;
                }
            }
            Err(e) => tracing::warn!(error = %e, "revocation lists not reloaded"),
        }
    }
}

/// Runs the server as `guichet serve` does: system clock, the configured address, until
/// SIGINT or SIGTERM (then it finishes the requests in flight and stops the workers).
pub async fn run(config: Config) -> Result<(), StartError> {
    let bind = config.bind.clone();
    let ctx = build(config, Arc::new(crate::clock::SystemClock)).await?;
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    tracing::info!(address = %listener.local_addr()?, "guichet listening; API docs at /api/docs");
    serve(ctx, listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("shutting down");
}

/// Serves `ctx` on `listener` until `shutdown` completes, with the workers running.
pub async fn serve(
    ctx: Context,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), StartError> {
    let stop = Arc::new(Notify::new());
    let workers = spawn_workers(ctx.clone(), stop.clone());
    let acceptor = poem::listener::TcpAcceptor::from_tokio(listener)?;
    let result = poem::Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(routes(ctx), shutdown, Some(Duration::from_secs(10)))
        .await;
    stop.notify_one();
    let _ = workers.await;
    Ok(result?)
}
