//! Reading the input and telling a PDF, an image and seal text apart by their first bytes.

use std::io::Read as _;

use super::Failure;
use super::exit::Exit;

/// The largest input read, in bytes.
const MAX_INPUT: u64 = 32 * 1024 * 1024;

/// The input, by kind.
pub enum Input {
    /// A PDF (`%PDF-` in the first 1024 bytes).
    Pdf(Vec<u8>),
    /// A PNG or JPEG image.
    Image(Vec<u8>),
    /// Anything else, taken as seal text.
    Text(String),
}

/// Reads the file (or standard input for `-`) and detects its kind.
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
    Ok(classify(bytes))
}

/// Tells the kind from the magic bytes.
fn classify(bytes: Vec<u8>) -> Input {
    let head = bytes.get(..1024).unwrap_or(&bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        Input::Pdf(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Input::Image(bytes)
    } else {
        Input::Text(String::from_utf8_lossy(&bytes).into_owned())
    }
}
