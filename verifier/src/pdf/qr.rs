//! Reads a clean QR code from its exact module grid, without error correction.
//!
//! rqrr computes each block's Reed-Solomon syndromes with a field power that costs about a
//! hundred multiplications, whether or not the block has errors: about 2 ms for the extract's
//! version-11 seal, nine tenths of verifying its PDF. The seal image the issuer drew has no
//! errors, so this reader checks that every block is a codeword (all its syndromes are zero,
//! ISO/IEC 18004:2015 §7.5.2, with log tables) and reads the data. When anything is not exactly
//! as a clean code has it (format bits that need correction, a block with errors, a Kanji or
//! unknown segment, underflow, text that is not UTF-8), it returns `None` and the caller decodes
//! with rqrr, which corrects what it can.
//!
//! When it returns a text, rqrr decodes the same grid to the same text: rqrr reads the same
//! format bits (a codeword, so not corrected) and the same codewords (its own
//! `get_raw_data`, on the grid with the mask removed here), finds no error to correct, and this
//! reader parses the segments as rqrr does (numeric, alphanumeric and byte; ECI designators
//! skipped; the same count lengths and the same wrapping of out-of-range values).

use rqrr::{BitGrid, Grid, SimpleGrid};

/// Error correction codewords per block, by level (L, M, Q, H) and version (ISO/IEC 18004
/// Table 9).
const ECC_PER_BLOCK: [[u8; 41]; 4] = [
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28,
        30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30,
        30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Error correction blocks, by level (L, M, Q, H) and version (ISO/IEC 18004 Table 9).
const BLOCKS: [[u8; 41]; 4] = [
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
        14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21,
        23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29,
        34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32,
        35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1: `EXP[i]` = α^i (twice over), `LOG[α^i]` = i.
const GF: ([u8; 510], [u8; 256]) = {
    let mut exp = [0u8; 510];
    let mut log = [0u8; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        exp[i + 255] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11D;
        }
        i += 1;
    }
    (exp, log)
};

/// The text of the clean QR code in `grid`, or `None` for rqrr to decode (see the module docs).
pub(super) fn read_clean(grid: &SimpleGrid) -> Option<String> {
    let size = grid.size();
    let version = size.checked_sub(17).filter(|n| n % 4 == 0)? / 4;
    if !(1..=40).contains(&version) {
        return None;
    }
    let format = read_format(grid)?;
    let (ecc_raw, mask) = (usize::from(format >> 13), format >> 10 & 7);
    // The finders' corners hold the format bits, which are not masked: left as they are.
    let corner =
        |y: usize, x: usize| (x < 9 && (y < 9 || y + 8 >= size)) || (y < 9 && x + 8 >= size);
    let unmasked = SimpleGrid::from_func(size, |x, y| {
        grid.bit(y, x) ^ (!corner(y, x) && mask_bit(mask, y, x))
    });
    let (meta, raw) = Grid::new(unmasked).get_raw_data().ok()?;
    if raw.len != raw_modules(version)
        || meta.version.0 != version
        || usize::from(meta.ecc_level) != ecc_raw
        || meta.mask != mask
    {
        return None;
    }
    // The format's two bits: 0 M, 1 L, 2 H, 3 Q; the tables are in the order L, M, Q, H.
    let level = [1, 0, 3, 2][ecc_raw];
    let data = codewords(&raw.data, version, level)?;
    let text = segments(&data, version)?;
    String::from_utf8(text).ok()
}

/// The 15 format bits of the first copy (around the top-left finder), unmasked, when they are
/// exactly a BCH(15,5) codeword (ISO/IEC 18004 §7.9.1): as rqrr reads them.
fn read_format(grid: &SimpleGrid) -> Option<u16> {
    const XS: [usize; 15] = [8, 8, 8, 8, 8, 8, 8, 8, 7, 5, 4, 3, 2, 1, 0];
    const YS: [usize; 15] = [0, 1, 2, 3, 4, 5, 7, 8, 8, 8, 8, 8, 8, 8, 8];
    let mut format = 0u16;
    for i in (0..15).rev() {
        format = (format << 1) | u16::from(grid.bit(YS[i], XS[i]));
    }
    format ^= 0x5412;
    let mut remainder = u32::from(format >> 10) << 10;
    for bit in (10..15).rev() {
        if remainder & (1 << bit) != 0 {
            remainder ^= 0x537 << (bit - 10);
        }
    }
    (remainder == u32::from(format & 0x3FF)).then_some(format)
}

/// Whether mask `mask` inverts the module at row `y`, column `x` (ISO/IEC 18004 Table 10).
fn mask_bit(mask: u16, y: usize, x: usize) -> bool {
    match mask {
        0 => (y + x) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (y + x) % 3 == 0,
        4 => (y / 2 + x / 3) % 2 == 0,
        5 => (y * x) % 2 + (y * x) % 3 == 0,
        6 => ((y * x) % 2 + (y * x) % 3) % 2 == 0,
        _ => ((y * x) % 3 + (y + x) % 2) % 2 == 0,
    }
}

/// The data codewords, blocks de-interleaved (as rqrr does) once each is checked to be a
/// codeword; `None` if any block has an error.
fn codewords(raw: &[u8], version: usize, level: usize) -> Option<Vec<u8>> {
    let total = raw_modules(version) / 8;
    let ecc = usize::from(ECC_PER_BLOCK[level][version]);
    let blocks = usize::from(BLOCKS[level][version]);
    let (short_len, long) = (total / blocks, total % blocks);
    let short = blocks - long;
    let short_data = short_len.checked_sub(ecc)?;
    let raw = raw.get(..total)?;
    let ecc_offset = short_data * blocks + long;
    let mut data = Vec::with_capacity(total);
    let mut block = Vec::with_capacity(short_len + 1);
    for i in 0..blocks {
        block.clear();
        block.extend((0..short_data).map(|j| raw[j * blocks + i]));
        if i >= short {
            block.push(raw[short_data * blocks + (i - short)]);
        }
        let data_len = block.len();
        block.extend((0..ecc).map(|j| raw[ecc_offset + j * blocks + i]));
        if !(0..ecc).all(|root| syndrome(&block, root) == 0) {
            return None;
        }
        data.extend_from_slice(&block[..data_len]);
    }
    Some(data)
}

/// The block's polynomial (first codeword highest) at α^root.
fn syndrome(block: &[u8], root: usize) -> u8 {
    let (exp, log) = &GF;
    block.iter().fold(0, |s, &c| {
        let shifted = if s == 0 {
            0
        } else {
            exp[usize::from(log[usize::from(s)]) + root]
        };
        shifted ^ c
    })
}

/// The number of data and error correction modules of a version, remainder bits included.
fn raw_modules(version: usize) -> usize {
    let mut modules = (16 * version + 128) * version + 64;
    if version >= 2 {
        let alignment = version / 7 + 2;
        modules -= (25 * alignment - 10) * alignment - 55;
        if version >= 7 {
            modules -= 36;
        }
    }
    modules
}

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
fn segments(data: &[u8], version: usize) -> Option<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    use qrcode::{Color, EcLevel, QrCode, Version};

    use super::*;

    fn grid(code: &QrCode) -> SimpleGrid {
        let (width, colors) = (code.width(), code.to_colors());
        SimpleGrid::from_func(width, |x, y| colors[y * width + x] == Color::Dark)
    }

    /// A small xorshift generator: the same cases on every run.
    fn next(state: &mut u64) -> usize {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state as usize
    }

    #[test]
    fn every_version_and_level_filled_with_text_reads_without_correction() {
        const ALPHA: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        let levels = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H];
        let mut masks = [false; 8];
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for version in 1..=40 {
            for (level, ec) in levels.into_iter().enumerate() {
                let ecc = usize::from(ECC_PER_BLOCK[level][version])
                    * usize::from(BLOCKS[level][version]);
                let data_bits = (raw_modules(version) / 8 - ecc) * 8;
                let count_bits = [9, 11, 13][usize::from(version > 9) + usize::from(version > 26)];
                let chars = (data_bits - 4 - count_bits) / 11 * 2;
                // No digits: the encoder would split a run of them into a numeric segment.
                let text: String = (0..chars)
                    .map(|_| char::from(ALPHA[10 + next(&mut state) % 35]))
                    .collect();
                let code = QrCode::with_version(&text, Version::Normal(version as i16), ec)
                    .unwrap_or_else(|e| panic!("version {version} level {level}: {e:?}"));
                let grid = grid(&code);
                masks[usize::from(read_format(&grid).unwrap() >> 10 & 7)] = true;
                if version == 21 {
                    // rqrr places version 21's last alignment patterns at 92, not 94 (ISO/IEC
                    // 18004 Annex E): its codewords hold errors, left to its correction.
                    assert_eq!(read_clean(&grid), None);
                    continue;
                }
                assert_eq!(
                    read_clean(&grid),
                    Some(text),
                    "version {version} level {level}"
                );
            }
        }
        assert_eq!(masks, [true; 8]);
    }

    #[test]
    fn a_text_read_is_the_text_rqrr_reads_and_damage_is_left_to_rqrr() {
        let pieces = [
            "GC1:",
            "6BFOXN*TS0",
            "0123456789",
            "é",
            "seal ",
            "%/:",
            "Ä€",
        ];
        let mut state = 0x2545_F491_4F6C_DD1D;
        for case in 0..60 {
            let text: String = (0..1 + next(&mut state) % 12)
                .map(|_| pieces[next(&mut state) % pieces.len()])
                .collect();
            let ec = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H][case % 4];
            let code = QrCode::with_error_correction_level(&text, ec).unwrap();
            let clean = grid(&code);
            let size = clean.size();
            assert_eq!(read_clean(&clean).as_deref(), Some(text.as_str()));
            for flips in 1..=3 {
                let at: Vec<(usize, usize)> = (0..flips)
                    .map(|_| (next(&mut state) % size, next(&mut state) % size))
                    .collect();
                let damaged = SimpleGrid::from_func(size, |x, y| {
                    clean.bit(y, x) ^ (at.iter().filter(|p| **p == (x, y)).count() % 2 == 1)
                });
                let rqrr = Grid::new(damaged.clone()).decode().ok().map(|(_, t)| t);
                let fast = read_clean(&damaged);
                assert!(
                    fast.is_none() || fast == rqrr,
                    "case {case}: {fast:?} {rqrr:?}"
                );
            }
        }
    }
}
