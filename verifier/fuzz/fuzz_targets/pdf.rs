//! Fuzz target: any bytes as a sealed PDF (the PDF reader and content digest).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = guichet_verifier::pdf::read_seal(data);
});
