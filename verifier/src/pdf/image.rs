//! Turns the seal's image XObject into a grayscale image a QR decoder can read.

use image::{GrayImage, Luma};
use lopdf::{Document, Object, ObjectId};

use super::{MAX_STREAM_BYTES, PdfError};

/// The largest side, in samples, of a seal image.
const MAX_SIDE: u32 = 4096;
/// The side, in pixels, the decoded image is scaled up to at least.
const MIN_DECODE_SIDE: u32 = 240;
/// The white margin added around the image, in source samples.
const MARGIN: u32 = 4;

/// Decodes the image XObject `id` (1- or 8-bit gray, or 8-bit RGB) into a scaled-up gray image
/// with a white margin, or [`PdfError::NoSeal`] when it is not an image the verifier reads.
pub(super) fn decode(doc: &Document, id: ObjectId) -> Result<GrayImage, PdfError> {
    let Ok(Object::Stream(stream)) = doc.get_object(id) else {
        return Err(PdfError::NoSeal);
    };
    let dict = &stream.dict;
    let int = |key: &[u8]| match dict.get(key) {
        Ok(Object::Integer(i)) => u32::try_from(*i).ok(),
        _ => None,
    };
    let name = |key: &[u8]| match dict.get(key) {
        Ok(Object::Name(n)) => Some(n.as_slice()),
        _ => None,
    };
    let (Some(width), Some(height)) = (int(b"Width"), int(b"Height")) else {
        return Err(PdfError::NoSeal);
    };
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PdfError::NoSeal);
    }
    let image_mask = matches!(dict.get(b"ImageMask"), Ok(Object::Boolean(true)));
    let bits = if image_mask {
        1
    } else {
        int(b"BitsPerComponent").unwrap_or(8)
    };
    let channels = match name(b"ColorSpace") {
        _ if image_mask => 1,
        Some(b"DeviceGray") | Some(b"G") => 1,
        Some(b"DeviceRGB") | Some(b"RGB") => 3,
        _ => return Err(PdfError::NoSeal),
    };
    let inverted = match dict.get(b"Decode") {
        Ok(Object::Array(a)) => {
            matches!(a.first(), Some(Object::Integer(1)))
                || matches!(a.first(), Some(Object::Real(r)) if *r > 0.5)
        }
        _ => false,
    };
    let data = stream
        .get_plain_content_with_limit(MAX_STREAM_BYTES)
        .map_err(|_| PdfError::NoSeal)?;
    let sample = |x: u32, y: u32| -> Option<u8> {
        let (x, y) = (x as usize, y as usize);
        let w = width as usize;
        let v = match (bits, channels) {
            (1, 1) => {
                let row = w.div_ceil(8);
                let byte = *data.get(y * row + x / 8)?;
                if byte & (0x80 >> (x % 8)) != 0 {
                    255
                } else {
                    0
                }
            }
            (8, 1) => *data.get(y * w + x)?,
            (8, 3) => {
                let i = (y * w + x) * 3;
                let px = data.get(i..i + 3)?;
                ((u16::from(px[0]) + u16::from(px[1]) + u16::from(px[2])) / 3) as u8
            }
            _ => return None,
        };
        Some(if inverted { 255 - v } else { v })
    };
    let scale = MIN_DECODE_SIDE.div_ceil(width.max(height)).clamp(1, 16);
    let margin = MARGIN * scale;
    let mut out = GrayImage::from_pixel(
        width * scale + 2 * margin,
        height * scale + 2 * margin,
        Luma([255]),
    );
    for y in 0..height {
        for x in 0..width {
            let v = sample(x, y).ok_or(PdfError::NoSeal)?;
            for dy in 0..scale {
                for dx in 0..scale {
                    out.put_pixel(margin + x * scale + dx, margin + y * scale + dy, Luma([v]));
                }
            }
        }
    }
    Ok(out)
}
