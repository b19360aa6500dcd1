//! Reads a filled form back: the values of its fields by name, after refusing what is not a
//! form (not a PDF, encrypted, no fields), XFA forms, and PDFs carrying scripts or actions
//! (never run).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use super::BINDING_FIELD;

/// Why an uploaded file is not a form that can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// Not a PDF that can be read (or an encrypted one).
    #[error("not a readable PDF")]
    NotPdf,
    /// A PDF without form fields: flattened, scanned, or not a form.
    #[error("the PDF has no form fields")]
    NoFields,
    /// An XFA form (XML forms), which only some readers understand.
    #[error("an XFA form")]
    Xfa,
    /// JavaScript or actions (opening, submitting, launching…), refused unrun.
    #[error("the PDF carries JavaScript or actions")]
    ActiveContent,
}

/// The value of one field of a filled form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilledValue {
    /// A text box or a list: its text or chosen value (empty when left blank).
    Text(String),
    /// A check box.
    Checked(bool),
}

/// What a filled form holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filled {
    /// The hidden binding field's value, if present.
    pub binding: Option<String>,
    /// Every other field by its full name (`group.part` for parts), as filled.
    pub values: BTreeMap<String, FilledValue>,
}

/// How deep fields may nest, and how many a form may have.
const MAX_DEPTH: usize = 8;
const MAX_FIELDS: usize = 2_000;

/// Action types (ISO 32000 §12.6.4): a dictionary with `/S` one of these is an action.
const ACTIONS: &[&[u8]] = &[
    b"GoTo",
    b"GoToR",
    b"GoToE",
    b"Launch",
    b"Thread",
    b"URI",
    b"Sound",
    b"Movie",
    b"Hide",
    b"Named",
    b"SubmitForm",
    b"ResetForm",
    b"ImportData",
    b"JavaScript",
    b"SetOCGState",
    b"Rendition",
    b"Trans",
    b"GoTo3DView",
    b"RichMediaExecute",
];

/// Reads the fields of the filled form `pdf`.
///
/// # Errors
/// [`FormError`] when `pdf` is not a readable PDF, has no fields, is an XFA form, or carries
/// JavaScript or actions anywhere (they are never run).
pub fn read(pdf: &[u8]) -> Result<Filled, FormError> {
    let head = &pdf[..pdf.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(FormError::NotPdf);
    }
    let doc = Document::load_mem(pdf).map_err(|_| FormError::NotPdf)?;
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(FormError::NotPdf);
    }
    let catalog = doc.catalog().map_err(|_| FormError::NotPdf)?;
    let acro_form = match catalog.get(b"AcroForm") {
        Ok(o) => doc.dereference(o).ok().and_then(|(_, o)| o.as_dict().ok()),
        Err(_) => None,
    };
    if acro_form.is_some_and(|a| a.has(b"XFA")) || catalog.has(b"NeedsRendering") {
        return Err(FormError::Xfa);
    }
    if doc.objects.values().any(is_active) || dict_active(&doc.trailer) {
        return Err(FormError::ActiveContent);
    }
    let fields = acro_form
        .and_then(|a| a.get(b"Fields").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_array().ok())
        .ok_or(FormError::NoFields)?;
    let mut filled = Filled::default();
    let mut walk = Walk {
        doc: &doc,
        out: &mut filled,
        seen: 0,
    };
    for f in fields {
        walk.field(f, "", None, None, 0);
    }
    if filled.values.is_empty() {
        return Err(FormError::NoFields);
    }
    Ok(filled)
}

/// Whether an object is, or directly holds, a script or an action.
fn is_active(o: &Object) -> bool {
    match o {
        Object::Dictionary(d) => dict_active(d),
        Object::Stream(s) => dict_active(&s.dict),
        Object::Array(a) => a.iter().any(is_active),
        _ => false,
    }
}

fn dict_active(d: &Dictionary) -> bool {
    let keys = [&b"JS"[..], b"JavaScript", b"AA", b"OpenAction"];
    if keys.iter().any(|k| d.has(k)) {
        return true;
    }
    if matches!(d.get(b"S"), Ok(Object::Name(n)) if ACTIONS.contains(&n.as_slice())) {
        return true;
    }
    d.iter().any(|(_, v)| is_active(v))
}

struct Walk<'a> {
    doc: &'a Document,
    out: &'a mut Filled,
    seen: usize,
}

impl Walk<'_> {
    /// Collects the field `o` (and its kids) under `prefix`, with the inheritable type and value.
    fn field(
        &mut self,
        o: &Object,
        prefix: &str,
        kind: Option<&[u8]>,
        value: Option<&Object>,
        depth: usize,
    ) {
        self.seen += 1;
        if depth > MAX_DEPTH || self.seen > MAX_FIELDS {
            return;
        }
        let Ok((_, Object::Dictionary(d))) = self.doc.dereference(o) else {
            return;
        };
        let name = match d
            .get(b"T")
            .ok()
            .and_then(|t| lopdf::decode_text_string(t).ok())
        {
            Some(t) if prefix.is_empty() => t,
            Some(t) => format!("{prefix}.{t}"),
            None => prefix.to_string(),
        };
        let kind = d.get(b"FT").ok().and_then(|k| k.as_name().ok()).or(kind);
        let value = d.get(b"V").ok().or(value);
        let kids = d
            .get(b"Kids")
            .ok()
            .and_then(|k| self.doc.dereference(k).ok())
            .and_then(|(_, k)| k.as_array().ok());
        let named_kids: Vec<&Object> = kids
            .map(|k| k.iter().filter(|kid| self.has_name(kid)).collect())
            .unwrap_or_default();
        if !named_kids.is_empty() {
            for kid in named_kids {
                self.field(kid, &name, kind, value, depth + 1);
            }
            return;
        }
        let Some(kind) = kind else {
            return;
        };
        let value = value
            .and_then(|v| self.doc.dereference(v).ok())
            .map(|(_, v)| v);
        let filled = match (kind, value) {
            (b"Btn", Some(Object::Name(n))) => FilledValue::Checked(n.as_slice() != b"Off"),
            (b"Btn", _) => FilledValue::Checked(false),
            (_, Some(Object::Array(a))) => FilledValue::Text(
                a.iter()
                    .find_map(|v| lopdf::decode_text_string(v).ok())
                    .unwrap_or_default(),
            ),
            (_, Some(Object::Name(n))) => FilledValue::Text(String::from_utf8_lossy(n).into()),
            (_, Some(v)) => FilledValue::Text(lopdf::decode_text_string(v).unwrap_or_default()),
            (_, None) => FilledValue::Text(String::new()),
        };
        if name == BINDING_FIELD {
            if let FilledValue::Text(t) = filled {
                self.out.binding = Some(t);
            }
        } else if !name.is_empty() {
            self.out.values.insert(name, filled);
        }
    }

    fn has_name(&self, o: &Object) -> bool {
        matches!(self.doc.dereference(o), Ok((_, Object::Dictionary(d))) if d.has(b"T"))
    }
}
