//! End-to-end tests of guichet over HTTP.
