//! Reads a PDF's file structure strictly: a file that PDF viewers could read in two ways is refused.
//!
//! Viewers disagree on repeated dictionary keys, on objects defined twice, on a stream whose
//! `/Length` does not end at `endstream`, on cross-reference data that does not point exactly at
//! the objects, on hybrid files and on `/Prev` chains (ISO 32000-1 §7.3, §7.5). This reader reads
//! every byte of the file once and accepts only a file with exactly one reading; the document it
//! returns is that reading, so the content digest covers what every conforming viewer shows.

mod lexer;
mod xref;

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use self::lexer::{LexError, Lexer};
use self::xref::{Entry, Section};
use super::{MAX_STREAM_BYTES, PdfError};

/// The most indirect objects a file may define.
const MAX_OBJECTS: usize = 10_000;

/// Where an object was defined: at a byte offset of the file, or inside an object stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Offset(usize),
    InStream { container: u32, index: usize },
}

/// What a strict read of the file found.
#[derive(Default)]
struct File {
    objects: BTreeMap<u32, (u16, Place, Object)>,
    sections: Vec<Section>,
    startxrefs: Vec<u64>,
    first_object: Option<u32>,
}

/// An ambiguity: the file can be read in more than one way.
fn ambiguous(why: impl Into<String>) -> PdfError {
    PdfError::Ambiguous(why.into())
}

impl From<LexError> for PdfError {
    fn from(e: LexError) -> Self {
        PdfError::Ambiguous(e.0)
    }
}

/// Reads `pdf` strictly and returns the one document it holds.
pub(super) fn read(pdf: &[u8]) -> Result<Document, PdfError> {
    let mut file = File::default();
    let mut lexer = Lexer::new(pdf);
    loop {
        lexer.skip_white();
        if lexer.at_end() {
            break;
        }
        let at = lexer.pos;
        let rest = lexer.rest();
        if rest.starts_with(b"xref") {
            file.sections.push(xref::table(&mut lexer)?);
        } else if rest.starts_with(b"startxref") {
            lexer.keyword("startxref")?;
            file.startxrefs.push(lexer.unsigned()?);
        } else if rest.first().is_some_and(u8::is_ascii_digit) {
            indirect_object(&mut lexer, &mut file, at)?;
        } else {
            return Err(lexer.error("bytes outside any object").into());
        }
    }
    xref::no_hybrid_or_encryption(&file.sections)?;
    let chain = xref::chain(&file.sections, &file.startxrefs, is_linearized(&file))?;
    let entries = xref::entries(&file.sections, &chain)?;
    check_entries(&file, &entries)?;
    let trailer = xref::trailer(&file.sections, &chain)?;
    check_references(&file)?;
    Ok(document(file, trailer))
}

/// Whether the file's first object is a linearization dictionary (ISO 32000-1 Annex F).
fn is_linearized(file: &File) -> bool {
    file.first_object
        .and_then(|n| file.objects.get(&n))
        .is_some_and(|(_, _, o)| matches!(o, Object::Dictionary(d) if d.has(b"Linearized")))
}

/// Reads `N G obj … endobj` at `at`, a stream included; xref and object streams are unpacked.
fn indirect_object(lexer: &mut Lexer, file: &mut File, at: usize) -> Result<(), PdfError> {
    let number = u32::try_from(lexer.unsigned()?).map_err(|_| lexer.error("object number"))?;
    let generation =
        u16::try_from(lexer.unsigned()?).map_err(|_| lexer.error("generation number"))?;
    lexer.keyword("obj")?;
    let object = lexer.object(0)?;
    lexer.skip_white();
    let object = if lexer.rest().starts_with(b"stream") {
        let Object::Dictionary(dict) = object else {
            return Err(lexer.error("a stream without a dictionary").into());
        };
        let content = stream_data(lexer, &dict)?;
        Object::Stream(Stream::new(dict, content.to_vec()))
    } else {
        object
    };
    lexer.keyword("endobj")?;
    if let Object::Stream(stream) = &object {
        match stream.dict.get(b"Type") {
            Ok(Object::Name(t)) if t == b"XRef" => {
                file.sections.push(xref::stream(stream, at)?);
            }
            Ok(Object::Name(t)) if t == b"ObjStm" => object_stream(file, number, stream)?,
            _ => {}
        }
    }
    file.first_object.get_or_insert(number);
    define(file, number, generation, Place::Offset(at), object)
}

