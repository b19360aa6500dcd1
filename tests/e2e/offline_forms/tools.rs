//! The independent tools the offline route is checked with: pypdf fills and reads forms, qpdf
//! checks them, poppler renders them; and what a citizen types into each procedure's form.

use guichet_tests::repo_path;
use serde_json::{Value, json};
use std::process::Command;

/// Whether `tool` runs; when it does not, fails under GUICHET_REQUIRE_PEERS=1, else says
/// `skipped: …` on the real standard error.
pub fn peer(tool: &str, args: &[&str]) -> bool {
    let ok = Command::new(tool)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("GUICHET_REQUIRE_PEERS").as_deref() != Ok("1"),
            "{tool} {args:?} does not run (run .ci/peers) and GUICHET_REQUIRE_PEERS=1"
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {tool} {args:?} does not run (run .ci/peers)"
        );
    }
    ok
}

/// Whether pypdf (PyPI) is installed.
pub fn pypdf() -> bool {
    peer("python3", &["-c", "import pypdf"])
}

/// Runs `script` (Python, with pypdf) on `pdf`: `src`, `dst` and `arg` (JSON) are defined.
pub fn python(pdf: &[u8], script: &str, arg: &Value) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (src, dst) = (dir.path().join("in.pdf"), dir.path().join("out.pdf"));
    std::fs::write(&src, pdf).unwrap();
    let prelude = "import sys, json\nfrom pypdf import PdfReader, PdfWriter\nfrom pypdf.generic import NameObject, TextStringObject\nsrc, dst, arg = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(format!("{prelude}{script}"))
        .arg(&src)
        .arg(&dst)
        .arg(arg.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pypdf: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(dst).unwrap()
}

/// `pdf` filled by pypdf with `values` (field name → text; `/Yes` or `/Off` for a check box).
pub fn fill(pdf: &[u8], values: &Value) -> Vec<u8> {
    python(
        pdf,
        "w = PdfWriter(clone_from=PdfReader(src))\n\
         for page in w.pages:\n    w.update_page_form_field_values(page, arg, auto_regenerate=False)\n\
         w.write(dst)\n",
        values,
    )
}

/// The fields pypdf reads from `pdf`: name → value (as text).
pub fn fields(pdf: &[u8]) -> Value {
    let out = python(
        pdf,
        "r = PdfReader(src)\n\
         v = {k: str(f.get('/V', '')) for k, f in r.get_fields().items()}\n\
         open(dst, 'w').write(json.dumps(v))\n",
        &Value::Null,
    );
    serde_json::from_slice(&out).unwrap()
}

/// qpdf accepts `pdf` (skipped when qpdf is missing, failing under GUICHET_REQUIRE_PEERS=1).
pub fn qpdf_accepts(pdf: &[u8], name: &str) {
    if !peer("qpdf", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "qpdf refused {name}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Renders page 1 of `pdf` with poppler into `target/offline-forms/<name>.png` (kept as an
/// artifact to look at); returns the path, or None when pdftoppm is missing.
pub fn render(pdf: &[u8], name: &str) -> Option<std::path::PathBuf> {
    if !peer("pdftoppm", &["-v"]) {
        return None;
    }
    let dir = repo_path("target/offline-forms");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("{name}.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let out = dir.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-singlefile", "-r", "100", "-f", "1", "-l", "1"])
        .arg(&input)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    Some(out.with_extension("png"))
}

/// What a citizen types into each procedure's form.
pub fn typed(procedure: &str) -> Value {
    let address = |prefix: &str| {
        json!({
            format!("{prefix}.street"): "rue Neuve", format!("{prefix}.house_number"): "5",
            format!("{prefix}.postcode"): "L-1212", format!("{prefix}.locality"): "Luxembourg",
            format!("{prefix}.country"): "LU",
        })
    };
    let mut v = match procedure {
        "certified-copy-of-judgment" => json!({
            "court": "cour-appel", "case_reference": "TA-2026-123",
            "judgment_date": "2026-10-14", "legal_aid": "/Yes",
        }),
        "change-of-address" => json!({"moving_date": "2026-12-01", "household_size": "2"}),
        "criminal-record-extract" => json!({
            "email": "marie.schmit@example.lu", "purpose": "employment", "bulletin": "3",
            "copies": "1", "english_translation": "/Yes",
        }),
        "professional-space-certification" => json!({
            "filer_email": "marie.schmit@example.lu", "employer_name": "Schmit & Fils SARL",
            "employer_number": "20081234567", "mandatary_pay_matricule": "1962072310812",
            "mandatary_pay_name": "Jean-Claude Weber", "security_code": "A1B2C3D4",
        }),
        "residence-certificate" => json!({}),
        "ccss-employee-declaration" => json!({
            "employer_number": "20081234567", "employee_matricule": "1984031204237",
            "employee_name": "Marie Schmit", "start_date": "2027-01-04", "weekly_hours": "40",
        }),
        "ccss-pay-certificate" => json!({
            "employer_number": "20081234567", "employee_matricule": "1984031204237",
            "year": "2026",
        }),
        "ccss-employer-data-change" => json!({
            "employer_number": "20081234567", "effective_date": "2027-01-01",
        }),
        "ccss-account-statement" => json!({"employer_number": "20081234567", "year": "2026"}),
        other => panic!("no values for {other}: add the new procedure here"),
    };
    let parts = match procedure {
        "change-of-address" => address("new_address"),
        "professional-space-certification" => address("employer_address"),
        "ccss-employer-data-change" => address("new_address"),
        _ => json!({}),
    };
    v.as_object_mut()
        .unwrap()
        .extend(parts.as_object().unwrap().clone());
    v
}
