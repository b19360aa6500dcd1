//! Configuration: a TOML file, then environment variables, over defaults that run on a fresh machine.

mod payments;
mod rate_limits;
mod workers;

use crate::domain::push::EndpointPolicy;
pub use payments::PaymentsConfig;
pub use rate_limits::{QuotaConfig, RateLimitsConfig};
use serde::Deserialize;
use std::{
    fmt,
    path::{Path, PathBuf},
};
pub use workers::{Concurrency, Worker, WorkersConfig};

/// A secret value: never printed by `Debug` or `Display`, so it cannot reach a log.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How the server reaches an SMTP relay.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Host name or address of the relay.
    pub host: String,
    /// TCP port (25, 465 or 587 usually).
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// Transport security: `none` (loopback relays only), `starttls` or `tls`.
    #[serde(default)]
    pub security: SmtpSecurity,
    /// User name, when the relay asks for authentication.
    #[serde(default)]
    pub username: Option<String>,
    /// Password, when the relay asks for authentication.
    #[serde(default)]
    pub password: Option<Secret>,
}

fn default_smtp_port() -> u16 {
    587
}

/// Transport security towards the SMTP relay.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text: only for a relay on the same machine.
    None,
    /// STARTTLS upgrade (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// Lifetimes of the credentials the server hands out.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct TokenConfig {
    /// Access token lifetime, in seconds.
    pub access_ttl_secs: i64,
    /// Refresh token lifetime, in seconds.
    pub refresh_ttl_secs: i64,
    /// Sign-in challenge lifetime, in seconds.
    pub challenge_ttl_secs: i64,
    /// Registration confirmation link lifetime, in hours (72 by the rules of the portal).
    pub registration_link_ttl_hours: i64,
}

impl Default for TokenConfig {
    fn default() -> Self {
        Self {
            access_ttl_secs: 600,
            refresh_ttl_secs: 30 * 24 * 3600,
            challenge_ttl_secs: 120,
            registration_link_ttl_hours: 72,
        }
    }
}

/// Web push (RFC 8030/8291/8292) towards the mobile app.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct PushConfig {
    /// The VAPID `sub` claim: a `mailto:` (or https) contact push services can reach.
    pub subject: String,
    /// Accept loopback endpoints (`127.0.0.0/8`, `[::1]`, `localhost`, over http too): tests and
    /// development only. Private and other non-public networks stay refused.
    pub allow_loopback_http: bool,
    /// Push service hosts allowed, each with its subdomains (e.g. `fcm.googleapis.com`,
    /// `push.apple.com`); empty: any host on a public address.
    pub allowed_hosts: Vec<String>,
    /// How long a push service keeps an undelivered notice, in seconds (RFC 8030 `TTL`).
    pub ttl_secs: u32,
    /// Renamed `[workers] max_attempts` (one limit for every worker); still read, and used
    /// when `[workers] max_attempts` is not set.
    pub max_attempts: Option<i32>,
    /// Timeout of one request to a push service, in seconds.
    pub timeout_secs: u64,
}

impl Default for PushConfig {
    fn default() -> Self {
        Self {
            subject: "mailto:no-reply@guichet.invalid".into(),
            allow_loopback_http: false,
            allowed_hosts: Vec::new(),
            ttl_secs: 7 * 24 * 3600,
            max_attempts: None,
            timeout_secs: 15,
        }
    }
}

impl PushConfig {
    /// Where pushes may go, as the domain checks it: allowed hosts in the form the URL parser
    /// gives hosts (lower case, IDNA to ASCII), without surrounding dots. An entry that is not a
    /// host name is kept as written: it matches nothing, and never empties the list.
    pub fn endpoint_policy(&self) -> EndpointPolicy {
        EndpointPolicy {
            allow_loopback_http: self.allow_loopback_http,
            allowed_hosts: self
                .allowed_hosts
                .iter()
                .map(|h| {
                    let h = h.trim().trim_matches('.');
                    url::Host::parse(h).map_or_else(|_| h.to_string(), |p| p.to_string())
                })
                .collect(),
        }
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address to listen on.
    pub bind: String,
    /// Where the embedded database, kept mail and keys live.
    pub data_dir: PathBuf,
    /// Database URL; the default is a SQLite file in `data_dir`.
    pub database_url: Option<Secret>,
    /// The public address of the portal, used in links sent by mail.
    pub public_url: String,
    /// PEM files of the certificate authorities whose certificates may sign in (default: the
    /// TEST-ONLY development CA, built into the binary when `fixtures/` is not beside it).
    pub trusted_cas: Vec<PathBuf>,
    /// The national register extract loaded on first start (JSON; default: the sample register,
    /// built into the binary when `fixtures/` is not beside it).
    pub register_fixture: Option<PathBuf>,
    /// The criminal record fixture extracts are computed from (JSON; default: the sample
    /// record, built into the binary when `fixtures/` is not beside it).
    pub criminal_record_fixture: Option<PathBuf>,
    /// The sender address of outgoing mail.
    pub mail_from: String,
    /// SMTP relay; without one, mail is kept in the database and in `data_dir/mail`.
    pub smtp: Option<SmtpConfig>,
    /// Credential lifetimes.
    pub tokens: TokenConfig,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Web push.
    pub push: PushConfig,
    /// The background workers and their job engine.
    pub workers: WorkersConfig,
    /// Limits on guessing (sign-in, registration, public status), per instance.
    pub rate_limits: RateLimitsConfig,
    /// Professional spaces and their co-workers.
    pub spaces: SpacesConfig,
    /// Electronic payments (a hosted-checkout provider).
    pub payments: PaymentsConfig,
    /// The employer's verifier page served at `/verify` (`bash verifier-web/bundle` writes it;
    /// default `target/verify-page`).
    pub verify_page_dir: PathBuf,
    /// The offline route's fillable PDF forms.
    pub offline_forms: OfflineFormsConfig,
}

/// The offline route: fillable PDF forms downloaded, filled on one's computer, uploaded.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct OfflineFormsConfig {
    /// Largest filled form accepted, in bytes (a filled form weighs tens of kilobytes; the
    /// request body limit `max_body_bytes` applies first).
    pub max_bytes: usize,
}

