//! A local payment provider on loopback speaking the subset of Stripe's protocol guichet uses:
//! Checkout Sessions (create with `Idempotency-Key`, retrieve, expire), the hosted page the person
//! is sent to and back from, refunds, and signed webhooks (`Stripe-Signature: t=…,v1=HMAC-SHA256
//! over "t.body"`, computed here independently of the server's code). Tests decide how webhooks
//! travel: at once, not at all, later, twice, out of order, badly signed, too old, or for another
//! account.

use guichet::clock::Clock;
use hmac::{Hmac, Mac};
use poem::{
    Body, EndpointExt, IntoResponse, Request, Response, Route, Server, get, handler,
    http::StatusCode,
    listener::TcpAcceptor,
    post,
    web::{Data, Path},
};
use serde_json::{Value, json};
use sha2::Sha256;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

/// The keys the server is configured with.
pub const SECRET_KEY: &str = "sk_test_guichet_local";
/// The webhook endpoint's signing secret.
pub const WEBHOOK_SECRET: &str = "whsec_guichet_local";
/// The merchant account.
pub const ACCOUNT: &str = "acct_guichet_local";

/// A request the provider's API received.
#[derive(Debug, Clone)]
pub struct ApiCall {
    pub method: String,
    pub path: String,
    pub idempotency_key: Option<String>,
    pub authorized: bool,
}

#[derive(Default)]
struct State {
    sessions: HashMap<String, Value>,
    refunds: HashMap<String, Value>,
    idempotent: HashMap<String, (u16, Value)>,
    calls: Vec<ApiCall>,
    events: Vec<Value>,
    counter: u64,
    webhook_url: Option<String>,
    hold_webhooks: bool,
    refunds_pending: bool,
    clock: Option<Arc<dyn Clock>>,
}

impl State {
    fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}_test_{:06}", self.counter)
    }

    fn now(&self) -> i64 {
        match &self.clock {
            Some(c) => c.now().unix_timestamp(),
            None => time::OffsetDateTime::now_utc().unix_timestamp(),
        }
    }

    /// Records an event about `object` (a copy of it as it is now); returns it.
    fn event(&mut self, event_type: &str, object: Value) -> Value {
        let id = self.next("evt");
        let e = json!({
            "id": id, "object": "event", "api_version": "2024-06-20", "type": event_type,
            "created": self.now(), "livemode": false, "account": ACCOUNT,
            "data": {"object": object},
        });
        self.events.push(e.clone());
        e
    }
}

#[derive(Clone)]
struct Shared {
    origin: String,
    state: Arc<Mutex<State>>,
    http: reqwest::Client,
}

