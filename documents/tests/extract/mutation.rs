//! Deterministic mutations of a genuine PDF and PNG: always an error or a changed digest, never a panic.

use std::io::Cursor;

use guichet_documents::extract::Language;
use guichet_verifier::{pdf, photo};
use image::{GrayImage, ImageFormat, Luma};

use super::support::{self, no_entry};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

#[test]
fn random_byte_changes_to_a_pdf_never_panic() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let mut rng = Rng(0x5EA1);
    for _ in 0..300 {
        let mut pdf = sealed.pdf.clone();
        for _ in 0..=rng.below(3) {
            let at = rng.below(pdf.len());
            pdf[at] = rng.below(256) as u8;
        }
        let _ = pdf::read_seal(&pdf);
        let _ = pdf::content_digest(&pdf);
    }
}

#[test]
fn any_byte_changed_in_the_page_text_is_an_error_or_another_digest() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let start = sealed.pdf.windows(6).position(|w| w == b"BT /F2").unwrap();
    let end = start
        + sealed.pdf[start..]
            .windows(9)
            .position(|w| w == b"endstream")
            .unwrap();
    let mut rng = Rng(0xC0FFEE);
    for _ in 0..120 {
        let mut pdf = sealed.pdf.clone();
        let at = start + rng.below(end - start);
        pdf[at] = pdf[at].wrapping_add(1 + rng.below(255) as u8);
        if let Ok(read) = pdf::read_seal(&pdf) {
            assert_ne!(
                read.content_digest, sealed.digest,
                "byte {at} changed, digest did not"
            );
        }
    }
}

#[test]
fn every_truncation_of_a_pdf_is_an_error() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let mut rng = Rng(0x7A11);
    let eof = sealed.pdf.len() - b"%%EOF\n".len();
    for len in (0..eof).step_by(97).chain((0..40).map(|_| rng.below(eof))) {
        assert!(
            pdf::read_seal(&sealed.pdf[..len]).is_err(),
            "truncated to {len} bytes"
        );
    }
}

#[test]
fn random_changes_and_truncations_of_a_png_are_errors_never_panics() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let Some(page) = support::pdftoppm(&sealed.pdf, 100, "mutation-page") else {
        return;
    };
    // The seal's corner of the page keeps each attempt fast.
    let gray = image::load_from_memory(&page).unwrap().into_luma8();
    let (w, h) = gray.dimensions();
    let corner: GrayImage =
        image::imageops::crop_imm(&gray, w / 2, h * 2 / 3, w / 2, h / 3).to_image();
    let mut png = Cursor::new(Vec::new());
    corner.write_to(&mut png, ImageFormat::Png).unwrap();
    let png = png.into_inner();
    assert_eq!(photo::read_seal(&png).unwrap(), sealed.seal_text);
    let mut rng = Rng(0x9E6);
    for _ in 0..60 {
        let mut bytes = png.clone();
        // Past the signature and header: damaged image data fails its checksum.
        let at = 33 + rng.below(bytes.len() - 45);
        bytes[at] ^= 1 << rng.below(8);
        assert!(photo::read_seal(&bytes).is_err(), "byte {at} changed");
    }
    for _ in 0..20 {
        let len = rng.below(png.len() - 12);
        assert!(photo::read_seal(&png[..len]).is_err(), "truncated to {len}");
    }
    let _ = photo::read_seal_from_gray(&GrayImage::from_pixel(1, 1, Luma([0])));
}
