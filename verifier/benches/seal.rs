//! Benchmarks of seal verification and signing.
fn main() {}
