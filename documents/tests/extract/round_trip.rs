//! Issue, then read back: the seal text, the digest, the text on the page.

use std::process::Command;

use guichet_documents::RenderError;
use guichet_documents::extract::{self, Language, Outcome};
use guichet_verifier::pdf;
use guichet_verifier::verify::{self, Verdict};

use super::support::{self, no_entry, peer_available, scratch, with_entries};

#[test]
fn read_seal_returns_the_sealed_text_and_digest() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let read = pdf::read_seal(&sealed.pdf).unwrap();
    assert_eq!(read.seal_text, sealed.seal_text);
    assert_eq!(read.content_digest, sealed.digest);
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The content digest of `pdf` computed without our code: qpdf decodes every stream and writes
/// each object in plain syntax, and `canonical_digest.py` walks that file by the documented
/// rule (verifier/src/pdf.rs). None when qpdf is missing.
fn independent_digest(pdf: &[u8], name: &str) -> Option<String> {
    if !peer_available("qpdf", Command::new("qpdf").arg("--version")) {
        return None;
    }
    let (input, qdf) = (
        scratch(&format!("{name}.pdf")),
        scratch(&format!("{name}.qdf")),
    );
    std::fs::write(&input, pdf).unwrap();
    let status = Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            "--stream-data=uncompress",
            "--normalize-content=n",
        ])
        .arg(&input)
        .arg(&qdf)
        .status()
        .unwrap();
    assert!(status.success(), "qpdf could not rewrite {name}");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/extract/canonical_digest.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .arg(&qdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap().trim().to_string())
}

#[test]
fn the_sealed_digest_is_the_one_an_independent_reading_of_the_pdf_computes() {
    for (i, content) in [no_entry(Language::Fr), with_entries(Language::De)]
        .iter()
        .enumerate()
    {
        let sealed = support::seal(content);
        let Some(theirs) = independent_digest(&sealed.pdf, &format!("independent-{i}")) else {
            return;
        };
        assert_eq!(theirs, hex(&sealed.digest), "extract {i}");
        assert_eq!(hex(&pdf::content_digest(&sealed.pdf).unwrap()), theirs);
    }
    // And it tells two extracts apart: another person's page has another digest.
    let mut other = no_entry(Language::Fr);
    other.subject.family_name = "SCHMIT".into();
    let (a, b) = (
        support::seal(&no_entry(Language::Fr)),
        support::seal(&other),
    );
    let (Some(a), Some(b)) = (
        independent_digest(&a.pdf, "independent-a"),
        independent_digest(&b.pdf, "independent-b"),
    ) else {
        return;
    };
    assert_ne!(a, b);
}

#[test]
fn a_221_character_seal_is_printed_as_qr_version_10() {
    let text = format!("GC1:{}", "0123456789ABCDEF:".repeat(13).get(..217).unwrap());
    assert_eq!(extract::qr_version(&text).unwrap(), 10);
}

#[test]
fn an_extract_for_short_names_fits_qr_version_10() {
    let mut content = no_entry(Language::Fr);
    content.subject.family_name = "SCHMIT".into();
    content.subject.given_names = "Jean-Claude".into();
    let sealed = support::seal(&content);
    assert!(
        sealed.seal_text.len() <= 221,
        "{} characters",
        sealed.seal_text.len()
    );
    assert_eq!(extract::qr_version(&sealed.seal_text).unwrap(), 10);
}

#[test]
fn the_issued_pdf_verifies_as_valid() {
    for content in [no_entry(Language::Fr), with_entries(Language::De)] {
        let sealed = support::seal(&content);
        let check = verify::verify_pdf(&sealed.pdf, &support::trust_list(), support::issued_at());
        assert_eq!(check.verdict, Verdict::Valid, "{check:?}");
        let claims = check.claims.unwrap();
        assert_eq!(claims.subject.family_name, content.subject.family_name);
        assert_eq!(claims.document_id.to_string(), content.document_number);
    }
}

#[test]
fn the_issued_seal_carries_the_digest_prefix_of_the_page() {
    let issued = extract::issue(
        &no_entry(Language::En),
        &support::issuer(),
        support::issued_at(),
    )
    .unwrap();
    let read = pdf::read_seal(&issued.pdf).unwrap();
    assert_eq!(read.seal_text, issued.seal_text);
    assert!(issued.claims.content_digest.matches(&read.content_digest));
    assert_eq!(
        issued.claims.content_digest.as_bytes().len(),
        extract::SEALED_DIGEST_BYTES
    );
}

