//! The canonical walk of a PDF: its content digest and the structural checks on the way.

use std::collections::{HashMap, VecDeque};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

use super::{MAX_STREAM_BYTES, PdfError};

/// The most indirect objects a sealed extract may hold.
const MAX_OBJECTS: usize = 10_000;
/// The most bytes the walk decodes from all streams together.
const MAX_DECODED_TOTAL: usize = 4 * MAX_STREAM_BYTES;
/// The deepest nesting of direct arrays and dictionaries the walk follows.
const MAX_DEPTH: usize = 64;
/// Keys that make a document active or interactive; a sealed extract has none.
const FORBIDDEN: [(&[u8], &str); 7] = [
    (b"Annots", "an annotation was added to the page"),
    (b"AcroForm", "a form was added to the document"),
    (b"OpenAction", "an open action was added to the document"),
    (b"AA", "an automatic action was added"),
    (b"JavaScript", "JavaScript was added to the document"),
    (b"JS", "JavaScript was added to the document"),
    (b"EmbeddedFiles", "a file was embedded in the document"),
];
/// Stream dictionary keys that describe the encoding, not the content.
const ENCODING_KEYS: [&[u8]; 4] = [b"Length", b"Filter", b"DecodeParms", b"DL"];
/// Image dictionary keys that belong to the QR code's sampling grid.
const SEAL_GRID_KEYS: [&[u8]; 2] = [b"Width", b"Height"];

/// The private page key the issuer writes on each page: its 1-based place in the document.
/// Covered by the digest like every key; read only to say *why* a digest differs.
pub(super) const PAGE_MARK: &[u8] = b"GCPage";

/// The result of the walk.
pub(super) struct Walk {
    /// SHA-256 of the canonical form.
    pub digest: [u8; 32],
    /// The one image XObject, if the document has one.
    pub seal_image: Option<ObjectId>,
    /// How many pages the document has.
    pub pages: usize,
    /// Each page's [`PAGE_MARK`], in the order the walk met the pages (document order for a
    /// flat page tree, as issued).
    pub page_marks: Vec<Option<i64>>,
}

/// Walks `doc` from its catalog, hashing the canonical form and checking the structure.
pub(super) fn walk(doc: &Document) -> Result<Walk, PdfError> {
    let root = match doc.trailer.get(b"Root") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err(PdfError::Malformed("the trailer has no /Root".into())),
    };
    let mut walker = Walker {
        numbers: HashMap::new(),
        queue: VecDeque::new(),
        hasher: Sha256::new(),
        pages: 0,
        page_marks: Vec::new(),
        images: Vec::new(),
        decoded: 0,
    };
    walker.reference(root)?;
    while let Some((id, number)) = walker.queue.pop_front() {
        walker.hasher.update(b"o");
        walker.hasher.update((number as u64).to_le_bytes());
        match doc.objects.get(&id) {
            Some(Object::Stream(stream)) => walker.stream(id, stream)?,
            Some(object) => walker.object(object, 0)?,
            None => walker.hasher.update(b"n"),
        }
    }
    if walker.pages == 0 {
        return Err(PdfError::Tampered("the document has no page".into()));
    }
    if walker.images.len() > 1 {
        return Err(PdfError::Tampered(format!(
            "the document shows {} images; a sealed document shows only its one seal on every \
             page (a page from another document carries another seal)",
            walker.images.len()
        )));
    }
    Ok(Walk {
        digest: walker.hasher.finalize().into(),
        seal_image: walker.images.first().copied(),
        pages: walker.pages,
        page_marks: walker.page_marks,
    })
}

/// State of one walk.
struct Walker {
    numbers: HashMap<ObjectId, usize>,
    queue: VecDeque<(ObjectId, usize)>,
    hasher: Sha256,
    pages: usize,
    page_marks: Vec<Option<i64>>,
    images: Vec<ObjectId>,
    decoded: usize,
}

impl Walker {
    /// Writes a reference as its canonical number, numbering the target on first sight.
    fn reference(&mut self, id: ObjectId) -> Result<(), PdfError> {
        let next = self.numbers.len();
        let number = *self.numbers.entry(id).or_insert(next);
        if number == next {
            if next >= MAX_OBJECTS {
                return Err(PdfError::Malformed("too many objects".into()));
            }
            self.queue.push_back((id, number));
        }
        self.hasher.update(b"R");
        self.hasher.update((number as u64).to_le_bytes());
        Ok(())
    }

    fn bytes(&mut self, tag: &[u8], bytes: &[u8]) {
        self.hasher.update(tag);
        self.hasher.update((bytes.len() as u64).to_le_bytes());
        self.hasher.update(bytes);
    }

    fn object(&mut self, object: &Object, depth: usize) -> Result<(), PdfError> {
        if depth > MAX_DEPTH {
            return Err(PdfError::Malformed("objects nested too deep".into()));
        }
        match object {
            Object::Null => self.hasher.update(b"n"),
            Object::Boolean(true) => self.hasher.update(b"t"),
            Object::Boolean(false) => self.hasher.update(b"f"),
            Object::Integer(i) => {
                self.hasher.update(b"i");
                self.hasher.update(i.to_le_bytes());
            }
            Object::Real(r) => {
                self.hasher.update(b"r");
                self.hasher.update(r.to_bits().to_le_bytes());
            }
            Object::Name(name) => self.bytes(b"/", name),
            Object::String(s, _) => self.bytes(b"s", s),
            Object::Array(items) => {
                self.hasher.update(b"[");
                for item in items {
                    self.object(item, depth + 1)?;
                }
                self.hasher.update(b"]");
            }
            Object::Dictionary(dict) => self.dictionary(dict, &[], depth)?,
            // A stream is always an indirect object; one nested in another is not valid PDF.
            Object::Stream(_) => {
                return Err(PdfError::Malformed("a stream inside an object".into()));
            }
            Object::Reference(id) => self.reference(*id)?,
        }
        Ok(())
    }

