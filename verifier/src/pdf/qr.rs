//! Reads a clean QR code from its exact module grid, without error correction.
//!
//! rqrr computes each block's Reed-Solomon syndromes with a field power that costs about a
//! hundred multiplications, whether or not the block has errors: about 2 ms for the extract's
//! version-11 seal, nine tenths of verifying its PDF. The seal image the issuer drew has no
//! errors, so this reader checks that every block is a codeword (all its syndromes are zero,
//! ISO/IEC 18004:2015 §7.5.2, with log tables) and reads the data. When anything is not exactly
//! as a clean code has it (format bits that need correction, a block with errors, a Kanji or
//! unknown segment, underflow, text that is not UTF-8, version 21), it returns `None` and the
//! caller decodes with rqrr, which corrects what it can.
//!
//! When it returns a text, rqrr decodes the same grid to the same text: rqrr reads the same
//! format bits (a codeword, so not corrected) and the same codewords (the same function
//! patterns, ISO/IEC 18004 §6.3, but for version 21's alignment patterns, which rqrr places at
//! 92 instead of 94: that version is left to rqrr), finds no error to correct, and this reader
//! parses the segments as rqrr does (numeric, alphanumeric and byte; ECI designators skipped;
//! the same count lengths and the same wrapping of out-of-range values).

mod blocks;
mod segments;
#[cfg(test)]
mod tests;

/// The text of the clean QR code of `size` × `size` modules whose module at column `x`, row
/// `y` is dark when `dark(x, y)`; `None` for rqrr to decode (see the module docs).
pub(super) fn read_clean(size: usize, dark: impl Fn(usize, usize) -> bool) -> Option<String> {
    let version = size.checked_sub(17).filter(|n| n % 4 == 0)? / 4;
    if !(1..=40).contains(&version) || version == 21 {
        return None;
    }
    let format = read_format(&dark)?;
    let (ecc_bits, mask) = (usize::from(format >> 13), format >> 10 & 7);
    // The format's two bits: 0 M, 1 L, 2 H, 3 Q; the tables are in the order L, M, Q, H.
    let level = [1, 0, 3, 2][ecc_bits];
    let raw = raw_codewords(size, version, mask, &dark)?;
    let data = blocks::codewords(&raw, version, level)?;
    String::from_utf8(segments::segments(&data, version)?).ok()
}

/// The 15 format bits of the first copy (around the top-left finder), unmasked, when they are
/// exactly a BCH(15,5) codeword (ISO/IEC 18004 §7.9.1): as rqrr reads them.
fn read_format(dark: &impl Fn(usize, usize) -> bool) -> Option<u16> {
    const XS: [usize; 15] = [8, 8, 8, 8, 8, 8, 8, 8, 7, 5, 4, 3, 2, 1, 0];
    const YS: [usize; 15] = [0, 1, 2, 3, 4, 5, 7, 8, 8, 8, 8, 8, 8, 8, 8];
    let mut format = 0u16;
    for i in (0..15).rev() {
        format = (format << 1) | u16::from(dark(XS[i], YS[i]));
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

/// The centres of a version's alignment patterns on each axis (ISO/IEC 18004 Annex E).
fn alignment_centres(version: usize) -> Vec<usize> {
    if version < 2 {
        return Vec::new();
    }
    let count = version / 7 + 2;
    let step = if version == 32 {
        26
    } else {
        (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    let last = version * 4 + 10;
    let mut centres: Vec<usize> = (0..count - 1).map(|i| last - i * step).collect();
    centres.push(6);
    centres.reverse();
    centres
}

/// Which modules are function patterns, row by row (ISO/IEC 18004 §6.3): finders with their
/// separators and format bits, timing patterns, version bits and alignment patterns.
fn function_modules(size: usize, version: usize) -> Vec<bool> {
    let mut function = vec![false; size * size];
    let mut mark = |x0: usize, y0: usize, width: usize, height: usize| {
        for y in y0..y0 + height {
            function[y * size + x0..y * size + x0 + width].fill(true);
        }
    };
    mark(0, 0, 9, 9);
    mark(size - 8, 0, 8, 9);
    mark(0, size - 8, 9, 8);
    mark(6, 0, 1, size);
    mark(0, 6, size, 1);
    if version >= 7 {
        mark(size - 11, 0, 3, 6);
        mark(0, size - 11, 6, 3);
    }
    let centres = alignment_centres(version);
    let last = centres.len().saturating_sub(1);
    for (i, &cy) in centres.iter().enumerate() {
        for (j, &cx) in centres.iter().enumerate() {
            // The three corners where a finder stands hold no alignment pattern.
            if (i, j) != (0, 0) && (i, j) != (0, last) && (i, j) != (last, 0) {
                mark(cx - 2, cy - 2, 5, 5);
            }
        }
    }
    function
}

/// The codewords in placement order (ISO/IEC 18004 §7.7.3: two-column zigzag from the bottom
/// right, skipping the vertical timing column), unmasked; remainder bits left out.
fn raw_codewords(
    size: usize,
    version: usize,
    mask: u16,
    dark: &impl Fn(usize, usize) -> bool,
) -> Option<Vec<u8>> {
    let function = function_modules(size, version);
    if function.iter().filter(|f| !**f).count() != blocks::raw_modules(version) {
        return None;
    }
    let total = blocks::raw_modules(version) / 8;
    let mut raw = vec![0u8; total];
    let mut at = 0;
    let mut right = size - 1;
    let mut upward = true;
    while right > 0 {
        if right == 6 {
            right -= 1;
        }
        for step in 0..size {
            let y = if upward { size - 1 - step } else { step };
            for x in [right, right - 1] {
                if function[y * size + x] || at >= total * 8 {
                    continue;
                }
                if dark(x, y) ^ mask_bit(mask, y, x) {
                    raw[at / 8] |= 0x80 >> (at % 8);
                }
                at += 1;
            }
        }
        right = right.saturating_sub(2);
        upward = !upward;
    }
    Some(raw)
}
