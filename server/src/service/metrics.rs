//! Prometheus metrics of the server, served at `/metrics`.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
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
