//! Inputs the fuzzers found (`verifier/fuzz/regressions/<target>/`), each with its right answer.

use std::path::PathBuf;

use guichet_verifier::photo::{self, PhotoError};
use guichet_verifier::verify::{Reason, Verdict, verify_image};

use crate::common::*;

/// The files kept for one fuzz target (none is an error: the directory must not go stale).
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

/// `timeout-1cc4b2…`: a 900×700 TIFF (case 13 with two of its three corner patterns broken)
/// went through every preprocessing step, six of them on the image scaled up threefold, and
/// took 12 s in a debug build. It has no readable code: the answer is "no seal", now reached
/// within the work budget.
#[test]
fn photo_regressions_have_no_seal() {
    for (name, bytes) in regressions("photo") {
        assert_eq!(photo::read_seal(&bytes), Err(PhotoError::NoSeal), "{name}");
        let result = verify_image(&bytes, &trust_list(1), NOW);
        assert_eq!(result.verdict, Verdict::Invalid(Reason::NoSeal), "{name}");
    }
}
