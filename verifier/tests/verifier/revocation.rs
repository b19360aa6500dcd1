//! The signed revocation list: anchor signature, content type, freshness, the offline cache,
//! and the verdict "revoked (list of DATE)" in the library and the command line.

use guichet_verifier::revocation::{
    Freshness, RevocationCache, RevocationList, RevocationReason, RevokedDocument,
};
use guichet_verifier::seal::Issuer;
use guichet_verifier::trust::{Origin, TrustError, TrustList};
use guichet_verifier::verify::{Reason, Verdict, verify_text};
use time::Duration;
use time::macros::datetime;

use crate::common::*;

const LIST_DATE: time::OffsetDateTime = datetime!(2026-11-30 09:00 UTC);

/// A list revoking the tests' extract (obtained by fraud) and another document.
pub fn revocations(sequence: u64) -> RevocationList {
    RevocationList::new(sequence, LIST_DATE)
        .with(RevokedDocument {
            document_id: extract().document_id,
            reason: RevocationReason::ObtainedByFraud,
            revoked_at: datetime!(2026-11-29 16:45 UTC),
        })
        .with(RevokedDocument {
            document_id: guichet_verifier::seal::DocumentId::parse("0BADCAFE").unwrap(),
            reason: RevocationReason::Other(42),
            revoked_at: datetime!(2026-11-28 08:00 UTC),
        })
}

pub fn signed_revocations(sequence: u64) -> Vec<u8> {
    revocations(sequence).sign(&anchor_key()).unwrap()
}

#[test]
fn signed_revocation_list_round_trips_with_unknown_reason_codes_kept() {
    let list = RevocationList::from_signed(&signed_revocations(2), &anchor()).unwrap();
    assert_eq!(list, revocations(2));
    assert_eq!(list.revoked[1].reason.code(), 42);
    // Deterministic: the same list gives the same bytes (the server's ETag relies on it).
    assert_eq!(signed_revocations(2), signed_revocations(2));
}

#[test]
fn a_revocation_list_signed_by_another_key_or_altered_is_refused() {
    let forged = revocations(2).sign(&key(66)).unwrap();
    assert_eq!(
        RevocationList::from_signed(&forged, &anchor()).unwrap_err(),
        TrustError::WrongAnchor
    );
    let good = signed_revocations(2);
    for bit in 0..good.len() * 8 {
        let mut flipped = good.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert!(
            RevocationList::from_signed(&flipped, &anchor()).is_err(),
            "bit {bit}"
        );
    }
}

#[test]
fn a_trust_list_is_not_a_revocation_list_and_the_reverse() {
    // Both are signed by the anchor: the content type and the payload keys keep them apart.
    assert!(matches!(
        RevocationList::from_signed(&signed_list(1), &anchor()),
        Err(TrustError::Malformed(_))
    ));
    let empty = RevocationList::new(0, LIST_DATE)
        .sign(&anchor_key())
        .unwrap();
    assert!(matches!(
        TrustList::from_signed(&empty, &anchor()),
        Err(TrustError::Malformed(_))
    ));
}

#[test]
fn freshness_and_age_count_from_the_list_issue_time() {
    let list = revocations(1);
    let max = Duration::hours(168);
    assert_eq!(list.age(LIST_DATE + Duration::hours(5)), Duration::hours(5));
    assert_eq!(list.freshness(LIST_DATE + max, max), Freshness::Fresh);
    assert_eq!(
        list.freshness(LIST_DATE + max + Duration::seconds(1), max),
        Freshness::Stale
    );
    assert_eq!(list.age(LIST_DATE - Duration::hours(1)), Duration::ZERO);
}

#[test]
fn a_listed_document_is_revoked_offline_with_the_list_date_even_when_stale() {
    let now = datetime!(2026-12-20 12:00 UTC);
    let result = verify_text(&extract_seal(), &trust_list(1), now);
    assert_eq!(result.verdict, Verdict::Valid);
    let checked = result.with_revocation_list(&revocations(1), now, Duration::days(7));
    let check = checked.revocation.clone().unwrap();
    assert_eq!(check.freshness, Freshness::Stale);
    assert_eq!(
        checked.overall(),
        Verdict::Invalid(Reason::RevokedInList {
            reason: RevocationReason::ObtainedByFraud,
            revoked_at: datetime!(2026-11-29 16:45 UTC),
            list_issued_at: LIST_DATE,
        })
    );
    // The seal stays authentic; the offline verdict is unchanged.
    assert!(checked.seal_authentic());
    assert_eq!(checked.verdict, Verdict::Valid);
}

#[test]
fn an_unlisted_document_stays_valid_and_a_forged_seal_is_not_checked_against_the_list() {
    let now = datetime!(2026-12-01 12:00 UTC);
    let list = RevocationList::new(1, LIST_DATE);
    let result = verify_text(&extract_seal(), &trust_list(1), now).with_revocation_list(
        &list,
        now,
        Duration::days(7),
    );
    assert_eq!(result.overall(), Verdict::Valid);
    assert_eq!(result.revocation.unwrap().revoked, None);

    let forged = Issuer::new(key(77)).seal(&extract()).unwrap();
    let result = verify_text(&forged, &trust_list(1), now).with_revocation_list(
        &revocations(1),
        now,
        Duration::days(7),
    );
    assert_eq!(result.overall(), Verdict::Invalid(Reason::UnknownKey));
    assert!(result.revocation.is_none());
}

#[test]
fn the_cache_keeps_the_newest_list_and_serves_it_offline() {
    let dir = temp_dir("revocation-cache");
    let cache = RevocationCache::new(dir.join("sub/revocation-list"));
    assert!(cache.resolve(None, &anchor()).unwrap().is_none());
    let first = cache
        .resolve(Some(&signed_revocations(5)), &anchor())
        .unwrap()
        .unwrap();
    assert_eq!((first.origin, first.list.sequence), (Origin::Fetched, 5));
    let older = cache
        .resolve(Some(&signed_revocations(4)), &anchor())
        .unwrap()
        .unwrap();
    assert_eq!(older.list.sequence, 5);
    assert_eq!(
        older.origin,
        Origin::CacheNewer {
            fetched_sequence: 4
        }
    );
    let offline = cache.resolve(None, &anchor()).unwrap().unwrap();
    assert_eq!(
        (offline.origin, offline.list.sequence),
        (Origin::CacheOnly, 5)
    );
    let refused = cache
        .resolve(Some(b"not a list"), &anchor())
        .unwrap()
        .unwrap();
    assert_eq!(refused.origin, Origin::CacheFetchRefused);
    assert!(
        RevocationCache::new(dir.join("none"))
            .resolve(Some(b"junk"), &anchor())
            .is_err()
    );
}
