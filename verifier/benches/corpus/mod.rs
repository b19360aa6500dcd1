//! A deterministic corpus of distorted photos of a rendered extract, for comparing QR decoders
//! (`cargo bench -p guichet-verifier --bench decoders`, and the zxing-cpp comparison in the
//! tests). Made from `fixtures/extract/page-150dpi.png` (the extract rendered at 150 dpi) and
//! the seal text of `fixtures/extract/extract-fr.pdf`; every distortion is seeded, so the same
//! images come out on every machine.

#![allow(dead_code)]

use std::path::PathBuf;

use image::imageops::FilterType;
use image::{GrayImage, Luma};
use imageproc::geometric_transformations::{
    Border, Interpolation, Projection, rotate_about_center, warp,
};

/// One distorted image and what it shows.
pub struct Sample {
    /// The distortion family: rotation, perspective, blur, noise, jpeg, low-light, glare, small,
    /// combined.
    pub family: &'static str,
    /// The family and its parameter, e.g. `rotation-10deg`.
    pub name: String,
    /// The image, gray.
    pub image: GrayImage,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/extract")
}

/// The seal text every sample holds.
pub fn expected_text() -> String {
    let pdf =
        std::fs::read(fixtures().join("extract-fr.pdf")).expect("fixtures/extract/extract-fr.pdf");
    guichet_verifier::pdf::read_seal(&pdf)
        .expect("the fixture's seal")
        .seal_text
}

/// The clean page, gray.
pub fn page() -> GrayImage {
    let bytes = std::fs::read(fixtures().join("page-150dpi.png"))
        .expect("fixtures/extract/page-150dpi.png");
    guichet_verifier::photo::decode_gray(&bytes).expect("a PNG")
}

/// A small deterministic generator (xorshift64*), so the corpus needs no `rand`.
struct Rng(u64);

impl Rng {
    fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Approximately normal (sum of four uniforms), mean 0, standard deviation 1.
    fn normal(&mut self) -> f32 {
        let s: f32 = (0..4).map(|_| self.next_f32()).sum();
        (s - 2.0) * (3.0f32).sqrt()
    }
}

fn map(image: &GrayImage, f: impl Fn(u32, u32, f32) -> f32) -> GrayImage {
    GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let v = f(x, y, f32::from(image.get_pixel(x, y)[0]));
        Luma([v.clamp(0.0, 255.0) as u8])
    })
}

fn rotate(image: &GrayImage, degrees: f32) -> GrayImage {
    rotate_about_center(
        image,
        degrees.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(Luma([200])),
    )
}

/// The page seen from below or the side: the four corners moved by the given fractions.
fn perspective(image: &GrayImage, k: [f32; 8]) -> GrayImage {
    let (w, h) = (image.width() as f32, image.height() as f32);
    let from = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let to = [
        (k[0] * w, k[1] * h),
        (w - k[2] * w, k[3] * h),
        (w - k[4] * w, h - k[5] * h),
        (k[6] * w, h - k[7] * h),
    ];
    let p = Projection::from_control_points(from, to).expect("a projection");
    warp(
        image,
        p,
        Interpolation::Bilinear,
        Border::Constant(Luma([200])),
    )
}

fn blur(image: &GrayImage, sigma: f32) -> GrayImage {
    imageproc::filter::gaussian_blur_f32(image, sigma)
}

fn noise(image: &GrayImage, sd: f32, seed: u64) -> GrayImage {
    let mut rng = Rng(seed | 1);
    let noise: Vec<f32> = (0..image.width() * image.height())
        .map(|_| rng.normal() * sd)
        .collect();
    map(image, |x, y, v| v + noise[(y * image.width() + x) as usize])
}

fn jpeg(image: &GrayImage, quality: u8) -> GrayImage {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .expect("JPEG encoding");
    guichet_verifier::photo::decode_gray(&out).expect("a JPEG")
}

/// Dim and flat: the range squeezed to `range` above `floor`, then a gamma.
fn low_light(image: &GrayImage, floor: f32, range: f32, gamma: f32) -> GrayImage {
    map(image, |_, _, v| floor + range * (v / 255.0).powf(gamma))
}

/// A bright reflection centred at (`cx`, `cy`) (fractions of the size), of `radius` (fraction
/// of the width) and `strength` (added at the centre, fading out).
fn glare(image: &GrayImage, cx: f32, cy: f32, radius: f32, strength: f32) -> GrayImage {
    let (w, h) = (image.width() as f32, image.height() as f32);
    let r = radius * w;
    map(image, |x, y, v| {
        let d = ((x as f32 - cx * w).powi(2) + (y as f32 - cy * h).powi(2)).sqrt() / r;
        v + strength * (-d * d).exp()
    })
}

fn scale(image: &GrayImage, factor: f32) -> GrayImage {
    let w = (image.width() as f32 * factor).round() as u32;
    let h = (image.height() as f32 * factor).round() as u32;
    image::imageops::resize(image, w, h, FilterType::Triangle)
}

