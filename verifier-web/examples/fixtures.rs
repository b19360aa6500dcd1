//! The browser tests' inputs, made with the real issuing code (no server needed).
//!
//! `cargo run -p guichet-verifier-web --example fixtures -- issue OUT_DIR` writes a trust anchor
//! (`trust-anchor.hex`), the anchor-signed trust list (`trust-list.cose`), a sealed extract
//! (`extract.pdf`, issued now), a copy with one letter of the name changed
//! (`extract-tampered.pdf`), and the same extract sealed by a key no trust list publishes
//! (`unknown-key.pdf`); another extract (`revoked.pdf`, number 7B2E5D10) and the anchor-signed
//! revocation list that revokes it (`revocation-list.cose`, signed now), and the same list signed
//! ten days ago (`revocation-list-stale.cose`, past the page's default maximum age of 7 days).
//!
//! `... --example fixtures -- camera PAGE.png OUT_DIR` turns a rendered page (`pdftoppm -png`)
//! into what a phone sees: `photo.jpg` (the page a little rotated, JPEG), and 640×480 Y4M videos
//! for Chromium's fake camera framed on the QR code: `straight.y4m`, `tilted.y4m` (15°) and
//! `blurred.y4m` (Gaussian, σ = 1.2 px); and `corpus/*.png`, the decoder benchmark's frames
//! (those three, a small code, low light, noise, tilted and blurred at once).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::Write as _;
use std::path::Path;

use ed25519_dalek::SigningKey;
use guichet_documents::extract::{self, ExtractContent, Language, Outcome, Subject};
use guichet_verifier::revocation::{RevocationList, RevocationReason, RevokedDocument};
use guichet_verifier::seal::{Bulletin, DocumentId};
use guichet_verifier::seal::{DocumentType, Issuer, KeyId};
use guichet_verifier::trust::{TrustList, TrustedKey};
use image::{GrayImage, Luma, imageops};
use imageproc::geometric_transformations::{Border, Interpolation, rotate_about_center};
use time::{Duration, OffsetDateTime, macros::date};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["issue", out] => issue(Path::new(out)),
        ["camera", page, out] => camera(Path::new(page), Path::new(out)),
        _ => panic!("usage: fixtures issue OUT_DIR | fixtures camera PAGE.png OUT_DIR"),
    }
}

fn issue(out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap() - Duration::minutes(10);
    let anchor = SigningKey::from_bytes(&[7; 32]);
    let issuer = Issuer::new(SigningKey::from_bytes(&[11; 32]));
    let stranger = Issuer::new(SigningKey::from_bytes(&[13; 32]));
    let list = TrustList::new(1, now).with_key(TrustedKey {
        key_id: KeyId::for_public_key(&issuer.signing_key.verifying_key()),
        issuer: "Ministère de la Justice".into(),
        public_key: issuer.signing_key.verifying_key(),
        document_types: vec![DocumentType::CriminalRecordExtract],
        valid_from: now - Duration::days(30),
        valid_until: now + Duration::days(365),
    });
    std::fs::write(out.join("trust-list.cose"), list.sign(&anchor).unwrap()).unwrap();
    let anchor_hex = hex(anchor.verifying_key().as_bytes());
    std::fs::write(out.join("trust-anchor.hex"), format!("{anchor_hex}\n")).unwrap();

    let content = ExtractContent {
        subject: Subject {
            family_name: "Schmit".into(),
            given_names: "Marie".into(),
            birth_date: date!(1984 - 03 - 12),
            birth_place: "Luxembourg".into(),
        },
        bulletin: Bulletin::No3,
        purpose: None,
        outcome: Outcome::NoEntry,
        document_number: "4F1C09A2".into(),
        issue_date: now.date(),
        authority: "Ministère de la Justice".into(),
        language: Language::Fr,
        verification_code: Some("K7MX-PR4C".into()),
    };
    let genuine = extract::issue(&content, &issuer, now).unwrap();
    std::fs::write(out.join("extract.pdf"), &genuine.pdf).unwrap();
    std::fs::write(
        out.join("extract-tampered.pdf"),
        tamper(&genuine.pdf, "Schmit"),
    )
    .unwrap();
    let forged = extract::issue(&content, &stranger, now).unwrap();
    std::fs::write(out.join("unknown-key.pdf"), &forged.pdf).unwrap();
    std::fs::write(out.join("seal.txt"), &genuine.seal_text).unwrap();

    let revoked = ExtractContent {
        document_number: "7B2E5D10".into(),
        verification_code: Some("H3TW-9QZD".into()),
        ..content
    };
    let revoked_pdf = extract::issue(&revoked, &issuer, now).unwrap();
    std::fs::write(out.join("revoked.pdf"), &revoked_pdf.pdf).unwrap();
    let revocations = |issued_at: OffsetDateTime| {
        RevocationList::new(1, issued_at)
            .with(RevokedDocument {
                document_id: DocumentId::parse("7B2E5D10").unwrap(),
                reason: RevocationReason::Withdrawn,
                revoked_at: issued_at - Duration::minutes(1),
            })
            .sign(&anchor)
            .unwrap()
    };
    std::fs::write(out.join("revocation-list.cose"), revocations(now)).unwrap();
    std::fs::write(
        out.join("revocation-list-stale.cose"),
        revocations(now - Duration::days(10)),
    )
    .unwrap();
    println!(
        "fixtures written to {} (anchor {anchor_hex})",
        out.display()
    );
}

