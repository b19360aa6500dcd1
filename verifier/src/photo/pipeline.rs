//! The preprocessing steps tried in turn on a photo until a QR code decodes.
//!
//! The work per photo is bounded: a fixed list of steps, each on an image of bounded size, and
//! the QR detector's own work capped by a [`Meter`] shared by all steps: each step is allowed
//! [`WORK_PER_PIXEL`] per pixel of its image, and all steps together [`WORK_FOR_GRIDS`] more.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use image::GrayImage;
use image::imageops::{self, FilterType};
use imageproc::contrast::{ThresholdType, adaptive_threshold, otsu_level, threshold};
use imageproc::filter::{gaussian_blur_f32, sharpen_gaussian};

use super::budget::{Meter, Metered};

/// Photos are scaled down so that their longer side is at most this many pixels.
const WORK_SIDE: u32 = 2000;
/// Small photos are scaled up to at most this many pixels: imageproc's adaptive threshold sums
/// pixels in `u32` (255 × 2 × 8.4 M would overflow)…
const MAX_WORK_PIXELS: f32 = 8_000_000.0;
/// …and by at most this factor.
const UP_FACTOR: f32 = 3.0;
/// The QR detector's work allowed on one image, in pixel reads and writes per pixel (see
/// [`Meter`]): finding the candidate corner patterns costs about 5, and on the test photos
/// finding and decoding the code at most 6.5…
pub(super) const WORK_PER_PIXEL: u64 = 10;
/// …plus this many per photo, across all steps, for fitting and sampling candidate grids
/// whatever the image's size: about twenty fits of a version-10 code (the seal's size), or one
/// of the largest, version 40. On noise, rqrr may try thousands of candidate grids and copy
/// the image for each: the budget cuts that short.
pub(super) const WORK_FOR_GRIDS: u64 = 1 << 25;
/// Images smaller than this on their shorter side are not worth trying.
const MIN_SIDE: u32 = 21;

