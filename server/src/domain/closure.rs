//! Closing an account: what goes, what the law keeps (with why and until when), what becomes of
//! the professional spaces the person belongs to, and the tombstone that replaces the national
//! identification number on the closed account.

use super::retention::Period;
use super::rights::Role;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

/// The rule named in the deletion records of what a closure deletes.
pub const RULE: &str = "account-closure";

/// How long payments are kept after they were made: ten years (accounting records, Luxembourg
/// Code de commerce, art. 16).
pub const PAYMENT_YEARS: i32 = 10;

/// The rule a kept payment is kept under.
pub const PAYMENT_RULE: &str = "accounting:10y";

/// First character of every tombstone: a national identification number is 13 digits, so no
/// real one starts with it.
const TOMBSTONE_MARK: char = 'X';

/// Crockford's base32 alphabet (no I, L, O, U).
const BASE32: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The value that replaces a closed account's national identification number on `persons`:
/// 13 characters (the column's width), `X` then 12 base32 characters of `random` (60 bits), so it
/// is unique in practice (the column's unique index refuses a repeat) and never a matricule.
pub fn tombstone(random: [u8; 8]) -> String {
    let bits = u64::from_be_bytes(random);
    let mut out = String::with_capacity(13);
    out.push(TOMBSTONE_MARK);
    for i in (0..12).rev() {
        let index = usize::try_from((bits >> (i * 5)) & 31).unwrap_or(0);
        out.push(char::from(BASE32[index]));
    }
    out
}

/// Whether `matricule` is a tombstone (the account it belongs to is closed).
pub fn is_tombstone(matricule: &str) -> bool {
    matricule.len() == 13 && matricule.starts_with(TOMBSTONE_MARK)
}

/// Something a closure deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deleted {
    /// `draft`, `device`, `session`, `invitation`, `membership`, `profile-contact`,
    /// `certificate`, `registration`, `export`, `professional-space`, `space-limit`.
    pub kind: &'static str,
    /// Its id (a space's id for a membership or a profile).
    pub id: String,
    /// What it was, when that helps: a draft's procedure, a certificate's usage, a membership's
    /// role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Deleted {
    /// `kind` `id`, with no detail.
    pub fn new(kind: &'static str, id: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
            detail: None,
        }
    }

    /// `kind` `id`, with `detail`.
    pub fn with(kind: &'static str, id: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
            detail: Some(detail.into()),
        }
    }
}

/// Something a closure kept, with the rule that keeps it and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    /// `dossier`, `communication`, `payment`, `access-log`, `deletion-records`,
    /// `register-profile`, `account`.
    pub kind: &'static str,
    /// Its id (a space's id for the access log, deletion records and profile).
    pub id: String,
    /// Why: `retention:<procedure>:<status>:<days>d`, `document-validity`, `accounting:10y`, ...
    pub rule: String,
    /// Until when at least (`None`: no end is set: it is kept as long as what it records, or
    /// until a later status of the dossier starts its period).
    #[serde(with = "time::serde::rfc3339::option")]
    pub until: Option<OffsetDateTime>,
}

/// Why and until when a transmitted dossier is kept, as retention decides it: the period of its
/// procedure in its status (`period`, counted from its last change `changed`), extended to the
/// end of validity of a document issued for it (`document_until`), which stays verifiable online
/// until then. Without a period (a dossier still in the administration's hands) there is no end
/// yet: the period of its final status applies once it reaches it.
pub fn dossier_kept(
    procedure: &str,
    status: &str,
    period: Option<Period>,
    changed: OffsetDateTime,
    document_until: Option<OffsetDateTime>,
) -> (String, Option<OffsetDateTime>) {
    match period {
        Some(p) => {
            let rule = format!("retention:{procedure}:{status}:{}d", p.days);
            let until = changed + p.duration();
            (rule, Some(document_until.map_or(until, |d| d.max(until))))
        }
        None => (format!("retention:{procedure}:{status}:open"), None),
    }
}

/// Until when a payment made (or asked) at `at` is kept: [`PAYMENT_YEARS`] later.
pub fn payment_kept_until(at: OffsetDateTime) -> OffsetDateTime {
    let year = at.year() + PAYMENT_YEARS;
    at.replace_year(year)
        // 29 February: the day after, ten years on.
        .or_else(|_| (at + Duration::days(1)).replace_year(year))
        .unwrap_or(at + Duration::days(3653))
}

/// What becomes of one professional space when a person of it closes their account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departure {
    /// The person leaves it (recorded in its access log); the space goes on.
    Leave,
    /// The person is its only holder and it holds nothing the law keeps: it is closed with the
    /// account (its drafts deleted, its open invitations withdrawn, nobody holds it any more).
    CloseSpace,
    /// The person is its only administrator and others depend on it (co-workers, mandates), or
    /// it holds what the law keeps for the organisation: they hand it over first.
    Refuse,
}

/// A professional space as a closure sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpaceStanding {
    /// The person's role in it.
    pub role: Role,
    /// How many administrators it has (the person included).
    pub administrators: usize,
    /// How many holders (administrators and members) it has, the person included.
    pub holders: usize,
    /// Whether mandates it gave or holds are still active.
    pub active_mandates: bool,
    /// Whether it holds dossiers that were transmitted or documents delivered to it: the
    /// organisation's records, which the law keeps.
    pub keeps_records: bool,
}

