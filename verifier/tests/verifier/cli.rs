//! The guichet-verify binary: exit codes, languages, JSON, trust list sources, --online.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::*;
use crate::http_server::{Server, serve};
use crate::verification::qr_png;

/// A test's working directory: a trust list file, a cache dir, and the inputs.
struct Env {
    dir: PathBuf,
}

impl Env {
    fn new(name: &str) -> Self {
        let dir = temp_dir(&format!("cli-{name}"));
        std::fs::write(dir.join("trust-list.cose"), signed_list(1)).unwrap();
        Self { dir }
    }

    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }

    fn trust_list(&self) -> String {
        self.dir.join("trust-list.cose").display().to_string()
    }

    fn cache(&self) -> PathBuf {
        self.dir.join("cache")
    }

    /// Runs the binary with `args` (plus the anchor unless `anchor` is false).
    fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
        let anchor = hex::encode(anchor_key().verifying_key().as_bytes());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_guichet-verify"));
        cmd.args(args)
            .env("XDG_CACHE_HOME", self.cache())
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("GUICHET_TRUST_ANCHOR", anchor)
            .env("NO_PROXY", "127.0.0.1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or_default()).unwrap();
        drop(input);
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = args.to_vec();
        all.push("--json");
        let (code, out, err) = self.run(&all, None);
        let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
        (code, json)
    }
}

const STATUS_PATH: &str = "/api/v1/public/documents/3F910C7A/status";

fn status_server(json: &str) -> Server {
    serve(vec![(STATUS_PATH, "200 OK", json.as_bytes().to_vec())])
}

#[test]
fn a_valid_extract_exits_0_and_shows_the_signed_data_in_the_chosen_language() {
    let env = Env::new("valid-fr");
    let seal = env.file("seal.txt", extract_seal());
    let (code, out, err) = env.run(
        &[
            &seal,
            "--trust-list",
            &env.trust_list(),
            "--lang",
            "fr",
            "--now",
            "2026-12-01T12:00:00Z",
        ],
        None,
    );
    println!("{out}");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("VALIDE"), "{out}");
    assert!(
        out.contains("Schmit-Weber") && out.contains("Jean-Claude") && out.contains("12/03/1985"),
        "{out}"
    );
    assert!(
        out.contains("Extrait du casier judiciaire") && out.contains("Néant"),
        "{out}"
    );
    assert!(
        out.contains("3F910C7A") && out.contains("25/02/2027"),
        "{out}"
    );
    let (_, de, _) = env.run(
        &[&seal, "--lang", "de", "--now", "2026-12-01T12:00:00Z"],
        None,
    );
    assert!(
        de.contains("GÜLTIG") && de.contains("Strafregisterauszug"),
        "{de}"
    );
}

#[test]
fn the_report_names_a_certificate_of_residence_and_shows_its_address() {
    let env = Env::new("residence");
    let mut list = trust_list(1);
    list.keys[0]
        .document_types
        .push(guichet_verifier::seal::DocumentType::ResidenceCertificate);
    let list = env.file("residence-list.cose", list.sign(&anchor_key()).unwrap());
    let seal = env.file("seal.txt", issuer().seal(&residence()).unwrap());
    let now = "2026-12-01T12:00:00Z";
    let args = [&*seal, "--trust-list", &list, "--lang", "fr", "--now", now];
    let (code, out, _) = env.run(&args, None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Certificat de résidence")
            && out.contains("45A Avenue de la Liberté, L-4601 Differdange"),
        "{out}"
    );
    let (_, json) = env.json(&args);
    assert_eq!(json["claims"]["document_type"], "residence-certificate");
    assert_eq!(json["claims"]["data"]["address"]["postcode"], "L-4601");
    assert_eq!(json["claims"]["outcome"], serde_json::Value::Null);
}

