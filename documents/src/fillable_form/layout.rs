//! Places the form on A4 pages: a header on each page, the instructions on the first, each
//! step as a section, each field as its label, help and input box; a page break where the
//! next field does not fit.

use super::{Form, FormField, Input, texts};
use crate::RenderError;
use crate::flow::wrap;
use crate::page::{Font, MARGIN, PAGE, Page};

/// The most pages a form may have.
const MAX_PAGES: usize = 20;
/// Label size, in points.
const LABEL: f32 = 10.0;
/// Help and hint size, in points.
const SMALL: f32 = 8.0;
/// Height of an input box, in points.
const BOX: f32 = 18.0;
/// Where the boxes of a group's parts start, right of the parts' labels.
const PART_X: f32 = MARGIN + 120.0;
/// The right edge of the writing area.
const RIGHT: f32 = PAGE.0 - MARGIN;
/// The lowest point content may reach (the footer is below).
const FLOOR: f32 = MARGIN;

/// What a widget is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A text box.
    Text {
        /// `MaxLen`.
        max_length: Option<usize>,
        /// The value.
        value: String,
    },
    /// A drop-down list.
    Choice {
        /// (value, label) pairs.
        options: Vec<(String, String)>,
        /// The chosen value.
        value: Option<String>,
    },
    /// A check box.
    Check {
        /// Checked.
        checked: bool,
    },
}

/// A widget placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    /// The field's name; a part of a group also names its group.
    pub name: String,
    /// The group the widget is a part of, with the group's label.
    pub group: Option<(String, String)>,
    /// The tooltip (`TU`): the label and its hint.
    pub tooltip: String,
    /// `[x0, y0, x1, y1]`, points.
    pub rect: [f32; 4],
    /// Mandatory.
    pub required: bool,
    /// Not editable.
    pub read_only: bool,
    /// What it is.
    pub kind: Kind,
}

/// One laid-out page: its text and its widgets.
#[derive(Debug, Default)]
pub(crate) struct LaidOut {
    /// Labels, help, titles.
    pub page: Page,
    /// The fields.
    pub widgets: Vec<Placed>,
}

struct Layout<'a> {
    form: &'a Form,
    pages: Vec<LaidOut>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn new(form: &'a Form) -> Result<Self, RenderError> {
        let mut l = Self {
            form,
            pages: Vec::new(),
            y: 0.0,
        };
        l.new_page()?;
        Ok(l)
    }

    fn new_page(&mut self) -> Result<(), RenderError> {
        if self.pages.len() >= MAX_PAGES {
            return Err(RenderError::TooLong(MAX_PAGES));
        }
        let mut page = Page::default();
        let top = PAGE.1 - MARGIN;
        page.text(MARGIN, top, Font::Bold, 14.0, &self.form.title)?;
        page.rule(top - 8.0);
        self.pages.push(LaidOut {
            page,
            widgets: Vec::new(),
        });
        self.y = top - 30.0;
        Ok(())
    }

    fn current(&mut self) -> &mut LaidOut {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Breaks the page unless `height` points fit below the baseline.
    fn room(&mut self, height: f32) -> Result<(), RenderError> {
        if self.y - height < FLOOR {
            self.new_page()?;
            if self.y - height < FLOOR {
                return Err(RenderError::TooLong(MAX_PAGES));
            }
        }
        Ok(())
    }

    fn line(&mut self, x: f32, font: Font, size: f32, text: &str) -> Result<(), RenderError> {
        let y = self.y;
        self.current().page.text(x, y, font, size, text)?;
        self.y -= size + 3.0;
        Ok(())
    }

    fn paragraph(&mut self, size: f32, text: &str) -> Result<(), RenderError> {
        for l in wrap(text, RIGHT - MARGIN, size) {
            self.room(size + 3.0)?;
            self.line(MARGIN, Font::Regular, size, &l)?;
        }
        Ok(())
    }

    fn place(&mut self, widget: Placed) {
        self.current().widgets.push(widget);
    }
}

/// The label line of a field: its label and, when mandatory, the asterisk.
fn label(f: &FormField) -> String {
    if f.required {
        format!("{} *", f.label)
    } else {
        f.label.clone()
    }
}

/// How wide a text box is: narrow for short values, the whole line otherwise.
fn text_width(max_length: Option<usize>) -> f32 {
    let full = RIGHT - MARGIN;
    match max_length {
        Some(n) if n <= 40 => (n as f32 * 6.5 + 14.0).clamp(90.0, full),
        _ => full,
    }
}

/// Lays `form` out on pages.
pub(crate) fn lay_out(form: &Form) -> Result<Vec<LaidOut>, RenderError> {
    let lang = form.language;
    let mut l = Layout::new(form)?;
    l.paragraph(10.0, &form.help)?;
    l.y -= 4.0;
    for text in [
        texts::instructions(lang),
        texts::mandatory(lang),
        texts::read_only(lang),
    ] {
        l.paragraph(9.0, &text)?;
    }
    l.y -= 10.0;
    for section in &form.sections {
        // A section title never ends a page: keep room for it and a first field.
        l.room(24.0 + 60.0)?;
        l.y -= 6.0;
        l.line(MARGIN, Font::Bold, 12.0, &section.title)?;
        let y = l.y + 8.0;
        l.current().page.rule(y);
        l.y -= 8.0;
        for f in &section.fields {
            field(&mut l, f)?;
        }
    }
    let count = l.pages.len();
    for (i, p) in l.pages.iter_mut().enumerate() {
        let footer = texts::footer(lang, form.reference.clone(), i + 1, count);
        p.page
            .text(MARGIN, MARGIN - 24.0, Font::Regular, SMALL, &footer)?;
    }
    Ok(l.pages)
}

