//! Places the extract's texts on the page.

use super::labels::Labels;
use super::{ExtractContent, Outcome};
use crate::RenderError;
use crate::page::{Font, MARGIN, PAGE, Page, SEAL_SIDE};

/// Size of the verification code printed under the seal, in points.
const CODE_SIZE: f32 = 11.0;

/// Body text size, in points.
const BODY: f32 = 10.0;
/// Line height of body text, in points.
const LEADING: f32 = 14.0;
/// Where values start, right of their labels.
const VALUE_X: f32 = MARGIN + 150.0;
/// The lowest baseline the body may use: above the seal and its instruction.
const BODY_FLOOR: f32 = MARGIN + SEAL_SIDE + 20.0;
/// Average Helvetica advance, as a share of the font size, used to wrap lines (generous).
const AVERAGE_ADVANCE: f32 = 0.52;

/// Lays `content` out on one page.
pub(super) fn lay_out(content: &ExtractContent, labels: &Labels) -> Result<Page, RenderError> {
    let lang = labels.language;
    let mut page = Page::default();
    let mut y = PAGE.1 - MARGIN;
    page.text(MARGIN, y, Font::Bold, 11.0, &labels.state)?;
    y -= 15.0;
    page.text(MARGIN, y, Font::Regular, BODY, &content.authority)?;
    y -= 10.0;
    page.rule(y);
    y -= 36.0;
    page.text(MARGIN, y, Font::Bold, 18.0, &labels.title)?;
    y -= 28.0;
    let header = [
        (&*labels.document_number, content.document_number.clone()),
        (&*labels.issue_date, lang.date(content.issue_date)),
    ];
    for (label, value) in header {
        page.text(MARGIN, y, Font::Regular, BODY, label)?;
        page.text(VALUE_X, y, Font::Bold, BODY, &value)?;
        y -= LEADING;
    }
    y -= 16.0;
    page.text(MARGIN, y, Font::Bold, 12.0, &labels.subject)?;
    y -= 6.0;
    page.rule(y);
    y -= 18.0;
    let s = &content.subject;
    let subject = [
        (&*labels.family_name, s.family_name.clone()),
        (&*labels.given_names, s.given_names.clone()),
        (&*labels.birth_date, lang.date(s.birth_date)),
        (&*labels.birth_place, s.birth_place.clone()),
    ];
    for (label, value) in subject {
        page.text(MARGIN, y, Font::Regular, BODY, label)?;
        y = wrapped(&mut page, VALUE_X, y, Font::Bold, &value)?;
    }
    y -= 16.0;
    page.text(MARGIN, y, Font::Bold, 12.0, &labels.outcome)?;
    y -= 6.0;
    page.rule(y);
    y -= 18.0;
    match &content.outcome {
        Outcome::NoEntry => {
            y = wrapped(&mut page, MARGIN, y, Font::Bold, &labels.no_entry)?;
        }
        Outcome::Entries(entries) => {
            y = wrapped(
                &mut page,
                MARGIN,
                y,
                Font::Bold,
                &labels.entries(entries.len()),
            )?;
            for (i, entry) in entries.iter().enumerate() {
                y -= 6.0;
                page.text(MARGIN, y, Font::Bold, BODY, &format!("{}.", i + 1))?;
                let rows = [
                    (&*labels.court, entry.court.clone()),
                    (&*labels.judgment_date, lang.date(entry.date)),
                    (&*labels.offence, entry.offence.clone()),
                    (&*labels.sentence, entry.sentence.clone()),
                ];
                for (label, value) in rows {
                    page.text(MARGIN + 16.0, y, Font::Regular, BODY, label)?;
                    y = wrapped(&mut page, VALUE_X, y, Font::Regular, &value)?;
                }
            }
        }
    }
    if y < BODY_FLOOR {
        return Err(RenderError::TooLong);
    }
    let instruction_width = PAGE.0 - 2.0 * MARGIN - SEAL_SIDE - 24.0;
    let lines = wrap(&labels.verification, instruction_width, 9.0);
    let mut y = MARGIN + SEAL_SIDE - 12.0;
    for line in lines {
        page.text(MARGIN, y, Font::Regular, 9.0, &line)?;
        y -= 12.0;
    }
    if let Some(code) = &content.verification_code {
        // Under the seal: the label, then the code alone (its own text object).
        let x = PAGE.0 - MARGIN - SEAL_SIDE;
        page.text(
            x,
            MARGIN - 14.0,
            Font::Regular,
            8.0,
            &labels.verification_code,
        )?;
        page.text(x, MARGIN - 28.0, Font::Bold, CODE_SIZE, code)?;
    }
    Ok(page)
}

/// Writes `text` from (`x`, `y`), wrapped to the right margin; returns the next baseline.
fn wrapped(
    page: &mut Page,
    x: f32,
    mut y: f32,
    font: Font,
    text: &str,
) -> Result<f32, RenderError> {
    for line in wrap(text, PAGE.0 - MARGIN - x, BODY) {
        if y < BODY_FLOOR {
            return Err(RenderError::TooLong);
        }
        page.text(x, y, font, BODY, &line)?;
        y -= LEADING;
    }
    Ok(y)
}

/// Splits `text` into lines no wider than `width` points at `size`, by words.
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let max_chars = ((width / (size * AVERAGE_ADVANCE)) as usize).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole_and_lines_short() {
        let lines = wrap(
            "un deux trois quatre cinq six sept huit neuf dix",
            60.0,
            10.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 11));
        assert_eq!(
            lines.join(" "),
            "un deux trois quatre cinq six sept huit neuf dix"
        );
    }
}
