//! Benchmarks of issuing an extract.
fn main() {}
