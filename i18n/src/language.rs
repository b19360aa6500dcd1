//! The portal's languages, how a request or a terminal picks one, and how each writes a date.

use serde::{Deserialize, Serialize};
use time::Date;

/// A language of the portal: of its answers and mails, of the documents it issues and of
/// the verifier's report. The seal carries it as a one-byte code of its own (see the
/// verifier's `seal` module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French, the default.
    #[default]
    Fr,
    /// German.
    De,
    /// English.
    En,
}

impl Language {
    /// Every language, French first.
    pub const ALL: [Language; 3] = [Language::Fr, Language::De, Language::En];

    /// The ISO 639-1 code (`fr`, `de`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::De => "de",
            Self::En => "en",
        }
    }

    /// Parses a language tag (`fr`, `de`, `en`, any case, region ignored: `de-LU`, `en_GB`).
    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Some(Self::Fr),
            "de" => Some(Self::De),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// Parses a POSIX locale such as `de_LU.UTF-8` or `fr_FR@euro` (as in `$LANG`), or a
    /// plain code.
    pub fn from_locale(locale: &str) -> Option<Self> {
        let tag = locale.split(['.', '@']).next().unwrap_or("");
        Self::parse(tag)
    }

    /// Picks the best language from an `Accept-Language` header (RFC 9110 quality values);
    /// French when none is known.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(Self, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Self::parse(tag) {
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((lang, q));
                }
            }
        }
        best.map(|(l, _)| l).unwrap_or_default()
    }

    /// Writes a date the way the language does: `25/11/2026`, `25.11.2026`, `2026-11-25`.
    pub fn date(self, date: Date) -> String {
        let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
        match self {
            Self::Fr => format!("{d:02}/{m:02}/{y:04}"),
            Self::De => format!("{d:02}.{m:02}.{y:04}"),
            Self::En => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_quality_known_language() {
        assert_eq!(
            Language::from_accept_language("de-LU,de;q=0.9"),
            Language::De
        );
        assert_eq!(
            Language::from_accept_language("lb, en;q=0.8, fr;q=0.5"),
            Language::En
        );
        assert_eq!(Language::from_accept_language("pt-PT"), Language::Fr);
        assert_eq!(
            Language::from_accept_language("en;q=0, de;q=0.1"),
            Language::De
        );
    }

    #[test]
    fn a_posix_locale_gives_its_language_and_an_unknown_one_none() {
        assert_eq!(Language::from_locale("de_LU.UTF-8"), Some(Language::De));
        assert_eq!(Language::from_locale("fr_FR@euro"), Some(Language::Fr));
        assert_eq!(Language::from_locale("en"), Some(Language::En));
        assert_eq!(Language::from_locale("C.UTF-8"), None);
        assert_eq!(Language::from_locale("pt_BR.UTF-8"), None);
    }

    #[test]
    fn each_language_writes_a_date_its_own_way() {
        let date = time::macros::date!(2026 - 11 - 05);
        let written = Language::ALL.map(|l| l.date(date));
        assert_eq!(written, ["05/11/2026", "05.11.2026", "2026-11-05"]);
    }

    #[test]
    fn the_code_parses_back_and_serde_writes_it() {
        for lang in Language::ALL {
            assert_eq!(Language::parse(lang.code()), Some(lang));
            assert_eq!(
                serde_json::to_string(&lang).unwrap(),
                format!("\"{}\"", lang.code())
            );
        }
    }
}
