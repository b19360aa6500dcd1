//! The AcroForm: one widget annotation per field (merged with its field dictionary), parents
//! for grouped parts, appearance streams so that every reader shows the values, and the hidden
//! binding field.

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use super::layout::{Kind, LaidOut, Placed};
use super::{BINDING_FIELD, Form};
use crate::RenderError;
use crate::page::PAGE;

/// Field flag: the value cannot be changed.
const READ_ONLY: i64 = 1;
/// Field flag: a value is mandatory.
const REQUIRED: i64 = 1 << 1;
/// Choice flag: a drop-down list.
const COMBO: i64 = 1 << 17;
/// Text flag: no spell check.
const NO_SPELL_CHECK: i64 = 1 << 22;
/// Annotation flag: print.
const PRINT: i64 = 1 << 2;
/// Annotation flag: hidden.
const HIDDEN: i64 = 1 << 1;
/// Grey of an editable box, of a read-only box, and of borders.
const EDITABLE_BG: f32 = 0.95;
const READ_ONLY_BG: f32 = 0.85;
const BORDER: f32 = 0.45;
/// The size of the text in boxes.
const VALUE_SIZE: f32 = 10.0;

/// The fonts the form uses.
struct Fonts {
    helv: ObjectId,
    zadb: ObjectId,
}

/// Builds the document from the laid-out pages.
pub(crate) fn build(pages: Vec<LaidOut>, form: &Form) -> Result<Document, RenderError> {
    let mut doc = Document::with_version("1.7");
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let font = |name: &str, winansi: bool| {
        let mut d = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name };
        if winansi {
            d.set("Encoding", "WinAnsiEncoding");
        }
        d
    };
    let regular = doc.add_object(font("Helvetica", true));
    let bold = doc.add_object(font("Helvetica-Bold", true));
    let fonts = Fonts {
        helv: regular,
        zadb: doc.add_object(font("ZapfDingbats", false)),
    };
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });
    let pages_id = doc.new_object_id();
    let media_box: Vec<Object> = vec![0.into(), 0.into(), PAGE.0.into(), PAGE.1.into()];
    let mut fields: Vec<Object> = Vec::new();
    let mut kids = Vec::with_capacity(pages.len());
    let mut groups: Vec<(String, ObjectId, Vec<Object>)> = Vec::new();
    for (place, laid) in pages.into_iter().enumerate() {
        let page_id = doc.new_object_id();
        let mut annots: Vec<Object> = Vec::new();
        if place == 0 {
            let binding = doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx",
                "T" => Object::string_literal(BINDING_FIELD),
                "V" => lopdf::text_string(&form.binding),
                "Ff" => READ_ONLY, "F" => HIDDEN,
                "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
                "P" => page_id, "DA" => Object::string_literal("/Helv 0 Tf 0 g"),
            });
            annots.push(binding.into());
            fields.push(binding.into());
        }
        for w in &laid.widgets {
            let id = doc.new_object_id();
            let mut dict = widget(&mut doc, w, &fonts, page_id)?;
            match &w.group {
                None => fields.push(id.into()),
                Some((group, label)) => {
                    let parent = match groups.iter_mut().find(|(g, _, _)| g == group) {
                        Some((_, parent, members)) => {
                            members.push(id.into());
                            *parent
                        }
                        None => {
                            let parent = doc.new_object_id();
                            let tooltip = lopdf::text_string(label);
                            groups.push((group.clone(), parent, vec![id.into()]));
                            fields.push(parent.into());
                            doc.objects.insert(
                                parent,
                                Object::Dictionary(dictionary! {
                                    "T" => Object::string_literal(group.as_str()),
                                    "TU" => tooltip,
                                }),
                            );
                            parent
                        }
                    };
                    dict.set("Parent", parent);
                }
            }
            doc.objects.insert(id, Object::Dictionary(dict));
            annots.push(id.into());
        }
        let contents = doc.add_object(Stream::new(Dictionary::new(), laid.page.into_ops()));
        doc.objects.insert(
            page_id,
            Object::Dictionary(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "MediaBox" => media_box.clone(),
                "Resources" => resources, "Contents" => contents, "Annots" => annots,
            }),
        );
        kids.push(Object::from(page_id));
    }
    for (_, parent, members) in groups {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(parent) {
            d.set("Kids", members);
        }
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let acro_form = dictionary! {
        "Fields" => fields,
        "DR" => dictionary! { "Font" => dictionary! { "Helv" => fonts.helv, "ZaDb" => fonts.zadb } },
        "DA" => Object::string_literal("/Helv 0 Tf 0 g"),
        "NeedAppearances" => true,
    };
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "AcroForm" => acro_form,
        "Lang" => Object::string_literal(form.language.code()),
    });
    let info = doc.add_object(dictionary! {
        "Title" => lopdf::text_string(&form.title), "Producer" => "guichet",
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    Ok(doc)
}

/// The field and widget dictionary of `w`, its appearance streams added to `doc`.
fn widget(
    doc: &mut Document,
    w: &Placed,
    fonts: &Fonts,
    page: ObjectId,
) -> Result<Dictionary, RenderError> {
    let [x0, y0, x1, y1] = w.rect;
    let (width, height) = (x1 - x0, y1 - y0);
    let bg = if w.read_only {
        READ_ONLY_BG
    } else {
        EDITABLE_BG
    };
    let mut flags = 0;
    if w.read_only {
        flags |= READ_ONLY;
    }
    if w.required {
        flags |= REQUIRED;
    }
    let mut d = dictionary! {
        "Type" => "Annot", "Subtype" => "Widget",
        "T" => Object::string_literal(w.name.as_str()),
        "TU" => lopdf::text_string(&w.tooltip),
        "Rect" => vec![x0.into(), y0.into(), x1.into(), y1.into()],
        "P" => page, "F" => PRINT,
        "MK" => dictionary! { "BG" => vec![bg.into()], "BC" => vec![BORDER.into()] },
        "BS" => dictionary! { "W" => 1, "S" => "S" },
    };
    let helv = dictionary! { "Font" => dictionary! { "Helv" => fonts.helv } };
    match &w.kind {
        Kind::Text { max_length, value } => {
            d.set("FT", "Tx");
            d.set("Ff", flags | NO_SPELL_CHECK);
            if let Some(n) = max_length {
                d.set("MaxLen", *n as i64);
            }
            d.set(
                "DA",
                Object::string_literal(format!("/Helv {VALUE_SIZE} Tf 0 g")),
            );
            d.set("V", lopdf::text_string(value));
            let ap = text_appearance(width, height, bg, value, "Tx", helv);
            d.set("AP", dictionary! { "N" => doc.add_object(ap) });
        }
        Kind::Choice { options, value } => {
            d.set("FT", "Ch");
            d.set("Ff", flags | COMBO);
            let opt: Vec<Object> = options
                .iter()
                .map(|(v, l)| Object::Array(vec![lopdf::text_string(v), lopdf::text_string(l)]))
                .collect();
            d.set("Opt", opt);
            d.set(
                "DA",
                Object::string_literal(format!("/Helv {VALUE_SIZE} Tf 0 g")),
            );
            let shown = value
                .as_ref()
                .and_then(|v| options.iter().find(|(o, _)| o == v))
                .map(|(_, l)| l.as_str())
                .unwrap_or("");
            if let Some(v) = value {
                d.set("V", lopdf::text_string(v));
            }
            let ap = text_appearance(width, height, bg, shown, "Tx", helv);
            d.set("AP", dictionary! { "N" => doc.add_object(ap) });
        }
        Kind::Check { checked } => {
            d.set("FT", "Btn");
            d.set("Ff", flags);
            d.set("DA", Object::string_literal("/ZaDb 0 Tf 0 g"));
            let state = if *checked { "Yes" } else { "Off" };
            d.set("V", Object::Name(state.into()));
            d.set("AS", Object::Name(state.into()));
            if let Ok(Object::Dictionary(mk)) = d.get_mut(b"MK") {
                mk.set("CA", Object::string_literal("4"));
            }
            let zadb = dictionary! { "Font" => dictionary! { "ZaDb" => fonts.zadb } };
            let on = check_appearance(width, height, bg, true, zadb.clone());
            let off = check_appearance(width, height, bg, false, zadb);
            d.set(
                "AP",
                dictionary! { "N" => dictionary! { "Yes" => doc.add_object(on), "Off" => doc.add_object(off) } },
            );
        }
    }
    Ok(d)
}

/// The box: background and border.
fn frame(width: f32, height: f32, bg: f32) -> String {
    format!(
        "{bg} g 0 0 {width:.2} {height:.2} re f {BORDER} G 0.75 w 0.38 0.38 {:.2} {:.2} re S\n",
        width - 0.75,
        height - 0.75
    )
}

fn appearance(width: f32, height: f32, resources: Dictionary, ops: String) -> Stream {
    Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), width.into(), height.into()],
            "Resources" => resources,
        },
        ops.into_bytes(),
    )
}

