//! Shared fixtures: sample extracts, a stand-in sealer, external tools.

use std::path::PathBuf;
use std::process::Command;

use ed25519_dalek::SigningKey;
use guichet_documents::extract::{self, Entry, ExtractContent, Language, Outcome, Subject};
use guichet_verifier::seal::{Bulletin, DocumentType, Issuer};
use guichet_verifier::trust::{TrustList, TrustedKey};
use time::OffsetDateTime;
use time::macros::{date, datetime};

/// A clean extract (no entry) about a person with accented names.
pub fn no_entry(language: Language) -> ExtractContent {
    ExtractContent {
        subject: Subject {
            family_name: "MÜLLER-LEFÈVRE".into(),
            given_names: "Hélène Françoise".into(),
            birth_date: date!(1987 - 03 - 14),
            birth_place: "Esch-sur-Alzette".into(),
        },
        bulletin: Bulletin::No3,
        purpose: None,
        outcome: Outcome::NoEntry,
        document_number: "4F1C09A2".into(),
        issue_date: date!(2026 - 11 - 25),
        authority: "Parquet général – Service du casier judiciaire".into(),
        language,
        verification_code: None,
    }
}

/// An extract listing two convictions.
pub fn with_entries(language: Language) -> ExtractContent {
    ExtractContent {
        outcome: Outcome::Entries(vec![
            Entry {
                court: "Tribunal d'arrondissement de Luxembourg".into(),
                date: date!(2019 - 06 - 03),
                offence: "Conduite en état d'ivresse".into(),
                sentence: "Amende de 1 500 € et interdiction de conduire de 12 mois".into(),
            },
            Entry {
                court: "Tribunal de police de Diekirch".into(),
                date: date!(2022 - 01 - 17),
                offence: "Excès de vitesse".into(),
                sentence: "Amende de 300 €".into(),
            },
        ]),
        document_number: "4F1C09A3".into(),
        ..no_entry(language)
    }
}

/// The test issuer: a fixed Ed25519 key, so that rendering is reproducible.
pub fn issuer() -> Issuer {
    Issuer::new(SigningKey::from_bytes(&[7; 32]))
}

/// When the samples are issued (the day their pages print).
pub fn issued_at() -> OffsetDateTime {
    datetime!(2026-11-25 09:30 UTC)
}

/// A trust list holding the test issuer's key.
pub fn trust_list() -> TrustList {
    let issuer = issuer();
    TrustList::new(1, issued_at()).with_key(TrustedKey {
        key_id: issuer.key_id.clone(),
        issuer: "Ministère de la Justice".into(),
        public_key: issuer.signing_key.verifying_key(),
        document_types: DocumentType::ALL.to_vec(),
        valid_from: datetime!(2026-01-01 0:00 UTC),
        valid_until: datetime!(2027-12-31 0:00 UTC),
    })
}

/// A sealed PDF, the seal text and the full digest the renderer sealed.
pub struct Sealed {
    pub pdf: Vec<u8>,
    pub seal_text: String,
    pub digest: [u8; 32],
}

/// Issues `content` with the test issuer.
pub fn seal(content: &ExtractContent) -> Sealed {
    let issued = extract::issue(content, &issuer(), issued_at()).unwrap();
    Sealed {
        pdf: issued.pdf,
        seal_text: issued.seal_text,
        digest: issued.content_digest,
    }
}

/// A scratch file path unique to this test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("extract");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Whether `tool` can run here. When it cannot: fails if `GUICHET_REQUIRE_PEERS=1`, else prints
/// `skipped: <tool> not installed (run .ci/peers)` and returns false.
pub fn peer_available(tool: &str, probe: &mut Command) -> bool {
    let ok = probe.output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("GUICHET_REQUIRE_PEERS").as_deref() != Ok("1"),
            "{tool} not installed (run .ci/peers) and GUICHET_REQUIRE_PEERS=1"
        );
        say_skipped(&format!("{tool} not installed (run .ci/peers)"));
    }
    ok
}

/// Says that a peer check was skipped on the process's real standard error: libtest captures
/// `println!` and `eprintln!` of passing tests, so only a direct write stays visible under a
/// plain `cargo test`.
pub(crate) fn say_skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// Renders the PDF's page as a gray PNG with pdftoppm at `dpi`; None when pdftoppm is missing.
pub fn pdftoppm(pdf: &[u8], dpi: u32, name: &str) -> Option<Vec<u8>> {
    if !peer_available("pdftoppm", Command::new("pdftoppm").arg("-v")) {
        return None;
    }
    let input = scratch(&format!("{name}.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let out = scratch(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-gray", "-singlefile", "-r", &dpi.to_string()])
        .arg(&input)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    Some(std::fs::read(out.with_extension("png")).unwrap())
}

/// The text pdftotext extracts from the PDF; None when pdftotext is missing.
pub fn pdftotext(pdf: &[u8], name: &str) -> Option<String> {
    if !peer_available("pdftotext", Command::new("pdftotext").arg("-v")) {
        return None;
    }
    let input = scratch(&format!("{name}.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&input)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}
