//! The trust list: anchor signature, sequence numbers, the offline cache.

use guichet_verifier::trust::{Origin, TrustAnchor, TrustCache, TrustError, TrustList};
use time::macros::datetime;

use crate::common::*;

#[test]
fn signed_trust_list_round_trips() {
    let list = TrustList::from_signed(&signed_list(3), &anchor()).unwrap();
    assert_eq!(list, trust_list(3));
}

#[test]
fn a_list_signed_by_another_anchor_is_refused() {
    let forged = trust_list(7).sign(&key(66)).unwrap();
    assert_eq!(
        TrustList::from_signed(&forged, &anchor()).unwrap_err(),
        TrustError::WrongAnchor
    );
}

#[test]
fn a_list_with_a_bad_anchor_signature_is_refused() {
    let mut bytes = signed_list(3);
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    assert_eq!(
        TrustList::from_signed(&bytes, &anchor()).unwrap_err(),
        TrustError::BadSignature
    );
    // Every flip anywhere is refused one way or another.
    let good = signed_list(3);
    for bit in 0..good.len() * 8 {
        let mut flipped = good.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert!(
            TrustList::from_signed(&flipped, &anchor()).is_err(),
            "bit {bit}"
        );
    }
}

#[test]
fn an_older_list_does_not_replace_a_newer_cached_one() {
    let dir = temp_dir("older-list");
    let cache = TrustCache::new(dir.join("sub/trust-list"));
    let first = cache.resolve(Some(&signed_list(5)), &anchor()).unwrap();
    assert_eq!((first.origin, first.list.sequence), (Origin::Fetched, 5));

    let older = cache.resolve(Some(&signed_list(4)), &anchor()).unwrap();
    assert_eq!(
        older.origin,
        Origin::CacheNewer {
            fetched_sequence: 4
        }
    );
    assert_eq!(older.list.sequence, 5);
    assert_eq!(std::fs::read(cache.path()).unwrap(), signed_list(5));

    let newer = cache.resolve(Some(&signed_list(6)), &anchor()).unwrap();
    assert_eq!((newer.origin, newer.list.sequence), (Origin::Fetched, 6));
    assert_eq!(cache.read(&anchor()).unwrap().sequence, 6);
}

#[test]
fn the_last_good_list_is_used_offline_and_when_the_fetched_one_is_bad() {
    let dir = temp_dir("last-good");
    let cache = TrustCache::new(dir.join("trust-list"));
    cache.resolve(Some(&signed_list(2)), &anchor()).unwrap();

    let offline = cache.resolve(None, &anchor()).unwrap();
    assert_eq!(
        (offline.origin, offline.list.sequence),
        (Origin::CacheOnly, 2)
    );

    let forged = trust_list(9).sign(&key(66)).unwrap();
    let refused = cache.resolve(Some(&forged), &anchor()).unwrap();
    assert_eq!(refused.origin, Origin::CacheFetchRefused);
    assert_eq!(refused.refused, Some(TrustError::WrongAnchor));
    assert_eq!(refused.list.sequence, 2);
}

#[test]
fn without_a_valid_list_or_cache_nothing_is_trusted() {
    let dir = temp_dir("nothing");
    let cache = TrustCache::new(dir.join("trust-list"));
    assert!(matches!(
        cache.resolve(None, &anchor()),
        Err(TrustError::Unavailable(_))
    ));
    // A cache written for another anchor does not count.
    std::fs::write(cache.path(), trust_list(1).sign(&key(66)).unwrap()).unwrap();
    assert!(cache.resolve(None, &anchor()).is_err());
    let other = TrustAnchor::new(key(66).verifying_key());
    assert!(cache.resolve(None, &other).is_ok());
}

#[test]
fn key_validity_covers_its_whole_signing_period() {
    let entry = trusted(&issuer());
    assert!(entry.valid_at(datetime!(2026-01-01 00:00 UTC)));
    assert!(entry.valid_at(datetime!(2027-12-31 23:59:59 UTC)));
    assert!(!entry.valid_at(datetime!(2025-12-31 23:59:59 UTC)));
    assert!(!entry.valid_at(datetime!(2028-01-01 00:00 UTC)));
}
