//! The differential PDF corpus: structural mutations of a genuine extract, read by independent
//! engines (poppler, MuPDF, Ghostscript). Any mutation an engine reads as other than the genuine
//! text must be refused by the verifier; the genuine file and qpdf's faithful re-saves verify.

use std::process::Command;

use guichet_verifier::verify::{Verdict, verify_pdf};

use crate::common::*;
use crate::pdf_file::sealed_pdf;

/// The genuine text "Jean-Claude" and a forgery of the same length.
const GENUINE: &[u8] = b"Jean-Claude";
const FORGED: &[u8] = b"Jean-Pierre";

/// The text engines: a name and the command printing a PDF's text to stdout.
const ENGINES: [(&str, &str, &[&str]); 3] = [
    ("pdftotext", "pdftotext", &["-q", "{}", "-"]),
    (
        "mutool",
        "mutool",
        &["draw", "-q", "-F", "txt", "-o", "-", "{}"],
    ),
    (
        "ghostscript",
        "gs",
        &[
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=txtwrite",
            "-sOutputFile=-",
            "{}",
        ],
    ),
];

/// The engines installed; fails instead when peers are required and one is missing.
fn engines() -> Vec<(&'static str, &'static str, &'static [&'static str])> {
    let found: Vec<_> = ENGINES
        .into_iter()
        .filter(|(_, program, _)| Command::new(program).arg("-v").output().is_ok())
        .collect();
    if found.len() < ENGINES.len() {
        assert!(
            !peers_required(),
            "pdftotext, mutool and gs are required (GUICHET_REQUIRE_PEERS=1)"
        );
        println!("skipped: poppler-utils, mupdf-tools or ghostscript missing (run .ci/peers)");
    }
    found
}

