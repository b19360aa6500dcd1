//! The criminal record fixture (`fixtures/criminal-record/convictions.json`, generated and
//! fictitious), read into memory at start: the [`CriminalRecord`] this server uses until a real
//! source is connected.

use std::collections::HashMap;

use guichet_verifier::seal::Bulletin;
use serde::Deserialize;
use time::{Date, macros::format_description};

use crate::domain::Error;
use crate::domain::criminal_record::{Conviction, CriminalRecord};

/// One line of the fixture.
#[derive(Debug, Deserialize)]
struct Row {
    matricule: String,
    court: String,
    decision_date: String,
    offence: String,
    sentence: String,
    bulletins: Vec<u8>,
}

/// The fixture's convictions by national identification number.
#[derive(Debug, Default)]
pub struct FixtureRecord {
    by_person: HashMap<String, Vec<Conviction>>,
}

impl FixtureRecord {
    /// Parses the fixture's JSON (an array of convictions, see the generator
    /// `identity/examples/generate_criminal_record.rs`).
    ///
    /// # Errors
    /// The reason, when the text is not such an array or a date or bulletin is invalid.
    pub fn parse(json: &str) -> Result<Self, String> {
        let rows: Vec<Row> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut by_person: HashMap<String, Vec<Conviction>> = HashMap::new();
        for row in rows {
            let decision_date = Date::parse(
                &row.decision_date,
                format_description!("[year]-[month]-[day]"),
            )
            .map_err(|e| format!("{}: {e}", row.decision_date))?;
            let bulletins = row
                .bulletins
                .iter()
                .map(|b| Bulletin::from_number(u64::from(*b)).ok_or(format!("bulletin {b}")))
                .collect::<Result<_, _>>()?;
            by_person
                .entry(row.matricule)
                .or_default()
                .push(Conviction {
                    court: row.court,
                    decision_date,
                    offence: row.offence,
                    sentence: row.sentence,
                    bulletins,
                });
        }
        for convictions in by_person.values_mut() {
            convictions.sort_by_key(|c| c.decision_date);
        }
        Ok(Self { by_person })
    }

    /// How many people have at least one conviction.
    pub fn people(&self) -> usize {
        self.by_person.len()
    }
}

impl CriminalRecord for FixtureRecord {
    fn convictions(&self, matricule: &str) -> Result<Vec<Conviction>, Error> {
        Ok(self.by_person.get(matricule).cloned().unwrap_or_default())
    }
}
