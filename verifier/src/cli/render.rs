//! The report: text for the person checking, or JSON for machines.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::revocation::{Freshness, RevocationLoaded};
use crate::seal::{Claims, DocumentData, Language};
use crate::trust::{Loaded, Origin};
use crate::verify::{ContentBinding, Reason, StatusKind, Verdict, Verification};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::exit::Exit;
use super::i18n;

/// The signed lists the verification used, for the report.
pub struct Lists<'a> {
    /// The trust list.
    pub trust: &'a Loaded,
    /// The revocation list, if one was available.
    pub revocations: Option<&'a RevocationLoaded>,
    /// The age past which the revocation list is stale.
    pub max_age: time::Duration,
    /// The verification time.
    pub now: OffsetDateTime,
}

/// The human report in `lang`.
pub fn human(
    result: &Verification,
    lists: &Lists<'_>,
    online_error: Option<&str>,
    lang: Language,
) -> String {
    let mut out = String::new();
    let overall = result.overall();
    let _ = match &overall {
        Verdict::Valid => writeln!(out, "{}", i18n::valid(lang)),
        Verdict::Invalid(Reason::Revoked { .. }) => writeln!(out, "{}", i18n::revoked(lang)),
        Verdict::Invalid(Reason::RevokedInList { list_issued_at, .. }) => writeln!(
            out,
            "{}",
            i18n::revoked_in_list(lang, &lang.date(list_issued_at.date()))
        ),
        Verdict::Invalid(Reason::Superseded { .. }) => {
            writeln!(out, "{}", i18n::superseded(lang))
        }
        Verdict::Invalid(reason) => writeln!(
            out,
            "{}: {}",
            i18n::invalid(lang),
            printable(&i18n::reason(lang, reason))
        ),
    };
    if let Some(
        reason
        @ (Reason::Revoked { .. } | Reason::RevokedInList { .. } | Reason::Superseded { .. }),
    ) = overall.reason()
    {
        let _ = writeln!(
            out,
            "{}: {}",
            i18n::reason_label(lang),
            printable(&i18n::reason(lang, reason))
        );
        if let Some(offline) = result.verdict.reason() {
            let _ = writeln!(
                out,
                "{}: {}",
                i18n::reason_label(lang),
                printable(&i18n::reason(lang, offline))
            );
        }
    }
    if result.seal_authentic() {
        let _ = writeln!(out, "{}", i18n::authentic_offline(lang));
    }
    match &result.claims {
        Some(claims) => claims_block(&mut out, claims, result, lang),
        None => {
            let _ = writeln!(out, "{}", i18n::untrusted(lang));
        }
    }
    if result.seal_authentic() {
        let binding = match result.content_binding {
            ContentBinding::Checked
                if matches!(result.verdict.reason(), Some(Reason::ContentMismatch(_))) =>
            {
                i18n::content_mismatch(lang)
            }
            ContentBinding::Checked => i18n::content_checked(lang),
            ContentBinding::NotCheckedPhoto => i18n::content_photo(lang),
            ContentBinding::NotCheckedText => i18n::content_text(lang),
        };
        let _ = writeln!(out, "{binding}");
        let _ = match (&result.online, online_error) {
            (_, Some(e)) => writeln!(out, "{}: {}", i18n::online_unavailable(lang), printable(e)),
            (Some(s), None) if s.status == StatusKind::Valid => {
                writeln!(out, "{}", i18n::online_valid(lang))
            }
            (Some(_), None) => Ok(()),
            (None, None) if lists.revocations.is_none() => {
                writeln!(out, "{}", i18n::online_not_asked(lang))
            }
            (None, None) => Ok(()),
        };
        if let Some(line) = revocation_line(lists, lang) {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = write!(
        out,
        "{}: n° {} ({})",
        i18n::trust_list(lang),
        lists.trust.list.sequence,
        lang.date(lists.trust.list.issued_at.date())
    );
    out
}

/// Which revocation list was used and how old it is; stale is said, not hidden.
fn revocation_line(lists: &Lists<'_>, lang: Language) -> Option<String> {
    let loaded = lists.revocations?;
    let list = &loaded.list;
    let date = lang.date(list.issued_at.date());
    let hours = list.age(lists.now).whole_hours();
    let line = match list.freshness(lists.now, lists.max_age) {
        Freshness::Fresh => i18n::revocation_list(lang, list.sequence, &date, hours),
        Freshness::Stale => i18n::revocation_list_stale(
            lang,
            list.sequence,
            &date,
            hours,
            lists.max_age.whole_hours(),
        ),
    };
    Some(line.into_owned())
}

fn origin_slug(origin: &Origin) -> &'static str {
    match origin {
        Origin::Fetched => "fetched",
        Origin::CacheOnly => "cache",
        Origin::CacheFetchRefused => "cache-fetched-refused",
        Origin::CacheNewer { .. } => "cache-newer-than-fetched",
    }
}

fn claims_block(out: &mut String, c: &Claims, result: &Verification, lang: Language) {
    let mut rows = vec![
        (
            i18n::document(lang),
            i18n::document_type(lang, c.document_type()).into_owned(),
        ),
        (i18n::number(lang), c.document_id.to_string()),
        (
            i18n::issuer(lang),
            result.issuer.clone().unwrap_or_default(),
        ),
        (i18n::issued(lang), lang.date(c.issued_at.date())),
        (
            i18n::valid_until(lang),
            c.valid_until().map_or_else(
                || i18n::no_expiry(lang).into_owned(),
                |u| lang.date(u.date()),
            ),
        ),
        (i18n::pages(lang), c.pages.to_string()),
        (i18n::family(lang), c.subject.family_name.clone()),
        (i18n::given(lang), c.subject.given_name.clone()),
        (i18n::birth(lang), lang.date(c.subject.birth_date)),
    ];
    rows.extend(document_rows(&c.document, lang));
    rows.push((i18n::language(lang), c.language.code().to_owned()));
    let _ = writeln!(out, "{}", i18n::compare(lang));
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

/// The rows that only this document type has.
fn document_rows(data: &DocumentData, lang: Language) -> Vec<(Cow<'static, str>, String)> {
    match data {
        DocumentData::CriminalRecordExtract(e) => vec![
            (
                i18n::bulletin(lang),
                i18n::bulletin_number(lang, e.bulletin.number()).into_owned(),
            ),
            (
                i18n::result(lang),
                i18n::outcome(lang, e.outcome).into_owned(),
            ),
        ],
        DocumentData::ResidenceCertificate(r) => {
            vec![(i18n::address(lang), r.address.to_string())]
        }
        DocumentData::CertificationCodes(c) => vec![
            (i18n::employer_number(lang), c.employer_number.clone()),
            (
                i18n::domains(lang),
                c.domains
                    .iter()
                    .map(|d| i18n::domain(lang, *d).into_owned())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ],
    }
}

/// The type's own data in the JSON report, under `claims.data`.
fn document_json(data: &DocumentData) -> Value {
    match data {
        DocumentData::CriminalRecordExtract(e) => json!({
            "bulletin": e.bulletin.number(),
            "outcome": e.outcome.slug(),
        }),
        DocumentData::ResidenceCertificate(r) => json!({
            "address": {
                "line": r.address.line,
                "postcode": format!("L-{:04}", r.address.postcode),
                "locality": r.address.locality,
            },
        }),
        DocumentData::CertificationCodes(c) => json!({
            "employer_number": c.employer_number,
            "domains": c.domains.iter().map(|d| d.slug()).collect::<Vec<_>>(),
        }),
    }
}

/// Replaces control characters (terminal escapes) in text that came from a seal or a server.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
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
    lists: &Lists<'_>,
    online_error: Option<&str>,
    exit: Exit,
) -> String {
    let overall = verdict_json(&result.overall());
    let claims = result.claims.as_ref().map(|c| {
        json!({
            "document_id": c.document_id.to_string(),
            "document_type": c.document_type().slug(),
            "pages": c.pages,
            "issued_at": rfc3339(c.issued_at),
            "valid_until": c.valid_until().map_or(Value::Null, rfc3339),
            "family_name": c.subject.family_name,
            "given_name": c.subject.given_name,
            "birth_date": c.subject.birth_date.to_string(),
            // Kept at the top level for the extract, as before the second document type.
            "outcome": c.document.as_extract().map(|e| e.outcome.slug()),
            "language": c.language.code(),
            "data": document_json(&c.document),
        })
    });
    let online = match (&result.online, online_error) {
        (_, Some(e)) => json!({ "error": e }),
        (Some(s), None) => serde_json::to_value(s).unwrap_or(Value::Null),
        (None, None) => Value::Null,
    };
    let revocation_list = lists.revocations.map(|r| {
        json!({
            "sequence": r.list.sequence,
            "issued_at": rfc3339(r.list.issued_at),
            "age_secs": r.list.age(lists.now).whole_seconds(),
            "max_age_secs": lists.max_age.whole_seconds(),
            "stale": r.list.freshness(lists.now, lists.max_age) == Freshness::Stale,
            "origin": origin_slug(&r.origin),
            "revoked": result.revocation.as_ref().and_then(|c| c.revoked.as_ref()).map(|e| json!({
                "reason": e.reason.slug(),
                "reason_code": e.reason.code(),
                "revoked_at": rfc3339(e.revoked_at),
            })),
        })
    });
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
            "sequence": lists.trust.list.sequence,
            "issued_at": rfc3339(lists.trust.list.issued_at),
            "origin": origin_slug(&lists.trust.origin),
        },
        "revocation_list": revocation_list,
    });
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}
