//! The signed revocation list served beside the trust list: every revoked sealed document with
//! its reason code and revocation time, signed by the trust anchor (format:
//! [`guichet_verifier::revocation`]).
//!
//! It is made from the database on each request, so a revocation is in the very next list.
//! Its sequence number is the number of revocations (they are never undone, so it never goes
//! down) and it is dated at the start of the current hour, or at the last revocation if that is
//! later: every instance serves the same bytes (Ed25519 is deterministic) until the next
//! revocation or the next hour, and a verifier that fetched it sees its age from that date.

use crate::service::{Context, issuer_keys};
use crate::{domain::Error, store};
use guichet_verifier::revocation::{RevocationList, RevocationReason, RevokedDocument};
use guichet_verifier::seal::DocumentId;
use time::{Duration, OffsetDateTime};

/// How often the list is re-dated without a revocation: its age as a verifier sees it stays
/// below this plus the verifier's cache time.
pub const REDATE_EVERY: Duration = Duration::hours(1);

/// The start of `period` (whole seconds since the epoch) containing `at`.
fn period_start(at: OffsetDateTime, period: Duration) -> OffsetDateTime {
    let secs = period.whole_seconds().max(1);
    let t = at.unix_timestamp();
    OffsetDateTime::from_unix_timestamp(t - t.rem_euclid(secs)).unwrap_or(at)
}

/// The list's content at `now` from the stored revocations (oldest first). Pure.
pub fn content(
    revoked: &[store::communications::RevokedDocument],
    now: OffsetDateTime,
) -> Result<RevocationList, Error> {
    let last = revoked.iter().map(|r| r.revoked_at).max();
    let issued_at =
        period_start(now, REDATE_EVERY).max(last.map_or(OffsetDateTime::UNIX_EPOCH, |l| {
            period_start(l, Duration::SECOND)
        }));
    let sequence = u64::try_from(revoked.len()).map_err(Error::internal)?;
    revoked
        .iter()
        .try_fold(RevocationList::new(sequence, issued_at), |list, r| {
            let document_id = DocumentId::parse(&r.number)
                .ok_or_else(|| Error::internal("a stored document number is not hex"))?;
            let reason = r
                .code
                .as_deref()
                .and_then(RevocationReason::from_slug)
                .unwrap_or(RevocationReason::Unspecified);
            Ok(list.with(RevokedDocument {
                document_id,
                reason,
                revoked_at: period_start(r.revoked_at, Duration::SECOND),
            }))
        })
}

/// The signed list to serve at [`guichet_verifier::revocation::WELL_KNOWN_PATH`].
pub async fn signed(ctx: &Context) -> Result<Vec<u8>, Error> {
    let revoked = store::communications::revoked_documents(&ctx.db).await?;
    let list = content(&revoked, ctx.now())?;
    issuer_keys::sign_revocation_list(ctx, &list).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DocumentNumber;
    use time::macros::datetime;

    fn revoked(
        number: &str,
        code: Option<&str>,
        at: OffsetDateTime,
    ) -> store::communications::RevokedDocument {
        store::communications::RevokedDocument {
            number: DocumentNumber::parse(number).unwrap(),
            code: code.map(str::to_string),
            revoked_at: at,
        }
    }

    #[test]
    fn the_list_counts_revocations_and_is_dated_at_the_hour_or_the_last_revocation() {
        let now = datetime!(2026-12-01 10:47:12.5 UTC);
        let empty = content(&[], now).unwrap();
        assert_eq!(
            (empty.sequence, empty.issued_at),
            (0, datetime!(2026-12-01 10:00 UTC))
        );
        let rows = [
            revoked(
                "0A0B0C0D",
                Some("obtained-by-fraud"),
                datetime!(2026-11-30 08:00 UTC),
            ),
            revoked("4F1C09A2", None, datetime!(2026-12-01 10:30:05.25 UTC)),
        ];
        let list = content(&rows, now).unwrap();
        assert_eq!(list.sequence, 2);
        assert_eq!(list.issued_at, datetime!(2026-12-01 10:30:05 UTC));
        assert_eq!(list.revoked[0].reason, RevocationReason::ObtainedByFraud);
        assert_eq!(list.revoked[1].reason, RevocationReason::Unspecified);
        assert_eq!(list.revoked[1].document_id.to_string(), "4F1C09A2");
        // An hour later without a revocation: same sequence, a newer date, so it supersedes.
        let later = content(&rows, now + Duration::hours(1)).unwrap();
        assert_eq!(later.issued_at, datetime!(2026-12-01 11:00 UTC));
        assert!(later.supersedes(&list) && !list.supersedes(&later));
    }
}
