//! Benchmarks of reading a sealed extract: from its PDF, a clean render and a phone-like photo,
//! and the whole verification of its PDF.
//!
//! The inputs are the fixtures `guichet-documents` writes (`fixtures/extract/`), sealed with its
//! tests' issuer key (`SigningKey::from_bytes(&[7; 32])`).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ed25519_dalek::SigningKey;
use guichet_verifier::seal::{DocumentType, KeyId};
use guichet_verifier::trust::{TrustList, TrustedKey};
use guichet_verifier::verify::{Verdict, verify_pdf};
use guichet_verifier::{pdf, photo};
use time::macros::datetime;

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

/// The trust list of the fixtures' issuer (the documents crate's test key).
fn trust_list() -> TrustList {
    let public_key = SigningKey::from_bytes(&[7; 32]).verifying_key();
    TrustList::new(1, datetime!(2026-11-01 00:00 UTC)).with_key(TrustedKey {
        key_id: KeyId::for_public_key(&public_key),
        issuer: "Ministère de la Justice".into(),
        public_key,
        document_types: vec![DocumentType::CriminalRecordExtract],
        valid_from: datetime!(2026-01-01 00:00 UTC),
        valid_until: datetime!(2027-12-31 00:00 UTC),
    })
}

fn document(c: &mut Criterion) {
    let extract = fixture("extract-fr.pdf");
    c.bench_function("pdf::read_seal (genuine extract)", |b| {
        b.iter(|| pdf::read_seal(black_box(&extract)))
    });
    // The whole path: strict parse, canonical walk and digest, the QR image read, the seal's
    // signature and trust list rules, the digest compared (goal: median at most 0.5 ms).
    let list = trust_list();
    let now = datetime!(2026-12-01 12:00 UTC);
    let verdict = verify_pdf(&extract, &list, now).verdict;
    if verdict != Verdict::Valid {
        eprintln!("extract-fr.pdf does not verify with the fixtures' key: {verdict:?}");
        std::process::exit(1)
    }
    c.bench_function("verify_pdf (genuine extract)", |b| {
        b.iter(|| verify_pdf(black_box(&extract), black_box(&list), now))
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
