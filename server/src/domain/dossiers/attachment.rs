//! Supporting documents: the media type is read from the bytes, and limits come from the procedure.

use crate::domain::procedures::{Field, FieldType};

/// Why a file is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileRejection {
    /// Larger than the field allows.
    #[error("file too large")]
    TooLarge,
    /// Not a type the field accepts, or the bytes are not what the declared type says.
    #[error("file type not accepted")]
    WrongType,
    /// Empty file.
    #[error("empty file")]
    Empty,
}

/// Lowercase hex SHA-256 of `bytes`, as kept for every attachment.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

/// The media type the bytes are, from their magic numbers.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Checks `bytes` declared as `media_type` against a file field; returns the media type.
pub fn check(field: &Field, media_type: &str, bytes: &[u8]) -> Result<&'static str, FileRejection> {
    if field.kind != FieldType::File {
        return Err(FileRejection::WrongType);
    }
    check_limits(
        &field.rules.media_types,
        field.rules.max_bytes,
        media_type,
        bytes,
    )
}

/// Media types a file sent with a message may have.
pub const MESSAGE_MEDIA_TYPES: &[&str] = &["application/pdf", "image/jpeg", "image/png"];

/// The largest file sent with a message, bytes.
pub const MESSAGE_MAX_BYTES: u64 = 512 * 1024;

/// Checks a file sent with a message against [`MESSAGE_MEDIA_TYPES`] and [`MESSAGE_MAX_BYTES`].
pub fn check_message_file(media_type: &str, bytes: &[u8]) -> Result<&'static str, FileRejection> {
    check_limits(
        MESSAGE_MEDIA_TYPES,
        Some(MESSAGE_MAX_BYTES),
        media_type,
        bytes,
    )
}

fn check_limits<S: AsRef<str>>(
    accepted: &[S],
    max_bytes: Option<u64>,
    media_type: &str,
    bytes: &[u8],
) -> Result<&'static str, FileRejection> {
    if max_bytes.is_some_and(|max| bytes.len() as u64 > max) {
        return Err(FileRejection::TooLarge);
    }
    if bytes.is_empty() {
        return Err(FileRejection::Empty);
    }
    let actual = sniff(bytes).ok_or(FileRejection::WrongType)?;
    let declared = media_type.split(';').next().unwrap_or("").trim();
    if !declared.eq_ignore_ascii_case(actual) || !accepted.iter().any(|m| m.as_ref() == actual) {
        return Err(FileRejection::WrongType);
    }
    Ok(actual)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pdf_only(max: u64) -> Field {
        serde_json::from_value(json!({
            "id": "doc", "type": "file", "label": {"fr": "d", "de": "d", "en": "d"},
            "rules": {"media_types": ["application/pdf"], "max_bytes": max}
        }))
        .unwrap()
    }

    #[test]
    fn a_pdf_within_limits_is_accepted() {
        assert_eq!(
            check(&pdf_only(100), "application/pdf", b"%PDF-1.7 x"),
            Ok("application/pdf")
        );
    }

    #[test]
    fn size_type_and_disguise_are_refused() {
        let f = pdf_only(8);
        assert_eq!(
            check(&f, "application/pdf", b"%PDF-1.7 too long"),
            Err(FileRejection::TooLarge)
        );
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
        assert_eq!(check(&f, "image/png", &png), Err(FileRejection::WrongType));
        assert_eq!(
            check(&f, "application/pdf", &png),
            Err(FileRejection::WrongType)
        );
        assert_eq!(check(&f, "application/pdf", b""), Err(FileRejection::Empty));
    }

    #[test]
    fn message_files_have_their_own_published_limits() {
        assert_eq!(
            check_message_file("application/pdf", b"%PDF-1.4"),
            Ok("application/pdf")
        );
        let big = [b"%PDF-".as_slice(), &vec![0; MESSAGE_MAX_BYTES as usize]].concat();
        assert_eq!(
            check_message_file("application/pdf", &big),
            Err(FileRejection::TooLarge)
        );
        assert_eq!(
            check_message_file("text/plain", b"hello"),
            Err(FileRejection::WrongType)
        );
    }
}
