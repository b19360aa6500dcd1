//! A changed extract is caught: a different content digest, or a precise `Tampered` reason.

use guichet_documents::extract::Language;
use guichet_verifier::pdf::{self, PdfError};
use guichet_verifier::verify::{self, Reason, Verdict};
use lopdf::{Document, Object, dictionary};

use super::support::{self, Sealed, no_entry, with_entries};

/// Replaces the first occurrence of `from` by `to` (same length) in the PDF's bytes.
fn edit_bytes(pdf: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at = pdf
        .windows(from.len())
        .position(|w| w == from)
        .expect("bytes to edit");
    let mut out = pdf.to_vec();
    out[at..at + to.len()].copy_from_slice(to);
    out
}

/// Loads the PDF with lopdf, lets `change` edit it, saves it as a new single revision.
fn edit_document(pdf: &[u8], change: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).unwrap();
    change(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn assert_digest_differs(altered: &[u8], sealed: &Sealed) {
    match pdf::read_seal(altered) {
        Ok(read) => {
            assert_eq!(
                read.seal_text, sealed.seal_text,
                "the seal image is untouched"
            );
            assert_ne!(
                read.content_digest, sealed.digest,
                "the change must change the digest"
            );
        }
        Err(e) => panic!("expected a readable seal with another digest, got {e}"),
    }
}

fn assert_tampered(altered: &[u8], reason: &str) {
    match pdf::read_seal(altered) {
        Err(PdfError::Tampered(why)) => assert!(why.contains(reason), "{why}"),
        other => panic!("expected Tampered({reason}…), got {other:?}"),
    }
}

fn page_id(doc: &Document) -> lopdf::ObjectId {
    *doc.get_pages().values().next().unwrap()
}

#[test]
fn a_letter_changed_in_the_name_changes_the_digest() {
    let sealed = support::seal(&no_entry(Language::Fr));
    // "MÜLLER" in WinAnsi, edited in the uncompressed content stream: offsets stay valid.
    let altered = edit_bytes(&sealed.pdf, b"M\xDCLLER", b"M\xDCLLET");
    assert_digest_differs(&altered, &sealed);
}

#[test]
fn a_changed_outcome_changes_the_digest() {
    let sealed = support::seal(&with_entries(Language::Fr));
    let altered = edit_bytes(&sealed.pdf, b"comporte 2", b"comporte 0");
    assert_digest_differs(&altered, &sealed);
}

#[test]
fn a_swapped_font_changes_the_digest() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let altered = edit_document(&sealed.pdf, |doc| {
        for object in doc.objects.values_mut() {
            if let Object::Dictionary(dict) = object {
                if dict.get(b"BaseFont").and_then(Object::as_name).ok() == Some(b"Helvetica") {
                    dict.set("BaseFont", "Courier");
                }
            }
        }
    });
    assert_digest_differs(&altered, &sealed);
}

#[test]
fn a_swapped_encoding_changes_the_digest() {
    let sealed = support::seal(&no_entry(Language::De));
    let altered = edit_document(&sealed.pdf, |doc| {
        for object in doc.objects.values_mut() {
            if let Object::Dictionary(dict) = object {
                if dict.has(b"Encoding") {
                    dict.set("Encoding", "MacRomanEncoding");
                }
            }
        }
    });
    assert_digest_differs(&altered, &sealed);
}

#[test]
fn a_resave_without_change_keeps_the_digest() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let resaved = edit_document(&sealed.pdf, |doc| doc.renumber_objects_with(100));
    assert_ne!(resaved, sealed.pdf);
    let read = pdf::read_seal(&resaved).unwrap();
    assert_eq!(
        (read.seal_text, read.content_digest),
        (sealed.seal_text, sealed.digest)
    );
}

#[test]
fn an_overlay_annotation_is_refused() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let altered = edit_document(&sealed.pdf, |doc| {
        let rect: Vec<Object> = vec![100.into(), 500.into(), 400.into(), 530.into()];
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "FreeText", "Rect" => rect,
            "Contents" => Object::string_literal("Néant"), "DA" => "/Helv 12 Tf 0 g",
        });
        let page = page_id(doc);
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Annots", vec![Object::Reference(annot)]);
    });
    assert_tampered(&altered, "annotation");
}

