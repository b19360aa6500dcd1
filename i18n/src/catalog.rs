//! A Fluent catalog in the three languages, and formatting one of its texts.

use std::borrow::Cow;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::Language;

/// A value a text shows: a string or a number (numbers also choose plural forms).
pub use fluent_bundle::FluentValue as Value;

/// The Fluent source of a catalog in each language (usually `include_str!` of
/// `locales/fr.ftl`, `de.ftl`, `en.ftl`).
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    /// French.
    pub fr: &'static str,
    /// German.
    pub de: &'static str,
    /// English.
    pub en: &'static str,
}

impl Sources {
    /// The source in `lang`.
    pub fn get(&self, lang: Language) -> &'static str {
        match lang {
            Language::Fr => self.fr,
            Language::De => self.de,
            Language::En => self.en,
        }
    }
}

/// A text the code asks for: its key and the variables the code passes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec<'a> {
    /// `message-id`, or `message-id.attribute` for one part of a message with several.
    pub key: &'a str,
    /// The names of the variables (`$name` in the catalog), in no particular order.
    pub variables: &'a [&'a str],
}

/// One catalog in French, German and English.
///
/// Built from sources that may contain mistakes: what parses is kept (Fluent's recovery) and
/// the mistakes are reported by [`Catalog::check`], which each crate's tests call, so that a
/// catalog with a syntax error, a missing text or a wrong variable does not pass CI.
pub struct Catalog {
    sources: Sources,
    bundles: [FluentBundle<FluentResource>; 3],
    /// What went wrong while reading the sources, in words.
    pub(crate) load_errors: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("load_errors", &self.load_errors)
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Parses the three sources. Values are written as they are: no Unicode isolation marks
    /// around variables (the texts go to mails, PDFs and JSON, all left-to-right).
    pub fn new(sources: Sources) -> Self {
        let mut load_errors = Vec::new();
        let bundles = Language::ALL.map(|lang| {
            let id = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            let resource = match FluentResource::try_new(sources.get(lang).to_owned()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for e in errors {
                        let start = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                        let line = line_of(sources.get(lang), start);
                        load_errors.push(format!("{}.ftl line {line}: {e}", lang.code()));
                    }
                    resource
                }
            };
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    load_errors.push(format!("{}.ftl: {e}", lang.code()));
                }
            }
            bundle
        });
        Self {
            sources,
            bundles,
            load_errors,
        }
    }

    /// The bundle of `lang`.
    pub(crate) fn bundle(&self, lang: Language) -> &FluentBundle<FluentResource> {
        match lang {
            Language::Fr => &self.bundles[0],
            Language::De => &self.bundles[1],
            Language::En => &self.bundles[2],
        }
    }

    /// The Fluent source of `lang`.
    pub(crate) fn source(&self, lang: Language) -> &'static str {
        self.sources.get(lang)
    }

    /// The text `key` (`id` or `id.attribute`) in `lang`, with `args` in its placeables.
    ///
    /// A key the catalog lacks gives the key itself, and a variable not passed gives its
    /// name in braces (Fluent's own fallbacks): [`Catalog::check`] keeps both out of the
    /// catalogs the crates ship.
    pub fn format(&self, lang: Language, key: &str, args: &[(&str, Value<'_>)]) -> Cow<'_, str> {
        let bundle = self.bundle(lang);
        let (id, attribute) = split_key(key);
        let Some(message) = bundle.get_message(id) else {
            return Cow::Owned(key.to_owned());
        };
        let pattern = match attribute {
            Some(name) => message.get_attribute(name).map(|a| a.value()),
            None => message.value(),
        };
        let Some(pattern) = pattern else {
            return Cow::Owned(key.to_owned());
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&fluent_args), &mut errors)
    }
}

/// `id.attribute` → (`id`, `Some(attribute)`); a Fluent id never contains a dot.
pub(crate) fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    }
}

/// The 1-based line of byte `offset` in `source`.
fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}
