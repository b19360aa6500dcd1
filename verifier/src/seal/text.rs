//! The text form of a seal: a versioned prefix and base45 (RFC 9285), QR-alphanumeric only.

use super::SealError;

/// The prefix of every seal text of this format version.
pub const PREFIX: &str = "GC1:";

/// The longest seal text accepted, in characters (far above any real seal; bounds work).
const MAX_TEXT: usize = 4096;

/// Encodes the COSE bytes of a seal as its text form: [`PREFIX`] followed by base45.
pub fn encode_text(cose: &[u8]) -> String {
    let mut text = String::with_capacity(PREFIX.len() + cose.len() * 3 / 2 + 2);
    text.push_str(PREFIX);
    text.push_str(&base45::encode(cose));
    text
}

/// Decodes the text form of a seal back to its COSE bytes.
///
/// Surrounding ASCII whitespace (a trailing newline from a scanner) is ignored; anything
/// else that is not the prefix followed by valid base45 is refused.
pub fn decode_text(text: &str) -> Result<Vec<u8>, SealError> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace() && c != ' ');
    if text.len() > MAX_TEXT {
        return Err(SealError::BadCose("the seal text is too long".into()));
    }
    let body = text.strip_prefix(PREFIX).ok_or(SealError::BadPrefix)?;
    base45::decode(body).map_err(|_| SealError::BadBase45)
}
