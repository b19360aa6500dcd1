//! From image bytes to a grayscale image: format sniffing, limits, scaled PNG decoding.

use std::io::Cursor;

use image::{GrayImage, ImageFormat, ImageReader, Limits, Luma};
use png::{ColorType, Transformations};

use super::{MAX_PIXELS, MAX_PNG_PIXELS, MAX_PNG_SIDE, MAX_SIDE, PhotoError};

/// A PNG is scaled down while it is read so that its longer side is about this many pixels
/// (twice what the QR pipeline works on).
const PNG_TARGET_SIDE: u32 = 4000;

/// What an input's first bytes say about it as an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// An image format the reader decodes.
    Readable(ImageFormat),
    /// A known image format the reader does not decode (no well-kept pure-Rust decoder):
    /// its name, for the message.
    Unsupported(&'static str),
}

/// Tells an image format from its magic bytes (never from a file name); `None` when the bytes
/// start like no image format known here.
///
/// Readable: PNG, JPEG, TIFF (and BigTIFF), WebP, GIF. Named but not readable: HEIC/HEIF and
/// AVIF (ISO-BMFF `ftyp` brands, the iPhone's default), JPEG XL, JPEG 2000, BMP.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    use ImageKind::{Readable, Unsupported};
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some(Readable(ImageFormat::Png))
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Some(Readable(ImageFormat::Jpeg))
    } else if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        Some(Readable(ImageFormat::Tiff))
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(Readable(ImageFormat::WebP))
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some(Readable(ImageFormat::Gif))
    } else if bytes.get(4..8) == Some(b"ftyp") {
        let brand = bytes.get(8..12)?;
        match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Some(Unsupported("HEIC/HEIF"))
            }
            b"avif" | b"avis" => Some(Unsupported("AVIF")),
            _ => None,
        }
    } else if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0CJXL \r\n\x87\n") {
        Some(Unsupported("JPEG XL"))
    } else if starts(b"\0\0\0\x0CjP  \r\n\x87\n") || starts(&[0xFF, 0x4F, 0xFF, 0x51]) {
        Some(Unsupported("JPEG 2000"))
    } else if starts(b"BM") && bytes.len() > 26 && bytes.get(6..10) == Some(&[0, 0, 0, 0]) {
        Some(Unsupported("BMP"))
    } else {
        None
    }
}

/// Decodes an image to 8-bit gray (alpha ignored), its format told by [`sniff`].
///
/// A PNG is decoded row by row and scaled down by whole factors (box average) as it is read,
/// up to [`MAX_PNG_SIDE`] a side and [`MAX_PNG_PIXELS`]; other formats are decoded whole, up to
/// [`MAX_SIDE`] a side and [`MAX_PIXELS`], checked from the header first and enforced again by
/// the decoder's [`Limits`]. Errors: [`PhotoError::Unsupported`] for a format not read (or not
/// an image), [`PhotoError::TooLarge`] beyond the limits, [`PhotoError::Unreadable`] for bytes
/// that do not decode.
pub fn decode_gray(bytes: &[u8]) -> Result<GrayImage, PhotoError> {
    match sniff(bytes) {
        Some(ImageKind::Readable(ImageFormat::Png)) => decode_png_scaled(bytes),
        Some(ImageKind::Readable(format)) => decode_whole(bytes, format),
        Some(ImageKind::Unsupported(name)) => Err(PhotoError::Unsupported(name.into())),
        None => Err(PhotoError::Unsupported("not an image".into())),
    }
}

fn unreadable(e: impl std::fmt::Display) -> PhotoError {
    PhotoError::Unreadable(e.to_string())
}

fn too_large(width: u32, height: u32, max_side: u32, max_pixels: u64) -> bool {
    width > max_side || height > max_side || u64::from(width) * u64::from(height) > max_pixels
}

