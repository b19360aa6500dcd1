//! Finds the seal in a photo or scan of a printed document.
//!
//! A phone photo is rotated, skewed, blurred, noisy, unevenly lit and JPEG-compressed; the
//! reader decodes the image, converts it to gray, scales very large photos down, then tries
//! the plain image, global (Otsu) and local (adaptive) thresholds, a slight blur or sharpening
//! and other scales, returning the first text a QR code decodes to.

mod pipeline;

use std::io::Cursor;

use image::{GrayImage, ImageReader, Limits};

/// The largest width or height, in pixels, of an image the reader decodes.
pub const MAX_SIDE: u32 = 16_384;
/// The largest number of pixels of an image the reader decodes (a 50-megapixel photo).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Why no seal could be read from an image.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    /// The image decodes, but no QR code in it does.
    #[error("no readable seal in the image")]
    NoSeal,
    /// The bytes are not a PNG or JPEG image that decodes.
    #[error("not a readable image: {0}")]
    Unreadable(String),
    /// The image is larger than the reader accepts.
    #[error("the image is too large ({width}×{height} pixels)")]
    TooLarge {
        /// Width in pixels, from the image header.
        width: u32,
        /// Height in pixels, from the image header.
        height: u32,
    },
}

/// Reads the seal text from a PNG or JPEG photo or scan of a sealed document.
///
/// The image's dimensions are checked from its header before it is decoded.
pub fn read_seal(image: &[u8]) -> Result<String, PhotoError> {
    let unreadable = |e: &dyn std::fmt::Display| PhotoError::Unreadable(e.to_string());
    let reader = || {
        ImageReader::new(Cursor::new(image))
            .with_guessed_format()
            .map_err(|e| unreadable(&e))
    };
    let (width, height) = reader()?.into_dimensions().map_err(|e| unreadable(&e))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    let mut reader = reader()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let gray = reader.decode().map_err(|e| unreadable(&e))?.into_luma8();
    read_seal_from_gray(&gray)
}

/// Reads the seal text from a grayscale image, trying the preprocessing steps in turn.
pub fn read_seal_from_gray(image: &GrayImage) -> Result<String, PhotoError> {
    let (width, height) = image.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    pipeline::decode(image).ok_or(PhotoError::NoSeal)
}

/// Decodes a clean, digital image (the PDF's own seal image) without preprocessing.
pub(crate) fn decode_clean(image: &GrayImage) -> Option<String> {
    pipeline::try_decode(image)
}
