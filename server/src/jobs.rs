//! One durable job engine for every background queue: issuance, mail and push.
//!
//! A job is a row, enqueued in the transaction of the change that causes it (each queue keeps
//! its own table and `enqueue` function). A [`JobKind`] says how to run one job and answers an
//! [`Outcome`]; everything else is done here, the same way for every kind: the engine claims a
//! batch of due rows with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's single
//! writer serialises the claims), runs up to `[workers.concurrency]` of them at once, renews
//! the lease of a long run, records the outcome only while the lease is still its own, backs
//! off exponentially, gives up after `[workers] max_attempts`, and counts it all in one set of
//! metrics (`guichet_jobs_total`, `guichet_job_seconds`, `guichet_jobs_running`,
//! `guichet_job_rows`).
//!
//! An instance that dies mid-run loses nothing: the lease expires and another instance takes
//! the job again, so its effect happens at least once; a kind that records its outcome in the
//! transaction doing the work (issuance) has it exactly once.

mod state;
mod store;
mod worker;

pub use state::JobState;
pub use store::{Recorded, record};
pub use worker::{Pass, pass, run};

use crate::{config::Worker, service::Context};
use sea_orm::{EntityTrait, Value};
use std::{future::Future, sync::Arc};
use time::Duration;
use tokio::sync::Notify;

/// A table of jobs: the columns the engine reads and writes in every queue.
pub trait JobTable: EntityTrait<Model: JobRow, Column: Send + Sync> + Send + Sync {
    /// The primary key (text).
    fn id() -> Self::Column;
    /// The [`JobState`].
    fn state() -> Self::Column;
    /// Attempts started so far (the engine counts one when it claims the row).
    fn attempts() -> Self::Column;
    /// When the job is due: its next attempt, or the end of the current lease.
    fn next_attempt_at() -> Self::Column;
    /// Why the last attempt failed (cleared on success).
    fn last_error() -> Self::Column;
}

/// What the engine reads of a job's row.
pub trait JobRow: Send + Sync + 'static {
    /// The row's id.
    fn id(&self) -> &str;
    /// Attempts started before this claim.
    fn attempts(&self) -> i32;
}

/// Implements [`JobTable`] and [`JobRow`] for a queue table's entity module `$table` (in scope
/// at the call) whose columns follow the common shape: `id` (text), `status`, `attempts`,
/// `next_attempt_at`, `last_error`. The mail, push and issuance queues all do.
macro_rules! job_table {
    ($table:ident) => {
        impl $crate::jobs::JobTable for $table::Entity {
            fn id() -> $table::Column {
                $table::Column::Id
            }
            fn state() -> $table::Column {
                $table::Column::Status
            }
            fn attempts() -> $table::Column {
                $table::Column::Attempts
            }
            fn next_attempt_at() -> $table::Column {
                $table::Column::NextAttemptAt
            }
            fn last_error() -> $table::Column {
                $table::Column::LastError
            }
        }

        impl $crate::jobs::JobRow for $table::Model {
            fn id(&self) -> &str {
                &self.id
            }
            fn attempts(&self) -> i32 {
                self.attempts
            }
        }
    };
}
pub(crate) use job_table;

/// A job this instance holds the lease of.
#[derive(Debug, Clone)]
pub struct Claimed<T: JobTable> {
    /// The row as it was claimed.
    pub row: T::Model,
    /// This attempt's number, from 1.
    pub attempt: i32,
    /// Attempts after which a retry is given up.
    max_attempts: i32,
}

impl<T: JobTable> Claimed<T> {
    /// The job's id.
    pub fn id(&self) -> &str {
        self.row.id()
    }
}

