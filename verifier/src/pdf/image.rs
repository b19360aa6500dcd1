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

/// The seal image's samples as 8-bit gray, row by row.
pub(super) struct Samples {
    width: u32,
    height: u32,
    gray: Vec<u8>,
}

/// Decodes the image XObject `id` (1- or 8-bit gray, or 8-bit RGB) into gray samples, or
/// [`PdfError::NoSeal`] when it is not an image the verifier reads.
pub(super) fn decode(doc: &Document, id: ObjectId) -> Result<Samples, PdfError> {
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
    let mut gray = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height {
        for x in 0..width {
            gray.push(sample(x, y).ok_or(PdfError::NoSeal)?);
        }
    }
    Ok(Samples {
        width,
        height,
        gray,
    })
}

impl Samples {
    fn dark(&self, x: u32, y: u32) -> bool {
        self.gray
            .get(y as usize * self.width as usize + x as usize)
            .is_some_and(|v| *v < 128)
    }

    /// Reads the code directly when the image holds one sample per module (as guichet renders
    /// it): the dark samples' bounding box is the symbol, sampled without any detection.
    pub(super) fn read_grid(&self) -> Option<String> {
        let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
        for y in 0..self.height {
            for x in 0..self.width {
                if self.dark(x, y) {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                }
            }
        }
        let size = x1.checked_sub(x0)? + 1;
        if y1.checked_sub(y0)? + 1 != size || !(21..=177).contains(&size) || (size - 17) % 4 != 0 {
            return None;
        }
        let dark = |x: usize, y: usize| self.dark(x0 + x as u32, y0 + y as u32);
        super::qr::read_clean(size as usize, dark).or_else(|| {
            let grid = rqrr::SimpleGrid::from_func(size as usize, dark);
            rqrr::Grid::new(grid).decode().ok().map(|(_, text)| text)
        })
    }

    /// The image scaled up (nearest neighbour) with a white margin, for a QR detector.
    pub(super) fn to_image(&self) -> GrayImage {
        let scale = MIN_DECODE_SIDE
            .div_ceil(self.width.max(self.height))
            .clamp(1, 16);
        let margin = MARGIN * scale;
        GrayImage::from_fn(
            self.width * scale + 2 * margin,
            self.height * scale + 2 * margin,
            |x, y| {
                let (x, y) = (
                    x.wrapping_sub(margin) / scale,
                    y.wrapping_sub(margin) / scale,
                );
                if x < self.width && y < self.height {
                    Luma([self.gray[y as usize * self.width as usize + x as usize]])
                } else {
                    Luma([255])
                }
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use qrcode::{EcLevel, QrCode};

    use super::*;

    /// The samples of `text` as a QR code, `per_module` samples per module, 4-module margin.
    fn samples(text: &str, per_module: u32) -> Samples {
        let code = QrCode::with_error_correction_level(text, EcLevel::Q).unwrap();
        let modules = code.width() as u32;
        let side = (modules + 8) * per_module;
        let colors = code.to_colors();
        let gray = (0..side * side)
            .map(|i| {
                let (x, y) = ((i % side) / per_module, (i / side) / per_module);
                let inside = (4..modules + 4).contains(&x) && (4..modules + 4).contains(&y);
                let dark =
                    inside && colors[((y - 4) * modules + (x - 4)) as usize] == qrcode::Color::Dark;
                if dark { 0 } else { 255 }
            })
            .collect();
        Samples {
            width: side,
            height: side,
            gray,
        }
    }

    #[test]
    fn one_sample_per_module_reads_without_detection() {
        let text = "GC1:6BFOXN*TS0BI$ZDFRH";
        assert_eq!(samples(text, 1).read_grid().as_deref(), Some(text));
    }

    #[test]
    fn resampled_images_fall_back_to_detection() {
        let text = "GC1:6BFOXN*TS0BI$ZDFRH";
        let resampled = samples(text, 3);
        assert_eq!(resampled.read_grid(), None);
        assert_eq!(
            crate::photo::decode_clean(&resampled.to_image()).as_deref(),
            Some(text)
        );
    }
}
