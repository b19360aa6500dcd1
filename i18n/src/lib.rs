//! The languages of guichet and the catalogs its texts are read from.
//!
//! - [`Language`]: French, German, English: one type for the server, the documents and the
//!   verifier (which builds without the rest, down to WebAssembly: it needs no catalog, so
//!   it turns feature `catalog` off in its library).
//! - with feature `catalog` (default), [`Catalog`]: Fluent files (`locales/fr.ftl`,
//!   `de.ftl`, `en.ftl` in each crate that shows text), embedded with `include_str!` and
//!   parsed on first use; [`messages!`] declares the texts a crate asks for, and
//!   [`Catalog::check`] proves that each exists in every language with the variables the
//!   code passes.

#[cfg(feature = "catalog")]
mod catalog;
#[cfg(feature = "catalog")]
mod check;
mod language;

#[cfg(feature = "catalog")]
pub use catalog::{Catalog, Sources, Spec, Value};
pub use language::Language;

/// Declares the texts a crate reads from its catalog: one function per text, taking the
/// language and the variables the text shows, and a list of them all for [`Catalog::check`].
///
/// ```
/// use std::sync::LazyLock;
/// use guichet_i18n::{Catalog, Language, Sources};
///
/// static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
///     Catalog::new(Sources {
///         fr: "greeting = Bonjour { $name } !\n",
///         de: "greeting = Guten Tag { $name }!\n",
///         en: "greeting = Hello { $name }!\n",
///     })
/// });
///
/// guichet_i18n::messages! {
///     catalog: CATALOG;
///     /// Every text below.
///     const TEXTS;
///     /// Greets a person by name.
///     fn greeting(name: &str) = "greeting";
/// }
///
/// assert_eq!(greeting(Language::De, "Marie"), "Guten Tag Marie!");
/// assert!(CATALOG.check(TEXTS).is_empty());
/// ```
#[cfg(feature = "catalog")]
#[macro_export]
macro_rules! messages {
    (
        catalog: $catalog:path;
        $(#[$list_meta:meta])*
        $list_vis:vis const $list:ident;
        $(
            $(#[$meta:meta])*
            $vis:vis fn $name:ident($($var:ident: $ty:ty),* $(,)?) = $key:literal;
        )*
    ) => {
        $(
            $(#[$meta])*
            $vis fn $name(
                lang: $crate::Language
                $(, $var: $ty)*
            ) -> ::std::borrow::Cow<'static, str> {
                $catalog.format(lang, $key, &[$((stringify!($var), $crate::Value::from($var))),*])
            }
        )*
        $(#[$list_meta])*
        $list_vis const $list: &[$crate::Spec<'static>] = &[
            $($crate::Spec { key: $key, variables: &[$(stringify!($var)),*] }),*
        ];
    };
}
