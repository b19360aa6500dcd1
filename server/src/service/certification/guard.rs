//! Guessing codes: each entry is checked against the stored Argon2id hashes (constant-time
//! comparison), counted per space and per code, locked after a few wrong ones, and recorded in
//! the space's access log whatever its outcome.
//!
//! The counters live in the database (`code_lockouts`), not in the rate limiters of
//! [`crate::limits`]: those count requests per instance in memory, while a lockout counts wrong
//! codes and must hold across instances and restarts.

use crate::domain::{
    Error,
    ids::SpaceId,
    mandates::{Lockout, codes},
    rights::{Grant, Right},
    spaces::Access,
};
use crate::service::Context;
use crate::store::{self, mandates::CodeRow};
use std::sync::LazyLock;

/// One code entry: where it is recorded and which counters it moves.
pub(super) struct Attempt<'a> {
    /// The space the code is entered in (its counter and its access log).
    pub grant_space: &'a SpaceId,
    /// The code's counter: what the code opens (kind, employer, domain, mandatary).
    pub code_subject: String,
    /// The access log's action.
    pub action: &'static str,
    /// The access log's detail (never a code).
    pub detail: String,
    /// The request, for correlation.
    pub request_id: &'a str,
}

/// A hash to check against when no code matches the request, so that an unknown employer or
/// domain costs the same time as a wrong code.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| codes::hash("no such code").ok());

/// The usable code among `candidates` that `code` and `security` open (both always checked),
/// or the refusal, counted.
pub(super) async fn check<R: Right>(
    ctx: &Context,
    grant: &Grant<R>,
    attempt: &Attempt<'_>,
    candidates: &[CodeRow],
    code: &str,
    security: &str,
) -> Result<CodeRow, Error> {
    guarded(ctx, grant, attempt, candidates, code, Some(security)).await
}

/// As [`check`], for a code that goes without a security code (a revocation code).
pub(super) async fn check_code_only<R: Right>(
    ctx: &Context,
    grant: &Grant<R>,
    attempt: &Attempt<'_>,
    candidates: &[CodeRow],
    code: &str,
) -> Result<CodeRow, Error> {
    guarded(ctx, grant, attempt, candidates, code, None).await
}

async fn guarded<R: Right>(
    ctx: &Context,
    grant: &Grant<R>,
    attempt: &Attempt<'_>,
    candidates: &[CodeRow],
    code: &str,
    security: Option<&str>,
) -> Result<CodeRow, Error> {
    let now = ctx.now();
    let space_subject = format!("space:{}", attempt.grant_space);
    let code_subject = format!("code:{}", attempt.code_subject);
    let per_space = store::mandates::lockout(&ctx.db, &space_subject).await?;
    let per_code = store::mandates::lockout(&ctx.db, &code_subject).await?;
    if let Some(wait) = per_space.wait(now).max(per_code.wait(now)) {
        record(ctx, grant, attempt, "locked").await?;
        return Err(Error::CodeLocked {
            retry_after_secs: wait,
        });
    }
    let found = matching(candidates, code, security).await?;
    match found {
        Some(row) => {
            store::mandates::set_lockout(&ctx.db, &code_subject, Lockout::default(), now).await?;
            store::mandates::set_lockout(&ctx.db, &space_subject, Lockout::default(), now).await?;
            record(ctx, grant, attempt, "accepted").await?;
            Ok(row)
        }
        None => {
            let per_space = per_space.failed(now);
            let per_code = per_code.failed(now);
            store::mandates::set_lockout(&ctx.db, &code_subject, per_code, now).await?;
            store::mandates::set_lockout(&ctx.db, &space_subject, per_space, now).await?;
            record(ctx, grant, attempt, "rejected").await?;
            match per_space.wait(now).max(per_code.wait(now)) {
                Some(wait) => Err(Error::CodeLocked {
                    retry_after_secs: wait,
                }),
                None => Err(Error::CodeRejected),
            }
        }
    }
}

/// Checks every candidate (code and security code, both always) off the async threads.
async fn matching(
    candidates: &[CodeRow],
    code: &str,
    security: Option<&str>,
) -> Result<Option<CodeRow>, Error> {
    let candidates = candidates.to_vec();
    let code = code.to_string();
    let security = security.map(str::to_string);
    tokio::task::spawn_blocking(move || {
        if candidates.is_empty() {
            if let Some(dummy) = DUMMY.as_ref() {
                let _ = codes::matches(&code, dummy);
            }
            return None;
        }
        let mut found = None;
        for c in candidates {
            let code_ok = codes::matches(&code, &c.code_hash);
            let security_ok = match (&security, &c.security_hash) {
                (Some(s), Some(h)) => codes::matches(s, h),
                (None, None) => true,
                _ => false,
            };
            if code_ok && security_ok && found.is_none() {
                found = Some(c);
            }
        }
        found
    })
    .await
    .map_err(|e| Error::internal(e.to_string()))
}

async fn record<R: Right>(
    ctx: &Context,
    grant: &Grant<R>,
    attempt: &Attempt<'_>,
    outcome: &str,
) -> Result<(), Error> {
    let detail = format!("{} {outcome}", attempt.detail);
    let access = Access::under(grant, attempt.action, detail, attempt.request_id);
    ctx.record_access(access, ctx.now()).await
}
