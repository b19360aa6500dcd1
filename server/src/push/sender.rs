//! Sending one encrypted push (RFC 8291 aes128gcm, RFC 8292 VAPID) and reading the push service's answer.

use super::{
    resolver::{CheckedResolver, Lookup, forbidden_in, system_lookup},
    vapid::VapidKey,
};
use crate::domain::{
    Invalid,
    push::{EndpointPolicy, Urgency},
};
use std::{
    collections::HashMap,
    future::Future,
    net::IpAddr,
    pin::Pin,
    sync::{Arc, Mutex},
    time::Duration,
};
use time::OffsetDateTime;
use web_push::{
    ContentEncoding, SubscriptionInfo, VapidSignature, VapidSignatureBuilder,
    WebPushMessageBuilder, request_builder::build_request,
};

/// How long a VAPID token says it is valid (`exp`, at most 24 h by RFC 8292 section 2).
const VAPID_LIFETIME: time::Duration = time::Duration::hours(12);

/// A cached token is signed again when less than this is left of its lifetime, so a push
/// service never sees one about to expire.
const VAPID_RENEW_BEFORE: time::Duration = time::Duration::hours(1);

/// Push service origins whose tokens are kept at most (a handful in practice: one per browser
/// vendor); past it the cache starts again empty.
const VAPID_ORIGINS: usize = 1024;

/// A signed VAPID token for one push service origin, reused until `renew_at`.
struct CachedToken {
    signature: VapidSignature,
    renew_at: OffsetDateTime,
}

/// One push to one device.
pub struct PushRequest<'a> {
    /// The device's push service URL.
    pub endpoint: &'a str,
    /// The device's public key (base64url).
    pub p256dh: &'a str,
    /// The device's auth secret (base64url).
    pub auth: &'a str,
    /// The plaintext to encrypt.
    pub payload: &'a [u8],
    /// RFC 8030 `TTL`, seconds.
    pub ttl_secs: u32,
    /// RFC 8030 `Urgency`.
    pub urgency: Urgency,
    /// RFC 8030 `Topic`.
    pub topic: &'a str,
}

/// What the push service said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// 2xx: accepted for delivery.
    Accepted {
        /// The status code (201 normally).
        status: u16,
    },
    /// 404 or 410: the subscription is gone and must be removed.
    Gone {
        /// The status code.
        status: u16,
    },
    /// 429, 5xx or a network failure: try again later.
    Retry {
        /// The status code, when there was an answer.
        status: Option<u16>,
        /// The service's `Retry-After`, when given.
        retry_after: Option<Duration>,
        /// What happened.
        reason: String,
    },
    /// Any other answer, or a push that cannot be built: retrying would not help.
    Rejected {
        /// The status code, when there was an answer.
        status: Option<u16>,
        /// What happened.
        reason: String,
    },
}

/// Somewhere a push can be handed to.
pub trait PushSender: Send + Sync + 'static {
    /// Encrypts, signs and posts `push`, then classifies the answer.
    fn send<'a>(
        &'a self,
        push: &'a PushRequest<'a>,
        now: OffsetDateTime,
    ) -> Pin<Box<dyn Future<Output = PushOutcome> + Send + 'a>>;
}

/// The real sender: `web-push` builds the encrypted body and VAPID header, reqwest posts it.
///
/// Every request is checked against the [`EndpointPolicy`] before it leaves: the URL as reqwest
/// will use it, then, through [`CheckedResolver`], each address its host name resolves to; the
/// connection goes only to an address that passed. No redirects, no proxy from the environment.
///
/// The VAPID token (an ES256 JWT naming the push service's origin) is signed once per origin
/// and reused for most of its lifetime ([`VAPID_LIFETIME`] less [`VAPID_RENEW_BEFORE`]), as
/// RFC 8292 section 2 allows, instead of once per push; each push is still encrypted for its
/// device. Connections to a push service are kept open and reused by the HTTP client's pool.
pub struct WebPushSender {
    key: VapidKey,
    subject: String,
    policy: Arc<EndpointPolicy>,
    http: reqwest::Client,
    tokens: Mutex<HashMap<String, CachedToken>>,
}

