//! The signed revocation list beside the trust list: served with caching headers, new after a
//! revocation, and enough for `guichet-verify` to say "revoked (list of DATE)" with no network,
//! from its cache, and "stale" once the list is older than allowed.

use super::document_status::{Verifier, accept, download, extract_for, number_of, world};
use guichet::clock::Clock as _;
use guichet_tests::TestApp;
use guichet_verifier::revocation::{RevocationList, RevocationReason};
use guichet_verifier::trust::TrustAnchor;
use time::Duration;

const PATH: &str = "/.well-known/guichet/revocation-list";

async fn anchor(app: &TestApp) -> TrustAnchor {
    let text = app
        .client()
        .get_root("/.well-known/guichet/trust-anchor")
        .await
        .expect(200)
        .text();
    TrustAnchor::from_bytes(&hex::decode(text.trim()).unwrap()).unwrap()
}

/// The served list, verified with the anchor, its bytes and its ETag.
async fn served(app: &TestApp) -> (RevocationList, Vec<u8>, String) {
    let resp = app.client().get_root(PATH).await.expect(200);
    assert_eq!(
        resp.header("content-type"),
        Some("application/cose; cose-type=\"cose-sign1\"")
    );
    assert_eq!(resp.header("cache-control"), Some("public, max-age=300"));
    let etag = resp.header("etag").unwrap().to_string();
    let list = RevocationList::from_signed(&resp.body, &anchor(app).await).unwrap();
    (list, resp.body, etag)
}

#[tokio::test]
async fn a_revocation_is_in_the_next_signed_list_and_the_verifier_sees_it_offline() {
    let w = world().await;
    accept(&w, &w.dossier).await;
    let extract = extract_for(&w, &w.dossier).await;
    let number = number_of(&extract);

    // Before: an empty list, sequence 0, revalidated with its ETag.
    let (before, _, etag) = served(&w.app).await;
    assert_eq!((before.sequence, before.revoked.len()), (0, 0));
    let again = w
        .app
        .client()
        .with_header("if-none-match", &etag)
        .get_root(PATH)
        .await;
    assert_eq!(again.status, 304);

    // Revoked for fraud: the next list names it, with the code and the time.
    w.agent
        .api
        .revoke_document_coded(&number, "Fausse déclaration", "obtained-by-fraud")
        .await
        .ok(200);
    let (after, bytes, new_etag) = served(&w.app).await;
    assert_ne!(new_etag, etag);
    assert_eq!(after.sequence, 1);
    assert!(after.supersedes(&before));
    let entry = &after.revoked[0];
    assert_eq!(entry.document_id.to_string(), number);
    assert_eq!(entry.reason, RevocationReason::ObtainedByFraud);
    assert_eq!(
        entry.revoked_at.unix_timestamp(),
        w.app.clock.now().unix_timestamp()
    );

    // The verifier, given the list as a file, says revoked without asking the server.
    let verifier = Verifier::new(&w.app).await;
    verifier.save("extrait.pdf", &download(&w, &extract).await);
    std::fs::write(verifier.path("revocations.cose"), &bytes).unwrap();
    let list_date = after.issued_at.date().to_string();
    let fetch = [
        "--revocation-list",
        &verifier.path("revocations.cose"),
        "--revocation-cache",
        &verifier.path("revocation-cache"),
    ];
    let run = verifier.run("extrait.pdf", false, &fetch).await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stdout.starts_with(&format!(
            "REVOKED: the issuer revoked this document (revocation list of {list_date})."
        )),
        "{run:?}"
    );
    assert!(run.stdout.contains("obtained by fraud"), "{run:?}");
    assert!(run.stdout.contains("Revocation list: n° 1 of"), "{run:?}");

    // Offline, from the cache: the same; eight days later, stale and still revoked.
    std::fs::remove_file(verifier.path("revocations.cose")).unwrap();
    let cached = ["--revocation-cache", &verifier.path("revocation-cache")];
    let run = verifier.run("extrait.pdf", false, &cached).await;
    assert_eq!(run.code, 2, "{run:?}");
    let mut later = verifier;
    later.now = (w.app.clock.now() + Duration::days(8))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let run = later
        .run("extrait.pdf", false, &[&cached[..], &["--json"]].concat())
        .await;
    assert_eq!(run.code, 2, "{run:?}");
    let report = run.json();
    assert_eq!(report["reason"], "revoked-in-list", "{report}");
    assert_eq!(report["revocation_list"]["stale"], true, "{report}");
    assert_eq!(report["revocation_list"]["origin"], "cache", "{report}");
}

#[tokio::test]
async fn the_list_is_redated_every_hour_and_keeps_its_sequence() {
    let app = TestApp::spawn().await;
    let (first, _, etag) = served(&app).await;
    app.clock.advance(Duration::hours(1));
    let (second, _, next_etag) = served(&app).await;
    assert_eq!(first.sequence, second.sequence);
    assert!(second.issued_at > first.issued_at);
    assert!(second.supersedes(&first));
    assert_ne!(etag, next_etag);
}