fn decode_whole(bytes: &[u8], format: ImageFormat) -> Result<GrayImage, PhotoError> {
    let reader = || ImageReader::with_format(Cursor::new(bytes), format);
    let (width, height) = reader().into_dimensions().map_err(unreadable)?;
    if too_large(width, height, MAX_SIDE, MAX_PIXELS) {
        return Err(PhotoError::TooLarge { width, height });
    }
    let mut reader = reader();
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    Ok(reader.decode().map_err(unreadable)?.into_luma8())
}

/// Decodes a PNG row by row into a gray image scaled down by the whole factor that brings its
/// longer side to at most [`PNG_TARGET_SIDE`]; memory stays one row plus the scaled image.
fn decode_png_scaled(bytes: &[u8]) -> Result<GrayImage, PhotoError> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let (width, height) = (reader.info().width, reader.info().height);
    if too_large(width, height, MAX_PNG_SIDE, MAX_PNG_PIXELS) {
        return Err(PhotoError::TooLarge { width, height });
    }
    let factor = width.max(height).div_ceil(PNG_TARGET_SIDE).max(1);
    if reader.info().interlaced || factor == 1 {
        // Interlaced rows come in passes; small images need no scaling: decode whole.
        if too_large(width, height, MAX_SIDE, MAX_PIXELS) {
            return Err(PhotoError::TooLarge { width, height });
        }
        return decode_whole(bytes, ImageFormat::Png);
    }
    let channels = match reader.output_color_type().0 {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb => 3,
        ColorType::Rgba => 4,
        ColorType::Indexed => return Err(unreadable("palette not expanded")),
    };
    let (out_w, out_h) = (width.div_ceil(factor), height.div_ceil(factor));
    let mut out = GrayImage::new(out_w, out_h);
    let mut sums = vec![0u32; out_w as usize];
    let mut counts = vec![0u32; out_w as usize];
    let mut y = 0u32;
    while let Some(row) = reader.next_row().map_err(unreadable)? {
        for (x, pixel) in row.data().chunks_exact(channels).enumerate() {
            let gray = match pixel {
                [g] | [g, _] => u32::from(*g),
                [r, g, b, ..] => {
                    (2126 * u32::from(*r) + 7152 * u32::from(*g) + 722 * u32::from(*b)) / 10_000
                }
                [] => 0,
            };
            let column = x / factor as usize;
            if let (Some(sum), Some(count)) = (sums.get_mut(column), counts.get_mut(column)) {
                *sum += gray;
                *count += 1;
            }
        }
        y += 1;
        if y % factor == 0 || y == height {
            let out_y = (y - 1) / factor;
            if out_y < out_h {
                for (x, (sum, count)) in sums.iter_mut().zip(counts.iter_mut()).enumerate() {
                    let value = sum.checked_div(*count).unwrap_or(255);
                    out.put_pixel(x as u32, out_y, Luma([value.min(255) as u8]));
                    (*sum, *count) = (0, 0);
                }
            }
        }
    }
    if y < height {
        return Err(unreadable("the PNG ends before its last row"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_magic_bytes() {
        let readable = |b: &[u8]| match sniff(b) {
            Some(ImageKind::Readable(f)) => Some(f),
            _ => None,
        };
        assert_eq!(readable(b"\x89PNG\r\n\x1a\n...."), Some(ImageFormat::Png));
        assert_eq!(readable(&[0xFF, 0xD8, 0xFF, 0xE1]), Some(ImageFormat::Jpeg));
        assert_eq!(readable(b"II*\0\x08\0\0\0"), Some(ImageFormat::Tiff));
        assert_eq!(readable(b"MM\0*\0\0\0\x08"), Some(ImageFormat::Tiff));
        assert_eq!(readable(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        assert_eq!(readable(b"GIF89a\x01\0"), Some(ImageFormat::Gif));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(sniff(heic), Some(ImageKind::Unsupported("HEIC/HEIF")));
        let avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1";
        assert_eq!(sniff(avif), Some(ImageKind::Unsupported("AVIF")));
        assert_eq!(sniff(b"GC1:6BF"), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn a_heic_photo_is_unsupported_not_damaged() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(
            decode_gray(heic),
            Err(PhotoError::Unsupported("HEIC/HEIF".into()))
        );
    }
}
