//! Other QR readers (zbar, zxing-cpp) read exactly our seal text from the rendered page.

use std::process::Command;

use guichet_documents::extract::Language;

use super::support::{self, no_entry, peer_available, scratch};

/// The page rendered by pdftoppm at 150 dpi, written as a PNG file, with the sealed text.
fn rendered_page(name: &str) -> Option<(std::path::PathBuf, String, image::GrayImage)> {
    let sealed = support::seal(&no_entry(Language::En));
    let png = support::pdftoppm(&sealed.pdf, 150, name)?;
    let path = scratch(&format!("{name}.png"));
    std::fs::write(&path, &png).unwrap();
    let gray = image::load_from_memory(&png).unwrap().into_luma8();
    Some((path, sealed.seal_text, gray))
}

#[test]
fn zbar_reads_exactly_our_seal_text() {
    if !peer_available("zbarimg", Command::new("zbarimg").arg("--version")) {
        return;
    }
    let Some((png, seal_text, _)) = rendered_page("peer-zbar") else {
        return;
    };
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end_matches('\n'),
        seal_text
    );
}

#[test]
fn zxing_cpp_reads_exactly_our_seal_text() {
    if !peer_available(
        "zxing-cpp",
        Command::new("python3").args(["-c", "import zxingcpp"]),
    ) {
        return;
    }
    let Some((_, seal_text, gray)) = rendered_page("peer-zxing") else {
        return;
    };
    let raw = scratch("peer-zxing.gray");
    std::fs::write(&raw, gray.as_raw()).unwrap();
    let script = format!(
        "import sys, zxingcpp\n\
         data = memoryview(open(sys.argv[1], 'rb').read()).cast('B', ({h}, {w}))\n\
         codes = [c for c in zxingcpp.read_barcodes(data) if c.format == zxingcpp.BarcodeFormat.QRCode]\n\
         sys.stdout.write(codes[0].text if len(codes) == 1 else 'found %d codes' % len(codes))\n",
        w = gray.width(),
        h = gray.height()
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .arg(&raw)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), seal_text);
}
