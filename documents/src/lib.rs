//! Renders the documents guichet issues as sealed PDFs.

pub mod extract;
mod page;
mod qr;
mod winansi;

pub use page::RenderError;
