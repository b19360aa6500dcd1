//! Loads a PDF for verification: a single, unencrypted revision with exactly one reading.

use lopdf::Document;

use super::{MAX_PDF_BYTES, PdfError, strict};

/// Loads `pdf` after checking, on its bytes, that it ends with `%%EOF`, then reads it strictly
/// (see [`strict`]): the document returned is the only reading of the file.
pub(super) fn load(pdf: &[u8]) -> Result<Document, PdfError> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(PdfError::Malformed(format!(
            "larger than {MAX_PDF_BYTES} bytes"
        )));
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err(PdfError::Malformed("no %PDF- header".into()));
    }
    ends_with_eof(pdf)?;
    strict::read(pdf)
}

/// Checks the file ends with `%%EOF` (bytes appended after it are refused).
fn ends_with_eof(pdf: &[u8]) -> Result<(), PdfError> {
    let end = pdf
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    if !pdf[..end].ends_with(b"%%EOF") {
        return Err(PdfError::Tampered(
            "the file does not end with %%EOF: bytes were appended".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_after_eof_are_an_appended_revision() {
        let pdf = b"%PDF-1.7\n...startxref\n9\n%%EOF\nmore";
        assert!(matches!(ends_with_eof(pdf), Err(PdfError::Tampered(_))));
    }

    #[test]
    fn two_startxref_are_two_revisions() {
        let pdf = b"%PDF-1.7\nxref\n0 1\n0000000000 65535 f \ntrailer<</Size 1>>startxref\n9\n%%EOF\n\
                    xref\n0 1\n0000000000 65535 f \ntrailer<</Size 1/Prev 9>>startxref\n76\n%%EOF\n";
        assert!(matches!(load(pdf), Err(PdfError::Tampered(why)) if why.contains("revision")));
    }

    #[test]
    fn eof_then_white_space_is_accepted() {
        assert_eq!(ends_with_eof(b"%PDF-1.7\nstartxref\n9\n%%EOF\r\n"), Ok(()));
    }

    #[test]
    fn not_a_pdf_is_malformed() {
        assert!(matches!(load(b"GIF89a"), Err(PdfError::Malformed(_))));
    }
}