/// Each engine's text of `pdf`, white space collapsed; an engine that fails reads "".
fn texts(
    engines: &[(&str, &str, &[&str])],
    dir: &std::path::Path,
    name: &str,
    pdf: &[u8],
) -> Vec<String> {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let path = path.display().to_string();
    std::thread::scope(|scope| {
        let runs: Vec<_> = engines
            .iter()
            .map(|(_, program, args)| {
                let path = &path;
                scope.spawn(move || {
                    let args = args
                        .iter()
                        .map(|a| if *a == "{}" { path.as_str() } else { *a });
                    let out = Command::new(program).args(args).output().unwrap();
                    let text = String::from_utf8_lossy(&out.stdout);
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    })
}

/// The genuine extract's objects (number, bytes between `obj` and `endobj`), trailer and header.
struct Parts {
    header: Vec<u8>,
    objects: Vec<(u32, Vec<u8>)>,
    trailer: String,
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{}", String::from_utf8_lossy(needle)))
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = find(bytes, from);
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

impl Parts {
    /// Splits the genuine extract (one classic xref section, objects 1..N in order).
    fn of(pdf: &[u8]) -> Self {
        let first = find(pdf, b"1 0 obj");
        let xref = find(pdf, b"\nxref\n") + 1;
        let mut objects = Vec::new();
        let mut rest = &pdf[first..xref];
        while let Some(start) = rest.windows(4).position(|w| w == b"obj\n") {
            let number: u32 = std::str::from_utf8(&rest[..start])
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let end = find(rest, b"endobj");
            objects.push((number, rest[start + 4..end].to_vec()));
            rest = &rest[end + 7..];
        }
        let trailer = &pdf[find(pdf, b"trailer")..find(pdf, b"startxref")];
        let trailer = String::from_utf8(trailer.to_vec()).unwrap();
        let trailer = trailer["trailer".len()..].trim().to_string();
        Parts {
            header: pdf[..first].to_vec(),
            objects,
            trailer,
        }
    }

    fn body(&self, number: u32) -> Vec<u8> {
        self.objects
            .iter()
            .find(|o| o.0 == number)
            .unwrap()
            .1
            .clone()
    }

    /// Writes objects (in order, repeats allowed) with a classic xref whose entry for each
    /// number points at the `pick`ed definition (first when false, last when true).
    fn write(&self, objects: &[(u32, Vec<u8>)], trailer: &str, last_wins: bool) -> Vec<u8> {
        let mut out = self.header.clone();
        let mut offsets = std::collections::BTreeMap::new();
        for (number, body) in objects {
            let at = out.len();
            out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"endobj\n");
            if last_wins || !offsets.contains_key(number) {
                offsets.insert(*number, at);
            }
        }
        let size = offsets.keys().max().unwrap() + 1;
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
        for n in 1..size {
            match offsets.get(&n) {
                Some(at) => out.extend_from_slice(format!("{at:010} 00000 n \n").as_bytes()),
                None => out.extend_from_slice(b"0000000000 00000 f \n"),
            }
        }
        let trailer = trailer.replace("SIZE", &size.to_string());
        out.extend_from_slice(format!("trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }
}

/// The corpus: (name, bytes), deterministic, every one a structural ambiguity.
fn corpus(pdf: &[u8]) -> Vec<(String, Vec<u8>)> {
    let p = Parts::of(pdf);
    let trailer = p.trailer.replace("/Size 9", "/Size SIZE");
    let page = p.body(6);
    let contents = p.body(5);
    let forged = replace(&contents, GENUINE, FORGED);
    let with = |extra: Vec<(u32, Vec<u8>)>, edit: &dyn Fn(u32, Vec<u8>) -> Vec<u8>| {
        let mut objects: Vec<(u32, Vec<u8>)> = p
            .objects
            .iter()
            .map(|(n, b)| (*n, edit(*n, b.clone())))
            .collect();
        objects.extend(extra);
        objects
    };
    let page_edit = |from: &'static str, to: &'static str| {
        move |n: u32, b: Vec<u8>| {
            if n == 6 {
                replace(&b, from.as_bytes(), to.as_bytes())
            } else {
                b
            }
        }
    };
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| out.push((name.to_string(), bytes));

    // Repeated keys, both orders, in the page, catalog, resources, font and trailer.
    for (name, from, to) in [
        (
            "page-contents-forged-first",
            "/Contents 5 0 R",
            "/Contents 9 0 R/Contents 5 0 R",
        ),
        (
            "page-contents-forged-last",
            "/Contents 5 0 R",
            "/Contents 5 0 R/Contents 9 0 R",
        ),
        (
            "page-contents-escaped-name",
            "/Contents 5 0 R",
            "/Contents 5 0 R/C#6fntents 9 0 R",
        ),
        (
            "page-contents-comment-split",
            "/Contents 5 0 R",
            "/Contents 9 0 R%c\n/Contents 5 0 R",
        ),
        ("resources-font-twice", "/F1 2 0 R", "/F1 2 0 R/F1 3 0 R"),
        ("resources-twice", "/Resources", "/Resources<<>>/Resources"),
    ] {
        let objects = with(vec![(9, forged.clone())], &page_edit(from, to));
        add(name, p.write(&objects, &trailer, false));
    }
    let font = |n: u32, b: Vec<u8>| {
        if n == 2 {
            replace(
                &b,
                b"/BaseFont/Helvetica",
                b"/BaseFont/Courier/BaseFont/Helvetica",
            )
        } else {
            b
        }
    };
    add(
        "font-basefont-twice",
        p.write(&with(vec![], &font), &trailer, false),
    );
    // A forged page tree reached by a second /Pages in the catalog or a second /Root.
    let forged_tree = vec![
        (9, forged.clone()),
        (10, replace(&page, b"/Contents 5 0 R", b"/Contents 9 0 R")),
        (11, b"<</Type/Pages/Kids[10 0 R]/Count 1>>\n".to_vec()),
        (12, b"<</Type/Catalog/Pages 11 0 R>>\n".to_vec()),
    ];
    let forged_tree = |edit: &dyn Fn(u32, Vec<u8>) -> Vec<u8>| {
        let mut objects = with(forged_tree.clone(), edit);
        for (n, b) in &mut objects {
            if *n == 10 {
                *b = replace(b, b"/Parent 1 0 R", b"/Parent 11 0 R");
            }
        }
        objects
    };
    let catalog = |n: u32, b: Vec<u8>| {
        if n == 7 {
            replace(&b, b"/Pages 1 0 R", b"/Pages 11 0 R/Pages 1 0 R")
        } else {
            b
        }
    };
    add(
        "catalog-pages-twice",
        p.write(&forged_tree(&catalog), &trailer, false),
    );
    let keep = |_: u32, b: Vec<u8>| b;
    for (name, root) in [
        ("trailer-root-forged-first", "/Root 12 0 R/Root 7 0 R"),
        ("trailer-root-forged-last", "/Root 7 0 R/Root 12 0 R"),
    ] {
        add(
            name,
            p.write(
                &forged_tree(&keep),
                &trailer.replace("/Root 7 0 R", root),
                false,
            ),
        );
    }

    // An object defined twice: the xref points at the genuine or at the forged definition.
    let twice = |last_wins| {
        let mut objects = with(vec![], &keep);
        let at = objects.iter().position(|o| o.0 == 5).unwrap();
        objects.insert(at + 1, (5, forged.clone()));
        p.write(&objects, &trailer, last_wins)
    };
    add("object-twice-xref-first", twice(false));
    add("object-twice-xref-last", twice(true));

    // The xref points next to, or not at, the object; a defined object marked free.
    let genuine = p.write(&with(vec![], &keep), &trailer, false);
    let xref_at = find(&genuine, b"\nxref\n");
    let entry = |n: usize| xref_at + 6 + "0 9\n".len() + 20 * n;
    let mut shifted = genuine.clone();
    let off: usize = std::str::from_utf8(&genuine[entry(5)..entry(5) + 10])
        .unwrap()
        .parse()
        .unwrap();
    shifted[entry(5)..entry(5) + 10].copy_from_slice(format!("{:010}", off + 1).as_bytes());
    add("xref-entry-off-by-one", shifted);
    let forged_free = p.write(
        &with(
            vec![(9, forged.clone())],
            &page_edit("/Contents 5 0 R", "/Contents 9 0 R"),
        ),
        &trailer,
        false,
    );
    let free_at = find(&forged_free, b"\nxref\n") + 6 + "0 10\n".len() + 20 * 9 + 17;
    let mut freed = forged_free.clone();
    freed[free_at] = b'f';
    add("free-entry-defined-object", freed);

    // Stream lengths that do not end at endstream, data after endstream, endstream inside data.
    let length = |text: &[u8], delta: i64| {
        let at = find(text, b"/Length ");
        let end = at
            + 8
            + text[at + 8..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .unwrap();
        let n: i64 = std::str::from_utf8(&text[at + 8..end])
            .unwrap()
            .parse()
            .unwrap();
        [
            &text[..at + 8],
            (n + delta).to_string().as_bytes(),
            &text[end..],
        ]
        .concat()
    };
    for (name, delta) in [
        ("length-short", -40),
        ("length-long", 40),
        ("length-short-1", -1),
        ("length-long-1", 2),
    ] {
        let edit = |n: u32, b: Vec<u8>| if n == 5 { length(&b, delta) } else { b };
        add(name, p.write(&with(vec![], &edit), &trailer, false));
    }
    let forged_data = &forged[find(&forged, b"stream\n") + 7..find(&forged, b"endstream")];
    let tail = |n: u32, b: Vec<u8>| {
        if n == 5 {
            [&b[..], b"stream\n", forged_data, b"endstream\n"].concat()
        } else {
            b
        }
    };
    add(
        "data-after-endstream",
        p.write(&with(vec![], &tail), &trailer, false),
    );
    let genuine_data = &contents[find(&contents, b"stream\n") + 7..find(&contents, b"endstream")];
    let inner = [forged_data, b"endstream\nendobj\n", genuine_data].concat();
    let hidden = [
        &contents[..find(&contents, b"stream\n") + 7],
        &inner[..],
        b"endstream\n",
    ]
    .concat();
    let hidden = length(&hidden, (inner.len() - genuine_data.len()) as i64);
    add(
        "endstream-inside-data",
        p.write(
            &with(vec![], &|n, b| if n == 5 { hidden.clone() } else { b }),
            &trailer,
            false,
        ),
    );
    let cr = |n: u32, b: Vec<u8>| {
        if n == 5 {
            replace(&b, b"stream\n", b"stream\r")
        } else {
            b
        }
    };
    add(
        "stream-eol-cr-only",
        p.write(&with(vec![], &cr), &trailer, false),
    );

    // Revisions: an appended update, a /Prev loop, a /Prev to a forged older section.
    let mut update = genuine.clone();
    let prev = find(&genuine, b"\nxref\n") + 1;
    let object_at = update.len();
    update.extend_from_slice(b"5 0 obj\n");
    update.extend_from_slice(&forged);
    update.extend_from_slice(b"endobj\n");
    let xref2 = update.len();
    update.extend_from_slice(
        format!("xref\n0 1\n0000000000 65535 f \n5 1\n{object_at:010} 00000 n \ntrailer\n<</Root 7 0 R/Size 9/Prev {prev}>>\nstartxref\n{xref2}\n%%EOF\n").as_bytes(),
    );
    add("incremental-update", update);
    let looped = replace(
        &genuine,
        b"/Size 9>>",
        format!("/Size 9/Prev {prev}>>").as_bytes(),
    );
    add("prev-loop", looped);

    // Hybrid reference: /XRefStm points at an xref stream that moves the page into an object
    // stream holding a forged page; object-stream shadowing without the hybrid trailer.
    for hybrid in [true, false] {
        let objstm_page = replace(&page, b"/Contents 5 0 R", b"/Contents 9 0 R");
        let header = b"6 0 ";
        let data = [&header[..], &objstm_page].concat();
        let objstm = [
            format!(
                "<</Type/ObjStm/N 1/First {}/Length {}>>stream\n",
                header.len(),
                data.len()
            )
            .as_bytes(),
            &data,
            b"\nendstream\n",
        ]
        .concat();
        let mut objects = with(vec![(9, forged.clone()), (10, objstm)], &keep);
        let mut bytes = p.write(&objects, &trailer, false);
        let obj10 = find(&bytes, b"10 0 obj");
        let rows: Vec<u8> = [[2u8, 0, 0, 0, 10, 0, 0], [1, 0, 0, 0, 0, 0, 0]]
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                let mut r = r.to_vec();
                if i == 1 {
                    r[1..5].copy_from_slice(&(obj10 as u32).to_be_bytes());
                }
                r
            })
            .collect();
        let xrefstm = [
            format!(
                "<</Type/XRef/Size 12/W[1 4 2]/Index[6 1 10 1]/Length {}>>stream\n",
                rows.len()
            )
            .as_bytes(),
            &rows,
            b"\nendstream\n",
        ]
        .concat();
        objects.push((11, xrefstm));
        bytes = p.write(&objects, &trailer, false);
        let stm_at = find(&bytes, b"11 0 obj");
        let trailer2 = if hybrid {
            trailer.replace("/Size SIZE", &format!("/Size SIZE/XRefStm {stm_at}"))
        } else {
            trailer.clone()
        };
        bytes = p.write(&objects, &trailer2, false);
        add(
            if hybrid {
                "hybrid-xrefstm"
            } else {
                "object-stream-shadow"
            },
            bytes,
        );
    }
    out
}

/// qpdf re-saves that keep the content: each must verify.
fn qpdf_resaves(dir: &std::path::Path, pdf: &[u8]) -> Vec<(String, Vec<u8>)> {
    let input = dir.join("genuine.pdf");
    std::fs::write(&input, pdf).unwrap();
    let mut out = Vec::new();
    for (name, args) in [
        ("qpdf-plain", &[][..]),
        ("qpdf-object-streams", &["--object-streams=generate"][..]),
        ("qpdf-linearize", &["--linearize"][..]),
        (
            "qpdf-linearize-object-streams",
            &["--linearize", "--object-streams=generate"][..],
        ),
    ] {
        let target = dir.join(format!("{name}.pdf"));
        let status = Command::new("qpdf")
            .args(args)
            .arg(&input)
            .arg(&target)
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        out.push((name.to_string(), std::fs::read(&target).unwrap()));
    }
    out
}

#[test]
fn every_mutation_viewers_read_differently_is_refused_and_faithful_resaves_verify() {
    let engines = engines();
    if engines.len() < ENGINES.len() {
        return;
    }
    let dir = temp_dir("differential");
    let pdf = sealed_pdf();
    let genuine = texts(&engines, &dir, "genuine", &pdf);
    assert!(
        genuine.iter().all(|t| t.contains("Jean-Claude")),
        "{genuine:?}"
    );
    assert_eq!(
        verify_pdf(&pdf, &trust_list(1), NOW).verdict,
        Verdict::Valid
    );

    let mut differing = Vec::new();
    for (name, bytes) in corpus(&pdf) {
        let read = texts(&engines, &dir, &name, &bytes);
        let verdict = verify_pdf(&bytes, &trust_list(1), NOW).verdict;
        let differs: Vec<_> = engines
            .iter()
            .zip(read.iter().zip(&genuine))
            .filter(|(_, (r, g))| r != g)
            .map(|(e, _)| e.0)
            .collect();
        if !differs.is_empty() {
            differing.push(name.clone());
        }
        // The corpus is all structural ambiguities: every one is refused, with its reason.
        assert!(
            !verdict.is_valid(),
            "{name}: accepted, while {differs:?} read other text"
        );
    }
    println!("mutations read differently by at least one engine: {differing:?}");
    assert!(
        differing.len() >= 10,
        "the corpus must contain real differentials: {differing:?}"
    );

    if Command::new("qpdf").arg("--version").output().is_ok() {
        for (name, bytes) in qpdf_resaves(&dir, &pdf) {
            let read = texts(&engines, &dir, &name, &bytes);
            assert_eq!(read, genuine, "{name}");
            let verdict = verify_pdf(&bytes, &trust_list(1), NOW).verdict;
            assert_eq!(verdict, Verdict::Valid, "{name}");
        }
    }
}