/// Why the HTTP client could not be built.
#[derive(Debug, thiserror::Error)]
#[error("push HTTP client: {0}")]
pub struct ClientError(#[from] reqwest::Error);

impl WebPushSender {
    /// A sender signing with `key` and naming `subject` (`mailto:`) in its VAPID tokens, sending
    /// only where `policy` allows, each request at most `timeout` long.
    pub fn new(
        key: VapidKey,
        subject: &str,
        timeout: Duration,
        policy: EndpointPolicy,
    ) -> Result<Self, ClientError> {
        Self::with_lookup(key, subject, timeout, policy, system_lookup())
    }

    /// As [`WebPushSender::new`], resolving host names with `lookup` (tests give a fixed table).
    pub fn with_lookup(
        key: VapidKey,
        subject: &str,
        timeout: Duration,
        policy: EndpointPolicy,
        lookup: Lookup,
    ) -> Result<Self, ClientError> {
        let policy = Arc::new(policy);
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(CheckedResolver::new(policy.clone(), lookup)))
            .build()?;
        Ok(Self {
            key,
            subject: subject.to_string(),
            policy,
            http,
            tokens: Mutex::new(HashMap::new()),
        })
    }

    /// Checks the URL the request will go to: the endpoint rules, and an IP-literal host
    /// (which reqwest connects to without asking the resolver) against the policy.
    fn check_url(&self, url: &reqwest::Url) -> Result<(), String> {
        let refused = |why: &str| Err(format!("push endpoint refused: {why}"));
        match self.policy.check(url.as_str()) {
            Ok(_) => {}
            Err(Invalid::PushEndpointAddress) => return refused("not a public address"),
            Err(Invalid::PushEndpointHost) => return refused("not an allowed push service"),
            Err(_) => return refused("not an https URL"),
        }
        let literal = match url.host() {
            Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
            Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
            _ => None,
        };
        match literal {
            Some(ip) if !self.policy.allows_address(ip) => refused("not a public address"),
            _ => Ok(()),
        }
    }

    /// The origin of `endpoint` (scheme, host and any port): the VAPID `aud` (RFC 8292 section 2).
    fn origin(endpoint: &str) -> Option<String> {
        let (scheme, rest) = endpoint.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        Some(format!("{scheme}://{authority}"))
    }

    /// The VAPID token for the origin of `info`'s endpoint: the cached one while it has more
    /// than [`VAPID_RENEW_BEFORE`] left, else a freshly signed one (then cached).
    fn vapid_token(
        &self,
        info: &SubscriptionInfo,
        now: OffsetDateTime,
    ) -> Result<VapidSignature, String> {
        let origin = Self::origin(&info.endpoint).ok_or("endpoint has no origin")?;
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cached) = tokens.get(&origin).filter(|c| now < c.renew_at) {
            return Ok(cached.signature.clone());
        }
        let mut vapid = VapidSignatureBuilder::from_base64(self.key.private_base64(), info)
            .map_err(|e| format!("VAPID key: {e}"))?;
        vapid.add_claim("aud", origin.as_str());
        vapid.add_claim("sub", self.subject.as_str());
        vapid.add_claim("exp", (now + VAPID_LIFETIME).unix_timestamp());
        let signature = vapid.build().map_err(|e| format!("VAPID token: {e}"))?;
        if tokens.len() >= VAPID_ORIGINS {
            tokens.retain(|_, c| now < c.renew_at);
            if tokens.len() >= VAPID_ORIGINS {
                tokens.clear();
            }
        }
        let renew_at = now + VAPID_LIFETIME - VAPID_RENEW_BEFORE;
        tokens.insert(
            origin,
            CachedToken {
                signature: signature.clone(),
                renew_at,
            },
        );
        Ok(signature)
    }

    fn build(
        &self,
        push: &PushRequest<'_>,
        now: OffsetDateTime,
    ) -> Result<reqwest::Request, String> {
        let info = SubscriptionInfo::new(push.endpoint, push.p256dh, push.auth);
        let vapid = self.vapid_token(&info, now)?;
        let mut message = WebPushMessageBuilder::new(&info);
        message.set_payload(ContentEncoding::Aes128Gcm, push.payload);
        message.set_ttl(push.ttl_secs);
        message.set_urgency(match push.urgency {
            Urgency::Normal => web_push::Urgency::Normal,
            Urgency::High => web_push::Urgency::High,
        });
        message.set_topic(push.topic.to_string());
        message.set_vapid_signature(vapid);
        let message = message.build().map_err(|e| format!("encryption: {e}"))?;
        let built = build_request::<Vec<u8>>(message);
        let mut request = self
            .http
            .post(built.uri().to_string())
            .body(built.body().clone());
        for (name, value) in built.headers() {
            request = request.header(name.as_str(), value.as_bytes());
        }
        request.build().map_err(|e| format!("request: {e}"))
    }
}

