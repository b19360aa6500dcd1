//! The seal's size budget: the criminal record extract fits a version 10 QR code at level Q.

use guichet_verifier::seal::{Claims, decode_text};
use qrcode::bits::Bits;
use qrcode::{EcLevel, Version};

use crate::common::{extract, issuer};

/// The smallest QR version (1..=40) that holds `text` in alphanumeric mode at level Q.
fn qr_version(text: &str) -> i16 {
    (1..=40)
        .find(|&v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_alphanumeric_data(text.as_bytes()).is_ok()
                && bits.push_terminator(EcLevel::Q).is_ok()
        })
        .unwrap()
}

fn measure(claims: &Claims) -> (usize, usize, i16) {
    let text = issuer().seal(claims).unwrap();
    let cose = decode_text(&text).unwrap();
    (cose.len(), text.len(), qr_version(&text))
}

#[test]
fn criminal_record_extract_fits_qr_version_10_at_level_q() {
    let (bytes, chars, version) = measure(&extract());
    println!(
        "extract seal: {bytes} bytes of COSE_Sign1, {chars} characters, QR version {version}-Q"
    );
    assert!(version <= 10, "version {version}, {chars} characters");
}

#[test]
fn long_names_are_kept_whole_and_grow_the_code() {
    let mut claims = extract();
    claims.subject.family_name = "Schmit-Weber-Kirchberg de la Fontaine".into();
    claims.subject.given_name = "Jean-Claude Marie-Thérèse".into();
    let (bytes, chars, version) = measure(&claims);
    println!("long-name seal: {bytes} bytes, {chars} characters, QR version {version}-Q");
    let text = issuer().seal(&claims).unwrap();
    let parsed = guichet_verifier::seal::parse(&text).unwrap();
    assert_eq!(parsed.unverified_claims().subject, claims.subject);
    assert!(version > 10 && version <= 14, "version {version}");
}

#[test]
fn the_whole_sample_register_fits_version_11_and_nearly_all_version_10() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/register/people.json"
    ))
    .unwrap();
    let people: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut by_version = std::collections::BTreeMap::<i16, usize>::new();
    for p in &people {
        let mut claims = extract();
        claims.subject.family_name = p["family_name"].as_str().unwrap().into();
        claims.subject.given_name = p["given_names"].as_str().unwrap().into();
        let parts: Vec<u8> = p["birth_date"]
            .as_str()
            .unwrap()
            .split('-')
            .map(|s| s.parse::<u16>().unwrap() as u8)
            .collect();
        let year: i32 = p["birth_date"].as_str().unwrap()[..4].parse().unwrap();
        claims.subject.birth_date = time::Date::from_calendar_date(
            year,
            time::Month::try_from(parts[1]).unwrap(),
            parts[2],
        )
        .unwrap();
        *by_version.entry(measure(&claims).2).or_default() += 1;
    }
    println!(
        "{} people of the sample register, by QR version at level Q: {by_version:?}",
        people.len()
    );
    let v10 = by_version.range(..=10).map(|(_, n)| n).sum::<usize>();
    assert!(by_version.keys().all(|&v| v <= 11), "{by_version:?}");
    assert!(v10 * 100 >= people.len() * 95, "{by_version:?}");
}