/// What a closure does with a professional space: a member, or one administrator of several,
/// leaves; the only administrator closes the space with the account when nobody else holds it,
/// no mandate depends on it and it keeps no records; otherwise the closure is refused.
pub fn departure(s: SpaceStanding) -> Departure {
    if s.role != Role::Administrator || s.administrators > 1 {
        return Departure::Leave;
    }
    if s.holders > 1 || s.active_mandates || s.keeps_records {
        Departure::Refuse
    } else {
        Departure::CloseSpace
    }
}

/// The lines a confirmation mail lists: one per kind of what was deleted (with how many), and
/// one per kept item (kind, id, until when, rule). Dates are UTC days.
pub fn summary(deleted: &[Deleted], kept: &[Kept]) -> (String, String) {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for d in deleted {
        match counts.iter_mut().find(|(k, _)| *k == d.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.kind, 1)),
        }
    }
    let deleted_lines = counts
        .iter()
        .map(|(k, n)| format!("- {k}: {n}"))
        .collect::<Vec<_>>()
        .join("\n");
    let kept_lines = kept
        .iter()
        .map(|k| {
            let until = k
                .until
                .map_or_else(|| "-".to_string(), |u| u.date().to_string());
            format!("- {} {}: {until} ({})", k.kind, k.id, k.rule)
        })
        .collect::<Vec<_>>()
        .join("\n");
    (deleted_lines, kept_lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retention::Then;
    use time::macros::datetime;

    #[test]
    fn a_tombstone_fills_the_column_and_is_never_a_matricule() {
        let t = tombstone([0xff; 8]);
        assert_eq!(t.len(), 13);
        assert!(is_tombstone(&t));
        assert!(guichet_identity::Matricule::parse(&t).is_err());
        assert_eq!(tombstone([0; 8]), "X000000000000");
        assert_ne!(
            tombstone([1, 2, 3, 4, 5, 6, 7, 8]),
            tombstone([1, 2, 3, 4, 5, 6, 7, 9])
        );
        assert!(!is_tombstone("1984031204237"));
    }

    #[test]
    fn a_dossier_is_kept_for_its_period_or_until_its_document_expires() {
        let changed = datetime!(2026-01-10 08:00 UTC);
        let year = Some(Period {
            days: 365,
            then: Then::Anonymise,
        });
        let (rule, until) = dossier_kept("x", "closed", year, changed, None);
        assert_eq!(rule, "retention:x:closed:365d");
        assert_eq!(until, Some(datetime!(2027-01-10 08:00 UTC)));
        let later = datetime!(2027-06-01 00:00 UTC);
        let (_, until) = dossier_kept("x", "closed", year, changed, Some(later));
        assert_eq!(until, Some(later));
        let earlier = datetime!(2026-03-01 00:00 UTC);
        let (_, until) = dossier_kept("x", "closed", year, changed, Some(earlier));
        assert_eq!(until, Some(datetime!(2027-01-10 08:00 UTC)));
        let (rule, until) = dossier_kept("x", "in_processing", None, changed, Some(later));
        assert_eq!(
            (rule.as_str(), until),
            ("retention:x:in_processing:open", None)
        );
    }

    #[test]
    fn payments_are_kept_ten_years() {
        let at = datetime!(2026-12-01 10:00 UTC);
        assert_eq!(payment_kept_until(at), datetime!(2036-12-01 10:00 UTC));
        let leap = datetime!(2028-02-29 10:00 UTC);
        assert_eq!(payment_kept_until(leap), datetime!(2038-03-01 10:00 UTC));
    }

    fn standing(role: Role, administrators: usize, holders: usize) -> SpaceStanding {
        SpaceStanding {
            role,
            administrators,
            holders,
            active_mandates: false,
            keeps_records: false,
        }
    }

    #[test]
    fn only_the_sole_administrator_of_a_space_others_depend_on_is_refused() {
        assert_eq!(departure(standing(Role::Member, 1, 3)), Departure::Leave);
        assert_eq!(
            departure(standing(Role::Administrator, 2, 3)),
            Departure::Leave
        );
        assert_eq!(
            departure(standing(Role::Administrator, 1, 2)),
            Departure::Refuse
        );
        assert_eq!(
            departure(standing(Role::Administrator, 1, 1)),
            Departure::CloseSpace
        );
        let mandated = SpaceStanding {
            active_mandates: true,
            ..standing(Role::Administrator, 1, 1)
        };
        assert_eq!(departure(mandated), Departure::Refuse);
        let records = SpaceStanding {
            keeps_records: true,
            ..standing(Role::Administrator, 1, 1)
        };
        assert_eq!(departure(records), Departure::Refuse);
    }

    #[test]
    fn the_mail_counts_what_went_and_lists_what_stays() {
        let deleted = [
            Deleted::new("draft", "d1"),
            Deleted::new("device", "p1"),
            Deleted::new("draft", "d2"),
        ];
        let kept = [
            Kept {
                kind: "dossier",
                id: "d3".into(),
                rule: "retention:x:closed:365d".into(),
                until: Some(datetime!(2027-01-10 08:00 UTC)),
            },
            Kept {
                kind: "access-log",
                id: "s1".into(),
                rule: "access-record".into(),
                until: None,
            },
        ];
        let (d, k) = summary(&deleted, &kept);
        assert_eq!(d, "- draft: 2\n- device: 1");
        assert_eq!(
            k,
            "- dossier d3: 2027-01-10 (retention:x:closed:365d)\n- access-log s1: - (access-record)"
        );
    }
}
