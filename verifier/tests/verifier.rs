//! Integration tests of the seal format, the trust list, verification and the CLI.

mod common;
mod size;
