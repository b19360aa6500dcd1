//! The sample files the verifier's benchmarks read (`fixtures/extract/`) stay current.
//!
//! Regenerate them with `GUICHET_UPDATE_FIXTURES=1 cargo test -p guichet-documents --test extract fixtures`.

use std::path::PathBuf;

use guichet_verifier::pdf;

use super::photo::{page_150, phone_photo, png};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/extract")
}

#[test]
fn fixtures_are_the_current_rendering() {
    let Some((sealed, page)) = page_150() else {
        return;
    };
    if std::env::var("GUICHET_UPDATE_FIXTURES").as_deref() == Ok("1") {
        std::fs::create_dir_all(dir()).unwrap();
        std::fs::write(dir().join("extract-fr.pdf"), &sealed.pdf).unwrap();
        std::fs::write(dir().join("page-150dpi.png"), png(page)).unwrap();
        std::fs::write(
            dir().join("photo-like.jpg"),
            phone_photo(page, 0.75, 0.8, 10.0),
        )
        .unwrap();
    }
    let fixture = std::fs::read(dir().join("extract-fr.pdf")).unwrap();
    assert!(
        fixture == sealed.pdf,
        "fixtures/extract is stale: run GUICHET_UPDATE_FIXTURES=1 cargo test -p guichet-documents --test extract fixtures"
    );
    assert_eq!(
        pdf::read_seal(&fixture).unwrap().seal_text,
        sealed.seal_text
    );
}
