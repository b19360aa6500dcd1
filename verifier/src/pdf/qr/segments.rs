//! The data segments of a QR code (ISO/IEC 18004 §7.4), read as rqrr reads them.

/// A bit reader over the data codewords, as rqrr's.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn remaining(&self) -> usize {
        self.data.len() * 8 - self.at
    }

    /// The next `n` bits (fewer when fewer remain), as rqrr's `take_bits`.
    fn take(&mut self, n: usize) -> usize {
        let mut value = 0;
        for _ in 0..n.min(self.remaining()) {
            let bit = self.data[self.at / 8] >> (7 - self.at % 8) & 1;
            value = value << 1 | usize::from(bit);
            self.at += 1;
        }
        value
    }

    /// The next `n` bits, or `None` if fewer remain.
    fn take_all(&mut self, n: usize) -> Option<usize> {
        (self.remaining() >= n).then(|| self.take(n))
    }
}

/// The bytes of the segments (ISO/IEC 18004 §7.4), read exactly as rqrr reads them.
pub(super) fn segments(data: &[u8], version: usize) -> Option<Vec<u8>> {
    const ALPHA: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let class = match version {
        1..=9 => 0,
        10..=26 => 1,
        _ => 2,
    };
    let mut bits = Bits { data, at: 0 };
    let mut out = Vec::new();
    while bits.remaining() >= 4 {
        match bits.take(4) {
            0 => break,
            1 => {
                let mut count = bits.take_all([10, 12, 14][class])?;
                let mut digits = |bits: &mut Bits, n: usize, width: usize| -> Option<()> {
                    let mut value = bits.take_all(width)?;
                    let mut buf = [0u8; 3];
                    for d in buf[..n].iter_mut().rev() {
                        *d = (value % 10) as u8 + b'0';
                        value /= 10;
                    }
                    out.extend_from_slice(&buf[..n]);
                    Some(())
                };
                while count >= 3 {
                    digits(&mut bits, 3, 10)?;
                    count -= 3;
                }
                match count {
                    2 => digits(&mut bits, 2, 7)?,
                    1 => digits(&mut bits, 1, 4)?,
                    _ => {}
                }
            }
            2 => {
                let mut count = bits.take_all([9, 11, 13][class])?;
                while count >= 2 {
                    let value = bits.take_all(11)?;
                    out.extend([ALPHA[value / 45 % 45], ALPHA[value % 45]]);
                    count -= 2;
                }
                if count == 1 {
                    out.push(ALPHA[bits.take_all(6)? % 45]);
                }
            }
            4 => {
                let count = bits.take_all([8, 16, 16][class])?;
                if bits.remaining() < count * 8 {
                    return None;
                }
                out.extend((0..count).map(|_| bits.take(8) as u8));
            }
            7 => {
                let designator = bits.take_all(8)?;
                if designator & 0xC0 == 0x80 {
                    bits.take_all(8)?;
                } else if designator & 0xE0 == 0xC0 {
                    bits.take_all(16)?;
                }
            }
            // Kanji (rqrr writes Shift JIS bytes) and unknown modes: left to rqrr.
            _ => return None,
        }
    }
    Some(out)
}
