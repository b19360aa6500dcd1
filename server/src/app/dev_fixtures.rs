//! The development fixtures built into the binary, so that `guichet` runs from any directory.
//!
//! The default configuration names `fixtures/dev-ca/ca.pem` and `fixtures/register/people.json`,
//! paths relative to the repository root. When such a default path is not found (the binary runs
//! from elsewhere), the copy compiled into the binary is used; any other configured file must
//! exist, and the error names the configuration key to change.

use std::path::Path;

/// The default `trusted_cas` entry: the TEST-ONLY development CA.
pub const DEV_CA_PATH: &str = "fixtures/dev-ca/ca.pem";
/// The default `register_fixture`: the sample national register.
pub const REGISTER_PATH: &str = "fixtures/register/people.json";

/// The default `criminal_record_fixture`: the sample criminal record.
pub const CRIMINAL_RECORD_PATH: &str = "fixtures/criminal-record/convictions.json";

const CRIMINAL_RECORD_JSON: &str =
    include_str!("../../../fixtures/criminal-record/convictions.json");
const DEV_CA_PEM: &str = include_str!("../../../fixtures/dev-ca/ca.pem");
const REGISTER_JSON: &str = include_str!("../../../fixtures/register/people.json");

/// Reads the file `path` set by configuration key `key`; a missing default development fixture
/// is read from the copy built into the binary.
///
/// # Errors
/// The reason, and which key to set in `guichet.toml` (or `--config`) to fix it.
pub fn read(path: &Path, key: &str) -> Result<String, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if path.ends_with(DEV_CA_PATH) {
                Ok(DEV_CA_PEM.to_string())
            } else if path.ends_with(REGISTER_PATH) {
                Ok(REGISTER_JSON.to_string())
            } else if path.ends_with(CRIMINAL_RECORD_PATH) {
                Ok(CRIMINAL_RECORD_JSON.to_string())
            } else {
                Err(format!(
                    "{e} (relative to {}); set `{key}` in guichet.toml (or the file given with --config) to an existing file",
                    std::env::current_dir()
                        .map(|d| d.display().to_string())
                        .unwrap_or_else(|_| "the current directory".into())
                ))
            }
        }
        Err(e) => Err(format!(
            "{e}; set `{key}` in guichet.toml (or the file given with --config) to a readable file"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_default_fixtures_come_from_the_binary_and_other_files_name_the_key() {
        let nowhere = Path::new("/nonexistent-guichet");
        let ca = read(&nowhere.join(DEV_CA_PATH), "trusted_cas").unwrap();
        assert!(ca.contains("BEGIN CERTIFICATE"));
        let people = read(&nowhere.join(REGISTER_PATH), "register_fixture").unwrap();
        assert!(people.starts_with('['));
        let err = read(&nowhere.join("ca.pem"), "trusted_cas").unwrap_err();
        assert!(err.contains("set `trusted_cas`"), "{err}");
    }
}
