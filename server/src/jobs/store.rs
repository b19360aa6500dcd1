//! The engine's SQL, the same for every queue: claiming due jobs under a lease, renewing the
//! lease, recording an outcome while the lease is still ours.

use super::{Claimed, JobRow, JobState, JobTable, Outcome, Ran, backoff};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryFilter, QueryOrder,
    QuerySelect, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType},
};
use time::{Duration, OffsetDateTime};

/// What became of a run's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recorded {
    /// The job is now in this state.
    State(JobState),
    /// The lease was no longer ours (it expired and another instance took the job, or the job
    /// is no longer pending): nothing was written.
    Lost,
}

impl Recorded {
    /// The label of this result in metrics: the state, or `lost`.
    pub fn label(self) -> &'static str {
        match self {
            Self::State(state) => state.as_str(),
            Self::Lost => "lost",
        }
    }
}

/// Claims up to `limit` due jobs of `T` for `lease`: their attempt count goes up by one and they
/// are not due again before the lease ends. On PostgreSQL the rows are locked `FOR UPDATE SKIP
/// LOCKED`, so instances claiming at the same time take different jobs; on SQLite the claim is
/// one write transaction, which the database's single writer serialises.
pub(super) async fn claim<T: JobTable>(
    db: &DatabaseConnection,
    limit: u64,
    now: OffsetDateTime,
    lease: Duration,
    max_attempts: i32,
) -> Result<Vec<Claimed<T>>, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    let txn = db.begin_with_options(options).await?;
    let mut due = T::find()
        .filter(T::state().is_in(JobState::PENDING))
        .filter(T::next_attempt_at().lte(now))
        .order_by_asc(T::next_attempt_at())
        .order_by_asc(T::id())
        .limit(limit);
    if txn.get_database_backend() == DbBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = due.all(&txn).await?;
    if !rows.is_empty() {
        T::update_many()
            .col_expr(T::next_attempt_at(), Expr::value(now + lease))
            .col_expr(T::attempts(), Expr::col(T::attempts()).add(1))
            .filter(T::id().is_in(rows.iter().map(|r| r.id().to_string())))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(rows
        .into_iter()
        .map(|row| Claimed {
            attempt: row.attempts() + 1,
            row,
            max_attempts,
        })
        .collect())
}

/// The row `id` while the lease taken at `attempt` is still the current one.
fn held<T: JobTable>(id: &str, attempt: i32) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(T::id().eq(id))
        .add(T::attempts().eq(attempt))
        .add(T::state().is_in(JobState::PENDING))
}

/// Extends the lease of job `id`, claimed at `attempt`, to `until`; `false` when it is no
/// longer ours.
pub(super) async fn renew<T: JobTable>(
    db: &DatabaseConnection,
    id: &str,
    attempt: i32,
    until: OffsetDateTime,
) -> Result<bool, DbErr> {
    let renewed = T::update_many()
        .col_expr(T::next_attempt_at(), Expr::value(until))
        .filter(held::<T>(id, attempt))
        .exec(db)
        .await?;
    Ok(renewed.rows_affected == 1)
}

/// Records what running `job` came to, on `conn` (a kind may pass the transaction that did the
/// work, so that the work and its record commit together), if the lease is still ours.
///
/// A retry is given up (`failed`) at the job's last attempt; otherwise it is due again after
/// [`backoff`], or after the wait the other side asked for when that is longer.
pub async fn record<T: JobTable, C: ConnectionTrait>(
    conn: &C,
    job: &Claimed<T>,
    ran: Ran<T>,
    now: OffsetDateTime,
) -> Result<Recorded, DbErr> {
    let (state, next, error) = match ran.outcome {
        Outcome::Recorded(recorded) => return Ok(recorded),
        Outcome::Done(state) => (state, None, None),
        Outcome::Failed(error) => (JobState::Failed, None, Some(error)),
        Outcome::Retry { error, .. } if job.attempt >= job.max_attempts => {
            (JobState::Failed, None, Some(error))
        }
        Outcome::Retry { error, not_before } => {
            let wait = backoff(job.attempt).max(not_before.unwrap_or(Duration::ZERO));
            (JobState::Retrying, Some(now + wait), Some(error))
        }
    };
    let mut update = T::update_many()
        .col_expr(T::state(), Expr::value(state))
        .col_expr(T::last_error(), Expr::value(error));
    if let Some(next) = next {
        update = update.col_expr(T::next_attempt_at(), Expr::value(next));
    }
    for (column, value) in ran.also {
        update = update.col_expr(column, Expr::value(value));
    }
    let written = update
        .filter(held::<T>(job.id(), job.attempt))
        .exec(conn)
        .await?;
    if written.rows_affected != 1 {
        return Ok(Recorded::Lost);
    }
    for statement in ran.then {
        conn.execute_raw(statement).await?;
    }
    Ok(Recorded::State(state))
}

/// Records the outcomes of `finished` jobs in one transaction (group commit: the jobs of a
/// worker that end at about the same time cost one commit, not one each), in order; what
/// each came to, or the error that kept the whole group from being written (its jobs are
/// then taken again after their lease, as when one record fails).
pub async fn record_group<T: JobTable>(
    db: &DatabaseConnection,
    finished: Vec<(&Claimed<T>, Ran<T>)>,
    now: OffsetDateTime,
) -> Result<Vec<Recorded>, DbErr> {
    let txn = db.begin().await?;
    let mut recorded = Vec::with_capacity(finished.len());
    for (job, ran) in finished {
        recorded.push(record(&txn, job, ran, now).await?);
    }
    txn.commit().await?;
    Ok(recorded)
}
