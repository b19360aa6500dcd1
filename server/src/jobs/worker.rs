//! The one worker loop: it claims due jobs of a kind, runs up to `[workers.concurrency]` of them
//! at once, keeps their leases, records and counts what each came to. The outcomes of the jobs
//! that end while the loop records others wait and are recorded together, in one commit.

use super::{Claimed, JobKind, JobTable, Outcome, Ran, Recorded, store};
use crate::service::Context;
use sea_orm::DbErr;
use std::{
    sync::Arc,
    time::{Duration as StdDuration, Instant},
};
use tokio::{sync::Notify, task::JoinSet, time::MissedTickBehavior};

/// How often a worker looks for due jobs without being woken (retries fall due this way).
const POLL: StdDuration = StdDuration::from_secs(2);

/// Runs jobs of `kind` until `stop` is notified, then waits for the jobs in flight.
///
/// It claims as many due jobs as it has free slots, and claims again when a slot frees; once a
/// claim comes back short (nothing more is due) it waits for a job to be queued
/// ([`JobKind::queued`]) or for the next poll.
pub async fn run<K: JobKind>(ctx: Context, kind: K, stop: Arc<Notify>) {
    let kind = Arc::new(kind);
    let wake = K::queued(&ctx);
    let slots = ctx.config.workers.concurrency.of(K::WORKER);
    let mut running = JoinSet::new();
    let mut poll = tokio::time::interval(POLL);
    poll.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut drained = false;
    let mut finished = Vec::new();
    loop {
        while let Some(joined) = running.try_join_next() {
            finished.extend(check::<K>(joined));
        }
        if !finished.is_empty() {
            record_all::<K>(&ctx, std::mem::take(&mut finished)).await;
        }
        let free = slots.saturating_sub(running.len());
        if free > 0 && !drained {
            match claim::<K>(&ctx, free).await {
                Ok(jobs) => {
                    drained = jobs.len() < free;
                    for job in jobs {
                        running.spawn(execute(ctx.clone(), kind.clone(), job));
                    }
                }
                Err(e) => {
                    tracing::error!(worker = K::WORKER.name(), error = %e, "jobs not claimed");
                    drained = true;
                }
            }
        }
        tokio::select! {
            _ = stop.notified() => break,
            Some(joined) = running.join_next(), if !running.is_empty() => {
                finished.extend(check::<K>(joined));
            }
            _ = wake.notified() => drained = false,
            _ = poll.tick() => drained = false,
        }
    }
    while let Some(joined) = running.join_next().await {
        finished.extend(check::<K>(joined));
    }
    record_all::<K>(&ctx, finished).await;
}

/// What one [`pass`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    /// What was recorded of each job run.
    pub recorded: Vec<Recorded>,
    /// Jobs whose outcome could not be written (they are taken again after their lease).
    pub errors: usize,
}

impl Pass {
    /// Jobs run in this pass.
    pub fn total(&self) -> usize {
        self.recorded.len() + self.errors
    }

    /// Jobs of this pass that ended as `recorded`.
    pub fn count(&self, recorded: Recorded) -> usize {
        self.recorded.iter().filter(|r| **r == recorded).count()
    }
}

/// Claims up to `limit` due jobs of `kind` and runs them all at once, as one round of the
/// worker loop does (tests drive the engine step by step with it).
pub async fn pass<K: JobKind>(ctx: &Context, kind: K, limit: usize) -> Result<Pass, DbErr> {
    let kind = Arc::new(kind);
    let mut tasks = JoinSet::new();
    for job in claim::<K>(ctx, limit).await? {
        tasks.spawn(execute(ctx.clone(), kind.clone(), job));
    }
    let mut finished = Vec::new();
    let mut pass = Pass::default();
    while let Some(joined) = tasks.join_next().await {
        match check::<K>(joined) {
            Some(f) => finished.push(f),
            None => pass.errors += 1,
        }
    }
    for recorded in record_all::<K>(ctx, finished).await {
        match recorded {
            Some(recorded) => pass.recorded.push(recorded),
            None => pass.errors += 1,
        }
    }
    Ok(pass)
}