#[test]
fn an_added_page_is_refused() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let altered = edit_document(&sealed.pdf, |doc| {
        let first = page_id(doc);
        let mut copy = doc.get_dictionary(first).unwrap().clone();
        copy.remove(b"Contents");
        let second = doc.add_object(copy);
        let pages = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        let pages = doc.get_dictionary_mut(pages).unwrap();
        pages.set(
            "Kids",
            vec![Object::Reference(first), Object::Reference(second)],
        );
        pages.set("Count", 2);
    });
    let result = verify::verify_pdf(&altered, &support::trust_list(), support::issued_at());
    match result.verdict {
        Verdict::Invalid(Reason::ContentMismatch(why)) => {
            assert!(why.contains("has 2 pages, the seal says 1"), "{why}")
        }
        other => panic!("expected a page count mismatch, got {other:?}"),
    }
}

#[test]
fn an_open_action_with_javascript_is_refused() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let altered = edit_document(&sealed.pdf, |doc| {
        let action = doc.add_object(dictionary! {
            "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)"),
        });
        doc.catalog_mut().unwrap().set("OpenAction", action);
    });
    assert_tampered(&altered, "open action");
}

#[test]
fn an_appended_incremental_update_is_refused() {
    let sealed = support::seal(&no_entry(Language::Fr));
    let doc = Document::load_mem(&sealed.pdf).unwrap();
    let contents = doc
        .get_dictionary(page_id(&doc))
        .unwrap()
        .get(b"Contents")
        .unwrap();
    let (id, _) = contents.as_reference().unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap().0;
    let text = b"BT /F1 10 Tf 100 600 Td (N\xE9ant) Tj ET\n";
    let prev = String::from_utf8_lossy(&sealed.pdf)
        .rsplit("startxref")
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let mut pdf = sealed.pdf.clone();
    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }
    let object_at = pdf.len();
    pdf.extend_from_slice(format!("{id} 0 obj\n<< /Length {} >>\nstream\n", text.len()).as_bytes());
    pdf.extend_from_slice(text);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref_at = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{id} 1\n{object_at:010} 00000 n \n\
             trailer\n<< /Size {} /Root {root} 0 R /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n",
            doc.max_id + 1
        )
        .as_bytes(),
    );
    assert_tampered(&pdf, "revision");
}

#[test]
fn a_seal_pasted_from_another_genuine_extract_does_not_match_the_content() {
    let victim = support::seal(&with_entries(Language::Fr));
    let donor = support::seal(&no_entry(Language::Fr));
    let donor_doc = Document::load_mem(&donor.pdf).unwrap();
    let image = |doc: &Document| {
        doc.objects
            .iter()
            .find(|(_, o)| matches!(o, Object::Stream(s) if s.dict.has_type(b"XObject") && s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")))
            .map(|(id, o)| (*id, o.clone()))
            .unwrap()
    };
    let (_, donor_image) = image(&donor_doc);
    let forged = edit_document(&victim.pdf, |doc| {
        let (id, _) = image(doc);
        doc.objects.insert(id, donor_image);
    });
    let read = pdf::read_seal(&forged).unwrap();
    assert_eq!(read.seal_text, donor.seal_text, "the pasted seal reads");
    assert_eq!(
        read.content_digest, victim.digest,
        "the page is the victim's"
    );
    assert_ne!(
        read.content_digest, donor.digest,
        "so it does not match the digest the seal carries"
    );
    let check = verify::verify_pdf(&forged, &support::trust_list(), support::issued_at());
    assert!(
        matches!(check.verdict, Verdict::Invalid(Reason::ContentMismatch(_))),
        "{check:?}"
    );
}

#[test]
fn the_printed_verification_code_is_bound_by_the_seal() {
    let content = guichet_documents::extract::ExtractContent {
        verification_code: Some("K7MX-PR4C".into()),
        ..no_entry(Language::Fr)
    };
    let sealed = support::seal(&content);
    assert!(
        sealed.pdf.windows(14).any(|w| w == b"(K7MX-PR4C) Tj"),
        "the code is printed as its own text"
    );
    let altered = edit_bytes(&sealed.pdf, b"(K7MX-PR4C)", b"(K7MX-PR4X)");
    assert_digest_differs(&altered, &sealed);
}