pub struct LocalProvider {
    pub origin: String,
    shared: Shared,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// `t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn signature(secret: &str, t: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

fn stripe_error(status: StatusCode, message: &str) -> Response {
    poem::web::Json(json!({"error": {"type": "invalid_request_error", "message": message}}))
        .with_status(status)
        .into_response()
}

fn json_answer(status: u16, v: &Value) -> Response {
    poem::web::Json(v.clone())
        .with_status(StatusCode::from_u16(status).unwrap())
        .into_response()
}

/// Logs the call; `false` when the secret key is not ours.
fn log_call(s: &Shared, req: &Request) -> bool {
    let authorized = req.header("authorization") == Some(&format!("Bearer {SECRET_KEY}"));
    s.state.lock().unwrap().calls.push(ApiCall {
        method: req.method().to_string(),
        path: req.uri().path().to_string(),
        idempotency_key: req.header("idempotency-key").map(str::to_string),
        authorized,
    });
    authorized
}

fn form(bytes: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

#[handler]
async fn create_session(req: &Request, body: Body, s: Data<&Shared>) -> Response {
    if !log_call(&s, req) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let f = form(&body.into_bytes().await.unwrap());
    let key = req.header("idempotency-key").map(str::to_string);
    let mut st = s.state.lock().unwrap();
    if let Some((status, v)) = key.as_ref().and_then(|k| st.idempotent.get(k)) {
        return json_answer(*status, v);
    }
    let unit: i64 = f
        .get("line_items[0][price_data][unit_amount]")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let quantity: i64 = f
        .get("line_items[0][quantity]")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    if f.get("mode").map(String::as_str) != Some("payment") || unit <= 0 {
        return stripe_error(
            StatusCode::BAD_REQUEST,
            "mode and a positive amount required",
        );
    }
    let id = st.next("cs");
    let session = json!({
        "id": id, "object": "checkout.session", "mode": "payment",
        "status": "open", "payment_status": "unpaid",
        "url": format!("{}/pay/{id}", s.origin),
        "amount_total": unit * quantity,
        "currency": f.get("line_items[0][price_data][currency]"),
        "client_reference_id": f.get("client_reference_id"),
        "metadata": {"payment_id": f.get("metadata[payment_id]")},
        "success_url": f.get("success_url"), "cancel_url": f.get("cancel_url"),
        "expires_at": f.get("expires_at").and_then(|v| v.parse::<i64>().ok()),
        "payment_intent": null,
        "description": f.get("line_items[0][price_data][product_data][name]"),
    });
    st.sessions.insert(id, session.clone());
    if let Some(k) = key {
        st.idempotent.insert(k, (200, session.clone()));
    }
    json_answer(200, &session)
}

#[handler]
async fn read_session(req: &Request, Path(id): Path<String>, s: Data<&Shared>) -> Response {
    if !log_call(&s, req) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    match s.state.lock().unwrap().sessions.get(&id) {
        Some(v) => json_answer(200, v),
        None => stripe_error(StatusCode::NOT_FOUND, "No such checkout.session"),
    }
}

#[handler]
async fn expire_session(req: &Request, Path(id): Path<String>, s: Data<&Shared>) -> Response {
    if !log_call(&s, req) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let mut st = s.state.lock().unwrap();
    let Some(session) = st.sessions.get_mut(&id) else {
        return stripe_error(StatusCode::NOT_FOUND, "No such checkout.session");
    };
    if session["status"] != "open" {
        return stripe_error(StatusCode::BAD_REQUEST, "Only open sessions can be expired");
    }
    session["status"] = json!("expired");
    let v = session.clone();
    st.event("checkout.session.expired", v.clone());
    json_answer(200, &v)
}

#[handler]
async fn create_refund(req: &Request, body: Body, s: Data<&Shared>) -> Response {
    if !log_call(&s, req) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let f = form(&body.into_bytes().await.unwrap());
    let key = req.header("idempotency-key").map(str::to_string);
    let (refund, event) = {
        let mut st = s.state.lock().unwrap();
        if let Some((status, v)) = key.as_ref().and_then(|k| st.idempotent.get(k)) {
            return json_answer(*status, v);
        }
        let pi = f.get("payment_intent").cloned().unwrap_or_default();
        let captured = st
            .sessions
            .values()
            .find(|s| s["payment_intent"] == pi.as_str() && s["payment_status"] == "paid")
            .cloned();
        let Some(session) = captured else {
            return stripe_error(StatusCode::BAD_REQUEST, "No such payment_intent");
        };
        let amount: i64 = f.get("amount").and_then(|v| v.parse().ok()).unwrap_or(0);
        if amount <= 0 || Some(amount) > session["amount_total"].as_i64() {
            return stripe_error(StatusCode::BAD_REQUEST, "Refund amount is invalid");
        }
        let id = st.next("re");
        let pending = st.refunds_pending;
        let refund = json!({
            "id": id, "object": "refund", "amount": amount, "currency": session["currency"],
            "payment_intent": pi, "status": if pending { "pending" } else { "succeeded" },
            "metadata": {"refund_id": f.get("metadata[refund_id]")},
        });
        st.refunds.insert(id, refund.clone());
        if let Some(k) = key {
            st.idempotent.insert(k, (200, refund.clone()));
        }
        let event = st.event("refund.created", refund.clone());
        (refund, event)
    };
    spawn_delivery(&s, event);
    json_answer(200, &refund)
}

/// The hosted page: what is paid, and a button.
#[handler]
async fn checkout_page(Path(id): Path<String>, s: Data<&Shared>) -> Response {
    let st = s.state.lock().unwrap();
    let Some(session) = st.sessions.get(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    poem::web::Html(format!(
        "<!doctype html><html><body><h1>{}</h1><p>{} {}</p>\
         <form method=\"post\"><input name=\"card\" value=\"4242424242424242\"><button>Pay</button></form></body></html>",
        session["description"].as_str().unwrap_or_default(),
        session["amount_total"],
        session["currency"].as_str().unwrap_or_default(),
    ))
    .into_response()
}

/// The person pays: the session completes, a PaymentIntent is captured, the webhook leaves
/// (unless held), and the person is sent back to the success URL.
#[handler]
async fn pay(Path(id): Path<String>, s: Data<&Shared>) -> Response {
    let (back, event) = {
        let mut st = s.state.lock().unwrap();
        let pi = st.next("pi");
        let Some(session) = st.sessions.get_mut(&id) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        if session["status"] != "open" {
            return StatusCode::GONE.into_response();
        }
        session["status"] = json!("complete");
        session["payment_status"] = json!("paid");
        session["payment_intent"] = json!(pi);
        let back = session["success_url"]
            .as_str()
            .unwrap_or_default()
            .replace("{CHECKOUT_SESSION_ID}", &id);
        let v = session.clone();
        (back, st.event("checkout.session.completed", v))
    };
    spawn_delivery(&s, event);
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header("location", back)
        .finish()
}

/// Delivers `event` signed in the background, unless webhooks are held.
fn spawn_delivery(s: &Shared, event: Value) {
    let (url, held, t) = {
        let st = s.state.lock().unwrap();
        (st.webhook_url.clone(), st.hold_webhooks, st.now())
    };
    if let (Some(url), false) = (url, held) {
        let http = s.http.clone();
        tokio::spawn(async move {
            let body = serde_json::to_vec(&event).unwrap();
            let _ = http
                .post(url)
                .header("content-type", "application/json")
                .header("stripe-signature", signature(WEBHOOK_SECRET, t, &body))
                .body(body)
                .send()
                .await;
        });
    }
}

impl LocalProvider {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let shared = Shared {
            origin: origin.clone(),
            state: Arc::default(),
            http: reqwest::Client::new(),
        };
        let app = Route::new()
            .at("/v1/checkout/sessions", post(create_session))
            .at("/v1/checkout/sessions/:id", get(read_session))
            .at("/v1/checkout/sessions/:id/expire", post(expire_session))
            .at("/v1/refunds", post(create_refund))
            .at("/pay/:id", get(checkout_page).post(pay))
            .data(shared.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let acceptor = TcpAcceptor::from_tokio(listener).unwrap();
        tokio::spawn(async move {
            let _ = Server::new_with_acceptor(acceptor)
                .run_with_graceful_shutdown(
                    app,
                    async {
                        let _ = rx.await;
                    },
                    None,
                )
                .await;
        });
        Self {
            origin,
            shared,
            _stop: tx,
        }
    }

    /// Configures `config` to talk to this provider with its keys.
    pub fn configure(&self, config: &mut guichet::config::Config) {
        use guichet::config::Secret;
        config.payments.api_base = self.origin.clone();
        config.payments.secret_key = Some(Secret::new(SECRET_KEY));
        config.payments.webhook_secret = Some(Secret::new(WEBHOOK_SECRET));
        config.payments.account = Some(ACCOUNT.to_string());
        config.payments.timeout_secs = 5;
    }

    /// Where webhooks go (the server's endpoint), and the clock their `t` is read from.
    pub fn send_webhooks_to(&self, url: &str, clock: Arc<dyn Clock>) {
        let mut st = self.shared.state.lock().unwrap();
        st.webhook_url = Some(url.to_string());
        st.clock = Some(clock);
    }

    /// Webhooks are kept (not sent) while `held`: the tests send them, or never.
    pub fn hold_webhooks(&self, held: bool) {
        self.shared.state.lock().unwrap().hold_webhooks = held;
    }

    /// Refunds answer `pending` (then a `refund.updated` the test emits) instead of `succeeded`.
    pub fn refunds_pending(&self, pending: bool) {
        self.shared.state.lock().unwrap().refunds_pending = pending;
    }

    /// Every event made so far, oldest first.
    pub fn events(&self) -> Vec<Value> {
        self.shared.state.lock().unwrap().events.clone()
    }

    /// The latest event of `event_type`.
    pub fn last_event(&self, event_type: &str) -> Value {
        self.events()
            .into_iter()
            .rev()
            .find(|e| e["type"] == event_type)
            .unwrap_or_else(|| panic!("no {event_type} event"))
    }

    /// The requests the API received.
    pub fn calls(&self) -> Vec<ApiCall> {
        self.shared.state.lock().unwrap().calls.clone()
    }

    /// Checkout sessions created.
    pub fn sessions(&self) -> usize {
        self.shared.state.lock().unwrap().sessions.len()
    }

    /// Refunds created.
    pub fn refund_count(&self) -> usize {
        self.shared.state.lock().unwrap().refunds.len()
    }

    /// Reports an asynchronous payment failure of session `id` (a debit that bounced): the
    /// session stays complete and unpaid; returns the event (not sent).
    pub fn fail_payment(&self, id: &str) -> Value {
        let mut st = self.shared.state.lock().unwrap();
        let session = st.sessions.get_mut(id).unwrap();
        session["status"] = json!("complete");
        session["payment_status"] = json!("unpaid");
        let v = session.clone();
        st.event("checkout.session.async_payment_failed", v)
    }

    /// Captures the asynchronous payment of session `id` later; returns the event (not sent).
    pub fn capture_later(&self, id: &str) -> Value {
        let mut st = self.shared.state.lock().unwrap();
        let pi = st.next("pi");
        let session = st.sessions.get_mut(id).unwrap();
        session["status"] = json!("complete");
        session["payment_status"] = json!("paid");
        session["payment_intent"] = json!(pi);
        let v = session.clone();
        st.event("checkout.session.async_payment_succeeded", v)
    }

    /// Moves refund `id` to `status` (`succeeded`, `failed`); returns the event (not sent).
    pub fn update_refund(&self, id: &str, status: &str) -> Value {
        let mut st = self.shared.state.lock().unwrap();
        let refund = st.refunds.get_mut(id).unwrap();
        refund["status"] = json!(status);
        let v = refund.clone();
        let kind = if status == "failed" {
            "refund.failed"
        } else {
            "refund.updated"
        };
        st.event(kind, v)
    }

    /// The refund ids made so far.
    pub fn refund_ids(&self) -> Vec<String> {
        self.shared
            .state
            .lock()
            .unwrap()
            .refunds
            .keys()
            .cloned()
            .collect()
    }

    /// Sends `event` to the server as Stripe does (signed now with the endpoint secret).
    pub async fn deliver(&self, event: &Value) -> (u16, Value) {
        let t = self.shared.state.lock().unwrap().now();
        let body = serde_json::to_vec(event).unwrap();
        let sig = signature(WEBHOOK_SECRET, t, &body);
        self.deliver_raw(&body, Some(&sig)).await
    }

    /// Sends `body` with `signature` as `Stripe-Signature` (none: no header).
    pub async fn deliver_raw(&self, body: &[u8], signature: Option<&str>) -> (u16, Value) {
        let url = self
            .shared
            .state
            .lock()
            .unwrap()
            .webhook_url
            .clone()
            .unwrap();
        let mut req = self
            .shared
            .http
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(s) = signature {
            req = req.header("stripe-signature", s);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The current time on the clock webhooks are signed with, unix seconds.
    pub fn now(&self) -> i64 {
        self.shared.state.lock().unwrap().now()
    }
}
