//! What the payment provider reaches outside the API: its webhooks (raw body and
//! `Stripe-Signature`, verified before anything is read) and the page it sends the person back to.

use crate::api::request::Lang;
use crate::catalog;
use crate::service::{
    Context,
    payments::reports::{self, Received},
};
use poem::{
    Body, IntoResponse, Request, Response, handler,
    http::StatusCode,
    web::{Data, Html, Query},
};
use serde::Deserialize;

/// `POST /payments/webhooks/stripe`: 200 once recorded (or already recorded: a duplicate), a
/// 400 problem when it does not verify (nothing is recorded).
#[handler]
pub async fn stripe_webhook(
    req: &Request,
    body: Body,
    ctx: Data<&Context>,
) -> poem::Result<Response> {
    let signature = req.header("stripe-signature");
    let bytes = body.into_bytes().await?;
    let received = reports::receive(&ctx, signature, &bytes).await?;
    let answer = match received {
        Received::Recorded => "{\"received\":true}",
        Received::Duplicate => "{\"received\":true,\"duplicate\":true}",
    };
    Ok(answer
        .with_content_type("application/json")
        .with_status(StatusCode::OK)
        .into_response())
}

#[derive(Deserialize)]
struct Back {
    cancelled: Option<bool>,
}

/// `GET /payments/return`: the page after the provider's. It tells the person what happens next
/// and reads nothing (the payment is confirmed by the provider's webhook, never by this visit).
#[handler]
pub fn back_from_checkout(Query(q): Query<Back>, lang: Data<&Lang>) -> Html<String> {
    let lang = lang.0.0;
    let title = catalog::payment_return_title(lang);
    let text = if q.cancelled == Some(true) {
        catalog::payment_return_cancelled(lang)
    } else {
        catalog::payment_return_paid(lang)
    };
    Html(format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>",
        lang.code(),
    ))
}