/// A box showing `value` on one line, clipped to the box.
fn text_appearance(
    width: f32,
    height: f32,
    bg: f32,
    value: &str,
    tag: &str,
    resources: Dictionary,
) -> Stream {
    let mut ops = frame(width, height, bg);
    let baseline = (height - VALUE_SIZE) / 2.0 + 2.5;
    ops.push_str(&format!(
        "/{tag} BMC q 1 1 {:.2} {:.2} re W n BT /Helv {VALUE_SIZE} Tf 0 g 3 {baseline:.2} Td ",
        width - 2.0,
        height - 2.0
    ));
    ops.push_str(&pdf_string(value));
    ops.push_str(" Tj ET Q EMC\n");
    appearance(width, height, resources, ops)
}

/// A check box, with its check mark when `on`.
fn check_appearance(width: f32, height: f32, bg: f32, on: bool, resources: Dictionary) -> Stream {
    let mut ops = frame(width, height, bg);
    if on {
        let size = height * 0.8;
        ops.push_str(&format!(
            "q BT /ZaDb {size:.2} Tf 0 g {:.2} {:.2} Td (4) Tj ET Q\n",
            (width - size * 0.85) / 2.0,
            (height - size * 0.7) / 2.0
        ));
    }
    appearance(width, height, resources, ops)
}

/// `value` as a PDF literal string in WinAnsi (a character the font lacks shows as `?`).
fn pdf_string(value: &str) -> String {
    let bytes: Vec<u8> = value
        .chars()
        .flat_map(|c| {
            crate::winansi::encode(c.encode_utf8(&mut [0; 4])).unwrap_or_else(|_| vec![b'?'])
        })
        .collect();
    let mut out = String::from("(");
    for b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7E => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::StringFormat;

    #[test]
    fn values_are_escaped_and_written_in_winansi_octal() {
        assert_eq!(pdf_string("a(b)\\"), "(a\\(b\\)\\\\)");
        assert_eq!(pdf_string("Müller"), "(M\\374ller)");
        assert_eq!(pdf_string("Łódź"), "(?\\363d?)");
    }

    #[test]
    fn text_and_string_format_are_what_readers_expect() {
        let s = lopdf::text_string("Schmit");
        assert!(matches!(s, Object::String(_, StringFormat::Literal)));
    }
}
