//! Checks on the committed national register fixture, `fixtures/register/people.json`.

use std::collections::HashSet;

use serde::Deserialize;

use crate::Matricule;

#[derive(Deserialize)]
struct Address {
    street: String,
    number: String,
    postcode: String,
    locality: String,
    country: String,
}

#[derive(Deserialize)]
struct Person {
    matricule: Matricule,
    family_name: String,
    given_names: String,
    sex: String,
    birth_date: String,
    birth_place: String,
    nationality: String,
    address: Address,
}

fn people() -> Vec<Person> {
    serde_json::from_str(include_str!("../../fixtures/register/people.json")).unwrap()
}

#[test]
fn register_holds_over_a_thousand_people_with_valid_unique_matricules() {
    let people = people(); // deserialising a Matricule validates it

    let unique: HashSet<&str> = people.iter().map(|p| p.matricule.as_str()).collect();

    assert!(people.len() >= 1_000, "{} people", people.len());
    assert_eq!(unique.len(), people.len(), "duplicate matricules");
}

#[test]
fn every_entry_is_complete_and_consistent_with_its_matricule() {
    for p in people() {
        let born = p.matricule.birth_date();
        assert_eq!(p.birth_date, born.to_string(), "{}", p.matricule);
        assert!((1930..=2008).contains(&born.year()), "{}", p.matricule);
        assert!(p.sex == "F" || p.sex == "M", "{}", p.matricule);
        let postcode = p.address.postcode.strip_prefix("L-").unwrap_or_default();
        assert!(
            postcode.len() == 4 && postcode.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            p.address.postcode
        );
        for field in [
            &p.family_name,
            &p.given_names,
            &p.birth_place,
            &p.nationality,
            &p.address.street,
            &p.address.number,
            &p.address.locality,
        ] {
            assert!(!field.trim().is_empty(), "{}", p.matricule);
        }
        assert_eq!(p.address.country, "LU");
    }
}

#[test]
fn well_known_people_open_the_register() {
    let people = people();
    let expected = [
        ("1984031204237", "Marie", "Schmit"),
        ("1962072310812", "Jean-Claude", "Weber"),
        ("1991110531790", "Ana Sofia", "Gonçalves da Silva"),
    ];
    for (person, (matricule, given, family)) in people.iter().zip(expected) {
        assert_eq!(
            (
                person.matricule.as_str(),
                person.given_names.as_str(),
                person.family_name.as_str()
            ),
            (matricule, given, family)
        );
    }
}

#[test]
fn names_carry_accents() {
    let people = people();
    for accent in ['é', 'ë', 'ü', 'ç', 'ö', 'ã', 'è'] {
        assert!(
            people
                .iter()
                .any(|p| p.family_name.contains(accent) || p.given_names.contains(accent)),
            "no name with {accent}"
        );
    }
}
