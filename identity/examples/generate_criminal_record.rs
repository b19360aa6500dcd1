//! Generates `fixtures/criminal-record/convictions.json`: a deterministic, clearly fictitious
//! criminal record for part of the sample national register.
//!
//! `cargo run -p guichet-identity --example generate_criminal_record [-- <output file>]`
//!
//! Jean-Claude Weber (`1962072310812`, the register's second person) has 24 convictions, so
//! that his bulletin n° 3 spans several pages and his bulletin n° 5 lists fewer; Marie Schmit
//! and Ana Sofia Gonçalves da Silva have none. About one person in twelve of the rest has one
//! to four; one in a hundred has ten to thirty.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{Date, Duration};

/// Fixed seed: the output must not change between runs.
const SEED: u64 = 0x6361_7369_6572_2131;

/// The courts that give judgments (Luxembourg's, by name; the judgments are invented).
const COURTS: [&str; 6] = [
    "Tribunal d'arrondissement de Luxembourg",
    "Tribunal d'arrondissement de Diekirch",
    "Cour d'appel de Luxembourg",
    "Tribunal de police de Luxembourg",
    "Tribunal de police d'Esch-sur-Alzette",
    "Tribunal de police de Diekirch",
];

/// Offences, the sentences they draw, and the bulletins a conviction for them appears on
/// (fictitious rule: n° 3 lists correctional convictions; n° 5 those relevant to work with
/// minors; police-court fines appear on neither).
const OFFENCES: [(&str, &[&str], &[u8]); 10] = [
    (
        "Conduite en état d'ivresse",
        &[
            "Amende de 1 500 € et interdiction de conduire de 12 mois",
            "Amende de 2 000 € et interdiction de conduire de 18 mois",
        ],
        &[3],
    ),
    (
        "Excès de vitesse grave",
        &["Amende de 800 € et interdiction de conduire de 6 mois"],
        &[3],
    ),
    (
        "Vol simple",
        &["Emprisonnement de 6 mois avec sursis", "Amende de 1 000 €"],
        &[3],
    ),
    (
        "Escroquerie",
        &["Emprisonnement de 12 mois avec sursis probatoire et amende de 2 500 €"],
        &[3],
    ),
    (
        "Abus de confiance",
        &["Emprisonnement de 9 mois avec sursis"],
        &[3],
    ),
    (
        "Coups et blessures volontaires",
        &["Emprisonnement de 8 mois avec sursis et amende de 1 000 €"],
        &[3, 5],
    ),
    (
        "Détention et vente de stupéfiants à des mineurs",
        &["Emprisonnement de 3 ans dont 18 mois avec sursis"],
        &[3, 5],
    ),
    (
        "Menaces et harcèlement",
        &["Emprisonnement de 4 mois avec sursis"],
        &[3, 5],
    ),
    ("Tapage nocturne", &["Amende de 250 €"], &[]),
    ("Outrage à agent", &["Amende de 500 €"], &[]),
];

#[derive(Deserialize)]
struct Person {
    matricule: String,
}

#[derive(Serialize)]
struct Conviction {
    matricule: String,
    court: String,
    decision_date: String,
    offence: String,
    sentence: String,
    bulletins: Vec<u8>,
}

/// SplitMix64: tiny, deterministic, good enough for fixtures.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn convictions_of(
    rng: &mut Rng,
    matricule: &str,
    count: usize,
) -> Result<Vec<Conviction>, Box<dyn std::error::Error>> {
    let first = Date::from_calendar_date(2001, time::Month::January, 1)?;
    let mut out: Vec<(Date, Conviction)> = (0..count)
        .map(|_| -> Result<_, Box<dyn std::error::Error>> {
            let (offence, sentences, bulletins) = OFFENCES[rng.below(OFFENCES.len())];
            let police = bulletins.is_empty();
            let court = if police {
                COURTS[3 + rng.below(3)]
            } else {
                COURTS[rng.below(3)]
            };
            let date = first + Duration::days(rng.below(9_100) as i64);
            let conviction = Conviction {
                matricule: matricule.into(),
                court: court.into(),
                decision_date: date.format(format_description!("[year]-[month]-[day]"))?,
                offence: offence.into(),
                sentence: sentences[rng.below(sentences.len())].into(),
                bulletins: bulletins.to_vec(),
            };
            Ok((date, conviction))
        })
        .collect::<Result<_, _>>()?;
    out.sort_by_key(|(date, _)| *date);
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("fixtures/criminal-record/convictions.json"));
    let people: Vec<Person> =
        serde_json::from_str(include_str!("../../fixtures/register/people.json"))?;
    let mut rng = Rng(SEED);
    let mut all = Vec::new();
    for (i, person) in people.iter().enumerate() {
        let count = match i {
            0 | 2 => 0,
            1 => 24,
            _ => match rng.below(100) {
                0 => 10 + rng.below(21),
                1..=8 => 1 + rng.below(4),
                _ => 0,
            },
        };
        all.extend(convictions_of(&mut rng, &person.matricule, count)?);
    }
    let text = serde_json::to_string_pretty(&all)? + "\n";
    std::fs::write(&out, text)?;
    eprintln!("{} convictions written to {}", all.len(), out.display());
    Ok(())
}
