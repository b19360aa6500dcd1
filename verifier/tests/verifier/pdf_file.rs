//! Whole PDFs: a sealed extract from guichet-documents verifies, a changed one does not.

use guichet_verifier::verify::{ContentBinding, Reason, Verdict, verify_pdf};

use crate::common::*;

/// The sealed extract fixture (see `tests/fixtures/README.md`).
pub fn sealed_pdf() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/extract-fr.pdf"
    ))
    .unwrap()
}

/// The fixture with the birth place (printed, not in the seal) changed, same length.
pub fn altered_pdf() -> Vec<u8> {
    let mut pdf = sealed_pdf();
    let at = pdf.windows(10).position(|w| w == b"Luxembourg").unwrap();
    pdf[at + 9] = b'h';
    pdf
}

#[test]
fn a_sealed_pdf_verifies_with_its_content_bound() {
    let result = verify_pdf(&sealed_pdf(), &trust_list(1), NOW);
    assert_eq!(result.verdict, Verdict::Valid);
    assert_eq!(result.content_binding, ContentBinding::Checked);
    let claims = result.claims.unwrap();
    assert_eq!(claims.subject, extract().subject);
    assert_eq!(claims.document_id, extract().document_id);
}

#[test]
fn a_pdf_whose_page_was_changed_does_not_match_its_seal() {
    let result = verify_pdf(&altered_pdf(), &trust_list(1), NOW);
    assert!(
        matches!(result.verdict, Verdict::Invalid(Reason::ContentMismatch(_))),
        "{:?}",
        result.verdict
    );
    // The seal itself is authentic: its data is shown so the checker sees what was issued.
    assert!(result.seal_authentic());
}
