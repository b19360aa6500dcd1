//! The page the confirmation link opens: the terms, and a button to accept them.

use std::borrow::Cow;

use crate::api::{problem::Problem, request::Lang};
use crate::catalog;
use crate::domain::Language;
use crate::service::{Context, registration};
use poem::{
    Endpoint, EndpointExt, IntoResponse, Response, handler,
    web::{Data, Form, Html, Query},
};
use serde::Deserialize;

#[derive(Deserialize)]
struct TokenQuery {
    token: String,
}

#[derive(Deserialize)]
struct AcceptForm {
    token: String,
    accept_terms: Option<String>,
}

fn escape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The page's title, terms, accept label and closing sentence in `lang`.
fn texts(lang: Language) -> [Cow<'static, str>; 4] {
    [
        catalog::confirm_page_title(lang),
        catalog::confirm_page_terms(lang),
        catalog::confirm_page_accept(lang),
        catalog::confirm_page_done(lang),
    ]
}

fn page(lang: Language, title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head><body><main><h1>{}</h1>{}</main></body></html>",
        lang.code(),
        escape(title),
        escape(title),
        body
    ))
}

#[handler]
fn show(Query(q): Query<TokenQuery>, lang: Data<&Lang>) -> Html<String> {
    let lang = lang.0.0;
    let [title, terms, accept_label, _] = texts(lang);
    let body = format!(
        "<p>{}</p><form method=\"post\"><input type=\"hidden\" name=\"token\" value=\"{}\"><label><input type=\"checkbox\" name=\"accept_terms\" value=\"yes\" required> {}</label><p><button type=\"submit\">OK</button></p></form>",
        escape(&terms),
        escape(&q.token),
        escape(&accept_label)
    );
    page(lang, &title, &body)
}

#[handler]
async fn accept(Form(f): Form<AcceptForm>, lang: Data<&Lang>, ctx: Data<&Context>) -> Response {
    let lang = lang.0.0;
    let [title, _, _, done] = texts(lang);
    match registration::confirm(&ctx, &f.token, f.accept_terms.is_some()).await {
        Ok(_) => page(lang, &title, &format!("<p>{}</p>", escape(&done))).into_response(),
        Err(e) => {
            let problem = Problem::from_domain(&e);
            let (ptitle, detail) = crate::api::i18n::text(problem.text, lang);
            page(lang, &ptitle, &format!("<p>{}</p>", escape(&detail)))
                .with_status(problem.status)
                .into_response()
        }
    }
}

/// GET shows the terms; POST accepts them and completes the registration.
pub fn endpoint() -> impl Endpoint {
    poem::get(show).post(accept).map_to_response()
}
