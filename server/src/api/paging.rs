//! The defaults of paginated listings (`page` from 1, `per_page` at most 100), one place for
//! every operation that pages.

/// The first page.
pub fn default_page() -> u64 {
    1
}

/// Lines per page when the client does not say.
pub fn default_per_page() -> u64 {
    20
}
