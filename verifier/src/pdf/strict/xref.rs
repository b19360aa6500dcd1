//! Cross-reference sections (ISO 32000-1 §7.5.4, §7.5.8) and the one reading they allow.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, Stream};

use super::ambiguous;
use super::lexer::Lexer;
use crate::pdf::{MAX_STREAM_BYTES, PdfError};

/// The most entries one cross-reference section may list.
const MAX_ENTRIES: u64 = 100_000;

/// One cross-reference entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    Free,
    InUse { offset: u64, generation: u16 },
    Compressed { container: u32, index: usize },
}

/// One cross-reference section: a table with its trailer, or a stream with its dictionary.
pub(super) struct Section {
    /// Its byte offset: where `xref` or the stream's `N G obj` starts.
    pub at: usize,
    pub entries: Vec<(u32, Entry)>,
    pub trailer: Dictionary,
}

/// Reads `xref`, its subsections of 20-byte entries, and `trailer << … >>`.
pub(super) fn table(lexer: &mut Lexer) -> Result<Section, PdfError> {
    let at = lexer.pos;
    lexer.keyword("xref")?;
    let mut entries = Vec::new();
    loop {
        lexer.skip_white();
        if lexer.rest().starts_with(b"trailer") {
            lexer.keyword("trailer")?;
            let trailer = lexer.dictionary(0)?;
            return Ok(Section {
                at,
                entries,
                trailer,
            });
        }
        let start = lexer.unsigned()?;
        let count = lexer.unsigned()?;
        let room = (lexer.data.len() - lexer.pos.min(lexer.data.len())) as u64 / 20;
        if count > MAX_ENTRIES || count > room || start.saturating_add(count) > u64::from(u32::MAX)
        {
            return Err(PdfError::Malformed(
                "a cross-reference subsection is too large".into(),
            ));
        }
        lexer.skip_white();
        for i in 0..count {
            let record = lexer.rest().get(..20).unwrap_or_default();
            let entry = table_entry(record)
                .ok_or_else(|| lexer.error("a malformed cross-reference entry"))?;
            #[allow(clippy::cast_possible_truncation)]
            entries.push(((start + i) as u32, entry));
            lexer.pos += 20;
        }
    }
}

/// Reads one fixed-width entry `oooooooooo ggggg n` with its two-byte end of line.
fn table_entry(record: &[u8]) -> Option<Entry> {
    let digits = |bytes: &[u8]| -> Option<u64> {
        bytes.iter().try_fold(0u64, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
        })
    };
    if record.len() != 20 || record[10] != b' ' || record[16] != b' ' {
        return None;
    }
    if !matches!(&record[18..20], b" \r" | b" \n" | b"\r\n") {
        return None;
    }
    let offset = digits(&record[..10])?;
    let generation = u16::try_from(digits(&record[11..16])?).ok()?;
    match record[17] {
        b'n' => Some(Entry::InUse { offset, generation }),
        b'f' => Some(Entry::Free),
        _ => None,
    }
}

/// Reads a cross-reference stream found at byte `at`.
pub(super) fn stream(stream: &Stream, at: usize) -> Result<Section, PdfError> {
    let malformed = |what: &str| PdfError::Malformed(format!("a cross-reference stream: {what}"));
    let ints = |key: &[u8]| -> Option<Vec<u64>> {
        match stream.dict.get(key) {
            Ok(Object::Array(items)) => items
                .iter()
                .map(|o| match o {
                    Object::Integer(i) => u64::try_from(*i).ok(),
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    };
    let widths = ints(b"W").ok_or_else(|| malformed("/W"))?;
    let &[w0, w1, w2] = widths.as_slice() else {
        return Err(malformed("/W"));
    };
    if widths.iter().any(|&w| w > 8) {
        return Err(malformed("/W"));
    }
    let size = match stream.dict.get(b"Size") {
        Ok(Object::Integer(n)) => u64::try_from(*n).map_err(|_| malformed("/Size"))?,
        _ => return Err(malformed("/Size")),
    };
    let index = if stream.dict.has(b"Index") {
        ints(b"Index").ok_or_else(|| malformed("/Index"))?
    } else {
        vec![0, size]
    };
    if index.len() % 2 != 0 {
        return Err(malformed("/Index"));
    }
    let data = stream
        .get_plain_content_with_limit(MAX_STREAM_BYTES)
        .map_err(|e| malformed(&e.to_string()))?;
    #[allow(clippy::cast_possible_truncation)]
    let (w0, w1, w2) = (w0 as usize, w1 as usize, w2 as usize);
    let row = w0 + w1 + w2;
    let total: u64 = index
        .chunks(2)
        .map(|p| p[1])
        .try_fold(0u64, |a, n| a.checked_add(n))
        .unwrap_or(u64::MAX);
    if row == 0 || total > MAX_ENTRIES || data.len() as u64 != total * row as u64 {
        return Err(ambiguous(
            "a cross-reference stream's length does not match its /Index and /W",
        ));
    }
    let field = |bytes: &[u8]| bytes.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b));
    let mut rows = data.chunks(row);
    let mut entries = Vec::new();
    for pair in index.chunks(2) {
        for i in 0..pair[1] {
            let r = rows.next().unwrap_or_default();
            let kind = if w0 == 0 { 1 } else { field(&r[..w0]) };
            let (a, b) = (field(&r[w0..w0 + w1]), field(&r[w0 + w1..]));
            let entry = match kind {
                0 => Entry::Free,
                1 => Entry::InUse {
                    offset: a,
                    generation: u16::try_from(b).map_err(|_| malformed("a generation"))?,
                },
                2 => Entry::Compressed {
                    container: u32::try_from(a).map_err(|_| malformed("a container"))?,
                    index: usize::try_from(b).map_err(|_| malformed("an index"))?,
                },
                _ => {
                    return Err(ambiguous(
                        "a cross-reference stream has an entry of unknown type",
                    ));
                }
            };
            let number = pair[0]
                .checked_add(i)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| malformed("an object number"))?;
            entries.push((number, entry));
        }
    }
    Ok(Section {
        at,
        entries,
        trailer: stream.dict.clone(),
    })
}

