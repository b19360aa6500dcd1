//! Renders the documents guichet issues as sealed PDFs.
