//! The `[workers]` section: which background workers an instance runs, and how the job engine
//! treats their jobs (lease, attempts, jobs at once per worker).

use super::ConfigError;
use serde::Deserialize;

/// Which background workers this instance runs, and how the job engine runs their jobs.
///
/// Every instance may run every worker: they share the queues in the database without taking
/// a job twice at once. An operator may also run API-only instances (`run = []`) beside worker
/// instances.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct WorkersConfig {
    /// The workers to run: any of `issuance`, `mail`, `push`, `payments`, `exports`,
    /// `retention`.
    pub run: Vec<Worker>,
    /// Seconds a job claimed by an instance stays claimed (renewed while it runs): if that
    /// instance dies mid-run, another takes the job over after this lease (so the effect
    /// happens at least once).
    pub lease_secs: u32,
    /// Attempts after which a job that keeps failing is given up (`failed`), for every worker;
    /// unset: `[push] max_attempts` if that older key is set, else 10.
    pub max_attempts: Option<u32>,
    /// Jobs each worker runs at once.
    pub concurrency: Concurrency,
}

/// Jobs run at once by each worker of an instance.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Concurrency {
    /// Documents issued at once (each renders and seals a PDF in a write transaction).
    pub issuance: u32,
    /// Mails handed to the relay at once (also the size of the SMTP connection pool).
    pub mail: u32,
    /// Pushes posted to push services at once.
    pub push: u32,
    /// Payments reconciled with the provider at once.
    pub payments: u32,
    /// Exports of a space's data prepared at once (each reads the whole space).
    pub exports: u32,
}

impl Default for Concurrency {
    fn default() -> Self {
        Self {
            issuance: 2,
            mail: 8,
            push: 32,
            payments: 2,
            exports: 1,
        }
    }
}

impl Concurrency {
    /// The jobs `worker` runs at once (at least one).
    pub fn of(&self, worker: Worker) -> usize {
        let n = match worker {
            Worker::Issuance => self.issuance,
            Worker::Mail => self.mail,
            Worker::Push => self.push,
            Worker::Payments => self.payments,
            Worker::Exports => self.exports,
            Worker::Retention => 1,
        };
        usize::try_from(n.max(1)).unwrap_or(1)
    }
}

/// A background worker.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Worker {
    /// Issues documents (render, seal, deliver into the space, queue the notices).
    Issuance,
    /// Sends mail.
    Mail,
    /// Sends web push.
    Push,
    /// Reconciles payments stuck pending with the provider.
    Payments,
    /// Prepares the exports of a space's data people ask for.
    Exports,
    /// Applies the retention periods once a day (deletes what expired, records the deletion).
    Retention,
}

impl Worker {
    /// Parses `issuance`, `mail`, `push` or `payments`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "issuance" => Some(Self::Issuance),
            "mail" => Some(Self::Mail),
            "push" => Some(Self::Push),
            "payments" => Some(Self::Payments),
            "exports" => Some(Self::Exports),
            "retention" => Some(Self::Retention),
            _ => None,
        }
    }

    /// Its name in configuration, logs and metrics.
    pub fn name(self) -> &'static str {
        match self {
            Self::Issuance => "issuance",
            Self::Mail => "mail",
            Self::Push => "push",
            Self::Payments => "payments",
            Self::Exports => "exports",
            Self::Retention => "retention",
        }
    }
}

/// Attempts when neither `[workers] max_attempts` nor `[push] max_attempts` is set.
const DEFAULT_MAX_ATTEMPTS: u32 = 10;

impl Default for WorkersConfig {
    fn default() -> Self {
        Self {
            run: vec![
                Worker::Issuance,
                Worker::Mail,
                Worker::Push,
                Worker::Payments,
                Worker::Exports,
                Worker::Retention,
            ],
            lease_secs: 120,
            max_attempts: None,
            concurrency: Concurrency::default(),
        }
    }
}

impl WorkersConfig {
    /// Whether this instance runs `worker`.
    pub fn runs(&self, worker: Worker) -> bool {
        self.run.contains(&worker)
    }

    /// The lease of a claimed job.
    pub fn lease(&self) -> time::Duration {
        time::Duration::seconds(i64::from(self.lease_secs.max(1)))
    }

