//! rxing (the pure-Rust port of ZXing) as the photo reader's first try: on the decoder corpus
//! (`cargo bench -p guichet-verifier --bench decoders`) it reads more of the distorted photos
//! than the rqrr pipeline, in a fraction of its time; the pipeline still reads what it misses.

use std::panic::{AssertUnwindSafe, catch_unwind};

use image::GrayImage;
use rxing::Reader as _;

/// The text of the first QR code rxing finds in `image` (hybrid binarizer, "try harder"), or
/// `None`. rxing parses what the camera saw: a panic in it is a miss, not a crash.
pub(super) fn decode(image: &GrayImage) -> Option<String> {
    let (width, height) = image.dimensions();
    catch_unwind(AssertUnwindSafe(|| {
        let source = rxing::Luma8Source::new_with_slice(image.as_raw(), width, height).ok()?;
        let mut bitmap = rxing::BinaryBitmap::new(rxing::common::HybridBinarizer::new(source));
        let hints = rxing::DecodeHints {
            TryHarder: Some(true),
            ..Default::default()
        };
        rxing::qrcode::QRCodeReader::new()
            .decode_with_hints(&mut bitmap, &hints)
            .ok()
            .map(|r| r.getText().to_string())
    }))
    .ok()
    .flatten()
}