/// Records one object definition; a number defined twice is an ambiguity.
fn define(
    file: &mut File,
    number: u32,
    generation: u16,
    place: Place,
    object: Object,
) -> Result<(), PdfError> {
    if file.objects.len() >= MAX_OBJECTS {
        return Err(PdfError::Malformed("too many objects".into()));
    }
    if file.objects.contains_key(&number) && !file.startxrefs.is_empty() {
        // A definition after the end of a revision: what an incremental update writes.
        return Err(PdfError::Tampered(format!(
            "the file holds more than one revision (an incremental update was appended that \
             defines object {number} again)"
        )));
    }
    if file.objects.contains_key(&number) {
        return Err(ambiguous(format!(
            "object {number} is defined twice; viewers may show either definition"
        )));
    }
    file.objects.insert(number, (generation, place, object));
    Ok(())
}

/// Reads `stream`, EOL, exactly `/Length` bytes, an optional EOL and `endstream` (§7.3.8.1).
fn stream_data<'a>(lexer: &mut Lexer<'a>, dict: &Dictionary) -> Result<&'a [u8], PdfError> {
    lexer.pos += b"stream".len();
    if lexer.rest().starts_with(b"\r\n") {
        lexer.pos += 2;
    } else if lexer.rest().starts_with(b"\n") {
        lexer.pos += 1;
    } else {
        return Err(lexer
            .error("`stream` is not followed by an end of line")
            .into());
    }
    let length = match dict.get(b"Length") {
        Ok(Object::Integer(n)) => usize::try_from(*n)
            .ok()
            .filter(|&n| n <= MAX_STREAM_BYTES)
            .ok_or_else(|| lexer.error("a stream /Length out of range"))?,
        _ => {
            return Err(lexer
                .error("a stream's /Length is not a direct number")
                .into());
        }
    };
    let start = lexer.pos;
    let data = lexer
        .data
        .get(start..start.saturating_add(length))
        .ok_or_else(|| lexer.error("a stream /Length runs past the end of the file"))?;
    if data.windows(b"endstream".len()).any(|w| w == b"endstream") {
        return Err(ambiguous(format!(
            "the stream at byte {start} holds `endstream` before its /Length ends; viewers may end it at either place"
        )));
    }
    lexer.pos = start + length;
    for eol in [&b"\r\n"[..], b"\n", b"\r"] {
        if lexer.rest().starts_with(eol) {
            lexer.pos += eol.len();
            break;
        }
    }
    if !lexer.rest().starts_with(b"endstream") {
        return Err(ambiguous(format!(
            "the stream at byte {start} does not end at its /Length; viewers may read different data"
        )));
    }
    lexer.pos += b"endstream".len();
    Ok(data)
}

