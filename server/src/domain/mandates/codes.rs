//! The codes the social security centre sends: random, easy to type (no look-alike characters),
//! with a check character that catches a typo (Luhn mod N), kept only as Argon2id hashes.

use crate::domain::{Error, Invalid};
use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};
use rand::{CryptoRng, Rng};
use std::fmt;

/// The characters a code is written with: no `0 O Q`, `1 I L`, `2 Z`, `5 S`, `8 B`, `U V`.
pub const ALPHABET: &[u8; 22] = b"34679ACDEFGHJKMNPRTWXY";

/// How many characters are drawn per code kind (the check character comes on top).
pub const ACCESS_LENGTH: usize = 12;
/// A mandatary's security code: drawn characters.
pub const SECURITY_LENGTH: usize = 8;

/// Characters between dashes when printed.
const GROUP: usize = 4;

fn value(c: u8) -> Option<usize> {
    ALPHABET.iter().position(|a| *a == c)
}

/// The check character of `payload` (values in the alphabet): Luhn mod N, which catches every
/// single wrong character and nearly every swap of two neighbours.
fn check_value(payload: &[usize]) -> usize {
    let n = ALPHABET.len();
    let mut sum = 0;
    for (i, v) in payload.iter().rev().enumerate() {
        let mut addend = if i % 2 == 0 { v * 2 } else { *v };
        addend = addend / n + addend % n;
        sum += addend;
    }
    (n - sum % n) % n
}

/// A code as the letter prints it and a person types it.
#[derive(Clone, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    /// Draws a code of `length` characters and its check character.
    pub fn generate<R: Rng + CryptoRng>(rng: &mut R, length: usize) -> Self {
        let payload: Vec<usize> = (0..length)
            .map(|_| rng.gen_range(0..ALPHABET.len()))
            .collect();
        let check = check_value(&payload);
        let text = payload
            .iter()
            .chain(std::iter::once(&check))
            .filter_map(|v| ALPHABET.get(*v).map(|c| char::from(*c)))
            .collect();
        Self(text)
    }

    /// Reads a typed code: case, spaces and dashes do not matter; a character outside the
    /// alphabet or a wrong check character is refused as a typo in `field`.
    pub fn parse(field: &str, typed: &str) -> Result<Self, Error> {
        let text: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if text.len() < 2 || text.len() > 32 {
            return Err(Error::invalid(field, Invalid::Format));
        }
        let values: Option<Vec<usize>> = text.bytes().map(value).collect();
        let values = values.ok_or_else(|| Error::invalid(field, Invalid::Format))?;
        let (check, payload) = values
            .split_last()
            .ok_or_else(|| Error::invalid(field, Invalid::Format))?;
        if check_value(payload) != *check {
            return Err(Error::invalid(field, Invalid::CheckCharacter));
        }
        Ok(Self(text))
    }

    /// The characters without dashes: what is hashed.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(GROUP)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        f.write_str(&groups.join("-"))
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Code(…)")
    }
}

/// The Argon2id hash (PHC string) of `secret`, with a fresh salt. Slow on purpose.
pub fn hash(secret: &str) -> Result<String, Error> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::internal(format!("argon2: {e}")))
}

/// Whether `secret` matches the stored hash; the comparison is constant-time (the crate
/// compares the outputs with `subtle`). An unreadable stored hash matches nothing.
pub fn matches(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_no_look_alikes_and_no_repeats() {
        for c in b"0OQ1IL2Z5S8BUV" {
            assert!(!ALPHABET.contains(c));
        }
        let mut seen = ALPHABET.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ALPHABET.len());
    }

    #[test]
    fn a_generated_code_reads_back_and_every_single_typo_is_caught() {
        let mut rng = rand::rngs::OsRng;
        for _ in 0..50 {
            let code = Code::generate(&mut rng, ACCESS_LENGTH);
            let printed = code.to_string();
            assert_eq!(printed.len(), 13 + 3);
            assert_eq!(Code::parse("c", &printed.to_lowercase()).unwrap(), code);
            let secret = code.secret().as_bytes().to_vec();
            for i in 0..secret.len() {
                for c in ALPHABET.iter().filter(|c| **c != secret[i]) {
                    let mut typo = secret.clone();
                    typo[i] = *c;
                    let typo = String::from_utf8(typo).unwrap();
                    assert!(Code::parse("c", &typo).is_err(), "{typo} passed for {code}");
                }
            }
        }
    }

    #[test]
    fn a_character_outside_the_alphabet_is_a_format_error() {
        let err = Code::parse("access_code", "ABCD-0000").unwrap_err();
        assert!(matches!(
            err,
            Error::Invalid {
                reason: Invalid::Format,
                ..
            }
        ));
    }

    #[test]
    fn a_hash_matches_its_code_only() {
        let h = hash("K7MXPR4C9HTDW").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(matches("K7MXPR4C9HTDW", &h));
        assert!(!matches("K7MXPR4C9HTDX", &h));
        assert!(!matches("K7MXPR4C9HTDW", "not a hash"));
    }
}
