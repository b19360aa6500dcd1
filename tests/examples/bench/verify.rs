//! Verifying: the seal text's verification against a bare ed25519-dalek verification of the
//! same signed bytes, and the median time to verify the extract's PDF (parse, locate the QR,
//! decode, signature, content digest). `cargo bench -p guichet-verifier` measures the same with
//! criterion.

use crate::{
    Options,
    issuance::content,
    report::{Goal, Report, ms},
};
use ed25519_dalek::SigningKey;
use guichet_documents::extract;
use guichet_verifier::{
    seal::{DocumentType, Issuer},
    trust::{TrustList, TrustedKey},
    verify::{Verdict, verify_pdf, verify_text},
};
use std::{
    hint::black_box,
    time::{Duration, Instant},
};
use time::macros::datetime;

/// The median, over `rounds` rounds of `batch` calls, of one call of `f`.
fn median(rounds: usize, batch: u32, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed() / batch
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// `a` and `b` measured in alternating rounds of `batch` calls each (so a change of the
/// machine's load hits both alike): the median time of one call of each, and the median of the
/// rounds' ratios `b / a`.
fn paired(
    rounds: usize,
    batch: u32,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> (Duration, Duration, f64) {
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        t.elapsed() / batch
    };
    let mut rows: Vec<(Duration, Duration)> =
        (0..rounds).map(|_| (time(&mut a), time(&mut b))).collect();
    let mut ratios: Vec<f64> = rows
        .iter()
        .map(|(x, y)| y.as_secs_f64() / x.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let mut xs: Vec<Duration> = rows.iter().map(|r| r.0).collect();
    xs.sort();
    rows.sort_by_key(|r| r.1);
    (
        xs[xs.len() / 2],
        rows[rows.len() / 2].1,
        ratios[ratios.len() / 2],
    )
}

pub fn run(options: &Options, report: &mut Report) {
    let issuer = Issuer::new(SigningKey::from_bytes(&[3; 32]));
    let issued = extract::issue(&content(1), &issuer, datetime!(2026-11-25 09:30 UTC)).unwrap();
    let list = TrustList::new(1, datetime!(2026-11-01 00:00 UTC)).with_key(TrustedKey {
        key_id: issuer.key_id.clone(),
        issuer: "Ministère de la Justice".into(),
        public_key: issuer.signing_key.verifying_key(),
        document_types: vec![DocumentType::CriminalRecordExtract],
        valid_from: datetime!(2026-01-01 00:00 UTC),
        valid_until: datetime!(2027-12-31 00:00 UTC),
    });
    let now = datetime!(2026-12-01 12:00 UTC);
    let text = issued.seal_text.as_str();
    assert_eq!(verify_text(text, &list, now).verdict, Verdict::Valid);
    assert_eq!(verify_pdf(&issued.pdf, &list, now).verdict, Verdict::Valid);
    let parsed = guichet_verifier::seal::parse(text).unwrap();
    let key = issuer.signing_key.verifying_key();
    assert!(
        key.verify_strict(parsed.signed_bytes(), parsed.signature())
            .is_ok()
    );

    let rounds = options.count(400, 50);
    let (bare, seal, ratio) = paired(
        rounds,
        50,
        || {
            let _ =
                black_box(key.verify_strict(black_box(parsed.signed_bytes()), parsed.signature()));
        },
        || {
            black_box(verify_text(black_box(text), &list, now));
        },
    );
    let pdf = median(rounds, 5, || {
        black_box(verify_pdf(black_box(&issued.pdf), &list, now));
    });
    let overhead = ratio - 1.0;
    report.row(
        "seal text verification: overhead over its signature (alternating rounds)",
        ms(seal),
        format!(
            "bare ed25519-dalek verify_strict of the same bytes: {}",
            ms(bare)
        ),
        Some(overhead),
        Goal::AtMost(0.15),
    );
    report.row(
        "PDF verification of the extract (median)",
        ms(pdf),
        format!("{} KiB PDF", issued.pdf.len() / 1024),
        Some(pdf.as_secs_f64() * 1e3),
        Goal::AtMostMs(0.5),
    );
}
