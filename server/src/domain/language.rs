//! The portal's languages: the one type shared with the documents and the verifier.

pub use guichet_i18n::Language;
