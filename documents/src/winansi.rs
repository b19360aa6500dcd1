//! Encodes text in WinAnsiEncoding (Windows-1252), the encoding of the standard 14 fonts.

use crate::RenderError;

/// The characters of Windows-1252 at 0x80..=0x9F (`None` where the code page has a gap).
const HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Encodes `text` as WinAnsi bytes, or fails on the first character the encoding lacks.
pub(crate) fn encode(text: &str) -> Result<Vec<u8>, RenderError> {
    text.chars()
        .map(|c| match u32::from(c) {
            0x20..=0x7E | 0xA0..=0xFF => Ok(u32::from(c) as u8),
            _ => HIGH
                .iter()
                .position(|h| *h == Some(c))
                .map(|i| 0x80 + i as u8)
                .ok_or(RenderError::Unencodable(c)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_eszett_are_single_bytes() {
        assert_eq!(encode("éèüß").unwrap(), vec![0xE9, 0xE8, 0xFC, 0xDF]);
    }

    #[test]
    fn euro_and_quotes_use_the_windows_range() {
        assert_eq!(encode("€’—").unwrap(), vec![0x80, 0x92, 0x97]);
    }

    #[test]
    fn characters_outside_the_code_page_are_refused() {
        assert!(matches!(encode("Łódź"), Err(RenderError::Unencodable('Ł'))));
        assert!(matches!(
            encode("a\nb"),
            Err(RenderError::Unencodable('\n'))
        ));
    }
}
