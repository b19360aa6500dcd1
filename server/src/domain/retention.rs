//! How long dossiers are kept: the retention periods per procedure and dossier status (data:
//! `fixtures/procedures/retention.json`), and what is due at a given instant.

use super::dossiers::Status;
use serde::Deserialize;
use std::collections::BTreeMap;
use time::{Duration, OffsetDateTime};

/// What happens to a dossier whose period ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Then {
    /// Everything of the dossier is deleted.
    Delete,
    /// Its form, files and messages are deleted; its procedure, status and dates stay.
    Anonymise,
}

impl Then {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delete => "delete",
            Self::Anonymise => "anonymise",
        }
    }
}

/// One period: `days` after the dossier's last change, then `then`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Days kept after the last change.
    pub days: u32,
    /// What happens then.
    pub then: Then,
}

impl Period {
    /// The period as a duration.
    pub fn duration(&self) -> Duration {
        Duration::days(i64::from(self.days))
    }
}

/// The retention periods of every procedure, per status name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Retention {
    /// What the file is about (documentation only).
    #[serde(default)]
    pub about: String,
    /// Procedure id → status name → period.
    pub procedures: BTreeMap<String, BTreeMap<String, Period>>,
}

/// What the retention rules decide for one dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The period that ran out.
    pub period: Period,
    /// The rule's name, kept in the deletion record: `retention:<procedure>:<status>:<days>d`.
    pub rule: String,
}

impl Retention {
    /// Parses the retention file; every status name must be a dossier status.
    pub fn parse(json: &str) -> Result<Self, String> {
        let r: Self = serde_json::from_str(json).map_err(|e| e.to_string())?;
        for (procedure, states) in &r.procedures {
            for state in states.keys() {
                if Status::parse(state).is_none() {
                    return Err(format!("{procedure}: {state} is not a dossier status"));
                }
            }
        }
        Ok(r)
    }

    /// The period of `procedure` in `status`, if one is declared.
    pub fn period(&self, procedure: &str, status: Status) -> Option<Period> {
        self.procedures
            .get(procedure)?
            .get(status.as_str())
            .copied()
    }

    /// Whether a dossier of `procedure` in `status`, last changed at `changed`, is due at `now`.
    pub fn due(
        &self,
        procedure: &str,
        status: Status,
        changed: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Option<Due> {
        let period = self.period(procedure, status)?;
        (now - changed >= period.duration()).then(|| Due {
            period,
            rule: format!("retention:{procedure}:{}:{}d", status.as_str(), period.days),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../fixtures/procedures/retention.json");

    #[test]
    fn the_shipped_periods_parse_and_a_draft_is_due_after_its_days() {
        let r = Retention::parse(SHIPPED).unwrap();
        let start = OffsetDateTime::UNIX_EPOCH;
        let p = "criminal-record-extract";
        assert_eq!(
            r.due(p, Status::Draft, start, start + Duration::days(29)),
            None
        );
        let due = r
            .due(p, Status::Draft, start, start + Duration::days(30))
            .unwrap();
        assert_eq!(due.rule, "retention:criminal-record-extract:draft:30d");
        assert_eq!(due.period.then, Then::Delete);
        assert_eq!(
            r.due(p, Status::InProcessing, start, start + Duration::days(9999)),
            None
        );
    }

    #[test]
    fn an_unknown_status_is_refused() {
        let bad = r#"{"procedures": {"x": {"drafted": {"days": 1, "then": "delete"}}}}"#;
        assert!(Retention::parse(bad).is_err());
    }
}
