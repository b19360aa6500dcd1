//! Issue 10 §2–3: the field-report cases (fixtures/cases/verifier) and their whole kinds:
//! canonical base45 only, scanner noise tolerated, no seal issued in the future, and input
//! kinds and sizes that are never read as an invalid document.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use guichet_verifier::verify::{
    Policy, Reason, Verdict, verify_image, verify_text, verify_text_with,
};
use serde_json::Value;
use time::Duration;

use crate::common::*;
use crate::verification::qr_png;

fn case(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases/verifier");
    dir.join(name).display().to_string()
}

/// Runs the binary with the TEST trust settings of the cases' README, plus `args`.
fn run(input: &str, args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let dir = temp_dir("input-cases");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guichet-verify"));
    cmd.arg(input)
        .args(["--trust-list", &case("test-trust-list.cose")])
        .args(["--anchor", &case("test-anchor.hex")])
        .args(["--now", "2026-12-01T12:00:00Z"])
        .args(args)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(input: &str, args: &[&str], stdin: &[u8]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.push("--json");
    let (code, out, err) = run(input, &all, stdin);
    let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    (code, json)
}

#[test]
fn case_02_a_final_base45_pair_over_255_is_invalid() {
    let (code, report) = json(&case("02-base45-tail-pair-over-255.txt"), &[], b"");
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["reason"], "malformed");
    assert!(
        report["detail"].as_str().unwrap().contains("base45"),
        "{report}"
    );
    assert_eq!(report["claims"], Value::Null);
}

#[test]
fn case_08_a_seal_issued_in_the_future_is_invalid_with_its_reason() {
    let input = case("08-iat-in-the-future.txt");
    let (code, report) = json(&input, &[], b"");
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["reason"], "issued-in-future");
    assert_eq!(report["claims"], Value::Null);
    for (lang, words) in [
        ("fr", "délivré après la date de vérification"),
        ("de", "nach dem Prüfzeitpunkt ausgestellt"),
        ("en", "issued after the verification time"),
    ] {
        let (code, out, _) = run(&input, &["--lang", lang], b"");
        assert_eq!(code, 1);
        assert!(out.contains(words) && out.contains("2027-06-01"), "{out}");
    }
    // The allowance is configurable: half a year of skew accepts it (for audits only).
    let (code, _, _) = run(&input, &["--clock-skew", "16000000"], b"");
    assert_eq!(code, 0);
}

#[test]
fn case_13_a_tiff_scan_is_read_as_an_image() {
    let (code, report) = json(&case("13-qr-scan.tif"), &[], b"");
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["content_binding"], "not-checked-photo");
}

#[test]
fn case_14_a_108_megapixel_png_is_scaled_down_and_verified() {
    let (code, report) = json(&case("14-qr-108-megapixel.png"), &[], b"");
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["content_binding"], "not-checked-photo");
}

