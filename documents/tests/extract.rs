//! Integration tests of the sealed criminal record extract: rendering, reading, tampering, peers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod extract {
    pub mod fixtures;
    pub mod mutation;
    pub mod peers;
    pub mod photo;
    pub mod round_trip;
    pub mod support;
    pub mod tamper;
}
