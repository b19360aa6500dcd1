//! Check-digit algorithms used by the national identification number: Luhn and Verhoeff.

/// Verhoeff multiplication table (dihedral group D5).
const D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/// Verhoeff permutation table.
const P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 4, 2, 1],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 7, 8, 6, 0],
    [4, 2, 8, 6, 5, 7, 1, 3, 9, 0],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 2, 9, 8, 5, 3, 1, 6],
];

/// Verhoeff inverse table.
const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// The Luhn check digit to append to `digits` (each element 0..=9).
pub(crate) fn luhn_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    // `sum % 10` is below 10, so the result fits in a u8.
    ((10 - sum % 10) % 10) as u8
}

/// The Verhoeff check digit to append to `digits` (each element 0..=9).
pub(crate) fn verhoeff_check_digit(digits: &[u8]) -> u8 {
    let mut c = 0usize;
    for (i, &d) in digits.iter().rev().enumerate() {
        let p = P[(i + 1) % 8][usize::from(d % 10)];
        c = usize::from(D[c][usize::from(p)]);
    }
    INV[c]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u8> {
        s.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn luhn_matches_the_classic_example() {
        // 7992739871 -> 3 (the textbook example: 79927398713 is valid).
        assert_eq!(luhn_check_digit(&digits("7992739871")), 3);
    }

    #[test]
    fn luhn_matches_hand_computed_vectors() {
        // "1": double the 1 -> 2, (10 - 2) % 10 = 8.
        assert_eq!(luhn_check_digit(&digits("1")), 8);
        // "18": 8 doubled -> 16 -> 7, plus 1 = 8 -> 2.
        assert_eq!(luhn_check_digit(&digits("18")), 2);
        // "0": sum 0 -> 0.
        assert_eq!(luhn_check_digit(&digits("0")), 0);
    }

    #[test]
    fn verhoeff_matches_the_classic_example() {
        assert_eq!(verhoeff_check_digit(&digits("236")), 3);
    }

    #[test]
    fn verhoeff_matches_other_published_vectors() {
        assert_eq!(verhoeff_check_digit(&digits("12345")), 1);
        assert_eq!(verhoeff_check_digit(&digits("142857")), 0);
    }
}
