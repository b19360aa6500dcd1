//! Places the extract's texts on as many pages as it needs: the convictions are a table whose
//! header is repeated on each page it continues on.

use super::labels::Labels;
use super::{Entry, ExtractContent, Outcome};
use crate::RenderError;
use crate::flow::{BODY, Flow, LEADING, wrap};
use crate::page::{Font, MARGIN, PAGE, Page, SEAL_SIDE};

/// Size of the verification code printed under the seal, in points.
const CODE_SIZE: f32 = 11.0;
/// Where values start, right of their labels.
const VALUE_X: f32 = MARGIN + 150.0;
/// Table text size, in points.
const CELL: f32 = 9.0;
/// Line height in the table, in points.
const CELL_LEADING: f32 = 12.0;
/// The table's columns: left edge and width, in points (number, date, court, offence, sentence).
const COLUMNS: [(f32, f32); 5] = [
    (MARGIN, 22.0),
    (MARGIN + 24.0, 62.0),
    (MARGIN + 90.0, 128.0),
    (MARGIN + 222.0, 132.0),
    (MARGIN + 358.0, PAGE.0 - 2.0 * MARGIN - 358.0),
];

/// Lays `content` out on its pages.
pub(super) fn lay_out(content: &ExtractContent, labels: &Labels) -> Result<Vec<Page>, RenderError> {
    let lang = labels.language;
    let header = |page: &mut Page| -> Result<f32, RenderError> {
        let mut y = PAGE.1 - MARGIN;
        page.text(MARGIN, y, Font::Bold, 11.0, &labels.state)?;
        y -= 15.0;
        page.text(MARGIN, y, Font::Regular, BODY, &content.authority)?;
        y -= 10.0;
        page.rule(y);
        y -= 36.0;
        page.text(MARGIN, y, Font::Bold, 18.0, &labels.title)?;
        Ok(y - 28.0)
    };
    let mut flow = Flow::new(&header)?;
    let mut rows = vec![
        (
            labels.document_number.clone(),
            content.document_number.clone(),
        ),
        (labels.issue_date.clone(), lang.date(content.issue_date)),
        (
            labels.bulletin.clone(),
            labels
                .bulletin_value(content.bulletin.number())
                .into_owned(),
        ),
    ];
    if let Some(purpose) = &content.purpose {
        rows.push((labels.purpose.clone(), purpose.clone()));
    }
    for (label, value) in rows {
        field(&mut flow, &label, &value)?;
    }
    flow.down(16.0);
    heading(&mut flow, &labels.subject)?;
    let s = &content.subject;
    let subject = [
        (&*labels.family_name, s.family_name.clone()),
        (&*labels.given_names, s.given_names.clone()),
        (&*labels.birth_date, lang.date(s.birth_date)),
        (&*labels.birth_place, s.birth_place.clone()),
    ];
    for (label, value) in subject {
        field(&mut flow, label, &value)?;
    }
    flow.down(16.0);
    heading(&mut flow, &labels.outcome)?;
    match &content.outcome {
        Outcome::NoEntry => flow.wrapped(MARGIN, Font::Bold, &labels.no_entry)?,
        Outcome::Entries(entries) => {
            flow.wrapped(MARGIN, Font::Bold, &labels.entries(entries.len()))?;
            flow.down(6.0);
            table(&mut flow, entries, labels)?;
        }
    }
    let mut pages = flow.finish(
        |n, m| labels.page_of(n, m, &content.document_number),
        &labels.verification,
    )?;
    if let Some(code) = &content.verification_code {
        // Under the seal of every page: the label, then the code alone (its own text object).
        let x = PAGE.0 - MARGIN - SEAL_SIDE;
        for page in &mut pages {
            page.text(
                x,
                MARGIN - 14.0,
                Font::Regular,
                8.0,
                &labels.verification_code,
            )?;
            page.text(x, MARGIN - 28.0, Font::Bold, CODE_SIZE, code)?;
        }
    }
    Ok(pages)
}

/// A label and its value on one line (the value wrapped beside it).
fn field(flow: &mut Flow<'_>, label: &str, value: &str) -> Result<(), RenderError> {
    let lines = wrap(value, PAGE.0 - MARGIN - VALUE_X, BODY);
    flow.room(LEADING * lines.len() as f32)?;
    let y = flow.y();
    flow.page().text(MARGIN, y, Font::Regular, BODY, label)?;
    for line in lines {
        let y = flow.y();
        flow.page().text(VALUE_X, y, Font::Bold, BODY, &line)?;
        flow.down(LEADING);
    }
    Ok(())
}

/// A section heading with a rule under it, kept with at least two lines of what follows.
fn heading(flow: &mut Flow<'_>, text: &str) -> Result<(), RenderError> {
    flow.room(24.0 + 2.0 * LEADING)?;
    let y = flow.y();
    flow.page().text(MARGIN, y, Font::Bold, 12.0, text)?;
    flow.down(6.0);
    let y = flow.y();
    flow.page().rule(y);
    flow.down(18.0);
    Ok(())
}

/// The convictions as a table; its header row opens the table and every page it continues on.
fn table(flow: &mut Flow<'_>, entries: &[Entry], labels: &Labels) -> Result<(), RenderError> {
    let titles = [
        "N°".to_string(),
        labels.judgment_date.to_string(),
        labels.court.to_string(),
        labels.offence.to_string(),
        labels.sentence.to_string(),
    ];
    let header_cells = cells(&titles);
    let header_height = height(&header_cells) + 6.0;
    let lang = labels.language;
    for (i, entry) in entries.iter().enumerate() {
        let row = cells(&[
            format!("{}.", i + 1),
            lang.date(entry.date),
            entry.court.clone(),
            entry.offence.clone(),
            entry.sentence.clone(),
        ]);
        let row_height = height(&row) + 4.0;
        let broke = flow.room(if i == 0 {
            header_height + row_height
        } else {
            row_height
        })?;
        if i == 0 || broke {
            draw_row(flow, &header_cells, Font::Bold)?;
            flow.down(2.0);
            let y = flow.y() + CELL_LEADING - 3.0;
            flow.page().rule(y);
            flow.down(4.0);
        }
        draw_row(flow, &row, Font::Regular)?;
        flow.down(4.0);
    }
    Ok(())
}

/// Each cell's text wrapped to its column.
fn cells(texts: &[String; 5]) -> Vec<Vec<String>> {
    texts
        .iter()
        .zip(COLUMNS)
        .map(|(text, (_, width))| wrap(text, width, CELL))
        .collect()
}

/// The height of a row of wrapped cells.
fn height(cells: &[Vec<String>]) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * CELL_LEADING
}

/// Draws one row from the baseline down; moves the baseline under its tallest cell.
fn draw_row(flow: &mut Flow<'_>, cells: &[Vec<String>], font: Font) -> Result<(), RenderError> {
    let top = flow.y();
    for (lines, (x, _)) in cells.iter().zip(COLUMNS) {
        for (i, line) in lines.iter().enumerate() {
            let y = top - i as f32 * CELL_LEADING;
            flow.page().text(x, y, font, CELL, line)?;
        }
    }
    flow.down(height(cells));
    Ok(())
}
