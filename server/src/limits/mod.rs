//! Limits on guessing: keyed GCRA rate limiters (the `governor` crate) per client address and
//! per subject, read through the server's clock, answered with `TooManyRequests`.
//!
//! The counters are kept in this instance's memory. Behind a load balancer spreading requests
//! over N instances, a client can make up to N × each quota; the documentation of
//! `[rate_limits]` says so, and an operator divides the quotas by N when that matters.

mod address;

pub use address::ClientAddress;

use crate::{
    clock::Clock,
    config::{QuotaConfig, RateLimitsConfig},
    domain::Error,
};
use governor::{Quota, RateLimiter, middleware::NoOpMiddleware, state::keyed::DashMapStateStore};
use ipnet::IpNet;
use sha2::{Digest, Sha256};
use std::{num::NonZeroU32, sync::Arc, time::Duration};
use time::OffsetDateTime;

/// What is counted. Each has its own quota in `[rate_limits]` and its own counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Sign-in challenges per client address.
    ChallengePerAddress,
    /// Sign-in attempts per client address.
    SigninPerAddress,
    /// Sign-ins per certificate, once its key was proven.
    SigninPerCertificate,
    /// Registration starts and resends per client address.
    RegistrationPerAddress,
    /// Registration starts and resends per person (national identification number).
    RegistrationPerPerson,
    /// Confirmation mails per e-mail address.
    RegistrationPerEmail,
    /// Public status reads per client address.
    StatusPerAddress,
    /// Public status reads per document.
    StatusPerDocument,
    /// Checks of a document by its number and verification code, per client address.
    DocumentCheckPerAddress,
    /// Checks by verification code per document number (existing or not, so that the limit
    /// itself tells nothing).
    DocumentCheckPerDocument,
}

impl Limit {
    /// Every limit, in the order of their counters.
    pub const ALL: [Limit; 10] = [
        Limit::ChallengePerAddress,
        Limit::SigninPerAddress,
        Limit::SigninPerCertificate,
        Limit::RegistrationPerAddress,
        Limit::RegistrationPerPerson,
        Limit::RegistrationPerEmail,
        Limit::StatusPerAddress,
        Limit::StatusPerDocument,
        Limit::DocumentCheckPerAddress,
        Limit::DocumentCheckPerDocument,
    ];

    /// Its name in `[rate_limits]` and in logs.
    pub const fn name(self) -> &'static str {
        match self {
            Limit::ChallengePerAddress => "challenge_per_address",
            Limit::SigninPerAddress => "signin_per_address",
            Limit::SigninPerCertificate => "signin_per_certificate",
            Limit::RegistrationPerAddress => "registration_per_address",
            Limit::RegistrationPerPerson => "registration_per_person",
            Limit::RegistrationPerEmail => "registration_per_email",
            Limit::StatusPerAddress => "status_per_address",
            Limit::StatusPerDocument => "status_per_document",
            Limit::DocumentCheckPerAddress => "document_check_per_address",
            Limit::DocumentCheckPerDocument => "document_check_per_document",
        }
    }

    fn quota(self, c: &RateLimitsConfig) -> QuotaConfig {
        match self {
            Limit::ChallengePerAddress => c.challenge_per_address,
            Limit::SigninPerAddress => c.signin_per_address,
            Limit::SigninPerCertificate => c.signin_per_certificate,
            Limit::RegistrationPerAddress => c.registration_per_address,
            Limit::RegistrationPerPerson => c.registration_per_person,
            Limit::RegistrationPerEmail => c.registration_per_email,
            Limit::StatusPerAddress => c.status_per_address,
            Limit::StatusPerDocument => c.status_per_document,
            Limit::DocumentCheckPerAddress => c.document_check_per_address,
            Limit::DocumentCheckPerDocument => c.document_check_per_document,
        }
    }
}

/// A quota of `[rate_limits]` that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("rate_limits.{limit}: burst and period_secs must both be at least 1")]
pub struct QuotaError {
    /// The limit's name.
    pub limit: &'static str,
}

/// The server's clock as governor sees it: time since the Unix epoch.
#[derive(Clone)]
struct LimiterClock(Arc<dyn Clock>);

impl LimiterClock {
    fn since_epoch(&self) -> Duration {
        Duration::try_from(self.0.now() - OffsetDateTime::UNIX_EPOCH).unwrap_or(Duration::ZERO)
    }
}

impl governor::clock::Clock for LimiterClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.since_epoch()
    }
}

type Keyed = RateLimiter<u128, DashMapStateStore<u128>, LimiterClock, NoOpMiddleware<Duration>>;

