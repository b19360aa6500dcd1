//! Text a person sends: one rule for every name, filename, message, form value, label and reason.
//!
//! Every text that enters the portal from a request goes through [`single_line`],
//! [`multi_line`], [`filename`] or [`json_strings`] before it is stored, mailed or signed. The
//! rule, and why:
//!
//! - **C0 and C1 control characters** (U+0000–U+001F, U+007F DEL, U+0080–U+009F) are refused:
//!   PostgreSQL cannot store U+0000 in `text` (it answered 500 with "invalid byte sequence",
//!   while SQLite kept it), and the others are invisible, break mail headers, log lines, CSV
//!   exports and PDF text, and are never typed by a person. Tab, line feed and carriage return
//!   are allowed only where the field is multi-line (message bodies, letters, reasons); CR LF and
//!   lone CR are kept as sent.
//! - **Noncharacters of the Basic Multilingual Plane** (U+FDD0–U+FDEF, U+FFFE, U+FFFF) are
//!   refused: U+FFFE is a byte-swapped BOM and U+FFFF an end-of-text sentinel in many programs
//!   (Unicode §23.7). The 32 noncharacters of the other planes are accepted, as Unicode
//!   Corrigendum #9 allows them in interchange: the rule stays one character class that the
//!   OpenAPI document can publish exactly ([`SINGLE_LINE_PATTERN`], [`MULTI_LINE_PATTERN`]), and
//!   an ECMA-262 pattern without the `u` flag cannot name characters beyond U+FFFF.
//! - **Bidirectional overrides and isolates** (U+202A–U+202E, U+2066–U+2069) are refused in
//!   single-line fields and file names: they reorder what a reader sees
//!   (`invoice\u{202E}fdp.exe` displays as `invoiceexe.pdf`), the "Trojan Source" kind
//!   (CVE-2021-42574). In multi-line text they are kept, as they have genuine uses in
//!   right-to-left prose and are harmless where nothing is executed or named by them.
//! - What remains is normalised to **NFC** (Unicode UAX #15) so that a decomposed "e + ◌́"
//!   and a composed "é" are the same name, the same search key and the same signed digest.
//!
//! Errors name the field as the request does (a JSON pointer without the leading slash) with
//! [`Invalid::Characters`], which the API answers with 422 `application/problem+json`.

use unicode_normalization::UnicodeNormalization;

use super::{Error, Invalid};

/// Whether line breaks and tabs belong in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// A name, a label, a subject: one line.
    Single,
    /// A message, a letter, a reason: line breaks and tabs allowed.
    Multi,
}

/// Characters refused in every text field, as inclusive ranges: C0 controls but tab, LF and
/// CR; DEL and the C1 controls; the noncharacters of the Basic Multilingual Plane.
const REFUSED: &[(char, char)] = &[
    ('\u{0}', '\u{8}'),
    ('\u{B}', '\u{C}'),
    ('\u{E}', '\u{1F}'),
    ('\u{7F}', '\u{9F}'),
    ('\u{FDD0}', '\u{FDEF}'),
    ('\u{FFFE}', '\u{FFFF}'),
];

/// Characters also refused in one-line fields: tab, LF, CR, and the bidirectional overrides
/// and isolates.
const REFUSED_IN_ONE_LINE: &[(char, char)] = &[
    ('\t', '\n'),
    ('\r', '\r'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2066}', '\u{2069}'),
];

/// The ECMA-262 pattern (OpenAPI `pattern`) of a one-line text: no character of [`REFUSED`] or
/// [`REFUSED_IN_ONE_LINE`]. The same table decides [`single_line`].
pub const SINGLE_LINE_PATTERN: &str = "^[^\\u0000-\\u0008\\u000B-\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE-\\uFFFF\\u0009-\\u000A\\u000D-\\u000D\\u202A-\\u202E\\u2066-\\u2069]*$";

/// The ECMA-262 pattern of a text of several lines: no character of [`REFUSED`]. The same table
/// decides [`multi_line`].
pub const MULTI_LINE_PATTERN: &str = "^[^\\u0000-\\u0008\\u000B-\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE-\\uFFFF]*$";

