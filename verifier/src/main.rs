//! The guichet-verify command line.
fn main() {}
