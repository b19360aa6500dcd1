//! Text flowing over as many pages as it needs: a running header on each page, page breaks
//! above the seal, and "page n of m" with the verification instruction on every page.

use crate::RenderError;
use crate::page::{Font, MARGIN, PAGE, Page, SEAL_SIDE};

/// Body text size, in points.
pub(crate) const BODY: f32 = 10.0;
/// Line height of body text, in points.
pub(crate) const LEADING: f32 = 14.0;
/// The lowest baseline the body may use: above the seal and its instruction.
pub(crate) const BODY_FLOOR: f32 = MARGIN + SEAL_SIDE + 20.0;
/// The most pages a document may have.
pub(crate) const MAX_PAGES: usize = 50;
/// Average Helvetica advance, as a share of the font size, used to wrap lines (generous).
const AVERAGE_ADVANCE: f32 = 0.52;

/// Draws the running header at the top of a page; returns the first baseline below it.
pub(crate) type Header<'a> = dyn Fn(&mut Page) -> Result<f32, RenderError> + 'a;

/// Pages being filled from the top down.
pub(crate) struct Flow<'a> {
    pages: Vec<Page>,
    y: f32,
    header: &'a Header<'a>,
}

impl<'a> Flow<'a> {
    /// Starts the first page, with its header.
    pub fn new(header: &'a Header<'a>) -> Result<Self, RenderError> {
        let mut page = Page::default();
        let y = header(&mut page)?;
        Ok(Self {
            pages: vec![page],
            y,
            header,
        })
    }

    /// The page being filled.
    pub fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The current baseline.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves the baseline down by `dy` points.
    pub fn down(&mut self, dy: f32) {
        self.y -= dy;
    }

    /// Makes room for `height` points below the baseline: starts a new page (with its header)
    /// when they do not fit; returns whether it did.
    pub fn room(&mut self, height: f32) -> Result<bool, RenderError> {
        if self.y - height >= BODY_FLOOR {
            return Ok(false);
        }
        if self.pages.len() >= MAX_PAGES {
            return Err(RenderError::TooLong(MAX_PAGES));
        }
        let mut page = Page::default();
        self.y = (self.header)(&mut page)?;
        self.pages.push(page);
        if self.y - height < BODY_FLOOR {
            // Even an empty page cannot hold it.
            return Err(RenderError::TooLong(MAX_PAGES));
        }
        Ok(true)
    }

    /// Writes `text` from `x` at the baseline, wrapped to the right margin, breaking pages.
    pub fn wrapped(&mut self, x: f32, font: Font, text: &str) -> Result<(), RenderError> {
        for line in wrap(text, PAGE.0 - MARGIN - x, BODY) {
            self.room(LEADING)?;
            let y = self.y;
            self.page().text(x, y, font, BODY, &line)?;
            self.y -= LEADING;
        }
        Ok(())
    }

    /// Ends the document: writes `footer(n, m)` and the verification instruction beside the
    /// seal on every page; returns the pages.
    pub fn finish(
        mut self,
        footer: impl Fn(usize, usize) -> String,
        verification: &str,
    ) -> Result<Vec<Page>, RenderError> {
        let count = self.pages.len();
        let instruction_width = PAGE.0 - 2.0 * MARGIN - SEAL_SIDE - 24.0;
        let lines = wrap(verification, instruction_width, 9.0);
        for (i, page) in self.pages.iter_mut().enumerate() {
            let mut y = MARGIN + SEAL_SIDE - 12.0;
            for line in &lines {
                page.text(MARGIN, y, Font::Regular, 9.0, line)?;
                y -= 12.0;
            }
            page.text(
                MARGIN,
                MARGIN - 24.0,
                Font::Regular,
                9.0,
                &footer(i + 1, count),
            )?;
        }
        Ok(self.pages)
    }
}

/// Splits `text` into lines no wider than `width` points at `size`, by words.
pub(crate) fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
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

    #[test]
    fn text_longer_than_a_page_flows_onto_the_next_with_its_header() {
        let header = |page: &mut Page| {
            page.text(MARGIN, PAGE.1 - MARGIN, Font::Bold, 11.0, "HEADER")?;
            Ok(PAGE.1 - MARGIN - 30.0)
        };
        let mut flow = Flow::new(&header).unwrap();
        for _ in 0..60 {
            flow.wrapped(MARGIN, Font::Regular, "line").unwrap();
        }
        let pages = flow.finish(|n, m| format!("{n}/{m}"), "check").unwrap();
        assert_eq!(pages.len(), 2);
    }
}
