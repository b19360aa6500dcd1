//! Rendering a form and reading it back; what the reader refuses.

use super::*;
use lopdf::{Object, dictionary};

fn form() -> Form {
    let text = |name: &str, value: &str, read_only: bool| FormField {
        name: name.into(),
        label: format!("Label {name}"),
        help: None,
        required: true,
        read_only,
        input: Input::Text {
            hint: None,
            max_length: Some(40),
            value: value.into(),
        },
    };
    Form {
        language: Language::Fr,
        title: "Déclaration de changement d'adresse".into(),
        help: "Déclarez votre nouvelle adresse.".into(),
        reference: "change-of-address v1".into(),
        binding: "v1.change-of-address.1.space.-.mac".into(),
        sections: vec![
            Section {
                title: "Personne".into(),
                fields: vec![text("family_name", "Müller", true), text("note", "", false)],
            },
            Section {
                title: "Nouvelle adresse".into(),
                fields: vec![
                    FormField {
                        name: "new_address".into(),
                        label: "Nouvelle adresse".into(),
                        help: Some("Là où vous habiterez.".into()),
                        required: true,
                        read_only: false,
                        input: Input::Group {
                            parts: ["street", "postcode"]
                                .iter()
                                .map(|p| Part {
                                    name: (*p).into(),
                                    label: texts::address_part(Language::Fr, p),
                                    value: String::new(),
                                })
                                .collect(),
                        },
                    },
                    FormField {
                        name: "purpose".into(),
                        label: "Motif".into(),
                        help: None,
                        required: true,
                        read_only: false,
                        input: Input::Choice {
                            options: vec![
                                ("a".into(), "Option A".into()),
                                ("b".into(), "B".into()),
                            ],
                            value: Some("b".into()),
                        },
                    },
                    FormField {
                        name: "legal_aid".into(),
                        label: "Assistance".into(),
                        help: None,
                        required: false,
                        read_only: false,
                        input: Input::Check { checked: true },
                    },
                    FormField {
                        name: "lease".into(),
                        label: "Bail".into(),
                        help: None,
                        required: false,
                        read_only: false,
                        input: Input::Attachment,
                    },
                ],
            },
        ],
    }
}

#[test]
fn a_rendered_form_reads_back_with_its_prefilled_values_and_binding() {
    let pdf = render(&form()).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7"));
    let filled = read(&pdf).unwrap();
    assert_eq!(
        filled.binding.as_deref(),
        Some("v1.change-of-address.1.space.-.mac")
    );
    let text = |s: &str| FilledValue::Text(s.into());
    assert_eq!(filled.values["family_name"], text("Müller"));
    assert_eq!(filled.values["note"], text(""));
    assert_eq!(filled.values["new_address.street"], text(""));
    assert_eq!(filled.values["purpose"], text("b"));
    assert_eq!(filled.values["legal_aid"], FilledValue::Checked(true));
    assert!(!filled.values.contains_key("lease"));
    assert_eq!(filled.values.len(), 6);
}

#[test]
fn many_fields_flow_onto_further_pages_each_with_its_footer() {
    let mut f = form();
    let field = f.sections[0].fields[1].clone();
    f.sections[0].fields = (0..60)
        .map(|i| FormField {
            name: format!("f{i}"),
            ..field.clone()
        })
        .collect();
    let pdf = render(&f).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages().len();
    assert!(pages >= 3, "{pages}");
    let text = doc.extract_text(&[pages as u32]).unwrap();
    assert!(
        text.contains(&format!("page {pages} sur {pages}")),
        "{text}"
    );
    assert_eq!(read(&pdf).unwrap().values.len(), 60 + 4);
}

/// `pdf` with `change` applied to its catalog.
fn with_catalog(pdf: &[u8], change: impl FnOnce(&mut lopdf::Document)) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    change(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn xfa_scripts_actions_and_pdfs_without_fields_are_refused() {
    let pdf = render(&form()).unwrap();
    let xfa = with_catalog(&pdf, |doc| {
        let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        let cat = doc.get_dictionary_mut(root).unwrap();
        let acro = cat.get_mut(b"AcroForm").unwrap().as_dict_mut().unwrap();
        acro.set("XFA", Object::string_literal("<xdp/>"));
    });
    assert_eq!(read(&xfa), Err(FormError::Xfa));
    let script = with_catalog(&pdf, |doc| {
        let js = doc.add_object(dictionary! {
            "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)"),
        });
        let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(root).unwrap().set("OpenAction", js);
    });
    assert_eq!(read(&script), Err(FormError::ActiveContent));
    let submit = with_catalog(&pdf, |doc| {
        doc.add_object(
            dictionary! { "S" => "SubmitForm", "F" => Object::string_literal("http://x") },
        );
    });
    assert_eq!(read(&submit), Err(FormError::ActiveContent));
    let flattened = with_catalog(&pdf, |doc| {
        let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(root).unwrap().remove(b"AcroForm");
    });
    assert_eq!(read(&flattened), Err(FormError::NoFields));
    let receipt = crate::receipt::render(&crate::receipt::Receipt {
        authority: "A".into(),
        title: "T".into(),
        lines: vec![],
        note: "N".into(),
    })
    .unwrap();
    assert_eq!(read(&receipt), Err(FormError::NoFields));
    assert_eq!(read(b"PK\x03\x04 not a pdf"), Err(FormError::NotPdf));
    assert_eq!(read(b"%PDF-1.7\n garbage"), Err(FormError::NotPdf));
}