async fn claim<K: JobKind>(ctx: &Context, limit: usize) -> Result<Vec<Claimed<K::Table>>, DbErr> {
    let workers = &ctx.config.workers;
    store::claim(
        &ctx.db,
        u64::try_from(limit).unwrap_or(u64::MAX),
        ctx.now(),
        workers.lease(),
        ctx.config.max_attempts(),
    )
    .await
}

/// A job that ran, its outcome not recorded yet.
struct Finished<T: JobTable> {
    job: Claimed<T>,
    ran: Ran<T>,
    started: Instant,
}

/// A job task's result; `None` when the task ended abnormally (the job is taken again after
/// its lease).
fn check<K: JobKind>(
    joined: Result<Finished<K::Table>, tokio::task::JoinError>,
) -> Option<Finished<K::Table>> {
    joined
        .inspect_err(|e| {
            tracing::error!(worker = K::WORKER.name(), error = %e, "job task ended abnormally");
        })
        .ok()
}

/// Runs one claimed job with its lease kept.
async fn execute<K: JobKind>(
    ctx: Context,
    kind: Arc<K>,
    job: Claimed<K::Table>,
) -> Finished<K::Table> {
    ctx.metrics
        .jobs_running
        .with_label_values(&[K::WORKER.name()])
        .inc();
    let started = Instant::now();
    let lease = tokio::spawn(keep_lease::<K::Table>(
        ctx.clone(),
        job.id().to_string(),
        job.attempt,
    ));
    let ran = kind.run(&ctx, &job).await;
    lease.abort();
    Finished { job, ran, started }
}

/// Records the outcomes of `finished` in one commit ([`store::record_group`]), then counts and
/// logs each; what each came to, `None` where the group could not be written.
async fn record_all<K: JobKind>(
    ctx: &Context,
    finished: Vec<Finished<K::Table>>,
) -> Vec<Option<Recorded>> {
    if finished.is_empty() {
        return Vec::new();
    }
    let name = K::WORKER.name();
    let mut jobs = Vec::with_capacity(finished.len());
    let mut runs = Vec::with_capacity(finished.len());
    for f in finished {
        let error = match f.ran.outcome() {
            Outcome::Retry { error, .. } | Outcome::Failed(error) => Some(error.clone()),
            _ => None,
        };
        jobs.push((f.job, error, f.started));
        runs.push(f.ran);
    }
    let group = jobs.iter().map(|(job, ..)| job).zip(runs).collect();
    let recorded = match store::record_group(&ctx.db, group, ctx.now()).await {
        Ok(recorded) => recorded.into_iter().map(Some).collect(),
        Err(e) => {
            tracing::error!(worker = name, jobs = jobs.len(), error = %e, "job outcomes not recorded");
            vec![None; jobs.len()]
        }
    };
    for ((job, error, started), recorded) in jobs.iter().zip(&recorded) {
        ctx.metrics.jobs_running.with_label_values(&[name]).dec();
        ctx.metrics
            .job_seconds
            .with_label_values(&[name])
            .observe(started.elapsed().as_secs_f64());
        let label = recorded.map_or("error", Recorded::label);
        ctx.metrics.jobs.with_label_values(&[name, label]).inc();
        let (id, attempt) = (job.id(), job.attempt);
        match (recorded, error) {
            (Some(Recorded::Lost), _) => {
                tracing::info!(worker = name, job_id = %id, attempt, "lease lost: another instance took the job")
            }
            (Some(Recorded::State(state)), Some(error)) => {
                tracing::warn!(worker = name, job_id = %id, attempt, state = %state, error = %error, "job not done")
            }
            (Some(Recorded::State(state)), None) => {
                tracing::debug!(worker = name, job_id = %id, attempt, state = %state, "job done")
            }
            (None, _) => {}
        }
    }
    recorded
}

/// Extends the lease of job `id` (claimed at `attempt`) every half lease while it runs; ends
/// when the lease is no longer ours (the task is also aborted when the run ends).
async fn keep_lease<T: JobTable>(ctx: Context, id: String, attempt: i32) {
    let lease = ctx.config.workers.lease();
    let period = StdDuration::try_from(lease / 2)
        .unwrap_or(POLL)
        .max(StdDuration::from_millis(500));
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        tick.tick().await;
        match store::renew::<T>(&ctx.db, &id, attempt, ctx.now() + lease).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => tracing::warn!(job_id = %id, error = %e, "lease not renewed"),
        }
    }
}