/// Reads `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap, now: OffsetDateTime) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at =
        OffsetDateTime::parse(value.trim(), &time::format_description::well_known::Rfc2822).ok()?;
    Some(Duration::from_secs((at - now).whole_seconds().max(0) as u64))
}

/// Sorts a push service's status code into what to do next.
pub fn classify(status: u16, retry: Option<Duration>, body: &str) -> PushOutcome {
    let reason = format!(
        "push service answered {status}: {}",
        body.chars().take(200).collect::<String>()
    );
    match status {
        200..=299 => PushOutcome::Accepted { status },
        404 | 410 => PushOutcome::Gone { status },
        429 | 500..=599 => PushOutcome::Retry {
            status: Some(status),
            retry_after: retry,
            reason,
        },
        _ => PushOutcome::Rejected {
            status: Some(status),
            reason,
        },
    }
}

impl PushSender for WebPushSender {
    fn send<'a>(
        &'a self,
        push: &'a PushRequest<'a>,
        now: OffsetDateTime,
    ) -> Pin<Box<dyn Future<Output = PushOutcome> + Send + 'a>> {
        Box::pin(async move {
            let request = match self
                .build(push, now)
                .and_then(|r| self.check_url(r.url()).map(|()| r))
            {
                Ok(r) => r,
                Err(reason) => {
                    return PushOutcome::Rejected {
                        status: None,
                        reason,
                    };
                }
            };
            match self.http.execute(request).await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let retry = retry_after(resp.headers(), now);
                    let body = resp.text().await.unwrap_or_default();
                    classify(status, retry, &body)
                }
                Err(e) => match forbidden_in(&e) {
                    Some(forbidden) => PushOutcome::Rejected {
                        status: None,
                        reason: forbidden.to_string(),
                    },
                    None => PushOutcome::Retry {
                        status: None,
                        retry_after: None,
                        reason: format!("push service unreachable: {e}"),
                    },
                },
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gone_is_removed_busy_is_retried_and_the_rest_fails() {
        assert_eq!(
            classify(201, None, ""),
            PushOutcome::Accepted { status: 201 }
        );
        assert_eq!(classify(410, None, ""), PushOutcome::Gone { status: 410 });
        assert_eq!(classify(404, None, ""), PushOutcome::Gone { status: 404 });
        assert!(matches!(classify(429, None, ""), PushOutcome::Retry { .. }));
        assert!(matches!(classify(503, None, ""), PushOutcome::Retry { .. }));
        assert!(matches!(
            classify(413, None, ""),
            PushOutcome::Rejected { .. }
        ));
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_as_an_http_date() {
        let now = time::macros::datetime!(2015-10-21 07:28:00 UTC);
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("retry-after", "120".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(120)));
        headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:30:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(120)));
        headers.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn vapid_audience_keeps_the_port() {
        assert_eq!(
            WebPushSender::origin("http://127.0.0.1:4000/push/a?b").as_deref(),
            Some("http://127.0.0.1:4000")
        );
        assert_eq!(
            WebPushSender::origin("https://fcm.googleapis.com/fcm/send/x").as_deref(),
            Some("https://fcm.googleapis.com")
        );
    }

    /// The `Authorization` header of the push `sender` would post to `endpoint` at `now`.
    fn authorization(sender: &WebPushSender, endpoint: &str, now: OffsetDateTime) -> String {
        let (endpoint, p256dh, auth) = push_to(endpoint);
        let push = PushRequest {
            endpoint: &endpoint,
            p256dh: &p256dh,
            auth: &auth,
            payload: b"{}",
            ttl_secs: 60,
            urgency: Urgency::Normal,
            topic: "t",
        };
        let request = sender.build(&push, now).unwrap();
        let value = request.headers()["authorization"].to_str().unwrap();
        value.to_string()
    }

    #[test]
    fn a_vapid_token_is_signed_once_per_origin_and_again_before_it_expires() {
        let sender = rebound_sender(true);
        let t0 = time::macros::datetime!(2026-12-01 10:00 UTC);
        let first = authorization(&sender, "https://push.example.net/a", t0);

        let same_origin = authorization(
            &sender,
            "https://push.example.net/b",
            t0 + time::Duration::hours(10),
        );
        let other_origin = authorization(&sender, "https://fcm.googleapis.com/fcm/send/x", t0);
        let near_expiry = authorization(
            &sender,
            "https://push.example.net/a",
            t0 + time::Duration::hours(11),
        );

        assert_eq!(
            same_origin, first,
            "reused within its lifetime for the same origin"
        );
        assert_ne!(other_origin, first, "each origin has its own audience");
        assert_ne!(near_expiry, first, "signed again an hour before it expires");
        let fresh = authorization(
            &sender,
            "https://push.example.net/c",
            t0 + time::Duration::hours(11),
        );
        assert_eq!(fresh, near_expiry, "the renewed token is reused in turn");
    }

    /// A sender whose lookup makes `push.example.net` resolve to 127.0.0.1.
    fn rebound_sender(allow_loopback_http: bool) -> WebPushSender {
        let lookup = super::super::resolver::fixed_lookup(&[(
            "push.example.net",
            &["127.0.0.1".parse().unwrap()],
        )]);
        let policy = EndpointPolicy {
            allow_loopback_http,
            allowed_hosts: Vec::new(),
        };
        WebPushSender::with_lookup(
            VapidKey::generate("v1"),
            "mailto:ops@guichet.example",
            Duration::from_secs(3),
            policy,
            lookup,
        )
        .unwrap()
    }

    fn push_to(endpoint: &str) -> (String, String, String) {
        use base64::Engine;
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let g = p256::PublicKey::from_affine(p256::AffinePoint::GENERATOR).unwrap();
        (
            endpoint.to_string(),
            b64.encode(g.to_encoded_point(false).as_bytes()),
            b64.encode([9u8; 16]),
        )
    }

    async fn send(sender: &WebPushSender, endpoint: &str) -> PushOutcome {
        let (endpoint, p256dh, auth) = push_to(endpoint);
        let push = PushRequest {
            endpoint: &endpoint,
            p256dh: &p256dh,
            auth: &auth,
            payload: b"{}",
            ttl_secs: 60,
            urgency: Urgency::Normal,
            topic: "t",
        };
        sender.send(&push, OffsetDateTime::now_utc()).await
    }

    /// Whether something connects to `listener` within `wait`; the connection is closed at once.
    async fn connected(listener: &tokio::net::TcpListener, wait: Duration) -> bool {
        tokio::time::timeout(wait, listener.accept()).await.is_ok()
    }

    #[tokio::test]
    async fn a_host_name_resolving_to_loopback_is_never_connected_to_and_fails_for_good() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let endpoint = format!("https://push.example.net:{port}/push/a");

        let outcome = send(&rebound_sender(false), &endpoint).await;

        match outcome {
            PushOutcome::Rejected {
                status: None,
                reason,
            } => assert_eq!(
                reason,
                "push endpoint refused: push.example.net resolves to no public address (127.0.0.1)"
            ),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(!connected(&listener, Duration::from_millis(300)).await);
        // The same push with loopback allowed does reach the listener: the test can fail.
        let allowing = rebound_sender(true);
        let (outcome, reached) = tokio::join!(
            send(&allowing, &endpoint),
            connected(&listener, Duration::from_secs(3))
        );
        assert!(reached);
        assert!(matches!(outcome, PushOutcome::Retry { .. }), "{outcome:?}");
    }

    #[tokio::test]
    async fn ip_literal_endpoints_are_checked_before_any_connection() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        for endpoint in [
            format!("https://127.0.0.1:{port}/push/a"),
            format!("http://127.0.0.1:{port}/push/a"),
            format!("https://2130706433:{port}/push/a"),
            format!("https://[::ffff:127.0.0.1]:{port}/push/a"),
        ] {
            let outcome = send(&rebound_sender(false), &endpoint).await;
            assert!(
                matches!(&outcome, PushOutcome::Rejected { status: None, reason }
                    if reason == "push endpoint refused: not a public address"),
                "{endpoint}: {outcome:?}"
            );
        }
        let outcome = send(&rebound_sender(true), "https://10.0.0.5:9200/push/a").await;
        assert!(
            matches!(&outcome, PushOutcome::Rejected { status: None, reason }
                if reason == "push endpoint refused: not a public address"),
            "{outcome:?}"
        );
        assert!(!connected(&listener, Duration::from_millis(300)).await);
    }
}
