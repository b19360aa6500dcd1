//! The PDF field-report cases of issue 10 (`fixtures/cases/verifier/`), each with its right answer.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// A case file of `fixtures/cases/verifier/`.
fn case(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/cases/verifier"
    ))
    .join(name)
}

/// Runs `guichet-verify` on a case with the DEMO trust settings of the cases' README.
fn verify_demo(file: &str, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_guichet-verify"))
        .arg(case(file))
        .arg("--trust-list")
        .arg(case("demo-trust-list.cose"))
        .arg("--anchor")
        .arg(case("demo-trust-anchor.hex"))
        // The demo extract is valid until 2027-02-28: check at a fixed instant before that.
        .args(["--now", "2026-12-01T12:00:00Z"])
        .args(extra)
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("guichet-pdf-cases"),
        )
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn json(file: &str) -> (i32, Value) {
    let (code, out) = verify_demo(file, &["--json"]);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
    )
}

#[test]
fn case_18a_a_page_with_contents_twice_is_refused_as_ambiguous() {
    let (code, json) = json("18a-duplicate-contents-key-genuine-last.pdf");
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["reason"], "ambiguous-pdf", "{json}");
    for (lang, says) in [
        ("en", "the PDF can be read in more than one way"),
        ("fr", "le PDF peut être lu de plusieurs façons"),
        ("de", "das PDF lässt sich auf mehrere Arten lesen"),
    ] {
        let (code, text) = verify_demo(
            "18a-duplicate-contents-key-genuine-last.pdf",
            &["--lang", lang],
        );
        assert_eq!(code, 1, "{text}");
        assert!(text.contains(says), "{lang}: {text}");
        assert!(text.contains("/Contents twice"), "{lang}: {text}");
        assert!(!text.contains("matches the seal"), "{lang}: {text}");
    }
}

#[test]
fn case_16_a_linearized_resave_with_unchanged_content_is_valid() {
    let (code, json) = json("16-linearized-resave.pdf");
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["content_binding"], "checked", "{json}");
    let (code, text) = verify_demo("16-linearized-resave.pdf", &["--lang", "en"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Content: the PDF matches the seal."),
        "{text}"
    );
}
