//! Deterministic random and mutated inputs: the parsers never panic and never accept.

use guichet_verifier::seal::{self, decode_text, encode_text};
use guichet_verifier::trust::TrustList;
use guichet_verifier::verify::verify_text;

use crate::common::*;

/// xorshift64*: small, deterministic, good enough to spread inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Applies 1 to 4 random edits: overwrite, insert, delete, truncate.
fn mutate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        match rng.below(4) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next() as u8;
            }
            1 => {
                let i = rng.below(data.len() + 1);
                data.insert(i, rng.next() as u8);
            }
            2 if !data.is_empty() => {
                data.remove(rng.below(data.len()));
            }
            _ => data.truncate(rng.below(data.len() + 1)),
        }
    }
    data
}

#[test]
fn thousands_of_random_and_mutated_seals_are_rejected_without_panic() {
    let mut rng = Rng(0x5EA1_5EA1_5EA1_5EA1);
    let good = decode_text(&extract_seal()).unwrap();
    let list = trust_list(1);
    for round in 0..4000 {
        let text = match round % 4 {
            0 => encode_text(&mutate(&mut rng, good.clone())),
            1 => {
                let len = rng.below(200);
                encode_text(&rng.bytes(len))
            }
            2 => {
                let mut t = extract_seal().into_bytes();
                t = mutate(&mut rng, t);
                String::from_utf8_lossy(&t).into_owned()
            }
            _ => {
                let len = rng.below(300);
                String::from_utf8_lossy(&rng.bytes(len)).into_owned()
            }
        };
        if decode_text(&text).is_ok_and(|bytes| bytes == good) {
            continue; // the edits cancelled out (e.g. insert then delete the same byte)
        }
        let result = verify_text(&text, &list, NOW);
        assert!(!result.verdict.is_valid(), "round {round} accepted {text}");
        let _ = seal::parse(&text);
    }
}

#[test]
fn thousands_of_random_and_mutated_trust_lists_are_refused_without_panic() {
    let mut rng = Rng(0x7157_7157_7157_7157);
    let good = signed_list(1);
    for round in 0..2000 {
        let bytes = if round % 2 == 0 {
            mutate(&mut rng, good.clone())
        } else {
            let len = rng.below(400);
            rng.bytes(len)
        };
        assert!(
            TrustList::from_signed(&bytes, &anchor()).is_err(),
            "round {round}"
        );
    }
}