    fn dictionary(
        &mut self,
        dict: &Dictionary,
        skip: &[&[u8]],
        depth: usize,
    ) -> Result<(), PdfError> {
        for (key, reason) in FORBIDDEN {
            if dict.has(key) {
                return Err(PdfError::Tampered((*reason).into()));
            }
        }
        if matches!(dict.get(b"Type"), Ok(Object::Name(n)) if n == b"Page") {
            self.pages += 1;
            self.page_marks
                .push(dict.get(PAGE_MARK).and_then(Object::as_i64).ok());
        }
        let mut entries: Vec<(&Vec<u8>, &Object)> = dict
            .iter()
            .filter(|(key, _)| !skip.contains(&key.as_slice()))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        self.hasher.update(b"<");
        for (key, value) in entries {
            self.bytes(b"/", key);
            self.object(value, depth + 1)?;
        }
        self.hasher.update(b">");
        Ok(())
    }

    fn stream(&mut self, id: ObjectId, stream: &Stream) -> Result<(), PdfError> {
        let is_image = matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image");
        if is_image {
            self.images.push(id);
            let skip: Vec<&[u8]> = ENCODING_KEYS
                .iter()
                .chain(&SEAL_GRID_KEYS)
                .copied()
                .collect();
            self.dictionary(&stream.dict, &skip, 0)?;
            self.hasher.update(b"Q");
            return Ok(());
        }
        self.dictionary(&stream.dict, &ENCODING_KEYS, 0)?;
        match stream.get_plain_content_with_limit(MAX_STREAM_BYTES) {
            Ok(data) => {
                self.decoded += data.len();
                if self.decoded > MAX_DECODED_TOTAL {
                    return Err(PdfError::Malformed(
                        "the streams decode to too much data".into(),
                    ));
                }
                self.bytes(b"S", &data);
            }
            Err(_) => {
                self.hasher.update(b"E");
                if let Ok(filter) = stream.dict.get(b"Filter") {
                    self.object(filter, 1)?;
                }
                self.bytes(b"S", &stream.content);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{Stream, dictionary};

    use super::*;

    /// A one-page document; `first` is the id its objects are numbered from.
    fn document(first: u32, text: &[u8], extra: Option<(&str, Object)>) -> Document {
        let mut doc = Document::with_version("1.7");
        doc.max_id = first;
        let image = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Image", "Width" => 1, "Height" => 1 },
            vec![0],
        ));
        let contents = doc.add_object(Stream::new(dictionary! {}, text.to_vec()));
        let pages = doc.new_object_id();
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => contents,
            "Resources" => dictionary! { "XObject" => dictionary! { "Seal" => image } },
        };
        if let Some((key, value)) = extra {
            page.set(key, value);
        }
        let page = doc.add_object(page);
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc
    }

    #[test]
    fn digest_ignores_object_numbers() {
        let a = walk(&document(0, b"BT (A) Tj ET", None)).unwrap();
        let b = walk(&document(40, b"BT (A) Tj ET", None)).unwrap();
        assert_eq!(a.digest, b.digest);
    }

    #[test]
    fn digest_covers_the_page_text() {
        let a = walk(&document(0, b"BT (A) Tj ET", None)).unwrap();
        let b = walk(&document(0, b"BT (B) Tj ET", None)).unwrap();
        assert_ne!(a.digest, b.digest);
    }

    #[test]
    fn digest_ignores_the_seal_image_pixels_and_grid() {
        let mut doc = document(0, b"BT (A) Tj ET", None);
        let before = walk(&doc).unwrap();
        let id = before.seal_image.unwrap();
        doc.objects.insert(
            id,
            Object::Stream(Stream::new(
                dictionary! { "Subtype" => "Image", "Width" => 65, "Height" => 65 },
                vec![0xAA; 65 * 9],
            )),
        );
        assert_eq!(walk(&doc).unwrap().digest, before.digest);
    }

    #[test]
    fn pages_and_their_marks_are_counted_in_order() {
        let doc = document(0, b"", Some(("GCPage", Object::Integer(1))));
        let walk = walk(&doc).unwrap();
        assert_eq!((walk.pages, walk.page_marks), (1, vec![Some(1)]));
    }

    #[test]
    fn annotations_are_refused_with_their_reason() {
        let doc = document(0, b"", Some(("Annots", Object::Array(vec![]))));
        assert!(matches!(walk(&doc), Err(PdfError::Tampered(why)) if why.contains("annotation")));
    }

    #[test]
    fn dangling_references_and_cycles_terminate() {
        let doc = document(0, b"", Some(("Self", Object::Reference((0, 0)))));
        assert!(walk(&doc).is_ok());
    }
}
