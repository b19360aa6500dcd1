//! Stripe Checkout: sessions (`POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/{id}`,
//! `POST /v1/checkout/sessions/{id}/expire`), refunds (`POST /v1/refunds`) and signed webhooks
//! (`checkout.session.*`, `refund.*`, `charge.refund.updated`), as documented in Stripe's API
//! reference (API version [`API_VERSION`]). Requests are form-encoded with the secret key as a
//! bearer token; creations carry `Idempotency-Key`.

pub mod signature;

use super::{
    Checkout, CheckoutRequest, Notification, PaymentProvider, ProviderError, RefundReport,
    RefundRequest, Report, WebhookError,
};
use crate::config::{PaymentsConfig, Secret};
use crate::domain::payments::{Observed, RefundState};
use serde_json::Value;
use std::time::Duration as StdDuration;
use time::{Duration, OffsetDateTime};

/// The Stripe API version the requests are written for (`Stripe-Version`).
pub const API_VERSION: &str = "2024-06-20";

/// Stripe, reached at a configured base URL with the merchant's keys.
pub struct Stripe {
    http: reqwest::Client,
    base: String,
    secret_key: Secret,
    webhook_secret: Secret,
    account: Option<String>,
    tolerance: Duration,
}

impl Stripe {
    /// A client for `config` (`api_base`, `secret_key`, `webhook_secret`, `account`,
    /// `tolerance_secs`, `timeout_secs`); `None` when the keys are not configured.
    ///
    /// # Errors
    /// When the HTTP client cannot be built.
    pub fn new(config: &PaymentsConfig) -> Result<Option<Self>, reqwest::Error> {
        let (Some(secret_key), Some(webhook_secret)) =
            (config.secret_key.clone(), config.webhook_secret.clone())
        else {
            return Ok(None);
        };
        let http = reqwest::Client::builder()
            .timeout(StdDuration::from_secs(config.timeout_secs.max(1)))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Some(Self {
            http,
            base: config.api_base.trim_end_matches('/').to_string(),
            secret_key,
            webhook_secret,
            account: config.account.clone().filter(|a| !a.is_empty()),
            tolerance: Duration::seconds(i64::from(config.tolerance_secs)),
        }))
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        form: Option<String>,
        idempotency_key: Option<&str>,
    ) -> Result<Value, ProviderError> {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.secret_key.expose())
            .header("Stripe-Version", API_VERSION);
        if let Some(key) = idempotency_key {
            req = req.header("Idempotency-Key", key);
        }
        if let Some(body) = form {
            req = req
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| ProviderError::Unavailable(e.without_url().to_string()))?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ProviderError::Unavailable(e.without_url().to_string()))?;
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(ProviderError::Unavailable(format!("{path}: {status}")));
        }
        let json: Value = serde_json::from_slice(&bytes)
            .map_err(|e| ProviderError::Refused(format!("{path}: {status}: not JSON: {e}")))?;
        if !status.is_success() {
            let message = json["error"]["message"].as_str().unwrap_or("no message");
            return Err(ProviderError::Refused(format!(
                "{path}: {status}: {message}"
            )));
        }
        Ok(json)
    }
}

/// What a path segment escapes: everything but the letters, digits, `_` and `-` Stripe ids use.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'_').remove(b'-');

/// A path segment from a provider id: the characters Stripe ids use are kept as they are, any
/// other is escaped (an id never reaches another path).
fn segment(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, SEGMENT).to_string()
}

/// Reads a Checkout Session object.
fn checkout_of(session: &Value) -> Option<Checkout> {
    let status = match (
        session["status"].as_str()?,
        session["payment_status"].as_str(),
    ) {
        ("complete", Some("paid" | "no_payment_required")) => Observed::Paid,
        ("open" | "complete", _) => Observed::Open,
        ("expired", _) => Observed::Expired,
        _ => return None,
    };
    Some(Checkout {
        session_id: session["id"].as_str()?.to_string(),
        url: session["url"].as_str().map(str::to_string),
        status,
        payment_reference: reference(&session["payment_intent"]),
        amount_cents: session["amount_total"].as_i64(),
        currency: session["currency"].as_str().map(str::to_uppercase),
        payment_id: session["metadata"]["payment_id"]
            .as_str()
            .or(session["client_reference_id"].as_str())
            .map(str::to_string),
    })
}

/// An id, or the id of an expanded object.
fn reference(v: &Value) -> Option<String> {
    v.as_str().or(v["id"].as_str()).map(str::to_string)
}

/// Reads a Refund object.
fn refund_of(refund: &Value) -> Option<RefundReport> {
    let status = match refund["status"].as_str()? {
        "pending" | "requires_action" => RefundState::Requested,
        "succeeded" => RefundState::Succeeded,
        "failed" | "canceled" => RefundState::Failed,
        _ => return None,
    };
    Some(RefundReport {
        refund_reference: refund["id"].as_str()?.to_string(),
        status,
        refund_id: refund["metadata"]["refund_id"].as_str().map(str::to_string),
    })
}

/// What an event reports, by its type.
fn report_of(event_type: &str, object: &Value) -> Option<Report> {
    Some(match event_type {
        "checkout.session.completed" => Report::Checkout(checkout_of(object)?),
        "checkout.session.async_payment_succeeded" => Report::Checkout(Checkout {
            status: Observed::Paid,
            ..checkout_of(object)?
        }),
        "checkout.session.async_payment_failed" => Report::Checkout(Checkout {
            status: Observed::Failed,
            ..checkout_of(object)?
        }),
        "checkout.session.expired" => Report::Checkout(Checkout {
            status: Observed::Expired,
            ..checkout_of(object)?
        }),
        "refund.created" | "refund.updated" | "refund.failed" | "charge.refund.updated" => {
            Report::Refund(refund_of(object)?)
        }
        _ => Report::Other,
    })
}

