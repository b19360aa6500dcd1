//! Finds the seal in a PDF issued by guichet and computes the digest of what the page shows.
//!
//! # The content digest
//!
//! The digest binds the seal to the PDF file: it is SHA-256 over a canonical walk of the
//! document that covers everything changing what the page shows, except the QR image itself.
//!
//! - The walk starts at the trailer's `/Root` (the catalog). Nothing else of the trailer is
//!   covered (`/Info`, `/ID`, `/Size`), nor are objects no reference reaches.
//! - Indirect objects get canonical numbers 0, 1, 2, … in the order the walk first meets them
//!   (breadth first from the catalog, dictionary entries by sorted key, arrays in order). A
//!   reference is written as its canonical number, so a re-save that renumbers objects (or
//!   moves them into object streams) keeps the digest.
//! - Each object is written with a one-byte tag: `n` null, `t`/`f` booleans, `i` an integer
//!   (8 bytes little-endian), `r` a real (its `f32` bits), `/` a name, `s` a string (literal
//!   and hex strings alike), `[`…`]` arrays, `<`…`>` dictionaries with keys in byte order,
//!   `R` a reference. Names and strings are length-prefixed (8 bytes little-endian).
//! - A stream is its dictionary without `/Length`, `/Filter`, `/DecodeParms` and `/DL`,
//!   followed by its decoded data (`S`), or, when a filter cannot be decoded, by its filter
//!   names and raw data (`E`).
//! - The one image XObject (the seal) is its dictionary without `/Width` and `/Height`
//!   (its sampling grid belongs to the QR code) followed by a fixed marker instead of its data.
//!
//! Before the walk, the file is read strictly (see `strict`): a file PDF viewers could read in
//! more than one way is refused with [`PdfError::Ambiguous`], and the walk covers the one
//! reading left. The file must be a single revision (or a linearized file's two sections),
//! and the walk rejects a document that is not a plain sealed document; both fail with
//! [`PdfError::Tampered`] and a precise reason: no incremental update (`%%EOF` at the end, one
//! cross-reference section unless linearized), no encryption, at least one page, no `/Annots`,
//! `/AcroForm`, `/OpenAction`, `/AA`, `/JavaScript`, `/JS` or `/EmbeddedFiles` anywhere, and
//! at most one image XObject (every page of a multi-page document shows the same seal image).
//!
//! # Several pages
//!
//! The digest covers every page and the page tree's order, so a page removed, added, swapped
//! or taken from another document changes it. The seal also says how many pages there are
//! ([`crate::seal::Claims::pages`]), so that a count that differs is reported as such, and
//! the issuer marks each page with its place (`/GCPage n`, covered by the digest), so that a
//! digest that differs only by the pages' order is reported as pages out of order.

mod canonical;
mod image;
mod qr;
mod strict;
mod structure;

/// The largest PDF the verifier reads, in bytes.
pub const MAX_PDF_BYTES: usize = 16 * 1024 * 1024;

/// The largest size any single stream may decode to, in bytes.
pub(crate) const MAX_STREAM_BYTES: usize = 8 * 1024 * 1024;

/// What a sealed PDF carries: the seal text read from its QR image, and the digest of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSeal {
    /// The text of the QR code (the seal, e.g. `GC1:…`), exactly as decoded.
    pub seal_text: String,
    /// SHA-256 of the canonical form of the document (see the module docs); the seal carries
    /// (a prefix of) the digest the issuer computed, and the two must match.
    pub content_digest: [u8; 32],
    /// How many pages the PDF has.
    pub pages: usize,
    /// When the pages' marks show they were reordered: which page stands first out of place.
    pub out_of_order: Option<String>,
}

/// Why no seal could be read from a PDF.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// The PDF has no QR image, or nothing in it decodes as a QR code.
    #[error("the PDF carries no readable seal")]
    NoSeal,
    /// The bytes are not a PDF that can be read.
    #[error("not a readable PDF: {0}")]
    Malformed(String),
    /// The file can be read in more than one way (a repeated dictionary key, an object defined
    /// twice, cross-reference data that does not point exactly at the objects, …): PDF viewers
    /// may show different content, so no reading can be vouched for.
    #[error("the PDF can be read in more than one way: {0}")]
    Ambiguous(String),
    /// The file's structure shows it was changed after it was sealed.
    #[error("the PDF was altered after it was sealed: {0}")]
    Tampered(String),
}

/// Reads the seal text out of the PDF's QR image and computes the document's content digest.
///
/// The caller verifies the seal text and compares the digest it carries with
/// [`PdfSeal::content_digest`].
pub fn read_seal(pdf: &[u8]) -> Result<PdfSeal, PdfError> {
    let doc = structure::load(pdf)?;
    let walk = canonical::walk(&doc)?;
    let image_id = walk.seal_image.ok_or(PdfError::NoSeal)?;
    let samples = image::decode(&doc, image_id)?;
    // The image is digital and sharp: read its module grid directly, else detect the code.
    let seal_text = samples
        .read_grid()
        .or_else(|| crate::photo::decode_clean(&samples.to_image()))
        .ok_or(PdfError::NoSeal)?;
    Ok(PdfSeal {
        seal_text,
        content_digest: walk.digest,
        pages: walk.pages,
        out_of_order: out_of_order(&walk.page_marks),
    })
}

/// Says which page is out of place when the marks are exactly 1..=n in another order.
fn out_of_order(marks: &[Option<i64>]) -> Option<String> {
    let marks: Vec<i64> = marks.iter().copied().collect::<Option<_>>()?;
    let mut sorted = marks.clone();
    sorted.sort_unstable();
    let expected: Vec<i64> = (1..=marks.len() as i64).collect();
    if sorted != expected || marks == expected {
        return None;
    }
    let (place, mark) = marks
        .iter()
        .enumerate()
        .find(|(i, m)| **m != *i as i64 + 1)?;
    Some(format!(
        "the pages are out of order: page {mark} stands in place {}",
        place + 1
    ))
}

/// Computes the content digest of a PDF (see the module docs), after the structural checks.
///
/// The issuer calls it on the page with a placeholder QR image before sealing.
pub fn content_digest(pdf: &[u8]) -> Result<[u8; 32], PdfError> {
    let doc = structure::load(pdf)?;
    let walk = canonical::walk(&doc)?;
    walk.seal_image.ok_or(PdfError::NoSeal)?;
    Ok(walk.digest)
}
