//! Loads a PDF for verification and checks it is a single, unencrypted revision.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Document, LoadOptions};

use super::{MAX_PDF_BYTES, MAX_STREAM_BYTES, PdfError};

/// Loads `pdf` after checking, on its bytes, that it holds one revision only.
pub(super) fn load(pdf: &[u8]) -> Result<Document, PdfError> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(PdfError::Malformed(format!(
            "larger than {MAX_PDF_BYTES} bytes"
        )));
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err(PdfError::Malformed("no %PDF- header".into()));
    }
    single_revision(pdf)?;
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    // lopdf parses untrusted bytes: a panic in it must not take the verifier down.
    let doc = catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(pdf, options)
    }))
    .map_err(|_| PdfError::Malformed("the PDF parser gave up".into()))?
    .map_err(|e| PdfError::Malformed(e.to_string()))?;
    if doc.is_encrypted() || doc.encryption_state.is_some() {
        return Err(PdfError::Tampered("the document is encrypted".into()));
    }
    if doc.xref_recovery.is_some() {
        return Err(PdfError::Tampered(
            "the cross-reference table does not match the file's bytes".into(),
        ));
    }
    if doc.trailer.has(b"Prev") || doc.revision_count() > 1 {
        return Err(PdfError::Tampered(
            "an incremental update was appended to the file".into(),
        ));
    }
    Ok(doc)
}

/// Checks the file ends with its only `startxref` section and `%%EOF`.
fn single_revision(pdf: &[u8]) -> Result<(), PdfError> {
    let end = pdf
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    if !pdf[..end].ends_with(b"%%EOF") {
        return Err(PdfError::Tampered(
            "the file does not end with %%EOF: bytes were appended".into(),
        ));
    }
    match count(pdf, b"startxref") {
        0 => Err(PdfError::Malformed("no startxref".into())),
        1 => Ok(()),
        _ => Err(PdfError::Tampered(
            "the file holds more than one revision (an incremental update was appended)".into(),
        )),
    }
}

/// How many times `needle` occurs in `haystack`.
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_after_eof_are_an_appended_revision() {
        let pdf = b"%PDF-1.7\n...startxref\n9\n%%EOF\nmore";
        assert!(matches!(single_revision(pdf), Err(PdfError::Tampered(_))));
    }

    #[test]
    fn two_startxref_are_two_revisions() {
        let pdf = b"%PDF-1.7\nstartxref\n9\n%%EOF\nxref\nstartxref\n19\n%%EOF\n";
        assert!(matches!(single_revision(pdf), Err(PdfError::Tampered(_))));
    }

    #[test]
    fn one_startxref_then_eof_is_one_revision() {
        let pdf = b"%PDF-1.7\nstartxref\n9\n%%EOF\r\n";
        assert_eq!(single_revision(pdf), Ok(()));
    }

    #[test]
    fn not_a_pdf_is_malformed() {
        assert!(matches!(load(b"GIF89a"), Err(PdfError::Malformed(_))));
    }
}
