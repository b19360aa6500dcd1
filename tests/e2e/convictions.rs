//! Issued documents beyond the empty extract (issue 15): extracts computed from the criminal
//! record for the bulletin asked for, over as many pages as they need; tampering with any page
//! refused with its reason; the certificate of residence answered automatically.

use std::process::Command;
use std::time::Duration;

use guichet::domain::criminal_record::CriminalRecord as _;
use guichet::service::issuer_keys;
use guichet::store::criminal_record::FixtureRecord;
use guichet_tests::{Agent, Person, TestApp, dossier::pdf};
use guichet_verifier::seal::{Bulletin, Claims, DocumentData, Outcome};
use guichet_verifier::verify::{self, ContentBinding, Reason, Verdict, Verification};
use lopdf::{Document, Object};
use serde_json::{Value, json};

/// How long issuance may take.
const DEADLINE: Duration = Duration::from_secs(20);
/// Jean-Claude Weber's national identification number: 24 convictions on the fixture.
const JEAN_CLAUDE: &str = "1962072310812";

/// The sample criminal record, as the server reads it.
fn record() -> FixtureRecord {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/criminal-record/convictions.json"
    );
    FixtureRecord::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Waits until `person`'s space holds `n` communications; returns the newest.
async fn newest_communication(person: &Person, n: usize) -> Value {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        let page = person.api.communications(&person.space).await.ok(200);
        let items = page["items"].as_array().unwrap();
        if items.len() >= n {
            return items[0].clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{n} communications never arrived: {page}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Requests `bulletin` ("3" or "5") as `person`, has the justice agent accept it, and returns
/// the issued PDF (the `n`-th communication of the space).
async fn extract(person: &Person, agent: &Agent, bulletin: &str, n: usize) -> Vec<u8> {
    let d = person
        .api
        .start_dossier(&person.space, "criminal-record-extract")
        .await
        .ok(201);
    let id = d["id"].as_str().unwrap();
    let body = json!({"values": {"purpose": "employment", "bulletin": bulletin, "copies": 1}});
    person.api.fill_step(id, "request", body).await.ok(200);
    person
        .api
        .attach(id, "identity_document", "application/pdf", pdf(2000))
        .await
        .ok(201);
    person.sign(id, None).await.ok(200);
    person.api.transmit(id).await.ok(200);
    agent
        .take_and_decide(id, "accepted", "Extrait délivré")
        .await;
    let c = newest_communication(person, n).await;
    assert_eq!(c["kind"], "criminal-record-extract", "{c}");
    let file = person
        .api
        .communication_file(&person.space, c["id"].as_str().unwrap())
        .await
        .expect(200);
    file.body
}

async fn check(app: &TestApp, pdf: &[u8]) -> Verification {
    let list = issuer_keys::trust_list_content(&app.ctx).await.unwrap();
    verify::verify_pdf(pdf, &list, guichet::clock::Clock::now(app.clock.as_ref()))
}

/// The text of every page, in order (lopdf decodes WinAnsi text), without white space: a
/// table cell wraps its text over lines.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| squeeze(&doc.extract_text(&[*p]).unwrap()))
        .collect()
}

/// `text` without white space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

fn extract_data(claims: &Claims) -> (Bulletin, Outcome) {
    let DocumentData::CriminalRecordExtract(e) = &claims.document else {
        panic!("not an extract: {claims:?}")
    };
    (e.bulletin, e.outcome)
}

/// poppler and qpdf accept the file (skipped, or failing under GUICHET_REQUIRE_PEERS=1, when
/// they are missing).
fn peers_accept(pdf: &[u8], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    for (tool, version_flag, args) in [
        ("qpdf", "--version", vec!["--check"]),
        ("pdftotext", "-v", vec![]),
        ("pdfinfo", "-v", vec![]),
    ] {
        if !peer(tool, version_flag) {
            continue;
        }
        let mut command = Command::new(tool);
        command.args(&args).arg(&path);
        if tool == "pdftotext" {
            command.arg(dir.path().join(format!("{name}.txt")));
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success() && (tool != "pdfinfo" || out.stderr.is_empty()),
            "{tool} refused {name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[tokio::test]
async fn each_bulletin_lists_what_it_shows_over_as_many_pages_as_needed() {
    let app = TestApp::spawn().await;
    let agent = Agent::justice(&app).await;
    let jc = Person::jean_claude(&app).await;
    jc.add_signature_certificate(&app).await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let convictions = record().convictions(JEAN_CLAUDE).unwrap();

    // Bulletin n° 3: every conviction it shows, in a table over several pages.
    let no3 = extract(&jc, &agent, "3", 1).await;
    let checked = check(&app, &no3).await;
    assert_eq!(checked.overall(), Verdict::Valid, "{checked:?}");
    let claims = checked.claims.unwrap();
    assert_eq!(
        extract_data(&claims),
        (Bulletin::No3, Outcome::EntriesListed)
    );
    let texts = page_texts(&no3);
    assert!(texts.len() >= 2, "{} page(s)", texts.len());
    assert_eq!(usize::from(claims.pages), texts.len());
    let all = texts.join("\n");
    let shown: Vec<_> = convictions
        .iter()
        .filter(|c| c.shown_on(Bulletin::No3))
        .collect();
    assert!(
        all.contains(&format!("{}inscription", shown.len())),
        "{all}"
    );
    for c in &shown {
        assert!(all.contains(&squeeze(&c.offence)), "{} missing", c.offence);
    }
    for (i, text) in texts.iter().enumerate() {
        let footer = format!("Page{}sur{}", i + 1, texts.len());
        assert!(text.contains(&footer), "page {}: {text}", i + 1);
        assert!(
            text.contains("Juridiction"),
            "the table header on page {}",
            i + 1
        );
    }
    peers_accept(&no3, "bulletin-3");

    // Bulletin n° 5: only what it shows.
    let no5 = extract(&jc, &agent, "5", 2).await;
    let checked = check(&app, &no5).await;
    assert_eq!(checked.overall(), Verdict::Valid, "{checked:?}");
    let claims = checked.claims.unwrap();
    assert_eq!(
        extract_data(&claims),
        (Bulletin::No5, Outcome::EntriesListed)
    );
    let all = page_texts(&no5).join("\n");
    let shown5 = convictions
        .iter()
        .filter(|c| c.shown_on(Bulletin::No5))
        .count();
    assert!(shown5 > 0 && shown5 < shown.len());
    assert!(all.contains(&format!("{shown5}inscription")), "{all}");
    for c in convictions.iter().filter(|c| !c.shown_on(Bulletin::No5)) {
        assert!(
            !all.contains(&squeeze(&c.offence)),
            "{} is not on bulletin 5",
            c.offence
        );
    }
    peers_accept(&no5, "bulletin-5");

    // Without entries: "no entry", one page.
    let empty = extract(&marie, &agent, "3", 1).await;
    let checked = check(&app, &empty).await;
    assert_eq!(checked.overall(), Verdict::Valid, "{checked:?}");
    let claims = checked.claims.unwrap();
    assert_eq!(extract_data(&claims), (Bulletin::No3, Outcome::NoEntry));
    assert_eq!(claims.pages, 1);
    assert!(page_texts(&empty)[0].contains("Néant"));
    peers_accept(&empty, "no-entry");
}

/// Loads, edits and saves a PDF as one new revision.
fn edit(pdf: &[u8], change: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).unwrap();
    change(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The page tree's `Kids`, to reorder or shorten.
fn kids(doc: &mut Document) -> (lopdf::ObjectId, Vec<Object>) {
    let pages = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let kids = doc
        .get_dictionary(pages)
        .unwrap()
        .get(b"Kids")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    (pages, kids)
}

fn set_kids(doc: &mut Document, pages: lopdf::ObjectId, kids: Vec<Object>) {
    let count = kids.len() as i64;
    let dict = doc.get_dictionary_mut(pages).unwrap();
    dict.set("Kids", kids);
    dict.set("Count", count);
}

fn refused_because(checked: &Verification, expected: &str) {
    match checked.overall() {
        Verdict::Invalid(Reason::ContentMismatch(why)) => {
            assert!(why.contains(expected), "{why}")
        }
        other => panic!("expected a content mismatch ({expected}), got {other:?}"),
    }
}

#[tokio::test]
async fn tampering_with_any_page_of_a_multi_page_extract_is_refused_with_its_reason() {
    let app = TestApp::spawn().await;
    let agent = Agent::justice(&app).await;
    let jc = Person::jean_claude(&app).await;
    jc.add_signature_certificate(&app).await;
    let original = extract(&jc, &agent, "3", 1).await;
    let other = extract(&jc, &agent, "5", 2).await;
    let pages = page_texts(&original).len();
    assert!(pages >= 2, "{pages} page(s)");

    // A letter changed in an offence (its last occurrence: on a later page).
    let at = record()
        .convictions(JEAN_CLAUDE)
        .unwrap()
        .into_iter()
        .filter(|c| c.shown_on(Bulletin::No3) && c.offence.is_ascii())
        .find_map(|c| {
            let offence = c.offence.as_bytes().to_vec();
            original.windows(offence.len()).rposition(|w| w == offence)
        })
        .expect("an ASCII offence in the PDF");
    let mut edited = original.clone();
    edited[at] = if edited[at] == b'X' { b'Y' } else { b'X' };
    refused_because(&check(&app, &edited).await, "content digest differs");

    // The last page removed.
    let removed = edit(&original, |doc| {
        let (pages, mut kids) = kids(doc);
        kids.pop();
        set_kids(doc, pages, kids);
    });
    refused_because(&check(&app, &removed).await, "a page was removed");

    // The first two pages swapped.
    let swapped = edit(&original, |doc| {
        let (pages, mut kids) = kids(doc);
        kids.swap(0, 1);
        set_kids(doc, pages, kids);
    });
    refused_because(
        &check(&app, &swapped).await,
        "out of order: page 2 stands in place 1",
    );

    // The second page replaced by the first page of another extract.
    let mixed = edit(&original, |doc| {
        let mut foreign = Document::load_mem(&other).unwrap();
        foreign.renumber_objects_with(doc.max_id + 1);
        let foreign_page = *foreign.get_pages().values().next().unwrap();
        doc.max_id = foreign.max_id;
        doc.objects.extend(foreign.objects);
        let (pages, mut kids) = kids(doc);
        kids[1] = Object::Reference(foreign_page);
        doc.get_dictionary_mut(foreign_page)
            .unwrap()
            .set("Parent", pages);
        set_kids(doc, pages, kids);
    });
    refused_because(&check(&app, &mixed).await, "a page from another document");

    // The untouched file still verifies; the seal alone (as scanned from any page) is
    // authentic, says only the seal was checked, and how many pages the document has.
    let checked = check(&app, &original).await;
    assert_eq!(checked.overall(), Verdict::Valid);
    let seal_text = guichet_verifier::pdf::read_seal(&original)
        .unwrap()
        .seal_text;
    let list = issuer_keys::trust_list_content(&app.ctx).await.unwrap();
    let now = guichet::clock::Clock::now(app.clock.as_ref());
    let scanned = verify::verify_text(&seal_text, &list, now);
    assert_eq!(scanned.overall(), Verdict::Valid);
    assert_eq!(scanned.content_binding, ContentBinding::NotCheckedText);
    assert_eq!(usize::from(scanned.claims.unwrap().pages), pages);
    // A photo of the second page: the QR code printed on it.
    if let Some(png) = render_page(&original, 2) {
        let photo = verify::verify_image(&png, &list, now);
        assert_eq!(photo.overall(), Verdict::Valid, "{photo:?}");
        assert_eq!(photo.content_binding, ContentBinding::NotCheckedPhoto);
        assert_eq!(usize::from(photo.claims.unwrap().pages), pages);
    }
}

/// Page `page` of the PDF rendered at 150 dpi by poppler's pdftoppm, as PNG (None, or a
/// failure under GUICHET_REQUIRE_PEERS=1, when pdftoppm is missing).
fn render_page(pdf: &[u8], page: u32) -> Option<Vec<u8>> {
    if !peer("pdftoppm", "-v") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = dir.path().join("page");
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-gray",
            "-singlefile",
            "-r",
            "150",
            "-f",
            &page,
            "-l",
            &page,
        ])
        .arg(&input)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    Some(std::fs::read(out.with_extension("png")).unwrap())
}

/// Whether `tool` runs; when it does not, fails under GUICHET_REQUIRE_PEERS=1, else says
/// `skipped: …` on the real standard error.
fn peer(tool: &str, version_flag: &str) -> bool {
    let ok = Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("GUICHET_REQUIRE_PEERS").as_deref() != Ok("1"),
            "{tool} not installed (run .ci/peers) and GUICHET_REQUIRE_PEERS=1"
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {tool} not installed (run .ci/peers)"
        );
    }
    ok
}

#[tokio::test]
async fn a_certificate_of_residence_is_answered_at_once_from_the_register_and_verifies() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;

    let d = marie
        .api
        .start_dossier(&marie.space, "residence-certificate")
        .await
        .ok(201);
    let id = d["id"].as_str().unwrap();
    let transmitted = marie.api.transmit(id).await.ok(200);
    assert_eq!(
        (
            transmitted["status"].as_str(),
            transmitted["outcome"].as_str()
        ),
        (Some("closed"), Some("accepted")),
        "{transmitted}"
    );

    let c = newest_communication(&marie, 1).await;
    assert_eq!(c["kind"], "residence-certificate", "{c}");
    let file = marie
        .api
        .communication_file(&marie.space, c["id"].as_str().unwrap())
        .await
        .expect(200);
    let checked = check(&app, &file.body).await;
    assert_eq!(checked.overall(), Verdict::Valid, "{checked:?}");
    let claims = checked.claims.unwrap();
    let DocumentData::ResidenceCertificate(r) = &claims.document else {
        panic!("not a certificate of residence: {claims:?}")
    };
    assert_eq!(
        r.address.to_string(),
        "12 Rue de la Gare, L-1611 Luxembourg"
    );
    assert_eq!(claims.subject.family_name, "Schmit");
    assert_eq!(claims.pages, 1);
    let valid_days = (claims.valid_until().unwrap() - claims.issued_at).whole_days();
    assert!((28..=31).contains(&valid_days), "{valid_days} days");
    let text = page_texts(&file.body).join("\n");
    assert!(text.contains("Certificatderésidence"), "{text}");
    assert!(text.contains("12RuedelaGare,L-1611Luxembourg"), "{text}");
    let seal_text = guichet_verifier::pdf::read_seal(&file.body)
        .unwrap()
        .seal_text;
    // The address costs about 30 bytes over the extract's claims: version 11 for Marie
    // (`cargo run -p guichet-documents --example qr_versions` gives every person's).
    let version = guichet_documents_qr_version(&seal_text);
    assert!(version <= 11, "QR version {version}");
    peers_accept(&file.body, "residence");
}

/// The QR version of a seal text (alphanumeric, EC level Q): the smallest that holds it.
fn guichet_documents_qr_version(seal_text: &str) -> usize {
    // Alphanumeric capacities at EC level Q, versions 1..=14 (ISO/IEC 18004 table 7).
    const CAPACITY: [usize; 14] = [
        16, 29, 47, 67, 87, 108, 125, 157, 189, 221, 259, 296, 352, 376,
    ];
    CAPACITY
        .iter()
        .position(|c| seal_text.len() <= *c)
        .map_or(40, |v| v + 1)
}
