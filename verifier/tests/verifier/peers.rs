//! Peer checks: an independent COSE implementation (pycose) verifies what we sign.

use std::process::Command;

use guichet_verifier::seal::decode_text;

use crate::common::*;

/// Whether `python3` can import pycose and cbor2; fails instead when peers are required.
fn pycose_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pycose, cbor2"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !peers_required(),
            "pycose is required (GUICHET_REQUIRE_PEERS=1) but not installed"
        );
        say_skipped("pycose not installed (run .ci/peers)");
    }
    ok
}

/// Says that a peer check was skipped on the process's real standard error: libtest captures
/// `println!` and `eprintln!` of passing tests, so only a direct write stays visible under a
/// plain `cargo test`.
fn say_skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// Runs the peer script on COSE bytes and a public key; returns its JSON output.
fn pycose_verify(name: &str, cose: &[u8], public: &[u8]) -> (bool, serde_json::Value) {
    let dir = temp_dir(name);
    std::fs::write(dir.join("cose.bin"), cose).unwrap();
    std::fs::write(dir.join("key.bin"), public).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/peers/verify_cose.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(dir.join("cose.bin"))
        .arg(dir.join("key.bin"))
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.success(), json)
}

#[test]
fn pycose_verifies_our_seal_with_the_published_key() {
    if !pycose_available() {
        return;
    }
    let issuer = issuer();
    let cose = decode_text(&extract_seal()).unwrap();
    let (ok, json) = pycose_verify(
        "pycose-seal",
        &cose,
        issuer.signing_key.verifying_key().as_bytes(),
    );
    assert!(ok, "{json}");
    assert_eq!(json["kid"], issuer.key_id.to_string().to_lowercase());
    assert_eq!(json["payload"]["7"], "3f910c7a");
    assert_eq!(json["payload"]["-260"]["2"], "Schmit-Weber");
    assert_eq!(json["payload"]["6"], ISSUED.unix_timestamp());

    let mut tampered = cose.clone();
    let at = tampered.len() - 70;
    tampered[at] ^= 1;
    let (ok, _) = pycose_verify(
        "pycose-seal-bad",
        &tampered,
        issuer.signing_key.verifying_key().as_bytes(),
    );
    assert!(!ok, "pycose accepted a tampered seal");
}

#[test]
fn pycose_verifies_our_trust_list_with_the_anchor_key() {
    if !pycose_available() {
        return;
    }
    let (ok, json) = pycose_verify(
        "pycose-list",
        &signed_list(4),
        anchor_key().verifying_key().as_bytes(),
    );
    assert!(ok, "{json}");
    assert_eq!(json["payload"]["1"], 4);
}

#[test]
fn zbarimg_reads_the_seal_qr_code_back_as_the_same_text() {
    let available = Command::new("zbarimg").arg("--version").output().is_ok();
    if !available {
        assert!(
            !peers_required(),
            "zbarimg is required (GUICHET_REQUIRE_PEERS=1) but not installed"
        );
        say_skipped("zbarimg not installed (run .ci/peers)");
        return;
    }
    let text = extract_seal();
    let dir = temp_dir("zbarimg");
    let png = dir.join("seal.png");
    std::fs::write(&png, crate::verification::qr_png(&text)).unwrap();
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end_matches('\n'),
        text
    );
}
