//! The text form of a seal: a versioned prefix and base45 (RFC 9285), QR-alphanumeric only.
//!
//! Strict where RFC 9285 is strict: only the canonical base45 of the bytes is accepted (no
//! triple above 65535, no final pair above 255, no dangling single character), so that two
//! different texts never decode to the same seal. Tolerant where scanners and editors are
//! sloppy and the meaning stays unambiguous: surrounding whitespace, line breaks inside the
//! text (none is a base45 character), a byte-order mark, and a lower-case prefix.

use super::SealError;

/// The prefix of every seal text of this format version.
pub const PREFIX: &str = "GC1:";

/// The longest seal text accepted, in characters (far above any real seal; bounds work).
const MAX_TEXT: usize = 4096;

/// Encodes the COSE bytes of a seal as its text form: [`PREFIX`] followed by base45.
pub fn encode_text(cose: &[u8]) -> String {
    let mut text = String::with_capacity(PREFIX.len() + cose.len() * 3 / 2 + 2);
    text.push_str(PREFIX);
    text.push_str(&base45::encode(cose));
    text
}

/// Decodes the text form of a seal back to its COSE bytes.
///
/// Ignored, because no base45 text can contain them: whitespace and byte-order marks around
/// the seal, and line breaks (CR, LF) anywhere in it. The prefix may be in lower case. Then
/// the text after the prefix must be the canonical base45 (RFC 9285 §4) of some bytes: every
/// character in the alphabet, each triple at most 65535, a final pair at most 255, no single
/// character left over; anything else is [`SealError::BadBase45`], so that two different
/// texts never decode to the same seal. Texts over 4096 characters are refused before any work.
pub fn decode_text(text: &str) -> Result<Vec<u8>, SealError> {
    if text.len() > MAX_TEXT {
        return Err(SealError::TooLong);
    }
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let prefix = text.get(..PREFIX.len()).ok_or(SealError::BadPrefix)?;
    if !prefix.eq_ignore_ascii_case(PREFIX) {
        return Err(SealError::BadPrefix);
    }
    // CR and LF are ASCII: no other character's UTF-8 holds their bytes.
    let body = text.as_bytes()[PREFIX.len()..]
        .iter()
        .filter(|b| !matches!(b, b'\r' | b'\n'));
    decode_base45(body).ok_or(SealError::BadBase45)
}

