//! QR decoders side by side on a corpus of distorted photos of an extract (rotation,
//! perspective, blur, noise, JPEG, low light, glare, small codes, combinations): success rate
//! and median time per image, in-process, for the rqrr pipeline, for rxing, and for rxing with
//! the rqrr pipeline behind it for what rxing misses (`rxing+rqrr`: the command line's photo
//! reader, `guichet_verifier::photo::read_seal_from_gray` with the feature `rxing`).
//!
//! `cargo bench -p guichet-verifier --bench decoders` prints one row per family and the totals.
//! With `GUICHET_CORPUS_DIR=DIR` it also writes the corpus as raw gray files, for zxing-cpp
//! on the same images: `python3 verifier/benches/zxing_corpus.py DIR`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod corpus;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use corpus::{Sample, corpus, decode_rqrr, decode_rxing, decode_rxing_then_rqrr, expected_text};

type Decode = fn(&image::GrayImage) -> Option<String>;

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
    decode: Decode,
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
    let decoders: [(&str, Decode); 3] = [
        ("rqrr", decode_rqrr),
        ("rxing", decode_rxing),
        ("rxing+rqrr", decode_rxing_then_rqrr),
    ];
    let results: Vec<_> = decoders
        .iter()
        .map(|(name, d)| (*name, measure(&samples, &expected, *d)))
        .collect();
    let mut header = format!("{:<12} {:>3}", "family", "n");
    for (name, _) in &results {
        header.push_str(&format!(" | {:>11} {:>8}", format!("{name} ok"), "ms"));
    }
    println!("{header}");
    let families: Vec<&str> = results[0].1.0.keys().copied().collect();
    for family in families {
        let n = results[0].1.0[family].total;
        let mut row = format!("{family:<12} {n:>3}");
        for (_, (tallies, _)) in &results {
            let t = &tallies[family];
            let mut times = t.times.clone();
            row.push_str(&format!(
                " | {:>11} {:>8.1}",
                format!("{}/{}", t.ok, t.total),
                ms(median(&mut times))
            ));
        }
        println!("{row}");
    }
    let n = samples.len();
    let mut row = format!("{:<12} {n:>3}", "all");
    for (_, (tallies, _)) in &results {
        let ok: usize = tallies.values().map(|t| t.ok).sum();
        let mut times: Vec<Duration> = tallies.values().flat_map(|t| t.times.clone()).collect();
        row.push_str(&format!(
            " | {:>11} {:>8.1}",
            format!("{ok}/{n}"),
            ms(median(&mut times))
        ));
    }
    println!("{row}");
    for (name, (_, failed)) in &results {
        println!("{name} failed: {}", failed.join(" "));
    }
}
