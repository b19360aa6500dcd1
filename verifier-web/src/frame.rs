//! Camera frames: from the RGBA pixels a canvas gives to the seal text, with the Rust decoder.

use guichet_verifier::photo;
use image::{GrayImage, Luma};

/// The seal text of the QR code in an RGBA frame (`width`×`height`, 4 bytes a pixel, row by
/// row, as `CanvasRenderingContext2D.getImageData` gives), or `None` when the size does not
/// match the bytes or no QR code decodes. Gray is ITU-R BT.601 luma, in integers.
pub fn read_seal(rgba: &[u8], width: u32, height: u32) -> Option<String> {
    let gray = to_gray(rgba, width, height)?;
    photo::read_seal_from_gray(&gray).ok()
}

/// The BT.601 luma of an RGBA buffer; `None` when its length is not `width × height × 4`.
pub fn to_gray(rgba: &[u8], width: u32, height: u32) -> Option<GrayImage> {
    let pixels = usize::try_from(u64::from(width) * u64::from(height)).ok()?;
    if rgba.len() != pixels.checked_mul(4)? {
        return None;
    }
    let mut gray = GrayImage::new(width, height);
    for (out, px) in gray.pixels_mut().zip(rgba.chunks_exact(4)) {
        let luma =
            (299 * u32::from(px[0]) + 587 * u32::from(px[1]) + 114 * u32::from(px[2])) / 1000;
        *out = Luma([u8::try_from(luma).unwrap_or(u8::MAX)]);
    }
    Some(gray)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_of_the_wrong_length_is_refused() {
        assert!(to_gray(&[0; 15], 2, 2).is_none());
    }

    #[test]
    fn white_and_black_pixels_keep_their_luma() {
        let gray = to_gray(&[255, 255, 255, 255, 0, 0, 0, 255], 2, 1).unwrap();
        assert_eq!(gray.as_raw(), &vec![255, 0]);
    }
}
