//! Renders the documents guichet issues: sealed PDFs, and unsealed payment receipts.

pub mod extract;
mod page;
mod qr;
pub mod receipt;
mod winansi;

pub use page::RenderError;