/// The counters of every limit, and the proxies believed about client addresses.
pub struct Limits {
    limiters: Vec<(Limit, Keyed)>,
    clock: LimiterClock,
    trusted_proxies: Vec<IpNet>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("keys", &self.len())
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

impl Limits {
    /// Counters for `config`'s quotas, read through `clock`; fails on a zero burst or period.
    pub fn new(config: &RateLimitsConfig, clock: Arc<dyn Clock>) -> Result<Self, QuotaError> {
        let clock = LimiterClock(clock);
        let limiters = Limit::ALL
            .iter()
            .map(|&limit| {
                let q = limit.quota(config);
                let err = QuotaError {
                    limit: limit.name(),
                };
                let burst = NonZeroU32::new(q.burst).ok_or(err)?;
                let quota = Quota::with_period(Duration::from_secs(q.period_secs) / q.burst)
                    .ok_or(QuotaError {
                        limit: limit.name(),
                    })?
                    .allow_burst(burst);
                Ok((limit, RateLimiter::dashmap_with_clock(quota, clock.clone())))
            })
            .collect::<Result<_, QuotaError>>()?;
        Ok(Self {
            limiters,
            clock,
            trusted_proxies: config.trusted_proxies.clone(),
        })
    }

    /// The networks whose forwarding headers are believed.
    pub fn trusted_proxies(&self) -> &[IpNet] {
        &self.trusted_proxies
    }

    /// Counts one request from `client` against `limit`; `TooManyRequests` when its quota is
    /// spent (the request is then not counted).
    pub fn check_address(&self, limit: Limit, client: &ClientAddress) -> Result<(), Error> {
        self.check(limit, client.key())
    }

    /// Counts one request about `subject` (a certificate fingerprint, a national identification
    /// number, an e-mail address, a document number: as the caller normalised it) against
    /// `limit`. Only a digest of the subject is kept in memory.
    pub fn check_subject(&self, limit: Limit, subject: &str) -> Result<(), Error> {
        let digest = Sha256::digest(subject.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        self.check(limit, u128::from_be_bytes(key))
    }

    fn check(&self, limit: Limit, key: u128) -> Result<(), Error> {
        let Some((_, limiter)) = self.limiters.iter().find(|(l, _)| *l == limit) else {
            return Ok(());
        };
        limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.since_epoch());
            let retry_after_secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            tracing::warn!(limit = limit.name(), retry_after_secs, "rate limit reached");
            Error::TooManyRequests {
                retry_after_secs: retry_after_secs.max(1),
            }
        })
    }

    /// Forgets the keys whose counters are back to a full burst, so memory stays bounded by
    /// the clients of the last period; the server runs it every minute.
    pub fn retain_recent(&self) {
        for (_, limiter) in &self.limiters {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Keys held across every limit.
    pub fn len(&self) -> usize {
        self.limiters.iter().map(|(_, l)| l.len()).sum()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    fn limits(quota: QuotaConfig) -> (Limits, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(
            OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000),
        ));
        let config = RateLimitsConfig {
            signin_per_address: quota,
            signin_per_certificate: quota,
            ..RateLimitsConfig::default()
        };
        (Limits::new(&config, clock.clone()).unwrap(), clock)
    }

    #[test]
    fn a_spent_burst_is_refused_until_the_clock_refills_it() {
        let (limits, clock) = limits(QuotaConfig::new(2, 60));
        let client = ClientAddress("192.0.2.1".parse().unwrap());
        limits
            .check_address(Limit::SigninPerAddress, &client)
            .unwrap();
        limits
            .check_address(Limit::SigninPerAddress, &client)
            .unwrap();
        let refused = limits.check_address(Limit::SigninPerAddress, &client);
        assert!(matches!(
            refused,
            Err(Error::TooManyRequests {
                retry_after_secs: 30
            })
        ));
        // Another address, another limit, another subject: separate counters.
        let other = ClientAddress("192.0.2.2".parse().unwrap());
        limits
            .check_address(Limit::SigninPerAddress, &other)
            .unwrap();
        limits
            .check_address(Limit::ChallengePerAddress, &client)
            .unwrap();
        limits
            .check_subject(Limit::SigninPerCertificate, "ab12")
            .unwrap();
        clock.advance(time::Duration::seconds(29));
        assert!(
            limits
                .check_address(Limit::SigninPerAddress, &client)
                .is_err()
        );
        clock.advance(time::Duration::seconds(1));
        limits
            .check_address(Limit::SigninPerAddress, &client)
            .unwrap();
    }

    #[test]
    fn idle_keys_are_forgotten() {
        let (limits, clock) = limits(QuotaConfig::new(5, 10));
        for i in 0..50u8 {
            let client = ClientAddress(std::net::IpAddr::from([192, 0, 2, i]));
            limits
                .check_address(Limit::SigninPerAddress, &client)
                .unwrap();
        }
        assert_eq!(limits.len(), 50);
        clock.advance(time::Duration::seconds(11));
        limits.retain_recent();
        assert!(limits.is_empty());
    }

    #[test]
    fn a_zero_quota_is_refused_at_start() {
        let clock = Arc::new(ManualClock::new(OffsetDateTime::UNIX_EPOCH));
        let config = RateLimitsConfig {
            status_per_document: QuotaConfig::new(0, 60),
            ..RateLimitsConfig::default()
        };
        let err = Limits::new(&config, clock).unwrap_err();
        assert_eq!(err.limit, "status_per_document");
    }
}
