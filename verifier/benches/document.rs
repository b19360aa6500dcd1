//! Benchmarks of reading a sealed extract: from its PDF, a clean render and a phone-like photo.
//!
//! The inputs are the fixtures `guichet-documents` writes (`fixtures/extract/`).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use guichet_verifier::{pdf, photo};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/extract")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!(
                "{}: {e} (the guichet-documents tests write it)",
                path.display()
            );
            std::process::exit(1)
        }
    }
}

fn document(c: &mut Criterion) {
    let extract = fixture("extract-fr.pdf");
    c.bench_function("pdf::read_seal (genuine extract)", |b| {
        b.iter(|| pdf::read_seal(black_box(&extract)))
    });
    let page = fixture("page-150dpi.png");
    c.bench_function("photo::read_seal (clean 150-dpi render, PNG)", |b| {
        b.iter(|| photo::read_seal(black_box(&page)))
    });
    let photo = fixture("photo-like.jpg");
    c.bench_function("photo::read_seal (phone-like photo, JPEG)", |b| {
        b.iter(|| photo::read_seal(black_box(&photo)))
    });
}

criterion_group!(benches, document);
criterion_main!(benches);