/// Whether `c` is refused in a field of kind `lines`.
fn refused(c: char, lines: Lines) -> bool {
    let within = |table: &[(char, char)]| table.iter().any(|&(lo, hi)| (lo..=hi).contains(&c));
    within(REFUSED) || (lines == Lines::Single && within(REFUSED_IN_ONE_LINE))
}

fn parse(field: &str, value: &str, lines: Lines) -> Result<String, Error> {
    if value.chars().any(|c| refused(c, lines)) {
        return Err(Error::invalid(field, Invalid::Characters));
    }
    Ok(value.nfc().collect())
}

/// A one-line text (a name, an e-mail address, a label, a subject, a form value) in NFC.
///
/// # Errors
/// [`Invalid::Characters`] on `field` for a control character (tab and line breaks included),
/// a noncharacter or a bidirectional override or isolate.
pub fn single_line(field: &str, value: &str) -> Result<String, Error> {
    parse(field, value, Lines::Single)
}

/// A text of several lines (a message, a letter, a reason) in NFC: tab, LF and CR allowed.
///
/// # Errors
/// [`Invalid::Characters`] on `field` for any other control character or a noncharacter.
pub fn multi_line(field: &str, value: &str) -> Result<String, Error> {
    parse(field, value, Lines::Multi)
}

/// A file name as the person sent it, in NFC: one line, and no bidirectional controls, so that
/// what an agent reads is what the file is called.
///
/// # Errors
/// As [`single_line`].
pub fn filename(field: &str, value: &str) -> Result<String, Error> {
    parse(field, value, Lines::Single)
}

/// An optional [`single_line`].
///
/// # Errors
/// As [`single_line`].
pub fn single_line_opt(field: &str, value: Option<&str>) -> Result<Option<String>, Error> {
    value.map(|v| single_line(field, v)).transpose()
}

/// An optional [`multi_line`].
///
/// # Errors
/// As [`multi_line`].
pub fn multi_line_opt(field: &str, value: Option<&str>) -> Result<Option<String>, Error> {
    value.map(|v| multi_line(field, v)).transpose()
}

