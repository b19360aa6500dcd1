//! Reading the input and telling a PDF, an image and seal text apart by their first bytes.

use std::io::Read as _;

use super::Failure;
use super::exit::Exit;
use crate::photo::{self, ImageKind};

/// The largest input read, in bytes.
const MAX_INPUT: u64 = 32 * 1024 * 1024;

/// The input, by kind.
pub enum Input {
    /// A PDF (`%PDF-` in the first 1024 bytes).
    Pdf(Vec<u8>),
    /// An image in a format the photo reader decodes (see [`photo::sniff`]).
    Image(Vec<u8>),
    /// UTF-8 text without control characters other than tab and line breaks: seal text.
    Text(String),
}

/// Reads the file (or standard input for `-`) and detects its kind from its bytes (never from
/// its name). A file that cannot be opened, an image format the verifier does not decode, and
/// binary data that is none of the kinds are [`Exit::NoInput`] (66) with a plain message.
pub fn read(path: &str) -> Result<Input, Failure> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_INPUT).read_to_end(&mut bytes))
    };
    result.map_err(|e| Failure::new(Exit::NoInput, format!("cannot read {path}: {e}")))?;
    classify(bytes).map_err(|why| Failure::new(Exit::NoInput, format!("{path}: {why}")))
}

/// Tells the kind from the magic bytes; the error says why the input is none of them.
fn classify(bytes: Vec<u8>) -> Result<Input, String> {
    let head = bytes.get(..1024).unwrap_or(&bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Input::Pdf(bytes));
    }
    match photo::sniff(&bytes) {
        Some(ImageKind::Readable(_)) => return Ok(Input::Image(bytes)),
        Some(ImageKind::Unsupported(name)) => {
            return Err(format!(
                "{name} images cannot be read; convert the photo to JPEG or PNG, or scan the \
                 document again"
            ));
        }
        None => {}
    }
    match String::from_utf8(bytes) {
        Ok(text)
            if !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n')) =>
        {
            Ok(Input::Text(text))
        }
        _ => Err("not a PDF, a PNG, JPEG, TIFF, WebP or GIF image, or seal text".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8]) -> Result<&'static str, String> {
        classify(bytes.to_vec()).map(|input| match input {
            Input::Pdf(_) => "pdf",
            Input::Image(_) => "image",
            Input::Text(_) => "text",
        })
    }

    #[test]
    fn inputs_are_told_apart_by_their_bytes() {
        assert_eq!(kind(b"%PDF-1.7\n"), Ok("pdf"));
        assert_eq!(kind(b"II*\0\x08\0\0\0"), Ok("image"));
        assert_eq!(kind(b"RIFF\x10\0\0\0WEBPVP8 "), Ok("image"));
        assert_eq!(kind(b"GC1:6BF\r\n"), Ok("text"));
        assert_eq!(kind(b"\xEF\xBB\xBFgc1:6BF"), Ok("text"));
    }

    #[test]
    fn unreadable_kinds_are_named_not_taken_as_seal_text() {
        let heic = kind(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap_err();
        assert!(
            heic.starts_with("HEIC/HEIF images cannot be read"),
            "{heic}"
        );
        assert!(kind(b"\0\x01\x02binary").is_err());
        assert!(kind(b"GC1:\xFF\xFE").is_err());
    }
}