#[async_trait::async_trait]
impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    async fn create_checkout(&self, r: &CheckoutRequest<'_>) -> Result<Checkout, ProviderError> {
        let amount = r.amount_cents.to_string();
        let expires = r.expires_at.unix_timestamp().to_string();
        let currency = r.currency.to_lowercase();
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("mode", "payment")
            .append_pair("client_reference_id", r.payment_id)
            .append_pair("metadata[payment_id]", r.payment_id)
            .append_pair("payment_intent_data[metadata][payment_id]", r.payment_id)
            .append_pair("line_items[0][quantity]", "1")
            .append_pair("line_items[0][price_data][currency]", &currency)
            .append_pair("line_items[0][price_data][unit_amount]", &amount)
            .append_pair(
                "line_items[0][price_data][product_data][name]",
                r.description,
            )
            .append_pair("success_url", r.success_url)
            .append_pair("cancel_url", r.cancel_url)
            .append_pair("expires_at", &expires)
            .finish();
        let json = self
            .call(
                reqwest::Method::POST,
                "/v1/checkout/sessions",
                Some(form),
                Some(r.idempotency_key),
            )
            .await?;
        checkout_of(&json).ok_or_else(|| ProviderError::Refused("not a checkout session".into()))
    }

    async fn checkout(&self, session_id: &str) -> Result<Checkout, ProviderError> {
        let path = format!("/v1/checkout/sessions/{}", segment(session_id));
        let json = self.call(reqwest::Method::GET, &path, None, None).await?;
        checkout_of(&json).ok_or_else(|| ProviderError::Refused("not a checkout session".into()))
    }

    async fn expire_checkout(&self, session_id: &str) -> Result<Checkout, ProviderError> {
        let path = format!("/v1/checkout/sessions/{}/expire", segment(session_id));
        let json = self
            .call(reqwest::Method::POST, &path, Some(String::new()), None)
            .await?;
        checkout_of(&json).ok_or_else(|| ProviderError::Refused("not a checkout session".into()))
    }

    async fn refund(&self, r: &RefundRequest<'_>) -> Result<RefundReport, ProviderError> {
        let amount = r.amount_cents.to_string();
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("payment_intent", r.payment_reference)
            .append_pair("amount", &amount)
            .append_pair("metadata[refund_id]", r.refund_id)
            .finish();
        let json = self
            .call(
                reqwest::Method::POST,
                "/v1/refunds",
                Some(form),
                Some(r.idempotency_key),
            )
            .await?;
        refund_of(&json).ok_or_else(|| ProviderError::Refused("not a refund".into()))
    }

    fn verify_webhook(
        &self,
        header: Option<&str>,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<Notification, WebhookError> {
        signature::verify(
            header,
            body,
            self.webhook_secret.expose(),
            now,
            self.tolerance,
        )?;
        let event: Value = serde_json::from_slice(body).map_err(|_| WebhookError::Malformed)?;
        if event["object"] != "event" {
            return Err(WebhookError::Malformed);
        }
        if let (Some(ours), Some(theirs)) = (&self.account, event["account"].as_str()) {
            if ours != theirs {
                return Err(WebhookError::Account);
            }
        }
        let event_id = event["id"].as_str().ok_or(WebhookError::Malformed)?;
        let event_type = event["type"].as_str().ok_or(WebhookError::Malformed)?;
        let report =
            report_of(event_type, &event["data"]["object"]).ok_or(WebhookError::Malformed)?;
        Ok(Notification {
            event_id: event_id.to_string(),
            event_type: event_type.to_string(),
            report,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn session(status: &str, payment_status: &str) -> Value {
        json!({
            "id": "cs_test_1", "object": "checkout.session", "status": status,
            "payment_status": payment_status, "url": "https://checkout.example/pay/cs_test_1",
            "payment_intent": null, "amount_total": 1500, "currency": "eur",
            "client_reference_id": "p1", "metadata": {"payment_id": "p1"}
        })
    }

    #[test]
    fn a_session_reads_as_open_paid_or_expired() {
        assert_eq!(
            checkout_of(&session("open", "unpaid")).unwrap().status,
            Observed::Open
        );
        let paid = checkout_of(&session("complete", "paid")).unwrap();
        assert_eq!(paid.status, Observed::Paid);
        assert_eq!(paid.currency.as_deref(), Some("EUR"));
        assert_eq!(paid.payment_id.as_deref(), Some("p1"));
        // An asynchronous method: complete, but the money is not there yet.
        assert_eq!(
            checkout_of(&session("complete", "unpaid")).unwrap().status,
            Observed::Open
        );
        assert_eq!(
            checkout_of(&session("expired", "unpaid")).unwrap().status,
            Observed::Expired
        );
    }

    #[test]
    fn ids_stay_one_path_segment() {
        assert_eq!(segment("cs_test_a1-B2"), "cs_test_a1-B2");
        assert_eq!(segment("../v1/refunds?x"), "%2E%2E%2Fv1%2Frefunds%3Fx");
    }

    #[test]
    fn event_types_say_what_happened_to_the_session_or_the_refund() {
        let s = session("complete", "unpaid");
        let failed = report_of("checkout.session.async_payment_failed", &s).unwrap();
        assert!(matches!(failed, Report::Checkout(c) if c.status == Observed::Failed));
        let refund = json!({"id": "re_1", "object": "refund", "status": "failed",
            "metadata": {"refund_id": "r1"}});
        let r = report_of("refund.failed", &refund).unwrap();
        assert!(matches!(r, Report::Refund(r) if r.status == RefundState::Failed));
        assert_eq!(
            report_of("customer.created", &json!({})),
            Some(Report::Other)
        );
    }
}