fn help_lines(f: &FormField, hint: Option<&str>) -> Vec<String> {
    let text = match (f.help.as_deref(), hint) {
        (Some(h), Some(x)) => format!("{h} ({x})"),
        (Some(h), None) => h.to_string(),
        (None, Some(x)) => format!("({x})"),
        (None, None) => return Vec::new(),
    };
    wrap(&text, RIGHT - MARGIN, SMALL)
}

fn tooltip(f: &FormField, hint: Option<&str>) -> String {
    match hint {
        Some(h) => format!("{} ({h})", f.label),
        None => f.label.clone(),
    }
}

fn field(l: &mut Layout<'_>, f: &FormField) -> Result<(), RenderError> {
    let hint = match &f.input {
        Input::Text { hint, .. } => hint.as_deref(),
        _ => None,
    };
    let help = help_lines(f, hint);
    let help_height = help.len() as f32 * (SMALL + 3.0);
    let widget = |rect, kind| Placed {
        name: f.name.clone(),
        group: None,
        tooltip: tooltip(f, hint),
        rect,
        required: f.required,
        read_only: f.read_only,
        kind,
    };
    match &f.input {
        Input::Check { checked } => {
            l.room(LABEL + 8.0 + help_height)?;
            let y = l.y;
            l.place(widget(
                [MARGIN, y - 3.0, MARGIN + 12.0, y + 9.0],
                Kind::Check { checked: *checked },
            ));
            l.current()
                .page
                .text(MARGIN + 18.0, y, Font::Regular, LABEL, &label(f))?;
            l.y -= LABEL + 5.0;
            for h in &help {
                l.line(MARGIN + 18.0, Font::Regular, SMALL, h)?;
            }
        }
        Input::Group { parts } => {
            let height = LABEL + 3.0 + help_height + parts.len() as f32 * (BOX + 3.0);
            l.room(height)?;
            l.line(MARGIN, Font::Regular, LABEL, &label(f))?;
            for h in &help {
                l.line(MARGIN, Font::Regular, SMALL, h)?;
            }
            for part in parts {
                let top = l.y + LABEL - 1.0;
                let rect = [PART_X, top - BOX, RIGHT, top];
                l.current().page.text(
                    MARGIN + 12.0,
                    top - 12.5,
                    Font::Regular,
                    9.0,
                    &part.label,
                )?;
                l.place(Placed {
                    name: part.name.clone(),
                    group: Some((f.name.clone(), f.label.clone())),
                    tooltip: format!("{}: {}", f.label, part.label),
                    rect,
                    required: f.required,
                    read_only: f.read_only,
                    kind: Kind::Text {
                        max_length: None,
                        value: part.value.clone(),
                    },
                });
                l.y -= BOX + 3.0;
            }
        }
        Input::Attachment => {
            let note = texts::attachment(l.form.language);
            l.room(LABEL + 3.0 + help_height + SMALL + 3.0)?;
            l.line(MARGIN, Font::Regular, LABEL, &label(f))?;
            for h in &help {
                l.line(MARGIN, Font::Regular, SMALL, h)?;
            }
            l.line(MARGIN, Font::Bold, SMALL, &note)?;
        }
        Input::Text {
            max_length, value, ..
        } => {
            l.room(LABEL + 3.0 + help_height + BOX + 2.0)?;
            l.line(MARGIN, Font::Regular, LABEL, &label(f))?;
            for h in &help {
                l.line(MARGIN, Font::Regular, SMALL, h)?;
            }
            let top = l.y + LABEL - 1.0;
            let rect = [MARGIN, top - BOX, MARGIN + text_width(*max_length), top];
            l.place(widget(
                rect,
                Kind::Text {
                    max_length: *max_length,
                    value: value.clone(),
                },
            ));
            l.y -= BOX;
        }
        Input::Choice { options, value } => {
            l.room(LABEL + 3.0 + help_height + BOX + 2.0)?;
            l.line(MARGIN, Font::Regular, LABEL, &label(f))?;
            for h in &help {
                l.line(MARGIN, Font::Regular, SMALL, h)?;
            }
            let top = l.y + LABEL - 1.0;
            let widest = options
                .iter()
                .map(|(_, label)| label.chars().count())
                .max()
                .unwrap_or(10);
            let width = (widest as f32 * 5.6 + 30.0).clamp(120.0, RIGHT - MARGIN);
            let rect = [MARGIN, top - BOX, MARGIN + width, top];
            l.place(widget(
                rect,
                Kind::Choice {
                    options: options.clone(),
                    value: value.clone(),
                },
            ));
            l.y -= BOX;
        }
    }
    l.y -= 9.0;
    Ok(())
}
