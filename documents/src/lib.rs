//! Renders the documents guichet issues: sealed PDFs (the criminal record extract, [`extract`],
//! the certificate of residence, [`residence`], the certification codes letter, [`codes`]),
//! unsealed payment receipts ([`receipt`]), and the fillable forms of the offline route
//! ([`fillable_form`]).

pub mod codes;
pub mod extract;
pub mod fillable_form;
mod flow;
mod page;
mod qr;
pub mod receipt;
pub mod residence;
mod sealed;
mod winansi;

pub use guichet_i18n::Language;
pub use page::RenderError;
pub use sealed::{Issued, SEALED_DIGEST_BYTES, qr_version};