#[test]
fn scanner_noise_around_a_seal_is_tolerated() {
    let seal = extract_seal();
    let (body, tail) = seal.split_at(40);
    let wrapped = format!("\u{feff}  gc1:{}\r\n{tail}  \n", &body[4..]);
    assert_eq!(
        verify_text(&wrapped, &trust_list(1), NOW).verdict,
        Verdict::Valid
    );
    // The same through the command line, from standard input.
    let list = temp_dir("input-cases-noise").join("list.cose");
    std::fs::write(&list, signed_list(1)).unwrap();
    let anchor = hex::encode(anchor_key().verifying_key().as_bytes());
    let out = Command::new(env!("CARGO_BIN_EXE_guichet-verify"))
        .args(["-", "--trust-list", &list.display().to_string()])
        .args(["--anchor", &anchor, "--now", "2026-12-01T12:00:00Z"])
        .env("XDG_CACHE_HOME", temp_dir("input-cases-noise-cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            std::io::Write::write_all(&mut child.stdin.take().unwrap(), wrapped.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn any_non_canonical_base45_in_a_real_seal_is_refused() {
    let seal = extract_seal();
    let list = trust_list(1);
    // Raise each triple in turn above 65535 ("GGW"), then the last pair above 255.
    let body = &seal[4..];
    for at in (0..body.len() - 2).step_by(3) {
        let forged = format!("GC1:{}GGW{}", &body[..at], &body[at + 3..]);
        let result = verify_text(&forged, &list, NOW);
        assert!(
            matches!(result.verdict, Verdict::Invalid(Reason::Malformed(_))),
            "triple at {at}"
        );
    }
    if body.len() % 3 == 2 {
        let forged = format!("GC1:{}V5", &body[..body.len() - 2]);
        assert!(!verify_text(&forged, &list, NOW).verdict.is_valid());
    }
}

#[test]
fn issue_times_beyond_the_clock_skew_are_refused() {
    let list = trust_list(1);
    let sealed_at = |at| {
        let mut claims = extract();
        claims.issued_at = at;
        claims.expires_at = None;
        issuer().seal(&claims).unwrap()
    };
    let within = sealed_at(NOW + Duration::minutes(4));
    assert_eq!(verify_text(&within, &list, NOW).verdict, Verdict::Valid);
    let beyond = sealed_at(NOW + Duration::minutes(6));
    let result = verify_text(&beyond, &list, NOW);
    assert_eq!(
        result.verdict,
        Verdict::Invalid(Reason::IssuedInFuture {
            issued_at: NOW + Duration::minutes(6)
        })
    );
    assert_eq!(result.claims, None);
    let strict = Policy {
        clock_skew: Duration::ZERO,
    };
    let one_second = sealed_at(NOW + Duration::seconds(1));
    assert!(
        !verify_text_with(&one_second, &list, NOW, &strict)
            .verdict
            .is_valid()
    );
    // An extreme skew cannot overflow the time arithmetic.
    let huge = Policy {
        clock_skew: Duration::MAX,
    };
    assert_eq!(
        verify_text_with(&beyond, &list, NOW, &huge).verdict,
        Verdict::Valid
    );
}

#[test]
fn an_expiry_before_the_issue_time_is_malformed() {
    let mut claims = extract();
    claims.expires_at = Some(claims.issued_at - Duration::days(1));
    let text = issuer().seal(&claims).unwrap();
    let result = verify_text(&text, &trust_list(1), NOW);
    assert!(
        matches!(&result.verdict, Verdict::Invalid(Reason::Malformed(d)) if d.contains("exp is before iat")),
        "{:?}",
        result.verdict
    );
}

#[test]
fn image_formats_are_read_whatever_the_file_name() {
    let png = qr_png(&extract_seal());
    let gray = image::load_from_memory(&png).unwrap();
    for format in [
        image::ImageFormat::Png,
        image::ImageFormat::Jpeg,
        image::ImageFormat::Tiff,
        image::ImageFormat::Gif,
        image::ImageFormat::WebP,
    ] {
        let mut bytes = std::io::Cursor::new(Vec::new());
        let img = image::DynamicImage::ImageRgb8(gray.to_rgb8());
        img.write_to(&mut bytes, format).unwrap();
        let bytes = bytes.into_inner();
        let result = verify_image(&bytes, &trust_list(1), NOW);
        assert_eq!(result.verdict, Verdict::Valid, "{format:?}");
        // The CLI tells the kind from the bytes, not the name.
        let file = temp_dir("input-cases-formats").join(format!("seal-{format:?}.txt"));
        std::fs::write(&file, &bytes).unwrap();
        let (code, _, err) = run_own_list(&file.display().to_string());
        assert_eq!(code, 0, "{format:?}: {err}");
    }
}

fn run_own_list(input: &str) -> (i32, String, String) {
    let dir = temp_dir("input-cases-own");
    let list = dir.join("list.cose");
    std::fs::write(&list, signed_list(1)).unwrap();
    let anchor = hex::encode(anchor_key().verifying_key().as_bytes());
    let out = Command::new(env!("CARGO_BIN_EXE_guichet-verify"))
        .args([input, "--trust-list", &list.display().to_string()])
        .args(["--anchor", &anchor, "--now", "2026-12-01T12:00:00Z"])
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn unreadable_kinds_exit_66_with_a_plain_message_never_invalid() {
    let dir = temp_dir("input-cases-66");
    let png = qr_png(&extract_seal());
    let inputs: [(&str, Vec<u8>, &str); 4] = [
        (
            "photo.heic",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0".to_vec(),
            "HEIC/HEIF images cannot be read",
        ),
        ("blob.bin", vec![0, 1, 2, 3, 0xFF, 0xFE, 7], "not a PDF"),
        (
            "damaged.png",
            png[..png.len() / 2].to_vec(),
            "cannot be read",
        ),
        ("huge.jpg", huge_jpeg_header(), "too large"),
    ];
    for (name, bytes, message) in inputs {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out, err) = run_own_list(&path.display().to_string());
        assert_eq!(code, 66, "{name}: {out} {err}");
        assert!(
            out.contains(message) || err.contains(message),
            "{name}: {out} {err}"
        );
    }
}

/// A JPEG whose frame header claims 60000×60000 pixels over 8×8 of data.
fn huge_jpeg_header() -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(image::GrayImage::new(8, 8))
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .unwrap();
    let mut bytes = bytes.into_inner();
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 7].copy_from_slice(&60_000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&60_000u16.to_be_bytes());
    bytes
}
