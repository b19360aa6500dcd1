//! Everything a use case may need: database, clock, configuration, trust store, mail, push,
//! metrics, rate limits.

use super::metrics::Metrics;
use crate::{clock::Clock, config::Config, limits::Limits, mail::MailSender, push::PushHub};
use guichet_identity::TrustStore;
use sea_orm::DatabaseConnection;
use std::sync::{Arc, RwLock};
use tokio::sync::Notify;

/// Shared state of a running server.
#[derive(Clone)]
pub struct Context {
    /// The database.
    pub db: DatabaseConnection,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The configuration.
    pub config: Arc<Config>,
    /// Trusted certificate authorities and their revocation lists.
    pub trust: Arc<RwLock<TrustStore>>,
    /// Where mail leaves.
    pub mail: Arc<dyn MailSender>,
    /// Whether sent mail bodies are removed from the outbox (true when a relay delivers them).
    pub redact_sent_mail: bool,
    /// Wakes the mail worker when something was queued.
    pub mail_queued: Arc<Notify>,
    /// Wakes the issuance worker when a document was queued for issuance.
    pub issuance_queued: Arc<Notify>,
    /// Web push: sender, VAPID public key, worker wake-up.
    pub push: PushHub,
    /// Prometheus metrics.
    pub metrics: Metrics,
    /// Limits on guessing, per client address and per subject (this instance's counters).
    pub limits: Arc<Limits>,
    /// The payment provider and the reconciliation worker's wake-up.
    pub payments: super::payments::PaymentsHub,
    /// Wakes the export worker when an export of "my data" was asked for.
    pub exports_queued: Arc<Notify>,
    /// Writes the accesses recorded at the same moment in one commit.
    pub access_log: Arc<crate::store::access_log_writer::AccessLogWriter>,
    /// Published procedure versions already read ([`super::catalog::published`]).
    pub procedures: Arc<super::catalog::Versions>,
    /// The criminal record extracts are computed from.
    pub criminal_record: Arc<dyn crate::domain::criminal_record::CriminalRecord>,
}

impl Context {
    /// Records `access` at `at` at the end of its space's chain, in one commit with the other
    /// accesses recorded at that moment ([`crate::store::access_log_writer`]); returns once it
    /// is committed.
    pub async fn record_access(
        &self,
        access: crate::domain::spaces::Access,
        at: time::OffsetDateTime,
    ) -> Result<(), crate::domain::Error> {
        self.access_log.record(&self.db, access, at).await
    }

    /// The current time.
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// The export worker's wake-up.
    pub fn exports_queued(&self) -> Arc<Notify> {
        self.exports_queued.clone()
    }
}
