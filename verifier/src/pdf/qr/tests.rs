use qrcode::{Color, EcLevel, QrCode, Version};
use rqrr::{BitGrid, Grid, SimpleGrid};

use super::blocks::{BLOCKS, ECC_PER_BLOCK, raw_modules};
use super::*;

fn read(grid: &SimpleGrid) -> Option<String> {
    read_clean(grid.size(), |x, y| grid.bit(y, x))
}

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
            let ecc =
                usize::from(ECC_PER_BLOCK[level][version]) * usize::from(BLOCKS[level][version]);
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
            masks[usize::from(read_format(&|x, y| grid.bit(y, x)).unwrap() >> 10 & 7)] = true;
            if version == 21 {
                // rqrr places version 21's last alignment patterns at 92, not 94 (ISO/IEC
                // 18004 Annex E): that version is left to it.
                assert_eq!(read(&grid), None);
                continue;
            }
            assert_eq!(read(&grid), Some(text), "version {version} level {level}");
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
        assert_eq!(read(&clean).as_deref(), Some(text.as_str()));
        for flips in 1..=3 {
            let at: Vec<(usize, usize)> = (0..flips)
                .map(|_| (next(&mut state) % size, next(&mut state) % size))
                .collect();
            let damaged = SimpleGrid::from_func(size, |x, y| {
                clean.bit(y, x) ^ (at.iter().filter(|p| **p == (x, y)).count() % 2 == 1)
            });
            let rqrr = Grid::new(damaged.clone()).decode().ok().map(|(_, t)| t);
            let fast = read(&damaged);
            assert!(
                fast.is_none() || fast == rqrr,
                "case {case}: {fast:?} {rqrr:?}"
            );
        }
    }
}
