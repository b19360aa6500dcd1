//! The report: text for the person checking, or JSON for machines.

use std::fmt::Write as _;

use crate::seal::{Claims, Language};
use crate::trust::{Loaded, Origin};
use crate::verify::{ContentBinding, Reason, StatusKind, Verdict, Verification};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::exit::Exit;
use super::i18n::{self, texts};

/// The human report in `lang`.
pub fn human(
    result: &Verification,
    loaded: &Loaded,
    online_error: Option<&str>,
    lang: Language,
) -> String {
    let t = texts(lang);
    let mut out = String::new();
    let overall = result.overall();
    let _ = match &overall {
        Verdict::Valid => writeln!(out, "{}", t.valid),
        Verdict::Invalid(Reason::Revoked { .. }) => writeln!(out, "{}", t.revoked),
        Verdict::Invalid(Reason::Superseded { .. }) => writeln!(out, "{}", t.superseded),
        Verdict::Invalid(reason) => writeln!(
            out,
            "{}: {}",
            t.invalid,
            printable(&i18n::reason(lang, reason))
        ),
    };
    if let Some(reason @ (Reason::Revoked { .. } | Reason::Superseded { .. })) = overall.reason() {
        let _ = writeln!(
            out,
            "{}: {}",
            t.reason_label,
            printable(&i18n::reason(lang, reason))
        );
        if let Some(offline) = result.verdict.reason() {
            let _ = writeln!(
                out,
                "{}: {}",
                t.reason_label,
                printable(&i18n::reason(lang, offline))
            );
        }
    }
    if result.seal_authentic() {
        let _ = writeln!(out, "{}", t.authentic_offline);
    }
    match &result.claims {
        Some(claims) => claims_block(&mut out, claims, result, lang),
        None => {
            let _ = writeln!(out, "{}", t.untrusted);
        }
    }
    if result.seal_authentic() {
        let binding = match result.content_binding {
            ContentBinding::Checked
                if matches!(result.verdict.reason(), Some(Reason::ContentMismatch(_))) =>
            {
                t.content_mismatch
            }
            ContentBinding::Checked => t.content_checked,
            ContentBinding::NotCheckedPhoto => t.content_photo,
            ContentBinding::NotCheckedText => t.content_text,
        };
        let _ = writeln!(out, "{binding}");
        let _ = match (&result.online, online_error) {
            (_, Some(e)) => writeln!(out, "{}: {}", t.online_unavailable, printable(e)),
            (Some(s), None) if s.status == StatusKind::Valid => writeln!(out, "{}", t.online_valid),
            (Some(_), None) => Ok(()),
            (None, None) => writeln!(out, "{}", t.online_not_asked),
        };
    }
    let _ = write!(
        out,
        "{}: n° {} ({})",
        t.trust_list,
        loaded.list.sequence,
        local_date(lang, loaded.list.issued_at.date())
    );
    out
}

fn claims_block(out: &mut String, c: &Claims, result: &Verification, lang: Language) {
    let t = texts(lang);
    let rows = [
        (t.document, t.document_type(c.document_type).to_owned()),
        (t.number, c.document_id.to_string()),
        (t.issuer, result.issuer.clone().unwrap_or_default()),
        (t.issued, local_date(lang, c.issued_at.date())),
        (
            t.valid_until,
            c.valid_until()
                .map_or_else(|| t.no_expiry.to_owned(), |u| local_date(lang, u.date())),
        ),
        (t.family, c.subject.family_name.clone()),
        (t.given, c.subject.given_name.clone()),
        (t.birth, local_date(lang, c.subject.birth_date)),
        (t.result, t.outcome(c.outcome).to_owned()),
        (t.language, c.language.iso().to_owned()),
    ];
    let _ = writeln!(out, "{}", t.compare);
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let pad = width.saturating_sub(label.chars().count());
        let _ = writeln!(out, "  {label}{:pad$} : {}", "", printable(&value));
    }
}

/// Replaces control characters (terminal escapes) in text that came from a seal or a server.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// A date as the language writes it (as the PDF prints it): `25/11/2026`, `25.11.2026`, `2026-11-25`.
fn local_date(lang: Language, date: time::Date) -> String {
    let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
    match lang {
        Language::Fr => format!("{d:02}/{m:02}/{y:04}"),
        Language::De => format!("{d:02}.{m:02}.{y:04}"),
        Language::En => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn rfc3339(at: OffsetDateTime) -> Value {
    at.format(&Rfc3339).map_or(Value::Null, Value::String)
}

fn verdict_json(v: &Verdict) -> Value {
    match v {
        Verdict::Valid => json!({ "verdict": "valid", "reason": null, "detail": null }),
        Verdict::Invalid(r) => json!({
            "verdict": "invalid",
            "reason": r.code(),
            "detail": r.to_string(),
        }),
    }
}

/// The JSON report.
pub fn json(
    result: &Verification,
    loaded: &Loaded,
    online_error: Option<&str>,
    exit: Exit,
) -> String {
    let overall = verdict_json(&result.overall());
    let claims = result.claims.as_ref().map(|c| {
        json!({
            "document_id": c.document_id.to_string(),
            "document_type": c.document_type.slug(),
            "issued_at": rfc3339(c.issued_at),
            "valid_until": c.valid_until().map_or(Value::Null, rfc3339),
            "family_name": c.subject.family_name,
            "given_name": c.subject.given_name,
            "birth_date": c.subject.birth_date.to_string(),
            "outcome": c.outcome.slug(),
            "language": c.language.iso(),
        })
    });
    let online = match (&result.online, online_error) {
        (_, Some(e)) => json!({ "error": e }),
        (Some(s), None) => serde_json::to_value(s).unwrap_or(Value::Null),
        (None, None) => Value::Null,
    };
    let origin = match loaded.origin {
        Origin::Fetched => "fetched",
        Origin::CacheOnly => "cache",
        Origin::CacheFetchRefused => "cache-fetched-refused",
        Origin::CacheNewer { .. } => "cache-newer-than-fetched",
    };
    let report = json!({
        "verdict": overall["verdict"],
        "reason": overall["reason"],
        "detail": overall["detail"],
        "exit_code": exit.code(),
        "offline": verdict_json(&result.verdict),
        "seal_authentic": result.seal_authentic(),
        "content_binding": result.content_binding.slug(),
        "online": online,
        "issuer": result.issuer,
        "key_id": result.key_id.as_ref().map(ToString::to_string),
        "claims": claims,
        "trust_list": {
            "sequence": loaded.list.sequence,
            "issued_at": rfc3339(loaded.list.issued_at),
            "origin": origin,
        },
    });
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}
