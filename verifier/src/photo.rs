//! Finds the seal in a photo or scan of a printed document.
//!
//! A phone photo is rotated, skewed, blurred, noisy, unevenly lit and JPEG-compressed; the
//! reader decodes the image (PNG, JPEG, TIFF, WebP or GIF, told apart by their first bytes),
//! converts it to gray, scales very large photos down, then tries the plain image, global
//! (Otsu) and local (adaptive) thresholds, a slight blur or sharpening and other scales,
//! returning the first text a QR code decodes to. With the feature `rxing` (the command line's),
//! rxing reads the image first and the pipeline only what it misses.

mod budget;
mod decode;
mod pipeline;
#[cfg(feature = "rxing")]
mod rxing_reader;

use image::GrayImage;

pub use decode::{ImageKind, decode_gray, sniff};

/// The largest width or height, in pixels, of an image decoded whole (every format but PNG).
pub const MAX_SIDE: u32 = 16_384;
/// The largest number of pixels of an image decoded whole (a 50-megapixel photo).
pub const MAX_PIXELS: u64 = 50_000_000;
/// The largest width or height, in pixels, of a PNG, which is decoded row by row and scaled
/// down as it is read (its memory does not grow with its size, only its decoding time).
pub const MAX_PNG_SIDE: u32 = 65_535;
/// The largest number of pixels of a PNG decoded row by row (about a second per 100 megapixels).
pub const MAX_PNG_PIXELS: u64 = 400_000_000;

/// Why no seal could be read from an image.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    /// The image decodes, but no QR code in it does.
    #[error("no readable seal in the image")]
    NoSeal,
    /// The bytes are an image format the reader decodes, but they do not decode (damaged).
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
    /// The bytes are an image in a format the reader does not decode (HEIC, AVIF, …), or not
    /// an image at all.
    #[error("unsupported image format: {0}")]
    Unsupported(String),
}

/// Reads the seal text from a photo or scan of a sealed document (PNG, JPEG, TIFF, WebP, GIF).
///
/// The image's dimensions are checked from its header before it is decoded; see
/// [`decode_gray`] for the limits.
pub fn read_seal(image: &[u8]) -> Result<String, PhotoError> {
    read_seal_from_gray(&decode_gray(image)?)
}

/// Reads the seal text from a grayscale image: rxing first (feature `rxing`), then the
/// preprocessing steps in turn.
pub fn read_seal_from_gray(image: &GrayImage) -> Result<String, PhotoError> {
    let (width, height) = image.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    #[cfg(feature = "rxing")]
    if let Some(text) = rxing_reader::decode(image) {
        return Ok(text);
    }
    pipeline::decode(image).ok_or(PhotoError::NoSeal)
}

/// Reads the seal text from a grayscale image with the rqrr pipeline alone (what the WebAssembly
/// build uses; the decoder benchmark compares it with rxing).
pub fn read_seal_from_gray_rqrr(image: &GrayImage) -> Result<String, PhotoError> {
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
