//! The codewords' blocks: their sizes per version and level, and the Reed-Solomon check.

/// Error correction codewords per block, by level (L, M, Q, H) and version (ISO/IEC 18004
/// Table 9).
pub(super) const ECC_PER_BLOCK: [[u8; 41]; 4] = [
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
pub(super) const BLOCKS: [[u8; 41]; 4] = [
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

/// GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1: `EXP[i]` = α^i for i < 510, 0 from 512 on;
/// `LOG[α^i]` = i, and `LOG[0]` = 512, so that `EXP[LOG[s] + k]` = s·α^k for every s and k < 32.
const GF: ([u8; 544], [u16; 256]) = {
    let mut exp = [0u8; 544];
    let mut log = [512u16; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        exp[i + 255] = x as u8;
        log[x as usize] = i as u16;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11D;
        }
        i += 1;
    }
    (exp, log)
};

/// The data codewords, blocks de-interleaved (as rqrr does) once each is checked to be a
/// codeword; `None` if any block has an error.
pub(super) fn codewords(raw: &[u8], version: usize, level: usize) -> Option<Vec<u8>> {
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
        if !is_codeword(&block, ecc) {
            return None;
        }
        data.extend_from_slice(&block[..data_len]);
    }
    Some(data)
}

/// Whether the block is a Reed-Solomon codeword: its polynomial (first codeword highest) is
/// zero at α^0 … α^(ecc-1) (ISO/IEC 18004 §7.5.2). Horner's rule for every root at once.
fn is_codeword(block: &[u8], ecc: usize) -> bool {
    let (exp, log) = &GF;
    let mut syndromes = [0u8; 32];
    let Some(syndromes) = syndromes.get_mut(..ecc) else {
        return false;
    };
    for &c in block {
        for (root, s) in syndromes.iter_mut().enumerate() {
            *s = exp[usize::from(log[usize::from(*s)]) + root] ^ c;
        }
    }
    syndromes.iter().all(|s| *s == 0)
}

/// The number of data and error correction modules of a version, remainder bits included.
pub(super) fn raw_modules(version: usize) -> usize {
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
