//! Benchmarks of issuing a criminal record extract: render, seal, sign.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ed25519_dalek::SigningKey;
use guichet_documents::extract::{self, ExtractContent, Language, Outcome, Subject};
use guichet_verifier::seal::{Bulletin, Issuer};
use time::macros::{date, datetime};

fn content() -> ExtractContent {
    ExtractContent {
        subject: Subject {
            family_name: "SCHMIT".into(),
            given_names: "Jean-Claude".into(),
            birth_date: date!(1987 - 03 - 14),
            birth_place: "Esch-sur-Alzette".into(),
        },
        bulletin: Bulletin::No3,
        purpose: None,
        outcome: Outcome::NoEntry,
        document_number: "4F1C09A2".into(),
        issue_date: date!(2026 - 11 - 25),
        authority: "Parquet général – Service du casier judiciaire".into(),
        language: Language::Fr,
        verification_code: Some("K7MX-PR4C".into()),
    }
}

fn issue(c: &mut Criterion) {
    let issuer = Issuer::new(SigningKey::from_bytes(&[7; 32]));
    let content = content();
    let at = datetime!(2026-11-25 09:30 UTC);
    c.bench_function("issue extract (render + seal + sign)", |b| {
        b.iter(|| extract::issue(black_box(&content), &issuer, at))
    });
}

criterion_group!(benches, issue);
criterion_main!(benches);
