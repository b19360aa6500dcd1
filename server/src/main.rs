//! The `guichet` binary: parses arguments, loads configuration, starts.
fn main() {}
