//! Prints the QR versions of the seals issued for every person of the sample national register:
//! the criminal record extract (bulletins n° 3 and n° 5, computed from the sample criminal
//! record) and the certificate of residence. Each document is really rendered and sealed.
//!
//! `cargo run --release -p guichet-documents --example qr_versions`
//! (from the repository root; reads `fixtures/register/people.json` and
//! `fixtures/criminal-record/convictions.json`).

use std::collections::{BTreeMap, HashMap};

use ed25519_dalek::SigningKey;
use guichet_documents::extract::{self, Entry, ExtractContent, Outcome, Subject};
use guichet_documents::residence::{self, ResidenceContent};
use guichet_documents::{Issued, Language, qr_version};
use guichet_verifier::seal::{Address, Bulletin, Issuer};
use serde::Deserialize;
use time::macros::{datetime, format_description};
use time::{Date, OffsetDateTime};

#[derive(Deserialize)]
struct RegisterAddress {
    street: String,
    number: String,
    postcode: String,
    locality: String,
}

#[derive(Deserialize)]
struct Person {
    matricule: String,
    family_name: String,
    given_names: String,
    birth_date: String,
    birth_place: String,
    nationality: String,
    address: RegisterAddress,
}

#[derive(Deserialize)]
struct Conviction {
    matricule: String,
    court: String,
    decision_date: String,
    offence: String,
    sentence: String,
    bulletins: Vec<u8>,
}

/// Versions seen for one document type: version → (documents, pages of the longest).
#[derive(Default)]
struct Tally {
    versions: BTreeMap<i16, usize>,
    longest_seal: usize,
    most_pages: u16,
}

impl Tally {
    fn add(&mut self, issued: &Issued) -> Result<(), Box<dyn std::error::Error>> {
        *self
            .versions
            .entry(qr_version(&issued.seal_text)?)
            .or_default() += 1;
        self.longest_seal = self.longest_seal.max(issued.seal_text.len());
        self.most_pages = self.most_pages.max(issued.claims.pages);
        Ok(())
    }

    fn print(&self, name: &str) {
        let total: usize = self.versions.values().sum();
        println!("{name}: {total} documents");
        for (version, count) in &self.versions {
            println!("  version {version:>2}-Q: {count:>5}");
        }
        println!(
            "  longest seal text: {} characters; most pages: {}",
            self.longest_seal, self.most_pages
        );
    }
}

fn date(text: &str) -> Result<Date, time::error::Parse> {
    Date::parse(text, format_description!("[year]-[month]-[day]"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let people: Vec<Person> =
        serde_json::from_str(&std::fs::read_to_string("fixtures/register/people.json")?)?;
    let convictions: Vec<Conviction> = serde_json::from_str(&std::fs::read_to_string(
        "fixtures/criminal-record/convictions.json",
    )?)?;
    let mut by_person: HashMap<&str, Vec<&Conviction>> = HashMap::new();
    for c in &convictions {
        by_person.entry(&c.matricule).or_default().push(c);
    }
    let issuer = Issuer::new(SigningKey::from_bytes(&[7; 32]));
    let at: OffsetDateTime = datetime!(2026-12-01 09:30 UTC);
    let mut tallies: [Tally; 3] = Default::default();
    for (i, p) in people.iter().enumerate() {
        let subject = Subject {
            family_name: p.family_name.clone(),
            given_names: p.given_names.clone(),
            birth_date: date(&p.birth_date)?,
            birth_place: p.birth_place.clone(),
        };
        let number = format!("{:08X}", 0x4F00_0000_u32 + i as u32);
        for (tally, bulletin) in tallies.iter_mut().zip(Bulletin::ALL) {
            let entries: Vec<Entry> = by_person
                .get(p.matricule.as_str())
                .into_iter()
                .flatten()
                .filter(|c| c.bulletins.contains(&bulletin.number()))
                .map(|c| {
                    Ok(Entry {
                        court: c.court.clone(),
                        date: date(&c.decision_date)?,
                        offence: c.offence.clone(),
                        sentence: c.sentence.clone(),
                    })
                })
                .collect::<Result<_, time::error::Parse>>()?;
            let content = ExtractContent {
                subject: subject.clone(),
                bulletin,
                purpose: Some("Emploi".into()),
                outcome: if entries.is_empty() {
                    Outcome::NoEntry
                } else {
                    Outcome::Entries(entries)
                },
                document_number: number.clone(),
                issue_date: at.date(),
                authority: "Parquet général – Service du casier judiciaire".into(),
                language: Language::Fr,
                // The code is printed, not sealed: the QR version does not depend on it.
                verification_code: Some("K7M2-QX9P".into()),
            };
            tally.add(&extract::issue(&content, &issuer, at)?)?;
        }
        let content = ResidenceContent {
            subject,
            nationality: p.nationality.clone(),
            address: Address {
                line: format!("{} {}", p.address.number, p.address.street),
                postcode: p.address.postcode.trim_start_matches("L-").parse()?,
                locality: p.address.locality.clone(),
            },
            document_number: number,
            issue_date: at.date(),
            authority: "Ville de Luxembourg — Bureau de la population".into(),
            language: Language::Fr,
        };
        tallies[2].add(&residence::issue(&content, &issuer, at)?)?;
    }
    println!(
        "QR versions (alphanumeric, EC level Q) over the sample register ({} people):",
        people.len()
    );
    tallies[0].print("criminal record extract, bulletin n° 3");
    tallies[1].print("criminal record extract, bulletin n° 5");
    tallies[2].print("certificate of residence");
    Ok(())
}
