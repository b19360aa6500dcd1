//! Benchmarks: seal-text verification (parse + Ed25519 + trust list rules) beside a bare
//! ed25519-dalek verification of the same signed bytes, and signing per second; then the two
//! verifications again in interleaved rounds, their ratio printed (robust to a changing load).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ed25519_dalek::SigningKey;
use guichet_verifier::seal::{
    Bulletin, Claims, ContentDigest, DocumentData, DocumentId, DocumentType, ExtractData, Issuer,
    Language, Outcome, Subject,
};
use guichet_verifier::trust::{TrustList, TrustedKey};
use guichet_verifier::verify::verify_text;
use time::macros::{date, datetime};

fn extract() -> Option<Claims> {
    Some(Claims {
        issuer: None,
        document_id: DocumentId::from_bytes(&[0x3F, 0x91, 0x0C, 0x7A])?,
        document: DocumentData::CriminalRecordExtract(ExtractData {
            bulletin: Bulletin::No3,
            outcome: Outcome::NoEntry,
        }),
        pages: 1,
        issued_at: datetime!(2026-11-25 10:30 UTC),
        expires_at: None,
        subject: Subject {
            family_name: "Schmit-Weber".into(),
            given_name: "Jean-Claude".into(),
            birth_date: date!(1985 - 03 - 12),
        },
        language: Language::Fr,
        content_digest: ContentDigest::truncated(&[0xA5; 32], 8),
    })
}

fn bench(c: &mut Criterion) {
    let issuer = Issuer::new(SigningKey::from_bytes(&[1; 32]));
    let Some(claims) = extract() else { return };
    let Ok(text) = issuer.seal(&claims) else {
        return;
    };
    let list = TrustList::new(1, datetime!(2026-11-01 00:00 UTC)).with_key(TrustedKey {
        key_id: issuer.key_id.clone(),
        issuer: "Ministère de la Justice".into(),
        public_key: issuer.signing_key.verifying_key(),
        document_types: vec![DocumentType::CriminalRecordExtract],
        valid_from: datetime!(2026-01-01 00:00 UTC),
        valid_until: datetime!(2027-12-31 00:00 UTC),
    });
    let now = datetime!(2026-12-01 12:00 UTC);

    let mut group = c.benchmark_group("seal");
    group.throughput(Throughput::Elements(1));
    group.bench_function("verify_text", |b| {
        b.iter(|| verify_text(black_box(&text), black_box(&list), now))
    });
    // The same signature over the same bytes, checked by ed25519-dalek alone: the seal's
    // overhead is verify_text over this (goal: at most 15 %).
    let Ok(parsed) = guichet_verifier::seal::parse(&text) else {
        return;
    };
    let key = issuer.signing_key.verifying_key();
    group.bench_function("bare_ed25519_verify_strict", |b| {
        b.iter(|| key.verify_strict(black_box(parsed.signed_bytes()), parsed.signature()))
    });
    group.bench_function("parse_only", |b| {
        b.iter(|| guichet_verifier::seal::parse(black_box(&text)))
    });
    group.bench_function("sign", |b| b.iter(|| issuer.seal(black_box(&claims))));
    group.finish();
    // Criterion measures the two one after the other: on a shared machine the load changes
    // between them and moves their ratio by more than the overhead. Interleaved rounds see
    // the same load.
    let (seal, bare) = interleaved(
        || drop(black_box(verify_text(black_box(&text), &list, now))),
        || {
            drop(black_box(key.verify_strict(
                black_box(parsed.signed_bytes()),
                parsed.signature(),
            )))
        },
    );
    println!(
        "seal overhead over its signature, interleaved medians: verify_text {seal:.1} µs, \
         bare verify_strict {bare:.1} µs: {:+.1} %",
        (seal / bare - 1.0) * 100.0
    );
}

/// The median time of one call of `a` and of `b`, in µs, over 300 rounds of 20 calls of each,
/// in alternating order.
fn interleaved(mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64) {
    const ROUNDS: usize = 300;
    const CALLS: u32 = 20;
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..CALLS {
            f();
        }
        start.elapsed().as_secs_f64() * 1e6 / f64::from(CALLS)
    };
    let (mut times_a, mut times_b) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            times_a.push(time(&mut a));
            times_b.push(time(&mut b));
        } else {
            times_b.push(time(&mut b));
            times_a.push(time(&mut a));
        }
    }
    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    (median(times_a), median(times_b))
}

criterion_group!(benches, bench);
criterion_main!(benches);
