//! Group commit of the access log: the accesses that concurrent requests record at the same
//! moment are written in one transaction (one commit, so one flush of the database's log)
//! instead of queuing one by one for the database's write lock.
//!
//! Each request still returns only once its own entry is committed: a read that could not be
//! recorded is not answered.

use super::access_log;
use crate::domain::{Error, spaces::Access};
use sea_orm::DatabaseConnection;
use std::sync::{Arc, Mutex, PoisonError};
use time::OffsetDateTime;
use tokio::sync::oneshot;

/// An access waiting for the next group's commit.
struct Waiting {
    access: Access,
    at: OffsetDateTime,
    done: oneshot::Sender<Result<(), String>>,
}

/// The accesses waiting to be written and the turn to write them (one instance's writer; the
/// chain stays right across instances through [`access_log::record_all`]'s retries).
#[derive(Default)]
pub struct AccessLogWriter {
    waiting: Mutex<Vec<Waiting>>,
    turn: tokio::sync::Mutex<()>,
}

impl AccessLogWriter {
    /// Records `access` at `at` at the end of its space's chain, with every access waiting when
    /// its turn comes, and returns once that group is committed.
    ///
    /// Each call queues its entry and starts a task that waits for the turn and writes every
    /// entry queued by then (the first such task writes the group; the others find nothing
    /// left). The task runs on its own, so a caller that goes away (a client that hung up)
    /// neither cancels the others' write nor leaves its entry behind.
    pub async fn record(
        self: &Arc<Self>,
        db: &DatabaseConnection,
        access: Access,
        at: OffsetDateTime,
    ) -> Result<(), Error> {
        let (done, written) = oneshot::channel();
        self.lock().push(Waiting { access, at, done });
        let (this, db) = (self.clone(), db.clone());
        tokio::spawn(async move {
            let _turn = this.turn.lock().await;
            let group = std::mem::take(&mut *this.lock());
            if group.is_empty() {
                return;
            }
            let (accesses, done): (Vec<_>, Vec<_>) = group
                .into_iter()
                .map(|w| ((w.access, w.at), w.done))
                .unzip();
            let result = access_log::record_all(&db, accesses)
                .await
                .map_err(|e| e.to_string());
            for d in done {
                let _ = d.send(result.clone());
            }
        });
        match written.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(Error::internal(format!("access not recorded: {e}"))),
            Err(_) => Err(Error::internal("access not recorded")),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
