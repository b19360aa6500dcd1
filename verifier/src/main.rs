//! The guichet-verify command line: checks the seal on a PDF, a photo or seal text.

mod cli;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::run())
}
