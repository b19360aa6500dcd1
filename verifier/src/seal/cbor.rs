//! A direct reader of definite-length CBOR (RFC 8949 §3), giving the values ciborium gives.
//!
//! ciborium reads through serde, a visitor per item and a 4 KiB scratch buffer per call: most
//! of a seal's parse time besides the signature. This reader takes unsigned and negative
//! integers, byte and text strings, arrays and maps, all of definite length, at most 16 levels
//! deep. Anything else (a tag, a float or simple value, an indefinite length, a reserved head,
//! text that is not UTF-8, truncation, trailing bytes) is `None`, and the caller reads the
//! bytes with ciborium, which accepts or refuses them as before. For what it reads, ciborium
//! gives the same value (heads of any length, as ciborium), so a parse that tries this reader
//! first accepts and refuses exactly what it did.

use ciborium::value::{Integer, Value};

/// The deepest nesting read here; deeper items are left to ciborium.
const MAX_DEPTH: usize = 16;

/// The one item that fills `bytes` exactly, when it is of the kinds read here.
pub(crate) fn read_definite(bytes: &[u8]) -> Option<Value> {
    let mut reader = Reader { bytes, at: 0 };
    let value = reader.item(0)?;
    (reader.at == bytes.len()).then_some(value)
}

/// A position in the bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn take_array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// A head (§3.1): the major type and its argument; `None` for a reserved or indefinite one.
    fn head(&mut self) -> Option<(u8, u64)> {
        let [initial] = self.take_array()?;
        let argument = match initial & 0x1F {
            info @ 0..=23 => u64::from(info),
            24 => u64::from(u8::from_be_bytes(self.take_array()?)),
            25 => u64::from(u16::from_be_bytes(self.take_array()?)),
            26 => u64::from(u32::from_be_bytes(self.take_array()?)),
            27 => u64::from_be_bytes(self.take_array()?),
            _ => return None,
        };
        Some((initial >> 5, argument))
    }

    /// A count of items, bounded by the bytes left (each item takes at least one).
    fn count(&self, argument: u64) -> Option<usize> {
        usize::try_from(argument)
            .ok()
            .filter(|n| *n <= self.bytes.len() - self.at)
    }

    fn item(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (major, argument) = self.head()?;
        Some(match major {
            0 => Value::Integer(Integer::from(argument)),
            1 => Value::Integer(Integer::try_from(-1 - i128::from(argument)).ok()?),
            2 => Value::Bytes(self.take(usize::try_from(argument).ok()?)?.to_vec()),
            3 => {
                let text = self.take(usize::try_from(argument).ok()?)?;
                Value::Text(std::str::from_utf8(text).ok()?.to_owned())
            }
            4 => {
                let n = self.count(argument)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.item(depth + 1)?);
                }
                Value::Array(items)
            }
            5 => {
                let n = self.count(argument)?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    let key = self.item(depth + 1)?;
                    entries.push((key, self.item(depth + 1)?));
                }
                Value::Map(entries)
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ciborium(bytes: &[u8]) -> Option<Value> {
        let mut rest = bytes;
        let value: Value = ciborium::de::from_reader(&mut rest).ok()?;
        rest.is_empty().then_some(value)
    }

    /// A small xorshift generator: the same cases on every run.
    fn next(state: &mut u64) -> usize {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state as usize
    }

    /// A random item, heads of random length (minimal or not), now and then a kind ciborium
    /// alone reads (a tag, a float, an indefinite length).
    fn item(state: &mut u64, depth: usize, out: &mut Vec<u8>) {
        let head = |state: &mut u64, major: u8, n: u64, out: &mut Vec<u8>| {
            let long = next(state) % 4;
            match long {
                0 if n < 24 => out.push(major << 5 | n as u8),
                0 | 1 if n < 256 => out.extend([major << 5 | 24, n as u8]),
                2 if n < 65_536 => {
                    out.push(major << 5 | 25);
                    out.extend((n as u16).to_be_bytes());
                }
                _ => {
                    out.push(major << 5 | 27);
                    out.extend(n.to_be_bytes());
                }
            }
        };
        let kind = if depth > 2 {
            next(state) % 4
        } else {
            next(state) % 9
        };
        let n = [0, 1, 23, 24, 255, 256, u64::MAX][next(state) % 7];
        match kind {
            0 => head(state, 0, n, out),
            1 => head(state, 1, n, out),
            2 | 3 => {
                let text = ["", "a", "Müller", "\u{0}"][next(state) % 4].as_bytes();
                let mut bytes = text.to_vec();
                if next(state) % 8 == 0 {
                    bytes.push(0xFF);
                }
                head(state, kind as u8, bytes.len() as u64, out);
                out.extend(bytes);
            }
            4 | 5 => {
                let n = next(state) % 4;
                head(state, kind as u8, n as u64, out);
                for _ in 0..n * (kind - 3) {
                    item(state, depth + 1, out);
                }
            }
            6 => {
                out.push(0xC0 | (next(state) % 4) as u8);
                item(state, depth + 1, out);
            }
            7 => out.extend([0xF9, 0x3C, 0x00]),
            _ => {
                out.push(0x9F);
                item(state, depth + 1, out);
                out.push(0xFF);
            }
        }
    }

    #[test]
    fn what_it_reads_ciborium_reads_to_the_same_value() {
        let mut state = 0x2545_F491_4F6C_DD1D;
        let (mut read, mut left) = (0, 0);
        for _ in 0..20_000 {
            let mut bytes = Vec::new();
            item(&mut state, 0, &mut bytes);
            match next(&mut state) % 6 {
                0 => bytes.truncate(next(&mut state) % (bytes.len() + 1)),
                1 => bytes.push(0),
                2 => {
                    let at = next(&mut state) % bytes.len();
                    bytes[at] = next(&mut state) as u8;
                }
                _ => {}
            }
            match read_definite(&bytes) {
                Some(value) => {
                    assert_eq!(ciborium(&bytes), Some(value), "{bytes:02X?}");
                    read += 1;
                }
                None => left += 1,
            }
        }
        assert!(read > 5_000 && left > 5_000, "{read} {left}");
    }
}
