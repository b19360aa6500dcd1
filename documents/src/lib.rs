//! Renders the documents guichet issues: sealed PDFs (the criminal record extract, [`extract`],
//! and the certificate of residence, [`residence`]), unsealed payment receipts
//! ([`receipt`]), and the fillable forms of the offline route ([`fillable_form`]).

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
