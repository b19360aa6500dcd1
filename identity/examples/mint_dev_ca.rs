//! Regenerates the development CA in `fixtures/dev-ca/` (TEST ONLY, never trust in production).
//!
//! `cargo run -p guichet-identity --example mint_dev_ca --features mint [-- <output dir>]`

use std::path::PathBuf;

use guichet_identity::DevCa;

/// Text before the PEM block: ignored by PEM parsers, seen by people and by the
/// server's start-up check that warns when a TEST ONLY CA is trusted.
const WARNING: &str = "guichet development CA: TEST ONLY, never trust in production.\n\
                       Its private key is public (fixtures/dev-ca/ca.key.pem).\n";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/dev-ca"));
    std::fs::create_dir_all(&dir)?;
    // A fixed start keeps test dates simple: valid 2024-12-31 to 2044-12-26 (20 years).
    let now = time::macros::datetime!(2025-01-01 0:00 UTC);
    let ca = DevCa::generate("guichet development CA (TEST ONLY)", now)?;
    std::fs::write(dir.join("ca.pem"), format!("{WARNING}{}", ca.cert_pem()))?;
    std::fs::write(dir.join("ca.key.pem"), format!("{WARNING}{}", ca.key_pem()))?;
    println!(
        "wrote {}/ca.pem and ca.key.pem (valid 20 years from {now}, minus one day)",
        dir.display()
    );
    Ok(())
}