/// The corpus: 40 images in 9 families, from the page scaled to a phone photo's framing.
pub fn corpus() -> Vec<Sample> {
    let page = page();
    // The seal sits in the lower right quarter; the glare centre is over it.
    let (qx, qy) = (0.76, 0.84);
    let mut out = Vec::new();
    let mut add = |family: &'static str, name: String, image: GrayImage| {
        out.push(Sample {
            family,
            name: format!("{family}-{name}"),
            image,
        });
    };
    for deg in [3.0, 10.0, 30.0, 45.0, 97.0, 180.0] {
        add("rotation", format!("{deg}deg"), rotate(&page, deg));
    }
    let tilts = [
        ("top", [0.12, 0.03, 0.12, 0.03, 0.0, 0.0, 0.0, 0.0]),
        ("side", [0.0, 0.10, 0.03, 0.0, 0.03, 0.0, 0.0, 0.10]),
        ("corner", [0.08, 0.06, 0.0, 0.0, 0.05, 0.02, 0.0, 0.08]),
        ("strong", [0.22, 0.06, 0.22, 0.06, 0.0, 0.0, 0.0, 0.0]),
    ];
    for (name, k) in tilts {
        add("perspective", name.into(), perspective(&page, k));
    }
    for sigma in [1.0, 2.0, 3.0, 4.0] {
        add("blur", format!("sigma{sigma}"), blur(&page, sigma));
    }
    for (i, sd) in [15.0, 30.0, 45.0, 60.0].into_iter().enumerate() {
        add("noise", format!("sd{sd}"), noise(&page, sd, 11 + i as u64));
    }
    for q in [40, 20, 10, 5] {
        add("jpeg", format!("q{q}"), jpeg(&page, q));
    }
    for (name, floor, range, gamma) in [
        ("dim", 10.0, 90.0, 1.0),
        ("dark", 5.0, 45.0, 1.4),
        ("flat", 90.0, 50.0, 1.0),
        ("night", 2.0, 28.0, 1.8),
    ] {
        add(
            "low-light",
            name.into(),
            low_light(&page, floor, range, gamma),
        );
    }
    for (name, cx, cy, r, s) in [
        ("soft", qx, qy, 0.15, 120.0),
        ("strong", qx, qy, 0.10, 200.0),
        ("edge", qx + 0.08, qy - 0.05, 0.08, 255.0),
        ("wide", qx - 0.05, qy, 0.30, 150.0),
    ] {
        add("glare", name.into(), glare(&page, cx, cy, r, s));
    }
    for f in [0.5, 0.4, 0.33, 0.28, 0.24] {
        add("small", format!("x{f}"), scale(&page, f));
    }
    let combos: [(&str, f32, f32, f32, u8); 5] = [
        ("phone", 7.0, 1.2, 8.0, 60),
        ("hurried", -12.0, 2.0, 12.0, 40),
        ("dusk", 4.0, 1.5, 20.0, 30),
        ("far", 15.0, 0.8, 6.0, 50),
        ("worst", 25.0, 2.5, 25.0, 20),
    ];
    for (i, (name, deg, sigma, sd, q)) in combos.into_iter().enumerate() {
        let base = if name == "far" {
            scale(&page, 0.45)
        } else {
            page.clone()
        };
        let img = jpeg(
            &noise(&blur(&rotate(&base, deg), sigma), sd, 101 + i as u64),
            q,
        );
        let img = if name == "dusk" {
            low_light(&img, 15.0, 100.0, 1.2)
        } else {
            img
        };
        add("combined", name.into(), img);
    }
    out
}

/// Decodes with rxing (the zxing port, pure Rust): hybrid binarizer, QR reader, try harder.
pub fn decode_rxing(image: &GrayImage) -> Option<String> {
    use rxing::Reader as _;
    let (w, h) = image.dimensions();
    let source = rxing::Luma8LuminanceSource::new(image.as_raw().clone(), w, h).ok()?;
    let mut bitmap = rxing::BinaryBitmap::new(rxing::common::HybridBinarizer::new(source));
    let hints = rxing::DecodeHints {
        TryHarder: Some(true),
        ..Default::default()
    };
    rxing::qrcode::QRCodeReader::new()
        .decode_with_hints(&mut bitmap, &hints)
        .ok()
        .map(|r| r.getText().to_string())
}

/// Decodes with the rqrr pipeline alone: rqrr behind the verifier's preprocessing steps (what
/// the WebAssembly build and the server use).
pub fn decode_rqrr(image: &GrayImage) -> Option<String> {
    guichet_verifier::photo::read_seal_from_gray_rqrr(image).ok()
}

/// Decodes as the command line does (`guichet-verify PHOTO`, feature `rxing`): rxing first, then
/// the rqrr pipeline for what it missed.
pub fn decode_rxing_then_rqrr(image: &GrayImage) -> Option<String> {
    guichet_verifier::photo::read_seal_from_gray(image).ok()
}