#[test]
fn json_output_reports_verdict_claims_and_exit_code() {
    let env = Env::new("json");
    let seal = env.file("seal.txt", extract_seal());
    let (code, json) = env.json(&[
        &seal,
        "--trust-list",
        &env.trust_list(),
        "--now",
        "2026-12-01T12:00:00Z",
    ]);
    assert_eq!(code, 0);
    assert_eq!(json["verdict"], "valid");
    assert_eq!(json["exit_code"], 0);
    assert_eq!(json["seal_authentic"], true);
    assert_eq!(json["content_binding"], "not-checked-text");
    assert_eq!(json["claims"]["family_name"], "Schmit-Weber");
    assert_eq!(json["claims"]["document_type"], "criminal-record-extract");
    assert_eq!(json["claims"]["outcome"], "no-entry");
    assert_eq!(json["claims"]["valid_until"], "2027-02-25T10:30:00Z");
    assert_eq!(json["issuer"], "Ministère de la Justice");
    assert_eq!(json["trust_list"]["origin"], "fetched");
}

#[test]
fn seal_text_is_read_from_stdin_with_a_dash() {
    let env = Env::new("stdin");
    let input = format!("{}\n", extract_seal());
    let (code, out, err) = env.run(
        &[
            "-",
            "--trust-list",
            &env.trust_list(),
            "--now",
            "2026-12-01T12:00:00Z",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("VALID"), "{out}");
}

#[test]
fn a_tampered_seal_exits_1_and_shows_no_data() {
    let env = Env::new("tampered");
    let mut cose = guichet_verifier::seal::decode_text(&extract_seal()).unwrap();
    let last = cose.len() - 1;
    cose[last] ^= 0x80;
    let seal = env.file("seal.txt", guichet_verifier::seal::encode_text(&cose));
    let (code, json) = env.json(&[&seal, "--trust-list", &env.trust_list()]);
    assert_eq!(code, 1);
    assert_eq!(json["reason"], "bad-signature");
    assert_eq!(json["claims"], Value::Null);
    let (_, out, _) = env.run(&[&seal], None);
    assert!(
        out.contains("NOT VALID") && !out.contains("Schmit"),
        "{out}"
    );
}

#[test]
fn an_expired_extract_exits_1_and_still_shows_its_data() {
    let env = Env::new("expired");
    let seal = env.file("seal.txt", extract_seal());
    let (code, json) = env.json(&[
        &seal,
        "--trust-list",
        &env.trust_list(),
        "--now",
        "2027-03-01T00:00:00Z",
    ]);
    assert_eq!(code, 1);
    assert_eq!(json["reason"], "expired");
    assert_eq!(json["claims"]["given_name"], "Jean-Claude");
}

#[test]
fn a_photo_is_checked_and_the_content_binding_is_said_not_checked() {
    let env = Env::new("photo");
    let photo = env.file("photo.png", qr_png(&extract_seal()));
    let (code, json) = env.json(&[
        &photo,
        "--trust-list",
        &env.trust_list(),
        "--now",
        "2026-12-01T12:00:00Z",
    ]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["content_binding"], "not-checked-photo");
    let (_, out, _) = env.run(&[&photo, "--now", "2026-12-01T12:00:00Z"], None);
    assert!(out.contains("Content binding not checked (photo)"), "{out}");
}

#[test]
fn an_image_without_a_seal_exits_3() {
    let env = Env::new("noseal");
    let blank = image::GrayImage::from_pixel(120, 120, image::Luma([255]));
    let mut png = std::io::Cursor::new(Vec::new());
    blank.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let file = env.file("blank.png", png.into_inner());
    let (code, json) = env.json(&[&file, "--trust-list", &env.trust_list()]);
    assert_eq!(code, 3);
    assert_eq!(json["reason"], "no-seal");
}

#[test]
fn usage_errors_exit_64() {
    let env = Env::new("usage");
    let seal = env.file("seal.txt", extract_seal());
    assert_eq!(env.run(&[&seal, "--no-such-option"], None).0, 64);
    assert_eq!(env.run(&[&seal, "--anchor", "not-a-key"], None).0, 64);
    assert_eq!(env.run(&[], None).0, 64);
    let (code, out, _) = env.run(&["--help"], None);
    assert_eq!(code, 0);
    assert!(out.contains("Exit codes") && out.contains("69"), "{out}");
}

#[test]
fn an_unreadable_input_exits_66() {
    let env = Env::new("noinput");
    let missing = env.dir.join("missing.pdf").display().to_string();
    assert_eq!(
        env.run(&[&missing, "--trust-list", &env.trust_list()], None)
            .0,
        66
    );
}

#[test]
fn without_a_trust_list_or_cache_exits_69() {
    let env = Env::new("notrust");
    let seal = env.file("seal.txt", extract_seal());
    assert_eq!(env.run(&[&seal], None).0, 69);
    let forged = env.file("forged.cose", trust_list(1).sign(&key(66)).unwrap());
    assert_eq!(env.run(&[&seal, "--trust-list", &forged], None).0, 69);
}

#[test]
fn a_trust_list_fetched_from_a_url_is_cached_for_offline_use() {
    let env = Env::new("url");
    let server = serve(vec![(
        "/.well-known/guichet/trust-list",
        "200 OK",
        signed_list(3),
    )]);
    let seal = env.file("seal.txt", extract_seal());
    let url = format!("{}/.well-known/guichet/trust-list", server.base);
    let (code, json) = env.json(&[&seal, "--trust-list", &url, "--now", "2026-12-01T12:00:00Z"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["trust_list"]["sequence"], 3);
    assert!(Path::new(&env.cache().join("guichet/trust-list")).exists());
    // Offline (unreachable URL): the cached copy is used.
    let (code, json) = env.json(&[
        &seal,
        "--trust-list",
        "http://127.0.0.1:9/none",
        "--now",
        "2026-12-01T12:00:00Z",
    ]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["trust_list"]["origin"], "cache");
    // An older list does not replace it.
    let (_, json) = env.json(&[
        &seal,
        "--trust-list",
        &env.trust_list(),
        "--now",
        "2026-12-01T12:00:00Z",
    ]);
    assert_eq!(json["trust_list"]["sequence"], 3);
    assert_eq!(json["trust_list"]["origin"], "cache-newer-than-fetched");
}

#[test]
fn online_revoked_exits_2_and_says_the_seal_is_authentic_offline() {
    let env = Env::new("revoked");
    let server =
        status_server(r#"{"status":"revoked","reason":"issued in error","superseded_by":null}"#);
    let seal = env.file("seal.txt", extract_seal());
    let args = [
        seal.as_str(),
        "--trust-list",
        &env.trust_list(),
        "--online",
        &server.base,
        "--now",
        "2026-12-01T12:00:00Z",
    ];
    let (code, out, err) = env.run(&args, None);
    println!("{out}");
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("REVOKED"), "{out}");
    assert!(
        out.contains("Offline, the seal is cryptographically valid"),
        "{out}"
    );
    assert!(out.contains("issued in error"), "{out}");
    assert_eq!(
        server.seen.lock().unwrap().first().map(String::as_str),
        Some(STATUS_PATH)
    );
    let (code, json) = env.json(&args);
    assert_eq!(code, 2);
    assert_eq!(json["reason"], "revoked");
    assert_eq!(json["offline"]["verdict"], "valid");
    assert_eq!(json["online"]["status"], "revoked");
}

#[test]
fn online_superseded_exits_2_and_names_the_replacement() {
    let env = Env::new("superseded");
    let server =
        status_server(r#"{"status":"superseded","reason":null,"superseded_by":"77AA0102"}"#);
    let seal = env.file("seal.txt", extract_seal());
    let (code, json) = env.json(&[
        &seal,
        "--trust-list",
        &env.trust_list(),
        "--online",
        &server.base,
        "--now",
        "2026-12-01T12:00:00Z",
    ]);
    assert_eq!(code, 2);
    assert_eq!(json["reason"], "superseded");
    assert_eq!(json["online"]["superseded_by"], "77AA0102");
}

#[test]
fn online_valid_exits_0_and_unreachable_status_exits_75() {
    let env = Env::new("online-valid");
    let server = status_server(r#"{"status":"valid","reason":null,"superseded_by":null}"#);
    let seal = env.file("seal.txt", extract_seal());
    let now = "2026-12-01T12:00:00Z";
    let (code, out, _) = env.run(
        &[
            &seal,
            "--trust-list",
            &env.trust_list(),
            "--online",
            &server.base,
            "--now",
            now,
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("neither revoked nor superseded"), "{out}");
    let empty = serve(vec![]);
    let (code, json) = env.json(&[&seal, "--online", &empty.base, "--now", now]);
    assert_eq!(code, 75);
    assert!(json["online"]["error"].as_str().unwrap().contains("404"));
    assert_eq!(json["offline"]["verdict"], "valid");
}

#[test]
fn a_sealed_pdf_exits_0_with_content_checked_and_an_altered_one_exits_1() {
    let env = Env::new("pdf");
    let pdf = env.file("extract.pdf", crate::pdf_file::sealed_pdf());
    let now = "2026-12-01T12:00:00Z";
    let (code, json) = env.json(&[&pdf, "--trust-list", &env.trust_list(), "--now", now]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["content_binding"], "checked");
    let piped = env.run(&["-", "--now", now], Some(&crate::pdf_file::sealed_pdf()));
    assert_eq!(piped.0, 0, "{} {}", piped.1, piped.2);
    assert!(
        piped.1.contains("Content: the PDF matches the seal."),
        "{}",
        piped.1
    );
    let altered = env.file("altered.pdf", crate::pdf_file::altered_pdf());
    let (code, json) = env.json(&[&altered, "--now", now]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["reason"], "content-mismatch");
    let text = env.run(&[&altered, "--now", now], None);
    assert_eq!(text.0, 1, "{} {}", text.1, text.2);
    assert!(text.1.contains("does NOT match the seal"), "{}", text.1);
    assert!(
        !text.1.contains("Content: the PDF matches the seal."),
        "{}",
        text.1
    );
}

#[test]
fn a_revocation_list_once_fetched_reports_revoked_offline_with_its_date_and_staleness() {
    let env = Env::new("revocation-list");
    let seal = env.file("seal.txt", extract_seal());
    let list = env.file(
        "revocation-list.cose",
        crate::revocation::signed_revocations(3),
    );
    let fetch = [
        seal.as_str(),
        "--trust-list",
        &env.trust_list(),
        "--revocation-list",
        &list,
        "--now",
        "2026-12-01T12:00:00Z",
    ];
    let (code, out, err) = env.run(&fetch, None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("REVOKED: the issuer revoked this document (revocation list of 2026-11-30)"),
        "{out}"
    );
    assert!(
        out.contains("obtained by fraud, revoked on 2026-11-29"),
        "{out}"
    );
    assert!(
        out.contains("Revocation list: n° 3 of 2026-11-30, 27 h old."),
        "{out}"
    );

    // Offline: no source given, the cached copies of both lists are used; 8 days later the
    // list is reported stale and still revokes.
    std::fs::remove_file(&list).unwrap();
    let offline = [seal.as_str(), "--now", "2026-12-08T12:00:00Z"];
    let (code, out, err) = env.run(&offline, None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("STALE revocation list: n° 3 of 2026-11-30 is 195 h old"),
        "{out}"
    );
    let (code, json) = env.json(&offline);
    assert_eq!(code, 2);
    assert_eq!(json["reason"], "revoked-in-list");
    assert_eq!(json["offline"]["verdict"], "valid");
    assert_eq!(json["revocation_list"]["stale"], true);
    assert_eq!(json["revocation_list"]["origin"], "cache");
    assert_eq!(
        json["revocation_list"]["revoked"]["reason"],
        "obtained-by-fraud"
    );
    assert_eq!(json["revocation_list"]["age_secs"], 195 * 3600);
}

#[test]
fn a_forged_revocation_list_is_refused_and_the_document_stays_valid() {
    let env = Env::new("revocation-forged");
    let seal = env.file("seal.txt", extract_seal());
    let forged = env.file(
        "forged.cose",
        crate::revocation::revocations(9).sign(&key(66)).unwrap(),
    );
    let args = [
        seal.as_str(),
        "--trust-list",
        &env.trust_list(),
        "--revocation-list",
        &forged,
        "--now",
        "2026-12-01T12:00:00Z",
    ];
    let (code, out, err) = env.run(&args, None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("revocation list refused"), "{err}");
    assert!(out.contains("no revocation list"), "{out}");
}