/// Checks and normalises, in place, every string inside a JSON value (object keys included)
/// as [`single_line`] text; `field` is the JSON pointer of `value` without the leading slash,
/// and an error names the pointer of the offending string (`address/street`, `children/1`).
///
/// # Errors
/// As [`single_line`], on the innermost field.
pub fn json_strings(field: &str, value: &mut serde_json::Value) -> Result<(), Error> {
    use serde_json::Value;
    match value {
        Value::String(s) => *s = single_line(field, s)?,
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                json_strings(&join(field, &i.to_string()), item)?;
            }
        }
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut item) in entries {
                let inner = join(field, &key);
                let key = single_line(&inner, &key)?;
                json_strings(&inner, &mut item)?;
                map.insert(key, item);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

/// [`json_strings`] over the values of a form (field name → value), keys included.
///
/// # Errors
/// As [`single_line`], on the innermost field.
pub fn form_values(
    values: std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<std::collections::BTreeMap<String, serde_json::Value>, Error> {
    let mut out = std::collections::BTreeMap::new();
    for (key, mut value) in values {
        let key_checked = single_line(&key, &key)?;
        json_strings(&key_checked, &mut value)?;
        out.insert(key_checked, value);
    }
    Ok(out)
}

fn join(prefix: &str, key: &str) -> String {
    // RFC 6901 escaping, so that the pointer names the field even when a key holds "/" or "~".
    let key = key.replace('~', "~0").replace('/', "~1");
    if prefix.is_empty() {
        key
    } else {
        format!("{prefix}/{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(r: Result<String, Error>) -> Option<(String, Invalid)> {
        match r {
            Err(Error::Invalid { field, reason }) => Some((field, reason)),
            _ => None,
        }
    }

    #[test]
    fn single_line_refuses_every_control_noncharacter_and_bidi_override() {
        for bad in [
            "carte\u{0}.pdf",
            "a\u{1}b",
            "a\u{1b}[31mred",
            "a\u{7f}",
            "a\u{85}b",
            "a\u{9f}",
            "a\tb",
            "a\nb",
            "a\rb",
            "invoice\u{202E}fdp.exe",
            "a\u{202A}",
            "a\u{2066}b",
            "a\u{2069}",
            "a\u{FFFE}",
            "a\u{FFFF}",
            "a\u{FDD0}",
        ] {
            assert_eq!(
                reason(single_line("name", bad)),
                Some(("name".into(), Invalid::Characters)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn multi_line_keeps_tabs_line_breaks_and_bidi_but_not_other_controls() {
        assert_eq!(
            multi_line("text", "a\r\n\tb\n\u{202B}c").ok().as_deref(),
            Some("a\r\n\tb\n\u{202B}c")
        );
        for bad in ["a\u{0}", "a\u{7}", "a\u{7f}", "a\u{85}", "a\u{FFFF}"] {
            assert_eq!(
                reason(multi_line("text", bad)),
                Some(("text".into(), Invalid::Characters)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn published_patterns_match_exactly_what_the_check_accepts() {
        // An independent regex engine reads the published patterns; every scalar value of the
        // BMP, and a few beyond it, must be accepted by the pattern exactly when the check does.
        let single = regex::Regex::new(SINGLE_LINE_PATTERN).unwrap();
        let multi = regex::Regex::new(MULTI_LINE_PATTERN).unwrap();
        let beyond = ['\u{10000}', '\u{1F4C4}', '\u{1FFFE}', '\u{10FFFF}'];
        for c in (0..=0xFFFF).filter_map(char::from_u32).chain(beyond) {
            let text = format!("a{c}b");
            assert_eq!(
                single.is_match(&text),
                single_line("n", &text).is_ok(),
                "{c:?}"
            );
            assert_eq!(
                multi.is_match(&text),
                multi_line("n", &text).is_ok(),
                "{c:?}"
            );
        }
        assert!(single.is_match("") && !single.is_match("a\n"));
    }

    #[test]
    fn noncharacters_beyond_the_bmp_are_accepted_as_corrigendum_9_allows() {
        for ok in ["a\u{1FFFE}", "a\u{10FFFF}"] {
            assert_eq!(single_line("n", ok).ok().as_deref(), Some(ok));
            assert_eq!(multi_line("n", ok).ok().as_deref(), Some(ok));
        }
    }

    #[test]
    fn text_is_normalised_to_nfc() {
        assert_eq!(
            single_line("n", "Rene\u{301}").ok().as_deref(),
            Some("René")
        );
        assert_eq!(
            filename("f", "e\u{301}te\u{301}.pdf").ok().as_deref(),
            Some("été.pdf")
        );
        // Letters of every script pass unchanged.
        for ok in [
            "Marie-Thérèse O'Neill",
            "Ørsted",
            "Шмит",
            "王",
            "مريم",
            "📄 x.pdf",
        ] {
            assert_eq!(single_line("n", ok).ok().as_deref(), Some(ok));
        }
    }

    #[test]
    fn json_strings_names_the_innermost_field_and_normalises_keys_and_values() {
        let mut v = serde_json::json!({"address": {"street": "rue\u{0}"}});
        assert_eq!(
            json_strings("", &mut v).err().map(|e| e.to_string()),
            Some(Error::invalid("address/street", Invalid::Characters).to_string())
        );
        let mut v = serde_json::json!({"children": ["ok", "a\u{85}"]});
        assert!(matches!(
            json_strings("", &mut v),
            Err(Error::Invalid { field, .. }) if field == "children/1"
        ));
        let mut v = serde_json::json!({"Cafe\u{301}": ["Rene\u{301}", 3, null, true]});
        assert!(json_strings("", &mut v).is_ok());
        assert_eq!(v, serde_json::json!({"Café": ["René", 3, null, true]}));
    }
}
