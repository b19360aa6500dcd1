//! The preprocessing steps tried in turn on a photo until a QR code decodes.

use std::panic::{AssertUnwindSafe, catch_unwind};

use image::GrayImage;
use image::imageops::{self, FilterType};
use imageproc::contrast::{ThresholdType, adaptive_threshold, otsu_level, threshold};
use imageproc::filter::{gaussian_blur_f32, sharpen_gaussian};

/// Photos are scaled down so that their longer side is at most this many pixels.
const WORK_SIDE: u32 = 2000;
/// Small photos are scaled up to at most this many pixels: imageproc's adaptive threshold sums
/// pixels in `u32` (255 × 2 × 8.4 M would overflow)…
const MAX_WORK_PIXELS: f32 = 8_000_000.0;
/// …and by at most this factor.
const UP_FACTOR: f32 = 3.0;
/// Images smaller than this on their shorter side are not worth trying.
const MIN_SIDE: u32 = 21;

/// Tries the preprocessing steps in turn; the first decoded text wins.
pub(super) fn decode(image: &GrayImage) -> Option<String> {
    let (w, h) = image.dimensions();
    if w.min(h) < MIN_SIDE {
        return None;
    }
    let base = scale_to(image, WORK_SIDE.min(w.max(h)));
    let long = base.width().max(base.height());
    // Cheapest first: rqrr's own local threshold, then global and local thresholds.
    let steps: [&dyn Fn(&GrayImage) -> GrayImage; 6] = [
        &|img| otsu(img),
        &|img| adaptive(img, long / 40, 10),
        &|img| otsu(&gaussian_blur_f32(img, 1.0)),
        &|img| adaptive(&gaussian_blur_f32(img, 1.5), long / 25, 5),
        &|img| adaptive(&sharpen_gaussian(img, 1.0, 1.5), long / 60, 8),
        &|img| adaptive(img, long / 12, 15),
    ];
    if let Some(text) = try_decode(&base) {
        return Some(text);
    }
    for step in &steps {
        if let Some(text) = try_decode(&step(&base)) {
            return Some(text);
        }
    }
    // Small modules (a low-resolution photo): scale up, then threshold locally.
    let pixels = base.width() as f32 * base.height() as f32;
    let up = (MAX_WORK_PIXELS / pixels).sqrt().min(UP_FACTOR);
    if up >= 1.3 {
        let (w, h) = base.dimensions();
        let larger = imageops::resize(
            &base,
            (w as f32 * up) as u32,
            (h as f32 * up) as u32,
            FilterType::CatmullRom,
        );
        let l = larger.width().max(larger.height());
        let steps: [&dyn Fn(&GrayImage) -> GrayImage; 6] = [
            &|img| img.clone(),
            &|img| adaptive(img, l / 40, 3),
            &|img| adaptive(img, l / 80, 5),
            &|img| adaptive(&gaussian_blur_f32(img, up), l / 60, 5),
            &|img| adaptive(&gaussian_blur_f32(img, up / 2.0), l / 100, 2),
            &|img| adaptive(&sharpen_gaussian(img, up, 1.0), l / 80, 8),
        ];
        for step in &steps {
            if let Some(text) = try_decode(&step(&larger)) {
                return Some(text);
            }
        }
    }
    // Large modules or heavy noise: scale down.
    let smaller = scale_to(&base, long / 2);
    if let Some(text) = try_decode(&smaller) {
        return Some(text);
    }
    if let Some(text) = try_decode(&adaptive(&smaller, long / 60, 6)) {
        return Some(text);
    }
    // White-on-black codes.
    let mut inverted = base;
    imageops::invert(&mut inverted);
    try_decode(&inverted)
}

/// Runs rqrr on `image`; the first grid that decodes wins.
pub(crate) fn try_decode(image: &GrayImage) -> Option<String> {
    if image.width().min(image.height()) < MIN_SIDE {
        return None;
    }
    // rqrr parses what the camera saw: a panic in it must not take the verifier down.
    catch_unwind(AssertUnwindSafe(|| {
        let mut prepared = rqrr::PreparedImage::prepare(image.clone());
        prepared
            .detect_grids()
            .into_iter()
            .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    }))
    .ok()
    .flatten()
}

/// Scales `image` so that its longer side is `side` pixels (unchanged if it already is).
fn scale_to(image: &GrayImage, side: u32) -> GrayImage {
    let (w, h) = image.dimensions();
    let long = w.max(h);
    if long == side || side < MIN_SIDE {
        return image.clone();
    }
    let nw = (u64::from(w) * u64::from(side) / u64::from(long)).max(1) as u32;
    let nh = (u64::from(h) * u64::from(side) / u64::from(long)).max(1) as u32;
    imageops::resize(image, nw, nh, FilterType::Triangle)
}

fn otsu(image: &GrayImage) -> GrayImage {
    threshold(image, otsu_level(image), ThresholdType::Binary)
}

fn adaptive(image: &GrayImage, radius: u32, delta: i32) -> GrayImage {
    adaptive_threshold(image, radius.max(2), delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_or_empty_images_decode_to_nothing() {
        assert_eq!(decode(&GrayImage::new(0, 0)), None);
        assert_eq!(decode(&GrayImage::new(5, 3000)), None);
    }

    #[test]
    fn blank_image_decodes_to_nothing() {
        assert_eq!(
            decode(&GrayImage::from_pixel(300, 200, image::Luma([255]))),
            None
        );
    }
}
