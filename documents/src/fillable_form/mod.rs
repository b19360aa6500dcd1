//! The offline route's fillable PDF form (an AcroForm): one typed field per form field, labels,
//! help and hints in the reader's language, one section per step, page breaks where needed,
//! read-only fields for authentic values, and a hidden field binding the form to where it
//! belongs ([`render`]); and the values of a filled form read back ([`read()`]), refusing forms
//! without fields, XFA forms and PDFs with scripts or actions (never run).

mod layout;
mod read;
pub mod texts;
mod widgets;

pub use read::{Filled, FilledValue, FormError, read};

use crate::{Language, RenderError};

/// The name of the hidden field that binds the form (procedure, version, space…).
pub const BINDING_FIELD: &str = "guichet_binding";

/// A form to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The reader's language (the fixed texts are written in it).
    pub language: Language,
    /// The procedure's title, on top of every page and in the document info.
    pub title: String,
    /// The procedure's help, below the title on the first page.
    pub help: String,
    /// What the footer names (e.g. the procedure and its version).
    pub reference: String,
    /// The steps, in order.
    pub sections: Vec<Section>,
    /// The value of the hidden [`BINDING_FIELD`].
    pub binding: String,
}

/// One step of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The step's title.
    pub title: String,
    /// Its fields, in order.
    pub fields: Vec<FormField>,
}

/// One field.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// The field's name in the PDF (the procedure field's id; ASCII).
    pub name: String,
    /// Its label.
    pub label: String,
    /// Its help, if any.
    pub help: Option<String>,
    /// Whether a value is mandatory (marked `*`).
    pub required: bool,
    /// Whether the value comes from an authentic source (shown grey, not editable).
    pub read_only: bool,
    /// What is typed or chosen.
    pub input: Input,
}

/// The kind of input of a field, with its current value.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One line of text (also dates and numbers, with their `hint`).
    Text {
        /// The expected format or range, shown beside the label.
        hint: Option<String>,
        /// The longest value a reader lets one type.
        max_length: Option<usize>,
        /// The prefilled value.
        value: String,
    },
    /// One of a list: (value, label) pairs.
    Choice {
        /// The options, as stored value and shown label.
        options: Vec<(String, String)>,
        /// The chosen value.
        value: Option<String>,
    },
    /// A check box (yes when checked).
    Check {
        /// Whether it is checked.
        checked: bool,
    },
    /// Several lines of text under one name (an address: `name.part`).
    Group {
        /// The parts.
        parts: Vec<Part>,
    },
    /// A supporting document: no input here, a note to attach it online.
    Attachment,
}

/// One part of a [`Input::Group`].
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part's name (the field is named `group.part`).
    pub name: String,
    /// Its label.
    pub label: String,
    /// The prefilled value.
    pub value: String,
}

/// Renders `form` as a fillable PDF (PDF 1.7, Helvetica, AcroForm with appearance streams and
/// `NeedAppearances`, no JavaScript).
///
/// # Errors
/// [`RenderError::Unencodable`] for a label or help the page font cannot write;
/// [`RenderError::TooLong`] beyond the pages a form may have.
pub fn render(form: &Form) -> Result<Vec<u8>, RenderError> {
    let pages = layout::lay_out(form)?;
    let mut doc = widgets::build(pages, form)?;
    crate::page::save(&mut doc)
}

#[cfg(test)]
mod tests;