    /// Attempts before a job is given up: `max_attempts`, else `older` (the `[push]
    /// max_attempts` of earlier versions), else 10; at least 1.
    pub fn max_attempts_or(&self, older: Option<i32>) -> i32 {
        let older = older.and_then(|n| u32::try_from(n).ok());
        let n = self
            .max_attempts
            .or(older)
            .unwrap_or(DEFAULT_MAX_ATTEMPTS)
            .max(1);
        i32::try_from(n).unwrap_or(i32::MAX)
    }

    /// Applies `GUICHET_WORKERS` (comma-separated, or `none`), `GUICHET_OUTBOX_LEASE_SECS` and
    /// `GUICHET_WORKERS_MAX_ATTEMPTS`, read through `var`.
    pub fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = var("GUICHET_WORKERS") {
            self.run = match v.trim() {
                "none" | "" => Vec::new(),
                list => list
                    .split(',')
                    .map(|w| Worker::parse(w).ok_or(ConfigError::Env("GUICHET_WORKERS")))
                    .collect::<Result<_, _>>()?,
            };
        }
        if let Some(v) = var("GUICHET_OUTBOX_LEASE_SECS") {
            self.lease_secs = v
                .parse()
                .map_err(|_| ConfigError::Env("GUICHET_OUTBOX_LEASE_SECS"))?;
        }
        if let Some(v) = var("GUICHET_WORKERS_MAX_ATTEMPTS") {
            self.max_attempts = Some(
                v.parse()
                    .map_err(|_| ConfigError::Env("GUICHET_WORKERS_MAX_ATTEMPTS"))?,
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn workers_lease_and_attempts_come_from_the_environment() {
        let mut c = Config::default();
        assert!(c.workers.runs(Worker::Issuance) && c.workers.runs(Worker::Push));
        c.apply_env(|n| match n {
            "GUICHET_WORKERS" => Some("issuance, mail".into()),
            "GUICHET_OUTBOX_LEASE_SECS" => Some("3".into()),
            "GUICHET_WORKERS_MAX_ATTEMPTS" => Some("4".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.workers.run, vec![Worker::Issuance, Worker::Mail]);
        assert_eq!(c.workers.lease(), time::Duration::seconds(3));
        assert_eq!(c.max_attempts(), 4);
        c.apply_env(|n| (n == "GUICHET_WORKERS").then(|| "none".into()))
            .unwrap();
        assert!(c.workers.run.is_empty());
        let bad = c.apply_env(|n| (n == "GUICHET_WORKERS").then(|| "mail,fax".into()));
        assert!(matches!(bad, Err(ConfigError::Env("GUICHET_WORKERS"))));
        let bad = c.apply_env(|n| (n == "GUICHET_WORKERS_MAX_ATTEMPTS").then(|| "x".into()));
        assert!(matches!(
            bad,
            Err(ConfigError::Env("GUICHET_WORKERS_MAX_ATTEMPTS"))
        ));
    }

    #[test]
    fn concurrency_and_attempts_are_read_from_the_workers_section() {
        let c: Config = toml::from_str(
            "[workers]\nmax_attempts = 3\n[workers.concurrency]\nmail = 4\npush = 0\n",
        )
        .unwrap();
        assert_eq!(c.max_attempts(), 3);
        assert_eq!(c.workers.concurrency.of(Worker::Mail), 4);
        assert_eq!(c.workers.concurrency.of(Worker::Push), 1, "at least one");
        assert_eq!(c.workers.concurrency.of(Worker::Issuance), 2);
        let defaults = Config::default();
        assert_eq!(defaults.max_attempts(), 10);
        assert_eq!(defaults.workers.concurrency.of(Worker::Push), 32);
        let bad: Result<Config, _> = toml::from_str("[workers.concurrency]\nfax = 1\n");
        assert!(bad.is_err());
    }

    #[test]
    fn the_older_push_max_attempts_still_applies_unless_workers_sets_one() {
        let older: Config = toml::from_str("[push]\nmax_attempts = 5\n").unwrap();
        assert_eq!(older.max_attempts(), 5);
        let both: Config =
            toml::from_str("[push]\nmax_attempts = 5\n[workers]\nmax_attempts = 7\n").unwrap();
        assert_eq!(both.max_attempts(), 7);
    }
}