/// What running a job came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Finished: record this final state (e.g. `sent`, `kept`, `accepted`, `gone`, `done`).
    Done(JobState),
    /// Failed this time: try again after the backoff (and not before `not_before`, when the
    /// other side asked for a wait), or give up after `max_attempts`.
    Retry {
        /// What went wrong.
        error: String,
        /// The least wait the other side asked for (e.g. a push service's `Retry-After`).
        not_before: Option<Duration>,
    },
    /// Failed for good: retrying would not help (an address that cannot be used, an endpoint
    /// the SSRF rules refuse, a push service refusing the request).
    Failed(String),
    /// The kind recorded the outcome itself, in the transaction that did the work, with
    /// [`record`].
    Recorded(Recorded),
}

/// An [`Outcome`] and the kind's own columns to write with it (e.g. `sent_at`).
pub struct Ran<T: JobTable> {
    outcome: Outcome,
    also: Vec<(T::Column, Value)>,
    then: Vec<sea_orm::Statement>,
}

impl<T: JobTable> Ran<T> {
    /// Finished in `state`.
    pub fn done(state: JobState) -> Self {
        Self::from(Outcome::Done(state))
    }

    /// Failed this time with `error`: to be retried.
    pub fn retry(error: impl Into<String>) -> Self {
        Self::from(Outcome::Retry {
            error: error.into(),
            not_before: None,
        })
    }

    /// Failed this time with `error`; the next attempt not before `wait`.
    pub fn retry_after(error: impl Into<String>, wait: Duration) -> Self {
        Self::from(Outcome::Retry {
            error: error.into(),
            not_before: Some(wait),
        })
    }

    /// Failed for good with `error`.
    pub fn failed(error: impl Into<String>) -> Self {
        Self::from(Outcome::Failed(error.into()))
    }

    /// Already recorded by the kind: `recorded` is what [`record`] answered.
    pub fn recorded(recorded: Recorded) -> Self {
        Self::from(Outcome::Recorded(recorded))
    }

    /// Also sets `column` to `value` when the outcome is recorded.
    pub fn set(mut self, column: T::Column, value: impl Into<Value>) -> Self {
        self.also.push((column, value.into()));
        self
    }

    /// Also runs `statement` in the transaction that records the outcome, after the record and
    /// only while the lease is still ours (e.g. a device's last acceptance beside its push's
    /// record): the outcomes of jobs that end together are written in one commit.
    pub fn then(mut self, statement: sea_orm::Statement) -> Self {
        self.then.push(statement);
        self
    }

    /// The outcome.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }
}

impl<T: JobTable> From<Outcome> for Ran<T> {
    fn from(outcome: Outcome) -> Self {
        Self {
            outcome,
            also: Vec::new(),
            then: Vec::new(),
        }
    }
}

/// A queue's way of running one job; the engine does the claiming, leasing, retrying and
/// recording.
pub trait JobKind: Send + Sync + 'static {
    /// The table the jobs are rows of.
    type Table: JobTable;

    /// The worker this kind is (its name in configuration, logs and metrics).
    const WORKER: Worker;

    /// Notified (after commit) when a job of this kind was queued.
    fn queued(ctx: &Context) -> Arc<Notify>;

    /// Runs `job` once. Holding no lock of the engine's, it may take as long as it needs: the
    /// engine renews the lease meanwhile.
    fn run<'a>(
        &'a self,
        ctx: &'a Context,
        job: &'a Claimed<Self::Table>,
    ) -> impl Future<Output = Ran<Self::Table>> + Send + 'a;
}

/// The wait after `attempt` failed attempts (from 1): 10 s doubling, at most one hour.
pub fn backoff(attempt: i32) -> Duration {
    let secs = 10i64.saturating_mul(1i64 << (attempt - 1).clamp(0, 12));
    Duration::seconds(secs.min(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_ten_seconds_and_caps_at_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(10));
        assert_eq!(backoff(2), Duration::seconds(20));
        assert_eq!(backoff(4), Duration::seconds(80));
        assert_eq!(backoff(9), Duration::seconds(2560));
        assert_eq!(backoff(10), Duration::seconds(3600));
        assert_eq!(backoff(40), Duration::seconds(3600));
    }
}
