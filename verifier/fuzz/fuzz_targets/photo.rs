//! Fuzz target: any bytes through the photo reader the CLI uses (format sniffing, decoding
//! with limits, scaled PNG decoding, then the QR pipeline).
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts from its panic hook, before `catch_unwind` can see the panic; the
    // pipeline deliberately catches panics inside rqrr, so restore a silent hook. A panic that
    // escapes to the fuzz target is still caught by libfuzzer-sys and reported as a crash.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = guichet_verifier::photo::read_seal(data);
});