/// Changes the last letter of the family name in the page's content stream.
fn tamper(pdf: &[u8], family_name: &str) -> Vec<u8> {
    let shown = format!("({family_name}) Tj");
    let at = pdf
        .windows(shown.len())
        .position(|w| w == shown.as_bytes())
        .expect("the name is in the content stream");
    let last = at + family_name.len();
    let mut copy = pdf.to_vec();
    copy[last] = if copy[last] == b'd' { b't' } else { b'd' };
    copy
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn camera(page: &Path, out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let page = image::open(page).unwrap().to_luma8();

    // A photo of the whole page: rotated 4°, JPEG at quality 80.
    let photo = rotate_about_center(
        &page,
        4f32.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(Luma([255])),
    );
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&photo)
        .unwrap();
    std::fs::write(out.join("photo.jpg"), jpeg).unwrap();

    // The camera framed on the QR code, as someone pointing a phone at it.
    let window = qr_window(&page);
    let framed =
        imageops::crop_imm(&page, window.0, window.1, window.2, window.2 * 3 / 4).to_image();
    let straight = imageops::resize(&framed, 640, 480, imageops::FilterType::Triangle);
    write_y4m(&out.join("straight.y4m"), &straight);
    let tilted = rotate_about_center(
        &straight,
        15f32.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(Luma([200])),
    );
    write_y4m(&out.join("tilted.y4m"), &tilted);
    let blurred = imageproc::filter::gaussian_blur_f32(&straight, 1.2);
    write_y4m(&out.join("blurred.y4m"), &blurred);

    // The decoder benchmark's corpus: camera frames as PNG, and harder ones.
    let corpus = out.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let small = {
        let mut canvas = GrayImage::from_pixel(640, 480, Luma([235]));
        let half = imageops::resize(&straight, 240, 180, imageops::FilterType::Triangle);
        imageops::overlay(&mut canvas, &half, 200, 150);
        canvas
    };
    let dark = imageproc::map::map_pixels(&straight, |Luma([v])| Luma([v / 4 + 12]));
    let noisy = imageproc::noise::gaussian_noise(&straight, 0.0, 28.0, 42);
    let skewed = rotate_about_center(
        &blurred,
        35f32.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(Luma([220])),
    );
    for (name, frame) in [
        ("straight", &straight),
        ("tilted", &tilted),
        ("blurred", &blurred),
        ("small", &small),
        ("dark", &dark),
        ("noisy", &noisy),
        ("tilted-blurred", &skewed),
    ] {
        frame.save(corpus.join(format!("{name}.png"))).unwrap();
    }
    println!("camera inputs written to {}", out.display());
}

/// A square-ish window (x, y, width) around the page's QR code, the code a third of its width.
fn qr_window(page: &GrayImage) -> (u32, u32, u32) {
    let mut prepared = rqrr::PreparedImage::prepare(page.clone());
    let grid = prepared
        .detect_grids()
        .into_iter()
        .next()
        .expect("a QR code on the page");
    let xs = grid.bounds.iter().map(|p| p.x);
    let ys = grid.bounds.iter().map(|p| p.y);
    let (x0, x1) = (xs.clone().min().unwrap(), xs.max().unwrap());
    let (y0, y1) = (ys.clone().min().unwrap(), ys.max().unwrap());
    let side = u32::try_from((x1 - x0).max(y1 - y0)).unwrap();
    let width = (side * 3).min(page.width());
    let cx = u32::try_from((x0 + x1) / 2).unwrap();
    let cy = u32::try_from((y0 + y1) / 2).unwrap();
    let x = cx.saturating_sub(width / 2).min(page.width() - width);
    let y = cy
        .saturating_sub(width * 3 / 8)
        .min(page.height().saturating_sub(width * 3 / 4));
    (x, y, width)
}

/// A Y4M video (4:2:0, 30 frames at 10 fps) of a gray picture with a one-pixel hand tremor.
fn write_y4m(path: &Path, frame: &GrayImage) {
    let (w, h) = frame.dimensions();
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(file, "YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg").unwrap();
    let chroma = vec![128u8; ((w / 2) * (h / 2)) as usize];
    for i in 0..30u32 {
        let shift = i % 3;
        let shaken = imageproc::geometric_transformations::translate(
            frame,
            (shift as i32 - 1, 0),
            Border::Replicate,
        );
        file.write_all(b"FRAME\n").unwrap();
        file.write_all(shaken.as_raw()).unwrap();
        file.write_all(&chroma).unwrap();
        file.write_all(&chroma).unwrap();
    }
    file.flush().unwrap();
}