/// The sections in the order a viewer reads them: from the last `startxref` along `/Prev`.
///
/// More than one section is an incremental update, except for a linearized file's two.
pub(super) fn chain(
    sections: &[Section],
    startxrefs: &[u64],
    linearized: bool,
) -> Result<Vec<usize>, PdfError> {
    let Some(&last) = startxrefs.last() else {
        return Err(PdfError::Malformed("no startxref".into()));
    };
    let find = |offset: u64| sections.iter().position(|s| s.at as u64 == offset);
    let revisions = || {
        PdfError::Tampered(
            "the file holds more than one revision (an incremental update was appended)".into(),
        )
    };
    // A linearized file with xref streams has no `startxref` after its first-page section.
    let linear_pair = linearized && sections.len() == 2 && startxrefs.len() <= 2;
    if sections.len() > 1 && !linear_pair {
        return Err(revisions());
    }
    if startxrefs.len() > 1
        && !(linear_pair && (startxrefs[0] == 0 || find(startxrefs[0]).is_some()))
    {
        return Err(revisions());
    }
    let mut chain = Vec::new();
    let mut next = Some(
        find(last)
            .ok_or_else(|| ambiguous("startxref does not point at a cross-reference section"))?,
    );
    while let Some(i) = next {
        if chain.contains(&i) {
            return Err(ambiguous(
                "the /Prev chain of cross-reference sections loops",
            ));
        }
        chain.push(i);
        next = match sections[i].trailer.get(b"Prev") {
            Err(_) => None,
            Ok(Object::Integer(prev)) => Some(
                u64::try_from(*prev)
                    .ok()
                    .and_then(find)
                    .ok_or_else(|| ambiguous("a /Prev points at no cross-reference section"))?,
            ),
            Ok(_) => return Err(ambiguous("a /Prev is not a number")),
        };
    }
    if chain.len() != sections.len() {
        return Err(ambiguous(
            "a cross-reference section is not on the /Prev chain; viewers that scan the file read it",
        ));
    }
    if linear_pair && chain[0] != 0 {
        return Err(revisions());
    }
    Ok(chain)
}

/// The entries of all sections; an object listed by two sections is an ambiguity.
pub(super) fn entries(
    sections: &[Section],
    chain: &[usize],
) -> Result<HashMap<u32, Entry>, PdfError> {
    let mut all = HashMap::new();
    for &i in chain {
        let size = match sections[i].trailer.get(b"Size") {
            Ok(Object::Integer(n)) => u64::try_from(*n).unwrap_or(0),
            _ => return Err(PdfError::Malformed("a trailer has no /Size".into())),
        };
        for &(number, entry) in &sections[i].entries {
            if u64::from(number) >= size {
                return Err(ambiguous(format!(
                    "object {number} is listed beyond the trailer's /Size"
                )));
            }
            match all.insert(number, entry) {
                None => {}
                Some(Entry::Free) if number == 0 && entry == Entry::Free => {}
                Some(_) => {
                    return Err(ambiguous(format!(
                        "object {number} is listed by two cross-reference sections"
                    )));
                }
            }
        }
    }
    Ok(all)
}

/// Refuses hybrid-reference files (§7.5.8.4) and encrypted ones.
pub(super) fn no_hybrid_or_encryption(sections: &[Section]) -> Result<(), PdfError> {
    for section in sections {
        if section.trailer.has(b"XRefStm") {
            return Err(ambiguous(
                "a hybrid-reference file (/XRefStm): older and newer viewers read different objects",
            ));
        }
        if section.trailer.has(b"Encrypt") {
            return Err(PdfError::Tampered("the document is encrypted".into()));
        }
    }
    Ok(())
}

/// The trailer viewers use: the first section's; other trailers must not disagree with it.
pub(super) fn trailer(sections: &[Section], chain: &[usize]) -> Result<Dictionary, PdfError> {
    let first = &sections[chain[0]].trailer;
    let root = first.get(b"Root").ok();
    for &i in &chain[1..] {
        if let Ok(other) = sections[i].trailer.get(b"Root") {
            if root.is_none_or(|r| !same_reference(r, other)) {
                return Err(ambiguous("two trailers name different /Root catalogs"));
            }
        }
    }
    Ok(first.clone())
}

fn same_reference(a: &Object, b: &Object) -> bool {
    matches!((a, b), (Object::Reference(x), Object::Reference(y)) if x == y)
}
