//! The guichet-verify command line: checks the seal on a PDF, a photo or seal text.

fn main() -> std::process::ExitCode {
    let code = guichet_verifier::cli::run_with(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::ExitCode::from(code)
}
