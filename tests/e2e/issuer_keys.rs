//! Issuer keys over HTTP: the served trust anchor and signed trust list, sealing with the current
//! key, and rotation (old documents stay valid, the old key signs no more).

use guichet::{clock::Clock, service::issuer_keys};
use guichet_tests::TestApp;
use guichet_verifier::{
    seal::{
        Bulletin, Claims, ContentDigest, DocumentData, DocumentId, ExtractData, Issuer, Language,
        Outcome, Subject,
    },
    trust::{MEDIA_TYPE, TrustAnchor, TrustList, WELL_KNOWN_PATH},
    verify::{Reason, verify_text},
};
use time::{Duration, OffsetDateTime, macros::date};

const ANCHOR_PATH: &str = "/.well-known/guichet/trust-anchor";

fn extract(issued_at: OffsetDateTime) -> Claims {
    Claims {
        issuer: None,
        document_id: DocumentId::from_bytes(&[0x3F, 0x91, 0x0C, 0x7A]).unwrap(),
        document: DocumentData::CriminalRecordExtract(ExtractData {
            bulletin: Bulletin::No3,
            outcome: Outcome::NoEntry,
        }),
        pages: 1,
        issued_at,
        expires_at: None,
        subject: Subject {
            family_name: "Schmit-Weber".into(),
            given_name: "Jean-Claude".into(),
            birth_date: date!(1985 - 03 - 12),
        },
        language: Language::Fr,
        content_digest: ContentDigest::truncated(&[0xA5; 32], 8),
    }
}

async fn anchor(app: &TestApp) -> TrustAnchor {
    let text = app.client().get_root(ANCHOR_PATH).await.expect(200).text();
    TrustAnchor::from_bytes(&hex::decode(text.trim()).unwrap()).unwrap()
}

async fn trust_list(app: &TestApp, anchor: &TrustAnchor) -> TrustList {
    let resp = app.client().get_root(WELL_KNOWN_PATH).await.expect(200);
    assert_eq!(resp.header("content-type"), Some(MEDIA_TYPE));
    TrustList::from_signed(&resp.body, anchor).unwrap()
}

async fn current_issuer(app: &TestApp) -> Issuer {
    issuer_keys::current_issuer(&app.ctx).await.unwrap()
}

#[tokio::test]
async fn served_trust_list_is_signed_by_the_served_anchor_and_verifies_a_fresh_seal() {
    let app = TestApp::spawn().await;
    let anchor = anchor(&app).await;
    let issuer = current_issuer(&app).await;

    let list = trust_list(&app, &anchor).await;
    let seal = issuer.seal(&extract(app.clock.now())).unwrap();

    assert_eq!(list.keys.len(), 1);
    assert_eq!(list.keys[0].key_id, issuer.key_id);
    assert_eq!(list.keys[0].public_key, issuer.signing_key.verifying_key());
    let verification = verify_text(&seal, &list, app.clock.now() + Duration::hours(1));
    assert!(
        verification.verdict.is_valid(),
        "{:?}",
        verification.verdict
    );
}

#[tokio::test]
async fn trust_list_is_cacheable_with_an_etag() {
    let app = TestApp::spawn().await;
    let first = app.client().get_root(WELL_KNOWN_PATH).await.expect(200);
    let etag = first.header("etag").unwrap().to_string();
    assert!(first.header("cache-control").unwrap().contains("max-age"));

    let conditional = app.client().with_header("if-none-match", &etag);
    let again = conditional.get_root(WELL_KNOWN_PATH).await;

    assert_eq!(again.status, 304);
    issuer_keys::rotate(&app.ctx).await.unwrap();
    let after = conditional.get_root(WELL_KNOWN_PATH).await;
    assert_eq!(
        after.status, 200,
        "a rotation changes the list and its ETag"
    );
}

#[tokio::test]
async fn rotation_stops_the_old_key_signing_but_keeps_its_documents_valid() {
    let app = TestApp::spawn().await;
    let anchor = anchor(&app).await;
    let old = current_issuer(&app).await;
    let before = trust_list(&app, &anchor).await;
    let sealed_before = old.seal(&extract(app.clock.now())).unwrap();
    app.clock.advance(Duration::hours(1));
    let rotated_at = app.clock.now().replace_nanosecond(0).unwrap();

    let new_id = issuer_keys::rotate(&app.ctx).await.unwrap();

    let after = trust_list(&app, &anchor).await;
    assert!(after.sequence > before.sequence);
    assert_eq!(after.keys.len(), 2);
    let old_entry = after.keys_with_id(&old.key_id).next().unwrap();
    assert_eq!(old_entry.valid_until, rotated_at);
    let new_entry = after.keys_with_id(&new_id).next().unwrap();
    assert_eq!(new_entry.valid_from, rotated_at);
    assert_ne!(new_id, old.key_id);

    app.clock.advance(Duration::days(1));
    let later = app.clock.now();
    let before_rotation = verify_text(&sealed_before, &after, later);
    assert!(
        before_rotation.verdict.is_valid(),
        "{:?}",
        before_rotation.verdict
    );

    let forged = old
        .seal(&extract(rotated_at + Duration::minutes(1)))
        .unwrap();
    let forged = verify_text(&forged, &after, later);
    assert_eq!(forged.verdict.reason(), Some(&Reason::KeyNotValidAtIssue));

    let new = current_issuer(&app).await;
    assert_eq!(new.key_id, new_id);
    let fresh = verify_text(&new.seal(&extract(later)).unwrap(), &after, later);
    assert!(fresh.verdict.is_valid(), "{:?}", fresh.verdict);
    let listed = issuer_keys::list(&app.ctx).await.unwrap();
    assert_eq!(
        listed.iter().map(|k| k.active()).collect::<Vec<_>>(),
        [false, true]
    );
}