impl Default for OfflineFormsConfig {
    fn default() -> Self {
        Self {
            max_bytes: 512 * 1024,
        }
    }
}

/// Professional spaces: how many a person may create, how long an invitation lasts.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct SpacesConfig {
    /// Professional spaces per person unless the helpdesk raised it (10 by the portal's rules,
    /// MISSION.md "Spaces").
    pub max_professional: u32,
    /// How long an invitation link works, in hours.
    pub invitation_ttl_hours: i64,
}

impl Default for SpacesConfig {
    fn default() -> Self {
        Self {
            max_professional: 10,
            invitation_ttl_hours: 7 * 24,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            public_url: "http://127.0.0.1:8080".into(),
            trusted_cas: vec![PathBuf::from(crate::app::dev_fixtures::DEV_CA_PATH)],
            register_fixture: Some(PathBuf::from(crate::app::dev_fixtures::REGISTER_PATH)),
            criminal_record_fixture: Some(PathBuf::from(
                crate::app::dev_fixtures::CRIMINAL_RECORD_PATH,
            )),
            mail_from: "guichet <no-reply@guichet.invalid>".into(),
            smtp: None,
            tokens: TokenConfig::default(),
            max_body_bytes: 1024 * 1024,
            push: PushConfig::default(),
            workers: WorkersConfig::default(),
            rate_limits: RateLimitsConfig::default(),
            spaces: SpacesConfig::default(),
            payments: PaymentsConfig::default(),
            verify_page_dir: PathBuf::from("target/verify-page"),
            offline_forms: OfflineFormsConfig::default(),
        }
    }
}

/// A configuration that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML for this configuration.
    #[error("invalid configuration in {path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why.
        source: Box<toml::de::Error>,
    },
    /// An environment variable has a value that cannot be used.
    #[error("invalid value in environment variable {0}")]
    Env(&'static str),
}

