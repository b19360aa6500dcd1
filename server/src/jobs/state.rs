//! The one set of states every durable job goes through, stored as text through sea-orm.

use sea_orm::entity::prelude::*;
use std::fmt;

/// Where a job of any queue (issuance, mail, push) stands; the same spelling in every table.
///
/// `queued` and `retrying` are pending: the engine takes them when `next_attempt_at` is due.
/// Every other state is final: `failed`, or the delivery state the job's kind recorded on success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum JobState {
    /// Waiting for its first attempt.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// An attempt failed; waiting for another one at `next_attempt_at`.
    #[sea_orm(string_value = "retrying")]
    Retrying,
    /// Issuance: the document was issued into the space.
    #[sea_orm(string_value = "done")]
    Done,
    /// Mail: handed to the SMTP relay.
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Mail: kept in the local folder for the operator (no relay configured): not sent.
    #[sea_orm(string_value = "kept")]
    Kept,
    /// Push: accepted by the push service (RFC 8030 `201 Created`).
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// Push: the push service said the subscription no longer exists; it was removed.
    #[sea_orm(string_value = "gone")]
    Gone,
    /// Push: the holder revoked the device before the push left.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
    /// Given up: refused for good, or too many attempts; `last_error` says why.
    #[sea_orm(string_value = "failed")]
    Failed,
}

impl JobState {
    /// The states the engine takes jobs in.
    pub const PENDING: [JobState; 2] = [JobState::Queued, JobState::Retrying];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Retrying => "retrying",
            Self::Done => "done",
            Self::Sent => "sent",
            Self::Kept => "kept",
            Self::Accepted => "accepted",
            Self::Gone => "gone",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
        }
    }

    /// Reads a stored spelling (`None` for anything else).
    pub fn parse(s: &str) -> Option<Self> {
        use sea_orm::Iterable as _;
        Self::iter().find(|state| state.as_str() == s)
    }

    /// Whether the job waits for an attempt (`queued` or `retrying`).
    pub fn is_pending(self) -> bool {
        Self::PENDING.contains(&self)
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable as _;

    #[test]
    fn every_state_is_stored_as_its_spelling_and_read_back() {
        for state in JobState::iter() {
            assert_eq!(state.to_value(), state.as_str());
            assert_eq!(
                JobState::try_from_value(&state.to_value()).ok(),
                Some(state)
            );
            assert_eq!(JobState::parse(state.as_str()), Some(state));
        }
        assert_eq!(JobState::parse("sending"), None);
        assert!(JobState::Retrying.is_pending() && !JobState::Sent.is_pending());
    }
}