#[test]
fn a_document_number_that_is_not_a_document_id_is_refused() {
    let mut content = no_entry(Language::Fr);
    content.document_number = "CJ-2026-1".into();
    let result = extract::issue(&content, &support::issuer(), support::issued_at());
    assert!(matches!(result, Err(RenderError::Claims(_))), "{result:?}");
}

#[test]
fn rendering_is_deterministic() {
    let a = support::seal(&with_entries(Language::De));
    let b = support::seal(&with_entries(Language::De));
    assert_eq!(a.pdf, b.pdf);
}

#[test]
fn page_text_shows_names_outcome_and_number_in_each_language() {
    let cases = [
        (
            Language::Fr,
            "Extrait du casier judiciaire",
            "Néant",
            "Date de naissance",
        ),
        (
            Language::De,
            "Auszug aus dem Strafregister",
            "Keine Eintragung",
            "Geburtsdatum",
        ),
        (
            Language::En,
            "Extract from the criminal record",
            "Nil: the criminal record",
            "Date of birth",
        ),
    ];
    for (language, title, outcome, label) in cases {
        let sealed = support::seal(&no_entry(language));
        let Some(text) = support::pdftotext(&sealed.pdf, &format!("text-{}", language.code()))
        else {
            return;
        };
        for expected in [
            title,
            outcome,
            label,
            "MÜLLER-LEFÈVRE",
            "Hélène Françoise",
            "4F1C09A2",
            "Esch-sur-Alzette",
        ] {
            assert!(
                text.contains(expected),
                "{language:?}: {expected:?} missing from:\n{text}"
            );
        }
    }
}

#[test]
fn page_text_lists_each_entry() {
    let sealed = support::seal(&with_entries(Language::Fr));
    let Some(text) = support::pdftotext(&sealed.pdf, "text-entries") else {
        return;
    };
    for expected in [
        "comporte 2 inscription(s)",
        // A table cell wraps: the court's name is on two lines.
        "Tribunal de police de",
        "Diekirch",
        "Conduite en état d'ivresse",
        "1 500 €",
        "17/01/2022",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn many_entries_span_pages_that_each_repeat_the_table_header_and_verify() {
    let mut content = with_entries(Language::En);
    let Outcome::Entries(entries) = &mut content.outcome else {
        unreachable!()
    };
    let first = entries.clone();
    for _ in 0..15 {
        entries.extend(first.iter().cloned());
    }
    let sealed = support::seal(&content);
    let check = verify::verify_pdf(&sealed.pdf, &support::trust_list(), support::issued_at());
    assert_eq!(check.verdict, Verdict::Valid, "{check:?}");
    let pages = check.claims.unwrap().pages;
    assert!(pages >= 2, "{pages} page(s)");
    let doc = lopdf::Document::load_mem(&sealed.pdf).unwrap();
    assert_eq!(doc.get_pages().len(), usize::from(pages));
    let Some(text) = support::pdftotext(&sealed.pdf, "text-pages") else {
        return;
    };
    for page in 1..=pages {
        assert!(text.contains(&format!("Page {page} of {pages}")), "{text}");
    }
    assert_eq!(text.matches("Offence").count(), usize::from(pages));
    assert!(text.contains("32 entries"), "{text}");
}

#[test]
fn qpdf_check_is_clean() {
    if !peer_available("qpdf", Command::new("qpdf").arg("--version")) {
        return;
    }
    for (i, content) in [no_entry(Language::Fr), with_entries(Language::En)]
        .iter()
        .enumerate()
    {
        let path = scratch(&format!("qpdf-{i}.pdf"));
        std::fs::write(&path, support::seal(content).pdf).unwrap();
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "qpdf --check failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("No syntax or stream encoding errors found"),
            "{stdout}"
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn resave_by_qpdf_keeps_the_digest() {
    if !peer_available("qpdf", Command::new("qpdf").arg("--version")) {
        return;
    }
    let sealed = support::seal(&no_entry(Language::Fr));
    let (input, output) = (scratch("resave-in.pdf"), scratch("resave-out.pdf"));
    std::fs::write(&input, &sealed.pdf).unwrap();
    let status = Command::new("qpdf")
        .args([
            "--object-streams=generate",
            "--compress-streams=y",
            "--deterministic-id",
        ])
        .arg(&input)
        .arg(&output)
        .status()
        .unwrap();
    assert!(status.success());
    let resaved = std::fs::read(&output).unwrap();
    assert_ne!(resaved, sealed.pdf);
    assert_eq!(pdf::content_digest(&resaved).unwrap(), sealed.digest);
}
