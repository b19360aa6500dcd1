//! The verification code printed under an issued document's QR code: 8 characters read aloud
//! or typed by whoever checks the document without a camera, kept only as a hash.
//!
//! The alphabet has 20 symbols and no look-alikes (no `0 O Q D`, `1 I L`, `2 Z`, `5 S`,
//! `8 B`, `U V`, `6 G`): 20⁸ ≈ 2.6 × 10¹⁰ codes (34.6 bits), printed as two groups of four
//! (`K7MX-PR4C`). Guessing online is bounded by the rate limits `document_check_per_address`
//! and `document_check_per_document`.

use rand::Rng;
use sha2::{Digest, Sha256};
use std::fmt;

use super::ids::DocumentNumber;

/// The symbols of a code, in no meaningful order.
pub const ALPHABET: &[u8; 20] = b"ACEFHJKMNPRTWXY34679";

/// Characters in a code (without the separator).
pub const LENGTH: usize = 8;

/// A well-formed verification code: [`LENGTH`] symbols of [`ALPHABET`].
#[derive(Clone, PartialEq, Eq)]
pub struct VerificationCode([u8; LENGTH]);

impl VerificationCode {
    /// A fresh code from `rng` (the issuance uses the OS random source).
    pub fn generate(rng: &mut impl Rng) -> Self {
        let mut code = [0u8; LENGTH];
        for c in &mut code {
            *c = ALPHABET[rng.gen_range(0..ALPHABET.len())];
        }
        Self(code)
    }

    /// Reads a typed code: case, spaces and dashes are ignored; `None` unless exactly
    /// [`LENGTH`] symbols of [`ALPHABET`] remain.
    pub fn parse(typed: &str) -> Option<Self> {
        let mut code = [0u8; LENGTH];
        let mut n = 0;
        for ch in typed.chars().filter(|c| !matches!(c, ' ' | '-')) {
            let up = u8::try_from(ch.to_ascii_uppercase()).ok()?;
            if !ALPHABET.contains(&up) || n == LENGTH {
                return None;
            }
            code[n] = up;
            n += 1;
        }
        (n == LENGTH).then_some(Self(code))
    }

    /// What is stored: SHA-256 over a label, the document number and the code, lowercase hex.
    /// The number salts it, so one code is not tried against every document at once.
    pub fn hash(&self, number: &DocumentNumber) -> String {
        let mut h = Sha256::new();
        h.update(b"guichet verification code v1\0");
        h.update(number.as_bytes());
        h.update(b"\0");
        h.update(self.0);
        hex::encode(h.finalize())
    }

    /// Whether this code hashes to `stored` for `number`, compared in constant time.
    pub fn matches(&self, number: &DocumentNumber, stored: &str) -> bool {
        let ours = self.hash(number);
        ours.len() == stored.len()
            && ours
                .bytes()
                .zip(stored.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

impl fmt::Display for VerificationCode {
    /// Two groups of four, e.g. `K7MX-PR4C`: what is printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = self.0.split_at(LENGTH / 2);
        let text = |s: &[u8]| s.iter().map(|&c| char::from(c)).collect::<String>();
        write!(f, "{}-{}", text(a), text(b))
    }
}

impl fmt::Debug for VerificationCode {
    /// Never the code itself: it is a secret of the document's holder.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerificationCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{SeedableRng, rngs::StdRng};

    fn number() -> DocumentNumber {
        DocumentNumber::parse("4F1C09A2").unwrap()
    }

    #[test]
    fn a_generated_code_prints_in_two_groups_and_reads_back_however_typed() {
        let code = VerificationCode::generate(&mut StdRng::seed_from_u64(7));
        let printed = code.to_string();
        assert_eq!(printed.len(), 9);
        assert_eq!(&printed[4..5], "-");
        assert!(
            printed
                .bytes()
                .filter(|&c| c != b'-')
                .all(|c| ALPHABET.contains(&c))
        );
        let typed = printed.to_lowercase().replace('-', " ");
        assert_eq!(VerificationCode::parse(&typed), Some(code.clone()));
        assert_eq!(
            VerificationCode::parse(&printed.replace('-', "")),
            Some(code)
        );
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_not_codes() {
        for typed in [
            "K7MX-PR4",
            "K7MX-PR4CC",
            "K7MX-PR40",
            "K7MX-PR4O",
            "B7MX-PR4C",
            "",
            "K7MX-PR4É",
        ] {
            assert_eq!(VerificationCode::parse(typed), None, "{typed}");
        }
        assert_eq!(
            ALPHABET
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
            ALPHABET.len()
        );
    }

    #[test]
    fn the_hash_binds_the_code_to_its_document_and_never_shows_the_code() {
        let code = VerificationCode::parse("K7MX-PR4C").unwrap();
        let stored = code.hash(&number());
        assert!(code.matches(&number(), &stored));
        assert!(
            !VerificationCode::parse("K7MX-PR4A")
                .unwrap()
                .matches(&number(), &stored)
        );
        assert!(!code.matches(&DocumentNumber::parse("4F1C09A3").unwrap(), &stored));
        assert!(!stored.contains("K7MX"));
        assert_eq!(format!("{code:?}"), "VerificationCode(…)");
    }
}