/// The value of each base45 character (RFC 9285 §4, Table 1); 0xFF outside the alphabet.
const BASE45_VALUES: [u8; 256] = {
    let alphabet = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let mut values = [0xFF; 256];
    let mut i = 0;
    while i < alphabet.len() {
        values[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Strict base45 (RFC 9285 §4): `None` unless the characters are the canonical encoding of the
/// bytes returned (a triple over 65535 or a final pair over 255 has no bytes that encode to it).
fn decode_base45<'a>(chars: impl Iterator<Item = &'a u8>) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(chars.size_hint().1.unwrap_or(0) * 2 / 3 + 1);
    let (mut group, mut len) = ([0u32; 3], 0);
    for &c in chars {
        let value = BASE45_VALUES[usize::from(c)];
        if value == 0xFF {
            return None;
        }
        group[len] = u32::from(value);
        len += 1;
        if len == 3 {
            let n = group[0] + 45 * group[1] + 45 * 45 * group[2];
            let [high, low] = u16::try_from(n).ok()?.to_be_bytes();
            out.extend([high, low]);
            len = 0;
        }
    }
    match len {
        0 => {}
        2 => out.push(u8::try_from(group[0] + 45 * group[1]).ok()?),
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair_and_triple_decodes_only_from_its_canonical_text() {
        // Every two-character tail: exactly the values 0..=255 are accepted.
        let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        let mut accepted = 0;
        for a in alphabet.chars() {
            // A trailing space is trimmed as noise: no canonical text ends with one.
            for b in alphabet.chars().filter(|b| *b != ' ') {
                if let Ok(bytes) = decode_text(&format!("GC1:{a}{b}")) {
                    assert_eq!(bytes.len(), 1);
                    accepted += 1;
                }
            }
        }
        assert_eq!(accepted, 256);
        // Triples above 65535 ("GGW" = 16 + 16·45 + 32·2025 = 65536) are refused anywhere.
        assert_eq!(decode_text("GC1:GGW00"), Err(SealError::BadBase45));
        assert_eq!(decode_text("GC1:00GGW"), Err(SealError::BadBase45));
        assert_eq!(decode_text("GC1:FGW").map(|b| b.len()), Ok(2));
        // A single dangling character is not base45.
        assert_eq!(decode_text("GC1:000A"), Err(SealError::BadBase45));
    }

    #[test]
    fn a_final_pair_above_255_is_refused() {
        // "U5" = 30 + 5·45 = 255 is the largest; "V5" = 256 used to decode as 0.
        assert_eq!(decode_text("GC1:U5"), Ok(vec![255]));
        assert_eq!(decode_text("GC1:V5"), Err(SealError::BadBase45));
        assert_eq!(decode_text("GC1:000V5"), Err(SealError::BadBase45));
    }

    #[test]
    fn scanner_noise_around_the_seal_is_tolerated() {
        let clean = decode_text("GC1:000U5").unwrap();
        for noisy in [
            "  GC1:000U5  ",
            "\u{feff}GC1:000U5\r\n",
            "gc1:000U5",
            "Gc1:000\r\nU5\n",
            "\tGC1:00\n0U5\t",
        ] {
            assert_eq!(decode_text(noisy).as_ref(), Ok(&clean), "{noisy:?}");
        }
    }

    /// The former decoder: the `base45` crate, then encoding again to refuse non-canonical text.
    fn reference(body: &str) -> Option<Vec<u8>> {
        let bytes = base45::decode(body).ok()?;
        (base45::encode(&bytes) == body).then_some(bytes)
    }

    #[test]
    fn the_strict_decoder_accepts_exactly_what_decoding_and_encoding_again_accepts() {
        let alphabet: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:az~é\u{0}"
            .chars()
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        let mut accepted = 0;
        for _ in 0..20_000 {
            let len = next() % 10;
            // Mostly the upper part of the alphabet, where triples and pairs overflow.
            let body: String = (0..len)
                .map(|_| match next() % 4 {
                    0 => alphabet[next() % alphabet.len()],
                    _ => alphabet[36 + next() % 9],
                })
                .collect();
            let ours = decode_base45(body.as_bytes().iter());
            assert_eq!(ours, reference(&body), "{body:?}");
            accepted += usize::from(ours.is_some());
        }
        assert!(accepted > 1000, "{accepted}");
        for bytes in [
            &[][..],
            &[0],
            &[255, 255],
            &[255, 255, 255],
            &[1, 2, 3, 4, 5],
        ] {
            let text = base45::encode(bytes);
            assert_eq!(
                decode_base45(text.as_bytes().iter()).as_deref(),
                Some(bytes)
            );
        }
    }

    #[test]
    fn anything_else_inside_the_seal_is_refused() {
        // A space is a base45 digit: inside the text it is data, not noise.
        assert_eq!(decode_text("GC1:00 0U5"), Err(SealError::BadBase45));
        assert_eq!(decode_text("GC1:000\tU5"), Err(SealError::BadBase45));
        assert_eq!(decode_text("GC1:000u5"), Err(SealError::BadBase45));
        assert_eq!(decode_text("GC1 :000U5"), Err(SealError::BadPrefix));
        assert_eq!(decode_text("GC"), Err(SealError::BadPrefix));
        assert_eq!(decode_text("é"), Err(SealError::BadPrefix));
        assert_eq!(decode_text(&"0".repeat(5000)), Err(SealError::TooLong));
    }
}