/// Tries the preprocessing steps in turn; the first decoded text wins.
pub(super) fn decode(image: &GrayImage) -> Option<String> {
    let (w, h) = image.dimensions();
    if w.min(h) < MIN_SIDE {
        return None;
    }
    let meter = Meter::new(WORK_FOR_GRIDS);
    let try_decode = |image: &GrayImage| try_decode_metered(image, &meter).0;
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
    // Small modules (a low-resolution photo): scale up, then threshold locally. Each step on
    // the larger image costs as much as several on the base one: only the two that read the
    // low-resolution test photos (a threshold of the larger image found the 112-dpi phone
    // photos, rqrr's own threshold is the cheapest) are tried, so that an image without a code
    // is given up on quickly. Bilinear scaling reads them as well as Catmull-Rom did, in a
    // fraction of the time (which was 40 % of all the work on an image without a code).
    let pixels = base.width() as f32 * base.height() as f32;
    let up = (MAX_WORK_PIXELS / pixels).sqrt().min(UP_FACTOR);
    if up >= 1.3 {
        let (w, h) = base.dimensions();
        let larger = imageops::resize(
            &base,
            (w as f32 * up) as u32,
            (h as f32 * up) as u32,
            FilterType::Triangle,
        );
        let l = larger.width().max(larger.height());
        if let Some(text) = try_decode(&adaptive(&larger, l / 40, 3)) {
            return Some(text);
        }
        if let Some(text) = try_decode(&larger) {
            return Some(text);
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

/// Runs rqrr on `image` with a budget of its own; the first grid that decodes wins.
pub(crate) fn try_decode(image: &GrayImage) -> Option<String> {
    try_decode_metered(image, &Meter::new(WORK_FOR_GRIDS)).0
}

/// Runs rqrr on `image`, allowing it [`WORK_PER_PIXEL`] more on `meter`; the first grid that
/// decodes wins. Also says whether the budget ran out (and cut the search short).
fn try_decode_metered(image: &GrayImage, meter: &Rc<Meter>) -> (Option<String>, bool) {
    let (w, h) = image.dimensions();
    if w.min(h) < MIN_SIDE {
        return (None, false);
    }
    meter.grant(u64::from(w) * u64::from(h) * WORK_PER_PIXEL);
    let metered = Metered::new(image.clone(), Rc::clone(meter));
    // rqrr parses what the camera saw: a panic in it must not take the verifier down. Once
    // the budget is spent, the meter unwinds out of rqrr to here too.
    let text = catch_unwind(AssertUnwindSafe(|| {
        let mut prepared = rqrr::PreparedImage::prepare(metered);
        prepared
            .detect_grids()
            .into_iter()
            .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    }))
    .ok()
    .flatten();
    (text, meter.exhausted())
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

    /// A sheet of finder patterns (the QR code's corner squares), `n` by `n`: every triple of
    /// them is a candidate grid for rqrr.
    fn finder_patterns(n: u32) -> GrayImage {
        let (module, pitch) = (4, 40);
        GrayImage::from_fn(n * pitch + 20, n * pitch + 20, |x, y| {
            let (cx, cy) = (
                (x.saturating_sub(10)) % pitch,
                (y.saturating_sub(10)) % pitch,
            );
            let (mx, my) = (cx / module, cy / module);
            let ring = |m: u32| m == 0 || m == 6;
            let inside = x >= 10 && y >= 10 && mx < 7 && my < 7;
            let black = inside
                && (ring(mx) || ring(my) || ((2..=4).contains(&mx) && (2..=4).contains(&my)));
            image::Luma([if black { 0 } else { 255 }])
        })
    }

    /// A QR code of `text`, 4 pixels a module, with its quiet zone.
    fn qrcode_image(text: &str) -> GrayImage {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
        let (width, colors) = (code.width() as i64, code.to_colors());
        let side = (code.width() as u32 + 8) * 4;
        GrayImage::from_fn(side, side, |x, y| {
            let (mx, my) = (i64::from(x / 4) - 4, i64::from(y / 4) - 4);
            let inside = (0..width).contains(&mx) && (0..width).contains(&my);
            let dark = inside && colors[(my * width + mx) as usize] == qrcode::Color::Dark;
            image::Luma([if dark { 0 } else { 255 }])
        })
    }

    #[test]
    fn many_candidate_grids_stop_at_the_work_budget() {
        let sheet = finder_patterns(16);
        let meter = Meter::new(WORK_FOR_GRIDS);
        let (text, exhausted) = try_decode_metered(&sheet, &meter);
        assert_eq!(text, None);
        assert!(exhausted, "the budget should have cut the search short");
    }

    #[test]
    fn the_allowance_for_candidate_grids_is_spent_once_per_photo() {
        let sheet = finder_patterns(16);
        let meter = Meter::new(WORK_FOR_GRIDS);
        assert!(try_decode_metered(&sheet, &meter).1);
        let first = meter.spent();
        assert!(first > WORK_FOR_GRIDS, "{first}");
        // A second step on the same photo has its per-pixel allowance only.
        let (text, exhausted) = try_decode_metered(&sheet, &meter);
        assert_eq!(text, None);
        assert!(exhausted);
        let pixels = u64::from(sheet.width()) * u64::from(sheet.height());
        assert!(meter.spent() - first <= pixels * (WORK_PER_PIXEL + 1));
    }

    #[test]
    fn a_clean_code_is_read_well_within_the_budget() {
        let code = qrcode_image("HC1:budget");
        let (text, exhausted) = try_decode_metered(&code, &Meter::new(WORK_FOR_GRIDS));
        assert_eq!(text.as_deref(), Some("HC1:budget"));
        assert!(!exhausted);
    }

    #[test]
    fn blank_image_decodes_to_nothing() {
        assert_eq!(
            decode(&GrayImage::from_pixel(300, 200, image::Luma([255]))),
            None
        );
    }
}
