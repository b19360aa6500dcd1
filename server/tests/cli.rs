//! The `guichet` binary as a newcomer runs it: from any directory, with output that can be
//! redirected (the document alone on standard output, plain logs on standard error).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::{
    path::Path,
    process::{Command, Output},
};

const EXE: &str = env!("CARGO_BIN_EXE_guichet");

/// Runs `guichet args` in `dir`, away from the repository, with no configuration from outside.
fn guichet(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(EXE);
    cmd.current_dir(dir).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("GUICHET_") || k == "DATABASE_URL" || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.env("RUST_LOG", "info");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn openapi_writes_the_document_alone_on_stdout_and_plain_logs_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = guichet(dir.path(), &["openapi"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON alone: {e}\n{}", text(&out.stdout)));
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(!out.stderr.is_empty(), "logs are expected on stderr");
    assert!(
        !out.stderr.contains(&0x1b),
        "colour codes in redirected logs: {}",
        text(&out.stderr)
    );
}

#[test]
fn runs_from_any_directory_with_the_built_in_development_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    // `keys list` builds the whole server: trusted CA, register, catalog, keys.
    let out = guichet(dir.path(), &["keys", "list"], &[("GUICHET_DATA_DIR", data)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("key_id"),
        "{}",
        text(&out.stdout)
    );
    // An empty listing says so.
    let out = guichet(dir.path(), &["mail", "list"], &[("GUICHET_DATA_DIR", data)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).ends_with(":\n  none\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_missing_configured_file_names_the_key_to_set_and_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("guichet.toml"),
        "trusted_cas = [\"authorities/luxtrust.pem\"]\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    let out = guichet(
        dir.path(),
        &["keys", "list"],
        &[("GUICHET_DATA_DIR", data.to_str().unwrap())],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("authorities/luxtrust.pem"), "{err}");
    assert!(err.contains("set `trusted_cas`"), "{err}");
    assert!(
        !data.exists(),
        "a database was created before the configuration was usable"
    );
}

#[test]
fn letters_for_the_post_are_listed_then_printed_once() {
    use guichet::domain::{ids::SpaceId, mandates::Domain};
    use guichet::store::postal::{self, NewLetter};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let env = [("GUICHET_DATA_DIR", data.to_str().unwrap())];
    // The database, migrated; a letter waits for the post.
    std::fs::create_dir_all(&data).unwrap();
    let url = guichet::config::Secret::new(format!(
        "sqlite://{}?mode=rwc",
        data.join("guichet.db").display()
    ));
    let pdf = b"%PDF-1.7 the codes letter".to_vec();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let id = runtime.block_on(async {
        let db = guichet::store::connect(&url).await.unwrap();
        guichet::store::migrate_up(&db).await.unwrap();
        let letter = NewLetter {
            space: &SpaceId::from("space-1"),
            administration: "ccss",
            domain: Some(Domain::PayAndSickLeave),
            title: "Codes de certification",
            body: None,
            file: Some(("codes.pdf", &pdf)),
            communication: None,
        };
        postal::insert(&db, letter, time::OffsetDateTime::now_utc())
            .await
            .unwrap()
    });

    let out = guichet(dir.path(), &["letters", "list"], &env);
    let listed = text(&out.stdout);
    assert!(listed.contains(&id), "{listed}");
    assert!(
        listed.contains("domain=pay-and-sick-leave") && listed.contains("printed=-"),
        "{listed}"
    );
    let printed = dir.path().join("letter.pdf");
    let out = guichet(
        dir.path(),
        &["letters", "print", &id, "--out", printed.to_str().unwrap()],
        &env,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&printed).unwrap(), pdf);
    // Printed: no longer waiting, still listed with --all.
    let out = guichet(dir.path(), &["letters", "list"], &env);
    assert!(
        text(&out.stdout).ends_with(":\n  none\n"),
        "{}",
        text(&out.stdout)
    );
    let out = guichet(dir.path(), &["letters", "list", "--all"], &env);
    let all = text(&out.stdout);
    assert!(all.contains(&id) && !all.contains("printed=-"), "{all}");
}
