//! Builds the PDF: pages of text in Helvetica (WinAnsiEncoding), each showing the one seal
//! image XObject.

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use crate::qr::QrImage;
use crate::winansi;

/// A4 width and height, in points.
pub(crate) const PAGE: (f32, f32) = (595.0, 842.0);
/// Left and bottom margin, in points.
pub(crate) const MARGIN: f32 = 56.0;
/// Side of the printed seal, in points (55 mm): modules of 0.8 mm at version 11.
pub(crate) const SEAL_SIDE: f32 = 156.0;
/// The resource name of the seal image.
const SEAL_NAME: &str = "Seal";
/// The private page key holding the page's 1-based place (see `guichet_verifier::pdf`).
const PAGE_MARK: &str = "GCPage";

/// Why an extract could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A text holds a character WinAnsiEncoding (Windows-1252) cannot write.
    #[error("the character {0:?} cannot be printed in the extract's font")]
    Unencodable(char),
    /// The document does not fit on the pages it may have (or a line does not fit a page).
    #[error("the document does not fit on {0} pages")]
    TooLong(usize),
    /// The seal text is not QR alphanumeric or is too long.
    #[error("the seal text cannot be encoded as a QR code: {0}")]
    SealText(String),
    /// The content cannot be expressed as seal claims.
    #[error("the extract cannot be sealed: {0}")]
    Claims(String),
    /// The sealing closure failed.
    #[error("sealing failed: {0}")]
    Seal(Box<dyn std::error::Error + Send + Sync>),
    /// Writing or re-reading the PDF failed.
    #[error("PDF: {0}")]
    Pdf(String),
    /// The saved PDF's content digest is not the one that was sealed.
    #[error("the rendered PDF's content digest differs from the sealed one")]
    DigestMismatch,
}

/// The two fonts of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

/// What the page shows besides the seal.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The content stream, text already encoded.
    ops: Vec<u8>,
}

impl Page {
    /// Writes `text` at (`x`, `y`) points from the bottom left.
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        font: Font,
        size: f32,
        text: &str,
    ) -> Result<(), RenderError> {
        let font = match font {
            Font::Regular => "F1",
            Font::Bold => "F2",
        };
        self.ops
            .extend_from_slice(format!("BT /{font} {size} Tf {x:.1} {y:.1} Td (").as_bytes());
        for b in winansi::encode(text)? {
            if matches!(b, b'(' | b')' | b'\\') {
                self.ops.push(b'\\');
            }
            self.ops.push(b);
        }
        self.ops.extend_from_slice(b") Tj ET\n");
        Ok(())
    }

    /// The content stream written so far.
    pub fn into_ops(self) -> Vec<u8> {
        self.ops
    }

    /// Draws a horizontal rule at height `y`.
    pub fn rule(&mut self, y: f32) {
        let (x0, x1) = (MARGIN, PAGE.0 - MARGIN);
        self.ops
            .extend_from_slice(format!("0.5 w {x0:.1} {y:.1} m {x1:.1} {y:.1} l S\n").as_bytes());
    }
}

/// Builds the document from its pages, each showing the same seal image (a placeholder until
/// [`set_seal`]) at the bottom right and marked with its place (`/GCPage n`, read by the
/// verifier to name pages out of order); `title` goes to the document info.
pub(crate) fn build(pages: Vec<Page>, title: &str) -> Document {
    build_with(pages, title, true)
}

/// Builds a document that carries no seal (a payment receipt): no seal image, no page marks.
pub(crate) fn build_unsealed(pages: Vec<Page>, title: &str) -> Document {
    build_with(pages, title, false)
}

fn build_with(pages: Vec<Page>, title: &str, sealed: bool) -> Document {
    let (sx, sy) = (PAGE.0 - MARGIN - SEAL_SIDE, MARGIN);
    let mut doc = Document::with_version("1.7");
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let pages_id = doc.new_object_id();
    let font = |name: &str| {
        dictionary! {
            "Type" => "Font", "Subtype" => "Type1",
            "BaseFont" => name, "Encoding" => "WinAnsiEncoding",
        }
    };
    let regular = doc.add_object(font("Helvetica"));
    let bold = doc.add_object(font("Helvetica-Bold"));
    let fonts = dictionary! { "F1" => regular, "F2" => bold };
    let resources = if sealed {
        let seal = doc.add_object(seal_stream(&crate::qr::placeholder()));
        doc.add_object(dictionary! {
            "Font" => fonts,
            "XObject" => dictionary! { SEAL_NAME => seal },
        })
    } else {
        doc.add_object(dictionary! { "Font" => fonts })
    };
    let media_box: Vec<Object> = vec![
        0.into(),
        0.into(),
        (PAGE.0 as i64).into(),
        (PAGE.1 as i64).into(),
    ];
    let count = pages.len() as i64;
    let mut kids = Vec::with_capacity(pages.len());
    for (place, mut page) in pages.into_iter().enumerate() {
        if sealed {
            page.ops.extend_from_slice(
                format!(
                    "q {SEAL_SIDE:.1} 0 0 {SEAL_SIDE:.1} {sx:.1} {sy:.1} cm /{SEAL_NAME} Do Q\n"
                )
                .as_bytes(),
            );
        }
        let contents = doc.add_object(Stream::new(Dictionary::new(), page.ops));
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => media_box.clone(),
            "Resources" => resources, "Contents" => contents,
        };
        if sealed {
            page.set(PAGE_MARK, place as i64 + 1);
        }
        let page = doc.add_object(page);
        kids.push(Object::from(page));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => lopdf::text_string(title), "Producer" => "guichet",
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    doc
}

/// The image XObject for `qr`: 1-bit DeviceGray, no interpolation.
fn seal_stream(qr: &QrImage) -> Stream {
    let side = qr.side as i64;
    Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => side, "Height" => side,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 1, "Interpolate" => false,
        },
        qr.data.clone(),
    )
    .with_compression(false)
}

/// Replaces the seal image of a document [`Page::build`] made.
pub(crate) fn set_seal(doc: &mut Document, qr: &QrImage) -> Result<(), RenderError> {
    let id = seal_id(doc).ok_or_else(|| RenderError::Pdf("no seal image".into()))?;
    doc.objects.insert(id, Object::Stream(seal_stream(qr)));
    Ok(())
}

fn seal_id(doc: &Document) -> Option<ObjectId> {
    doc.objects.iter().find_map(|(id, o)| match o {
        Object::Stream(s) if matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image") => {
            Some(*id)
        }
        _ => None,
    })
}

/// Saves the document to bytes.
pub(crate) fn save(doc: &mut Document) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    Ok(out)
}
