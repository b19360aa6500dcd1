//! The JSON the page reads: the verdict, the reason's code and the data to compare.
//!
//! ```text
//! { "verdict": "valid" | "invalid" | "unreadable",
//!   "reason": code | null,     // guichet_verifier::verify::Reason::code (e.g. "unknown-key")
//!   "detail": text | null,     // the verifier's English detail, for support
//!   "content_binding": "checked" | "not-checked-photo" | "not-checked-text",
//!   "issuer": name | null, "key_id": hex | null,
//!   "claims": { "document_id", "document_type", "issued_at", "valid_until" (RFC 3339),
//!               "family_name", "given_name", "birth_date" (YYYY-MM-DD),
//!               "outcome": "no-entry" | "entries-listed" | null (extracts only),
//!               "bulletin": 3 | 5 | null, "address": string | null (certificates of residence),
//!               "pages", "language": "fr"|"de"|"en" } | null,
//!   "trust_list": { "sequence", "issued_at" } | null,
//!   "revocation": { "sequence", "issued_at", "age_seconds", "stale": bool,
//!                   "revoked": { "reason": code, "revoked_at" } | null } | null }
//! ```
//! The verdict is the one to act on ([`Verification::overall`]): a document the revocation list
//! revokes is `invalid` with the reason `revoked-in-list`, offline too; `revocation` says which
//! list said so (its date, its age, stale past the configured age). `revocation` is null when no
//! list is loaded or the seal is not authentic.
//! `unreadable` (an input that is not an image or is too large) says nothing about the document.
//! Claims are present only when the seal is authentic (see [`guichet_verifier::verify`]).

use guichet_verifier::revocation::{Freshness, RevocationCheck, RevocationList};
use guichet_verifier::trust::TrustList;
use guichet_verifier::verify::{Reason, Verdict, Verification};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// An instant from milliseconds since the Unix epoch (`Date.now()`); `None` when out of range.
pub fn time_from_ms(ms: f64) -> Option<OffsetDateTime> {
    if !ms.is_finite() {
        return None;
    }
    // Whole milliseconds: f64 holds every integer up to 2^53, far past any real date.
    #[allow(clippy::cast_possible_truncation)]
    let nanos = (ms.trunc() as i128).checked_mul(1_000_000)?;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
}

/// RFC 3339 text of an instant, or null.
pub fn rfc3339(at: OffsetDateTime) -> Value {
    at.format(&Rfc3339).map_or(Value::Null, Value::String)
}

/// The report of one verification against the trust list used.
pub fn to_json(result: &Verification, list: &TrustList) -> Value {
    let (verdict, reason, detail) = match &result.overall() {
        Verdict::Valid => ("valid", Value::Null, Value::Null),
        Verdict::Invalid(r @ Reason::Unreadable(_)) => {
            ("unreadable", json!(r.code()), json!(r.to_string()))
        }
        Verdict::Invalid(r) => ("invalid", json!(r.code()), json!(r.to_string())),
    };
    let claims = result.claims.as_ref().map(|c| {
        json!({
            "document_id": c.document_id.to_string(),
            "document_type": c.document_type().slug(),
            "issued_at": rfc3339(c.issued_at),
            "valid_until": c.valid_until().map_or(Value::Null, rfc3339),
            "family_name": c.subject.family_name,
            "given_name": c.subject.given_name,
            "birth_date": c.subject.birth_date.to_string(),
            "outcome": c.document.as_extract().map(|e| e.outcome.slug()),
            "bulletin": c.document.as_extract().map(|e| e.bulletin.number()),
            "address": c.document.as_residence().map(|r| r.address.to_string()),
            "pages": c.pages,
            "language": c.language.code(),
        })
    });
    json!({
        "verdict": verdict,
        "reason": reason,
        "detail": detail,
        "content_binding": result.content_binding.slug(),
        "issuer": result.issuer,
        "key_id": result.key_id.as_ref().map(ToString::to_string),
        "claims": claims,
        "trust_list": { "sequence": list.sequence, "issued_at": rfc3339(list.issued_at) },
        "revocation": result.revocation.as_ref().map_or(Value::Null, revocation),
    })
}

/// What the revocation list said about the document.
fn revocation(check: &RevocationCheck) -> Value {
    json!({
        "sequence": check.list_sequence,
        "issued_at": rfc3339(check.list_issued_at),
        "age_seconds": check.age.whole_seconds(),
        "stale": check.freshness == Freshness::Stale,
        "revoked": check.revoked.as_ref().map(|r| json!({
            "reason": r.reason.slug(),
            "revoked_at": rfc3339(r.revoked_at),
        })),
    })
}

/// The revocation list's date, age and freshness at `now`, for the page to show.
pub fn list_state(list: &RevocationList, now: OffsetDateTime, max_age: Duration) -> Value {
    json!({
        "sequence": list.sequence,
        "issued_at": rfc3339(list.issued_at),
        "age_seconds": list.age(now).whole_seconds(),
        "stale": list.freshness(now, max_age) == Freshness::Stale,
    })
}

/// The report when nothing can be verified (no trust list, a clock out of range).
pub fn unavailable(why: &str) -> Value {
    json!({
        "verdict": "unavailable",
        "reason": "no-trust-list",
        "detail": why,
        "content_binding": null,
        "issuer": null,
        "key_id": null,
        "claims": null,
        "trust_list": null,
        "revocation": null,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_become_the_same_instant() {
        let at = time_from_ms(1_764_547_200_123.0).unwrap();
        assert_eq!(at.unix_timestamp(), 1_764_547_200);
        assert_eq!(at.millisecond(), 123);
    }

    #[test]
    fn a_time_that_is_not_a_number_is_refused() {
        assert!(time_from_ms(f64::NAN).is_none());
        assert!(time_from_ms(1e300).is_none());
    }
}
