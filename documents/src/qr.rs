//! Encodes the seal text as a QR code image: alphanumeric mode, error correction Q.

use qrcode::bits::Bits;
use qrcode::types::Color;
use qrcode::{EcLevel, QrCode, Version};

use crate::RenderError;

/// The quiet zone around the code, in modules.
pub(crate) const QUIET_ZONE: usize = 4;

/// A QR code as a 1-bit DeviceGray image, one sample per module, quiet zone included.
pub(crate) struct QrImage {
    /// The QR version (1..=40).
    pub version: i16,
    /// Width and height in samples (modules plus twice the quiet zone).
    pub side: usize,
    /// Rows of packed bits, most significant bit first, 1 = white; rows padded to whole bytes.
    pub data: Vec<u8>,
}

/// Encodes `text` in alphanumeric mode at EC level Q, in the smallest version that holds it.
pub(crate) fn encode(text: &str) -> Result<QrImage, RenderError> {
    if let Some(c) = text.chars().find(|c| !is_alphanumeric(*c)) {
        return Err(RenderError::SealText(format!(
            "{c:?} is not QR alphanumeric"
        )));
    }
    let code = (1..=40)
        .find_map(|v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_alphanumeric_data(text.as_bytes()).ok()?;
            bits.push_terminator(EcLevel::Q).ok()?;
            QrCode::with_bits(bits, EcLevel::Q).ok()
        })
        .ok_or_else(|| RenderError::SealText("too long for a QR code".into()))?;
    let version = match code.version() {
        Version::Normal(v) | Version::Micro(v) => v,
    };
    let width = code.width();
    let side = width + 2 * QUIET_ZONE;
    let row_bytes = side.div_ceil(8);
    let mut data = vec![0xFF; row_bytes * side];
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            data[y * row_bytes + x / 8] &= !(0x80 >> (x % 8));
        }
    }
    Ok(QrImage {
        version,
        side,
        data,
    })
}

/// Whether `c` is in the QR alphanumeric set (0-9 A-Z space $ % * + - . / :).
fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_uppercase() || " $%*+-./:".contains(c)
}

/// A blank (white) image of the same shape, used while the content digest is computed.
pub(crate) fn placeholder() -> QrImage {
    QrImage {
        version: 0,
        side: 1,
        data: vec![0xFF],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_221_character_seal_fits_version_10() {
        let text = format!("GC1:{}", "A1$%*+-./: ".repeat(20).get(..217).unwrap());
        let qr = encode(&text).unwrap();
        assert_eq!(qr.version, 10);
        assert_eq!(qr.side, 57 + 2 * QUIET_ZONE);
    }

    #[test]
    fn lowercase_is_not_alphanumeric() {
        assert!(matches!(encode("gc1:abc"), Err(RenderError::SealText(_))));
    }

    #[test]
    fn modules_are_dark_bits_inside_the_quiet_zone() {
        let qr = encode("GC1:TEST").unwrap();
        let row_bytes = qr.side.div_ceil(8);
        let dark = |x: usize, y: usize| qr.data[y * row_bytes + x / 8] & (0x80 >> (x % 8)) == 0;
        assert!(!dark(0, 0));
        assert!(
            dark(QUIET_ZONE, QUIET_ZONE),
            "finder pattern corner is dark"
        );
    }
}
