//! Generates `fixtures/register/people.json`: a deterministic sample of the national register.
//!
//! `cargo run -p guichet-identity --example generate_register [-- <output file>]`

mod data;

use std::collections::BTreeSet;
use std::path::PathBuf;

use guichet_identity::Matricule;
use serde::Serialize;
use time::macros::{date, format_description};
use time::{Date, Duration};

use data::{FAMILY_NAMES, FOREIGN_BIRTH_PLACES, GIVEN_NAMES, LOCALITIES, STREETS};

/// How many generated people follow the well-known ones.
const GENERATED: usize = 1_200;
/// Fixed seed: the output must not change between runs.
const SEED: u64 = 0x6775_6963_6865_7421;

#[derive(Serialize)]
struct Address {
    street: String,
    number: String,
    postcode: String,
    locality: String,
    country: String,
}

#[derive(Serialize)]
struct Person {
    matricule: String,
    family_name: String,
    given_names: String,
    sex: String,
    birth_date: String,
    birth_place: String,
    nationality: String,
    address: Address,
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
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn names_of<'a, T>(table: &'a [(&str, &'a [T])], origin: &str) -> &'a [T] {
    table
        .iter()
        .find(|(o, _)| *o == origin)
        .map(|(_, n)| *n)
        .unwrap_or(&[])
}

#[allow(clippy::too_many_arguments)]
fn person(
    matricule: &Matricule,
    family_name: &str,
    given_names: &str,
    sex: &str,
    birth_place: &str,
    nationality: &str,
    street: &str,
    number: &str,
    postcode: u16,
    locality: &str,
) -> Result<Person, time::error::Format> {
    Ok(Person {
        matricule: matricule.to_string(),
        family_name: family_name.into(),
        given_names: given_names.into(),
        sex: sex.into(),
        birth_date: matricule
            .birth_date()
            .format(format_description!("[year]-[month]-[day]"))?,
        birth_place: birth_place.into(),
        nationality: nationality.into(),
        address: Address {
            street: street.into(),
            number: number.into(),
            postcode: format!("L-{postcode:04}"),
            locality: locality.into(),
            country: "LU".into(),
        },
    })
}

fn well_known() -> Result<Vec<Person>, time::error::Format> {
    let marie = Matricule::from_parts(date!(1984 - 03 - 12), 42);
    let jean_claude = Matricule::from_parts(date!(1962 - 07 - 23), 108);
    let ana = Matricule::from_parts(date!(1991 - 11 - 05), 317);
    Ok(vec![
        person(
            &marie,
            "Schmit",
            "Marie",
            "F",
            "Luxembourg",
            "LU",
            "Rue de la Gare",
            "12",
            1611,
            "Luxembourg",
        )?,
        person(
            &jean_claude,
            "Weber",
            "Jean-Claude",
            "M",
            "Esch-sur-Alzette",
            "LU",
            "Rue Émile Mayrisch",
            "7",
            4240,
            "Esch-sur-Alzette",
        )?,
        person(
            &ana,
            "Gonçalves da Silva",
            "Ana Sofia",
            "F",
            "Porto",
            "PT",
            "Avenue de la Liberté",
            "45A",
            4601,
            "Differdange",
        )?,
    ])
}

fn generate(rng: &mut Rng, taken: &mut BTreeSet<String>) -> Result<Person, time::error::Format> {
    let first = date!(1930 - 01 - 01);
    let span = (date!(2008 - 12 - 31) - first).whole_days() as usize + 1;
    // Roughly Luxembourg's mix: Luxembourgish names first, then Portuguese, French, ...
    let roll = rng.below(100);
    let origin = match roll {
        0..45 => "LU",
        45..67 => "PT",
        67..78 => "FR",
        78..86 => "IT",
        86..93 => "BE",
        _ => "DE",
    };
    let families = names_of(FAMILY_NAMES, origin);
    // A third of people with a foreign name are Luxembourgers (born or naturalised).
    let nationality = if origin == "LU" || rng.below(3) == 0 {
        "LU"
    } else {
        origin
    };
    let given_origin = if rng.below(5) == 0 { "LU" } else { origin };
    let (given, sex) = rng.pick(names_of(GIVEN_NAMES, given_origin));
    let given_names = if rng.below(4) == 0 {
        let same_sex: Vec<&str> = names_of(GIVEN_NAMES, given_origin)
            .iter()
            .filter(|(_, s)| *s == sex)
            .map(|(n, _)| *n)
            .collect();
        let second = rng.pick(&same_sex);
        let separator = if given_origin == "FR" || given_origin == "LU" {
            "-"
        } else {
            " "
        };
        if second == given {
            given.to_owned()
        } else {
            format!("{given}{separator}{second}")
        }
    } else {
        given.to_owned()
    };
    let matricule = loop {
        let birth: Date = first + Duration::days(rng.below(span) as i64);
        let candidate = Matricule::from_parts(birth, rng.below(1000) as u16);
        if taken.insert(candidate.to_string()) {
            break candidate;
        }
    };
    let (locality, low, high) = rng.pick(LOCALITIES);
    let postcode = low + rng.below(usize::from(high - low) + 1) as u16;
    let birth_place = if nationality == "LU" || rng.below(4) == 0 {
        rng.pick(LOCALITIES).0
    } else {
        rng.pick(names_of(FOREIGN_BIRTH_PLACES, nationality))
    };
    let mut number = (1 + rng.below(120)).to_string();
    if rng.below(10) == 0 {
        number.push(['A', 'B', 'C'][rng.below(3)]);
    }
    person(
        &matricule,
        rng.pick(families),
        &given_names,
        sex,
        birth_place,
        nationality,
        rng.pick(STREETS),
        &number,
        postcode,
        locality,
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/register/people.json")
        });
    let mut people = well_known()?;
    let mut taken: BTreeSet<String> = people.iter().map(|p| p.matricule.clone()).collect();
    let mut rng = Rng(SEED);
    for _ in 0..GENERATED {
        people.push(generate(&mut rng, &mut taken)?);
    }
    let mut json = serde_json::to_string_pretty(&people)?;
    json.push('\n');
    std::fs::write(&out, json)?;
    println!("wrote {} people to {}", people.len(), out.display());
    Ok(())
}