/// Unpacks an object stream (§7.5.7): its objects are defined once, each exactly at its offset.
fn object_stream(file: &mut File, container: u32, stream: &Stream) -> Result<(), PdfError> {
    if stream.dict.has(b"Extends") {
        return Err(ambiguous("an object stream extends another"));
    }
    let (Ok(Object::Integer(n)), Ok(Object::Integer(first))) =
        (stream.dict.get(b"N"), stream.dict.get(b"First"))
    else {
        return Err(PdfError::Malformed(
            "an object stream lacks /N or /First".into(),
        ));
    };
    let (n, first) = match (usize::try_from(*n), usize::try_from(*first)) {
        (Ok(n), Ok(first)) if n <= MAX_OBJECTS => (n, first),
        _ => {
            return Err(PdfError::Malformed(
                "an object stream's /N or /First".into(),
            ));
        }
    };
    let data = stream
        .get_plain_content_with_limit(MAX_STREAM_BYTES)
        .map_err(|e| PdfError::Malformed(format!("an object stream cannot be decoded: {e}")))?;
    let mut header = Lexer::new(data.get(..first).unwrap_or_default());
    let mut table = Vec::with_capacity(n);
    for _ in 0..n {
        let number = u32::try_from(header.unsigned()?).map_err(|_| header.error("number"))?;
        let offset = usize::try_from(header.unsigned()?).map_err(|_| header.error("offset"))?;
        table.push((number, first.saturating_add(offset)));
    }
    header.skip_white();
    if !header.at_end() || first > data.len() {
        return Err(ambiguous(
            "an object stream's header does not end at /First",
        ));
    }
    for (index, &(number, start)) in table.iter().enumerate() {
        let end = table.get(index + 1).map_or(data.len(), |next| next.1);
        let body = data
            .get(start..end)
            .ok_or_else(|| ambiguous("object stream offsets are out of order"))?;
        let mut lexer = Lexer::new(body);
        let object = lexer.object(0)?;
        lexer.skip_white();
        if !lexer.at_end() {
            return Err(ambiguous(format!(
                "object {number} in object stream {container} does not end where the next begins"
            )));
        }
        define(
            file,
            number,
            0,
            Place::InStream { container, index },
            object,
        )?;
    }
    Ok(())
}

/// Checks the cross-reference entries and the definitions match one to one.
fn check_entries(file: &File, entries: &HashMap<u32, Entry>) -> Result<(), PdfError> {
    for (&number, (generation, place, _)) in &file.objects {
        let listed = match (entries.get(&number), place) {
            (
                Some(Entry::InUse {
                    offset,
                    generation: g,
                }),
                Place::Offset(at),
            ) => *offset == *at as u64 && g == generation,
            (
                Some(Entry::Compressed { container, index }),
                Place::InStream {
                    container: c,
                    index: i,
                },
            ) => container == c && index == i,
            _ => false,
        };
        if !listed {
            return Err(ambiguous(format!(
                "the cross-reference data does not point at object {number}; viewers that repair the file read it differently"
            )));
        }
    }
    for (&number, entry) in entries {
        let defined = file.objects.contains_key(&number);
        if matches!(entry, Entry::Free) == defined && number != 0 {
            return Err(ambiguous(format!(
                "the cross-reference data lists object {number}, which the file does not define as listed"
            )));
        }
    }
    Ok(())
}

/// Checks every reference names a defined object with its generation.
fn check_references(file: &File) -> Result<(), PdfError> {
    fn visit(object: &Object, file: &File) -> Result<(), PdfError> {
        match object {
            Object::Reference((n, g)) => match file.objects.get(n) {
                Some((generation, _, _)) if generation == g => Ok(()),
                _ => Err(ambiguous(format!(
                    "a reference points at object {n} {g}, which the file does not define"
                ))),
            },
            Object::Array(items) => items.iter().try_for_each(|o| visit(o, file)),
            Object::Dictionary(d) => d.iter().try_for_each(|(_, o)| visit(o, file)),
            Object::Stream(s) => s.dict.iter().try_for_each(|(_, o)| visit(o, file)),
            _ => Ok(()),
        }
    }
    file.objects
        .values()
        .try_for_each(|(_, _, object)| visit(object, file))
}

/// The document the file holds, for the canonical walk.
fn document(file: File, trailer: Dictionary) -> Document {
    let mut doc = Document::with_version("1.7");
    doc.max_id = file.objects.keys().next_back().copied().unwrap_or(0);
    doc.objects = file
        .objects
        .into_iter()
        .map(|(n, (g, _, object))| -> (ObjectId, Object) { ((n, g), object) })
        .collect();
    doc.trailer = trailer;
    doc
}