impl Config {
    /// Reads `path` (or `guichet.toml` when it exists), then applies environment variables:
    /// `GUICHET_BIND`, `GUICHET_DATA_DIR`, `GUICHET_VERIFY_PAGE_DIR`, `DATABASE_URL`, `GUICHET_PUBLIC_URL`,
    /// `GUICHET_SMTP_HOST`, `GUICHET_SMTP_PORT`, `GUICHET_SMTP_SECURITY`,
    /// `GUICHET_SMTP_USERNAME`, `GUICHET_SMTP_PASSWORD`, `GUICHET_PUSH_SUBJECT`,
    /// `GUICHET_WORKERS` (comma-separated, or `none`), `GUICHET_OUTBOX_LEASE_SECS`,
    /// `GUICHET_WORKERS_MAX_ATTEMPTS`,
    /// `GUICHET_TRUSTED_PROXIES` (comma-separated CIDR networks, or `none`).
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let default_path = Path::new("guichet.toml");
        let file = match path {
            Some(p) => Some(p),
            None if default_path.exists() => Some(default_path),
            None => None,
        };
        let mut config = match file {
            Some(p) => Self::from_toml_file(p)?,
            None => Self::default(),
        };
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    /// Parses a TOML file.
    pub fn from_toml_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        toml::from_str(&text).map_err(|source| ConfigError::Parse {
            path: path.to_path_buf(),
            source: Box::new(source),
        })
    }

    /// Applies environment overrides read through `var`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = var("GUICHET_BIND") {
            self.bind = v;
        }
        if let Some(v) = var("GUICHET_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = var("DATABASE_URL").filter(|v| !v.is_empty()) {
            self.database_url = Some(Secret::new(v));
        }
        if let Some(v) = var("GUICHET_VERIFY_PAGE_DIR") {
            self.verify_page_dir = PathBuf::from(v);
        }
        if let Some(v) = var("GUICHET_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = var("GUICHET_PUSH_SUBJECT") {
            self.push.subject = v;
        }
        self.workers.apply_env(&var)?;
        self.payments.apply_env(&var)?;
        if let Some(v) = var("GUICHET_TRUSTED_PROXIES") {
            self.rate_limits.trusted_proxies = match v.trim() {
                "none" | "" => Vec::new(),
                list => list
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .parse()
                            .map_err(|_| ConfigError::Env("GUICHET_TRUSTED_PROXIES"))
                    })
                    .collect::<Result<_, _>>()?,
            };
        }
        if let Some(host) = var("GUICHET_SMTP_HOST") {
            let port = match var("GUICHET_SMTP_PORT") {
                Some(p) => p
                    .parse()
                    .map_err(|_| ConfigError::Env("GUICHET_SMTP_PORT"))?,
                None => default_smtp_port(),
            };
            let security = match var("GUICHET_SMTP_SECURITY").as_deref() {
                None | Some("starttls") => SmtpSecurity::Starttls,
                Some("tls") => SmtpSecurity::Tls,
                Some("none") => SmtpSecurity::None,
                Some(_) => return Err(ConfigError::Env("GUICHET_SMTP_SECURITY")),
            };
            self.smtp = Some(SmtpConfig {
                host,
                port,
                security,
                username: var("GUICHET_SMTP_USERNAME"),
                password: var("GUICHET_SMTP_PASSWORD").map(Secret::new),
            });
        }
        Ok(())
    }

    /// Attempts after which a job of any worker is given up: `[workers] max_attempts`, or the
    /// older `[push] max_attempts`, or 10.
    pub fn max_attempts(&self) -> i32 {
        self.workers.max_attempts_or(self.push.max_attempts)
    }

    /// The database URL to use: the configured one, or the embedded SQLite file.
    pub fn effective_database_url(&self) -> Secret {
        match &self.database_url {
            Some(url) => url.clone(),
            None => Secret::new(format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("guichet.db").display()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let mut config = Config::default();
        config
            .apply_env(|name| match name {
                "DATABASE_URL" => Some("postgres://u:hunter2@db/guichet".into()),
                "GUICHET_SMTP_HOST" => Some("relay".into()),
                "GUICHET_SMTP_PASSWORD" => Some("s3cr3t-pw".into()),
                "GUICHET_PAYMENTS_SECRET_KEY" => Some("sk_live_n0tpr1nted".into()),
                "GUICHET_PAYMENTS_WEBHOOK_SECRET" => Some("whsec_n0tpr1nted".into()),
                _ => None,
            })
            .unwrap();
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2"));
        assert!(!printed.contains("s3cr3t-pw"));
        assert!(!printed.contains("n0tpr1nted"));
        assert!(printed.contains("Secret(***)"));
    }

    #[test]
    fn embedded_default_is_a_sqlite_file_in_the_data_dir() {
        let config = Config::default();
        assert_eq!(
            config.effective_database_url().expose(),
            "sqlite://data/guichet.db?mode=rwc"
        );
    }

    #[test]
    fn rate_limits_come_from_the_file_and_proxies_from_the_environment() {
        let mut c: Config = toml::from_str(
            "[rate_limits]\ntrusted_proxies = [\"10.0.0.0/8\"]\n\
             signin_per_address = { burst = 3, period_secs = 10 }\n",
        )
        .unwrap();
        assert_eq!(c.rate_limits.signin_per_address, QuotaConfig::new(3, 10));
        assert_eq!(
            c.rate_limits.challenge_per_address,
            RateLimitsConfig::default().challenge_per_address
        );
        assert_eq!(c.rate_limits.trusted_proxies.len(), 1);
        c.apply_env(|n| (n == "GUICHET_TRUSTED_PROXIES").then(|| "::1/128, 127.0.0.1/32".into()))
            .unwrap();
        assert_eq!(c.rate_limits.trusted_proxies.len(), 2);
        let bad = c.apply_env(|n| (n == "GUICHET_TRUSTED_PROXIES").then(|| "10.0.0.0/33".into()));
        assert!(matches!(
            bad,
            Err(ConfigError::Env("GUICHET_TRUSTED_PROXIES"))
        ));
        let bad: Result<Config, _> =
            toml::from_str("[rate_limits]\ntrusted_proxies = [\"proxy.example\"]\n");
        assert!(bad.is_err());
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let parsed: Result<Config, _> = toml::from_str("bnd = \"0.0.0.0:80\"");
        assert!(parsed.is_err());
    }

    #[test]
    fn push_allowed_hosts_are_read_and_normalised_like_url_hosts() {
        let parsed: Config = toml::from_str(
            "[push]\nallowed_hosts = [\"FCM.googleapis.com\", \".push.apple.com.\", \"bücher.example\"]",
        )
        .unwrap();
        let policy = parsed.push.endpoint_policy();
        assert_eq!(
            policy.allowed_hosts,
            [
                "fcm.googleapis.com",
                "push.apple.com",
                "xn--bcher-kva.example"
            ]
        );
        assert!(!policy.allow_loopback_http);
        assert!(
            Config::default()
                .push
                .endpoint_policy()
                .allowed_hosts
                .is_empty()
        );
    }
}
