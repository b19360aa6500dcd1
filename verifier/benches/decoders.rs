//! QR decoders side by side on a corpus of distorted photos of an extract (rotation,
//! perspective, blur, noise, JPEG, low light, glare, small codes, combinations): success rate
//! and median time per image, in-process, for today's rqrr pipeline and for rxing.
//!
//! `cargo bench -p guichet-verifier --bench decoders` prints one row per family and the totals.
//! With `GUICHET_CORPUS_DIR=DIR` it also writes the corpus as raw gray files, for zxing-cpp
//! on the same images: `python3 verifier/benches/zxing_corpus.py DIR`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod corpus;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use corpus::{Sample, corpus, decode_rqrr, decode_rxing, expected_text};

/// Timed runs per image (the median of them is the image's time).
const RUNS: usize = 3;

struct Tally {
    ok: usize,
    total: usize,
    times: Vec<Duration>,
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn measure(
    samples: &[Sample],
    expected: &str,
    decode: fn(&image::GrayImage) -> Option<String>,
) -> (BTreeMap<&'static str, Tally>, Vec<String>) {
    let mut families: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut failed = Vec::new();
    for s in samples {
        let mut runs = Vec::with_capacity(RUNS);
        let mut ok = false;
        for _ in 0..RUNS {
            let start = Instant::now();
            let text = decode(std::hint::black_box(&s.image));
            runs.push(start.elapsed());
            ok = text.as_deref() == Some(expected);
        }
        let t = families.entry(s.family).or_insert(Tally {
            ok: 0,
            total: 0,
            times: Vec::new(),
        });
        t.total += 1;
        t.ok += usize::from(ok);
        t.times.push(median(&mut runs));
        if !ok {
            failed.push(s.name.clone());
        }
    }
    (families, failed)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let samples = corpus();
    if let Ok(dir) = std::env::var("GUICHET_CORPUS_DIR") {
        std::fs::create_dir_all(&dir).unwrap();
        for s in &samples {
            let (w, h) = s.image.dimensions();
            std::fs::write(format!("{dir}/{}_{w}x{h}.gray", s.name), s.image.as_raw()).unwrap();
        }
        std::fs::write(format!("{dir}/expected.txt"), expected_text()).unwrap();
        println!("corpus written to {dir} ({} images)", samples.len());
    }
    let expected = expected_text();
    let (rqrr, rqrr_failed) = measure(&samples, &expected, decode_rqrr);
    let (rxing, rxing_failed) = measure(&samples, &expected, decode_rxing);
    println!(
        "{:<12} {:>5} | {:>10} {:>10} | {:>10} {:>10}",
        "family", "n", "rqrr ok", "rqrr ms", "rxing ok", "rxing ms"
    );
    let mut all_rqrr = Vec::new();
    let mut all_rxing = Vec::new();
    for (family, a) in &rqrr {
        let b = &rxing[family];
        let (mut ta, mut tb) = (a.times.clone(), b.times.clone());
        all_rqrr.extend(a.times.iter().copied());
        all_rxing.extend(b.times.iter().copied());
        println!(
            "{family:<12} {:>5} | {:>10} {:>10.1} | {:>10} {:>10.1}",
            a.total,
            format!("{}/{}", a.ok, a.total),
            ms(median(&mut ta)),
            format!("{}/{}", b.ok, b.total),
            ms(median(&mut tb)),
        );
    }
    let ok = |m: &BTreeMap<&str, Tally>| m.values().map(|t| t.ok).sum::<usize>();
    let n = samples.len();
    println!(
        "{:<12} {:>5} | {:>10} {:>10.1} | {:>10} {:>10.1}",
        "all",
        n,
        format!("{}/{n}", ok(&rqrr)),
        ms(median(&mut all_rqrr)),
        format!("{}/{n}", ok(&rxing)),
        ms(median(&mut all_rxing)),
    );
    println!("rqrr failed:  {}", rqrr_failed.join(" "));
    println!("rxing failed: {}", rxing_failed.join(" "));
}
