//! Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` where
//! each `v1` is HMAC-SHA256 keyed with the endpoint secret over `<t>.<raw body>` (Stripe,
//! "Verify webhook signatures manually"). A signature verifies when any `v1` matches (Stripe
//! sends several while a secret is rolled); other schemes (`v0`) are ignored.

use super::super::WebhookError;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

type HmacSha256 = Hmac<Sha256>;

/// The header value for `body` signed with `secret` at `t` (what Stripe sends; tests and the
/// local provider use it).
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    let v1 = hmac_for(secret, t, body)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("t={t},v1={v1}")
}

/// HMAC-SHA256 keyed with `secret`, fed `<t>.<body>`.
fn hmac_for(secret: &str, t: i64, body: &[u8]) -> Result<HmacSha256, WebhookError> {
    let mut m =
        HmacSha256::new_from_slice(secret.as_bytes()).map_err(|_| WebhookError::Signature)?;
    m.update(t.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    Ok(m)
}

/// Checks `header` over `body` with `secret`: a `v1` that verifies (compared in constant time),
/// then a timestamp within `tolerance` of `now`, either side.
///
/// # Errors
/// [`WebhookError::Signature`] without a header, a readable `t` or a matching `v1`;
/// [`WebhookError::Stale`] when it verifies but is older (or newer) than the tolerance.
pub fn verify(
    header: Option<&str>,
    body: &[u8],
    secret: &str,
    now: OffsetDateTime,
    tolerance: Duration,
) -> Result<(), WebhookError> {
    let header = header.ok_or(WebhookError::Signature)?;
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.trim().parse::<i64>().ok(),
            Some(("v1", v)) => {
                if let Ok(bytes) = hex::decode(v.trim()) {
                    signatures.push(bytes);
                }
            }
            _ => {}
        }
    }
    let t = t.ok_or(WebhookError::Signature)?;
    let mut verified = false;
    for s in &signatures {
        verified |= hmac_for(secret, t, body)?.verify_slice(s).is_ok();
    }
    if !verified {
        return Err(WebhookError::Signature);
    }
    let age = now.unix_timestamp() - t;
    if age.abs() > tolerance.whole_seconds() {
        return Err(WebhookError::Stale);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";

    fn at(t: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(t).unwrap()
    }

    #[test]
    fn a_signature_made_like_stripe_verifies_within_the_tolerance() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign(SECRET, 1_700_000_000, body);
        let tolerance = Duration::minutes(5);
        assert_eq!(
            verify(Some(&header), body, SECRET, at(1_700_000_100), tolerance),
            Ok(())
        );
        assert_eq!(
            verify(Some(&header), body, SECRET, at(1_700_000_301), tolerance),
            Err(WebhookError::Stale)
        );
        assert_eq!(
            verify(Some(&header), body, SECRET, at(1_699_999_600), tolerance),
            Err(WebhookError::Stale)
        );
    }

    #[test]
    fn a_known_vector_of_hmac_sha256_over_t_dot_body() {
        // python3 -c "import hmac,hashlib;print(hmac.new(b'whsec_test_secret', b'1700000000.{}', hashlib.sha256).hexdigest())"
        assert_eq!(
            sign(SECRET, 1_700_000_000, b"{}"),
            "t=1700000000,v1=ceb8863f7208fa249a6cd8f951e993c7563412aca65866f6272283debe143ab3"
        );
    }

    #[test]
    fn another_body_secret_or_a_missing_header_does_not_verify() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign(SECRET, 1_700_000_000, body);
        let now = at(1_700_000_000);
        let tol = Duration::minutes(5);
        let refused = Err(WebhookError::Signature);
        assert_eq!(verify(Some(&header), b"{}", SECRET, now, tol), refused);
        assert_eq!(
            verify(Some(&header), body, "whsec_other", now, tol),
            refused
        );
        assert_eq!(verify(None, body, SECRET, now, tol), refused);
        assert_eq!(verify(Some("v1=00"), body, SECRET, now, tol), refused);
        let moved = header.replace("t=1700000000", "t=1700000001");
        assert_eq!(verify(Some(&moved), body, SECRET, now, tol), refused);
    }

    #[test]
    fn any_of_several_v1_signatures_may_verify_and_v0_is_ignored() {
        let body = b"{}";
        let good = sign(SECRET, 1_700_000_000, body);
        let v1 = good.split_once(",v1=").unwrap().1;
        let header = format!("t=1700000000,v0={v1},v1=deadbeef,v1={v1}");
        let now = at(1_700_000_000);
        assert_eq!(
            verify(Some(&header), body, SECRET, now, Duration::minutes(5)),
            Ok(())
        );
        let only_v0 = format!("t=1700000000,v0={v1}");
        assert_eq!(
            verify(Some(&only_v0), body, SECRET, now, Duration::minutes(5)),
            Err(WebhookError::Signature)
        );
    }
}
