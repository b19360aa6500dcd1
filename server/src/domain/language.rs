//! The portal's languages and how a request picks one.

use serde::{Deserialize, Serialize};

/// A language of the portal.
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
    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::De => "de",
            Self::En => "en",
        }
    }

    /// Parses a two-letter code (`fr`, `de`, `en`, any case, region ignored).
    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Some(Self::Fr),
            "de" => Some(Self::De),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// Picks the best language from an `Accept-Language` header (RFC 9110 quality values).
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
}
