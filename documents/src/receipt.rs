//! A payment receipt: a one-page PDF, not sealed, whose texts the caller gives in the reader's
//! language (labels and values side by side).

use crate::RenderError;
use crate::page::{self, Font, MARGIN, PAGE, Page};

/// What a receipt says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The administration paid, printed in the header.
    pub authority: String,
    /// The title (e.g. "Payment receipt"), also the document's title.
    pub title: String,
    /// Label and value pairs, in order (procedure, dossier, amount, date, reference…).
    pub lines: Vec<(String, String)>,
    /// A closing sentence.
    pub note: String,
}

/// Body text size, in points.
const BODY: f32 = 10.0;
/// Line height, in points.
const LEADING: f32 = 16.0;
/// Where values start, right of their labels.
const VALUE_X: f32 = MARGIN + 170.0;
/// Most lines a receipt holds.
const MAX_LINES: usize = 24;
/// Most characters of one value (the page is not wrapped).
const MAX_VALUE: usize = 70;

/// Renders `receipt` as a one-page PDF (Helvetica, WinAnsiEncoding).
///
/// # Errors
/// [`RenderError::Unencodable`] for a character Windows-1252 cannot write;
/// [`RenderError::TooLong`] beyond [`MAX_LINES`] lines or [`MAX_VALUE`] characters a value.
pub fn render(receipt: &Receipt) -> Result<Vec<u8>, RenderError> {
    if receipt.lines.len() > MAX_LINES
        || receipt
            .lines
            .iter()
            .any(|(_, v)| v.chars().count() > MAX_VALUE)
    {
        return Err(RenderError::TooLong(1));
    }
    let mut p = Page::default();
    let mut y = PAGE.1 - MARGIN;
    p.text(MARGIN, y, Font::Regular, BODY, &receipt.authority)?;
    y -= 10.0;
    p.rule(y);
    y -= 36.0;
    p.text(MARGIN, y, Font::Bold, 18.0, &receipt.title)?;
    y -= 32.0;
    for (label, value) in &receipt.lines {
        p.text(MARGIN, y, Font::Regular, BODY, label)?;
        p.text(VALUE_X, y, Font::Bold, BODY, value)?;
        y -= LEADING;
    }
    y -= 12.0;
    p.rule(y);
    y -= 20.0;
    p.text(MARGIN, y, Font::Regular, 9.0, &receipt.note)?;
    let mut doc = page::build_unsealed(vec![p], &receipt.title);
    page::save(&mut doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> Receipt {
        Receipt {
            authority: "Administration judiciaire".into(),
            title: "Quittance de paiement".into(),
            lines: vec![
                ("Montant".into(), "15,00 €".into()),
                ("Référence".into(), "pi_123".into()),
            ],
            note: "Payé en ligne.".into(),
        }
    }

    #[test]
    fn a_receipt_is_a_one_page_pdf_with_its_texts_and_no_image() {
        let pdf = render(&receipt()).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let text = doc.extract_text(&[1]).unwrap();
        assert!(text.contains("Quittance de paiement"), "{text}");
        assert!(text.contains("pi_123"), "{text}");
        assert!(!String::from_utf8_lossy(&pdf).contains("/Image"));
    }

    #[test]
    fn a_character_the_font_cannot_write_or_an_overlong_value_is_refused() {
        let mut r = receipt();
        r.note = "支付".into();
        assert!(matches!(render(&r), Err(RenderError::Unencodable(_))));
        let mut r = receipt();
        r.lines[0].1 = "x".repeat(71);
        assert!(matches!(render(&r), Err(RenderError::TooLong(1))));
    }
}
