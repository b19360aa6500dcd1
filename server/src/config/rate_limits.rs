//! The `[rate_limits]` section: how many guesses a client address or a subject gets, and which
//! proxies may say who the client is.

use ipnet::IpNet;
use serde::Deserialize;

/// `burst` requests per `period_secs`, refilled evenly (GCRA: one request every
/// `period_secs / burst` seconds once the burst is spent).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuotaConfig {
    /// Requests allowed at once (at least 1).
    pub burst: u32,
    /// Seconds in which a spent burst is whole again (at least 1).
    pub period_secs: u64,
}

impl QuotaConfig {
    /// `burst` requests per `period_secs` seconds.
    pub const fn new(burst: u32, period_secs: u64) -> Self {
        Self { burst, period_secs }
    }
}

/// Limits on the operations that can be used to guess (sign-in, registration, public status).
///
/// The counters live in the memory of each instance: behind a load balancer spreading requests
/// over N instances, a client gets up to N × the quota. An address key is the client's IPv4
/// address or its IPv6 /64 network.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitsConfig {
    /// Networks of the reverse proxies whose `Forwarded` / `X-Forwarded-For` headers are
    /// believed (CIDR, e.g. `10.0.0.0/8`, `::1/128`). Empty by default: the socket's peer is
    /// the client.
    pub trusted_proxies: Vec<IpNet>,
    /// `POST /signin/challenges` per client address.
    pub challenge_per_address: QuotaConfig,
    /// `POST /signin` attempts per client address, failed or not.
    pub signin_per_address: QuotaConfig,
    /// Sign-ins per certificate, counted once the signature proved possession of its key.
    pub signin_per_certificate: QuotaConfig,
    /// Registration starts and resends per client address.
    pub registration_per_address: QuotaConfig,
    /// Registration starts and resends per person (the national identification number of the
    /// certificate proven at sign-in).
    pub registration_per_person: QuotaConfig,
    /// Confirmation mails per e-mail address (start and resend).
    pub registration_per_email: QuotaConfig,
    /// `GET /public/documents/{number}/status` per client address.
    pub status_per_address: QuotaConfig,
    /// Public status reads per existing document.
    pub status_per_document: QuotaConfig,
    /// `POST /public/documents/{number}/check` (number + verification code) per client address.
    pub document_check_per_address: QuotaConfig,
    /// Checks by verification code per document number, whether a document has it or not.
    pub document_check_per_document: QuotaConfig,
}

impl Default for RateLimitsConfig {
    /// Sized for a national portal where many citizens may share one address (carrier-grade NAT,
    /// offices): generous per address, stricter where a mail leaves or a subject is known.
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            challenge_per_address: QuotaConfig::new(60, 60),
            signin_per_address: QuotaConfig::new(30, 60),
            signin_per_certificate: QuotaConfig::new(20, 600),
            registration_per_address: QuotaConfig::new(20, 3600),
            registration_per_person: QuotaConfig::new(10, 3600),
            registration_per_email: QuotaConfig::new(5, 3600),
            status_per_address: QuotaConfig::new(60, 60),
            status_per_document: QuotaConfig::new(60, 60),
            document_check_per_address: QuotaConfig::new(60, 600),
            document_check_per_document: QuotaConfig::new(10, 3600),
        }
    }
}
