//! The refusal matrix: every operation of the served OpenAPI document that names an object by id
//! in its path, or needs a token, has a case in [`cases`]; each is called by everyone who must be
//! refused, and the answer looks like an unknown id (the same problem as for an id that exists
//! nowhere) or 401 without the right kind of token; and nothing Marie or the administration sees
//! changed, nothing of hers leaked.

mod cases;
mod world;

use cases::{Audience, Case};
use guichet_tests::Resp;
use serde_json::Value;
use world::{Caller, Kind, World};

/// Whether `path` is an instance of `template` (`{…}` stands for one segment).
fn instance_of(path: &str, template: &str) -> bool {
    let (p, t): (Vec<&str>, Vec<&str>) = (path.split('/').collect(), template.split('/').collect());
    p.len() == t.len()
        && p.iter()
            .zip(&t)
            .all(|(p, t)| p == t || (t.starts_with('{') && !p.is_empty()))
}

/// The problem body without what differs between any two answers (the request id).
fn comparable(resp: &Resp) -> Value {
    let mut p = resp.problem();
    if let Some(map) = p.as_object_mut() {
        map.remove("request_id");
    }
    p
}

/// The operations the document serves that need a case: an id in the path, or a token.
fn protected_operations(doc: &Value) -> Vec<(String, String, bool)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            if secured || path.contains('{') {
                ops.push((method.to_uppercase(), path.clone(), secured));
            }
        }
    }
    ops
}

/// Checks the cases against the served document: none missing, none stale, public exactly
/// where the document asks for no token.
fn coverage(doc: &Value, cases: &[Case]) -> Vec<String> {
    let mut problems = Vec::new();
    for (method, path, secured) in protected_operations(doc) {
        match cases
            .iter()
            .find(|c| c.method.as_str() == method && c.template == path)
        {
            None => problems.push(format!("{method} {path}: no refusal case")),
            Some(c) if (c.audience == Audience::Public) == secured => problems.push(format!(
                "{method} {path}: the case says {:?}, the document says secured={secured}",
                c.audience
            )),
            Some(_) => {}
        }
    }
    for c in cases {
        let op = &doc["paths"][c.template][c.method.as_str().to_lowercase()];
        if op.is_null() {
            problems.push(format!(
                "{} {}: a case for no operation",
                c.method, c.template
            ));
        }
    }
    problems
}

/// Runs one case as `caller`; returns what is wrong, if anything.
async fn refuse(w: &World, case: &Case, caller: Caller) -> Vec<String> {
    let c = w.client(caller);
    let real = (case.call)(&c, &w.targets).await;
    let name = format!("{} {} as {caller:?}", case.method, case.template);
    let mut wrong = Vec::new();
    if real.method != case.method || !instance_of(&real.path, case.template) {
        wrong.push(format!(
            "{name}: the case called {} {}",
            real.method, real.path
        ));
    }
    let (status, kind) = if caller.kind() == Kind::Nothing || caller.kind() != case.audience.kind()
    {
        (401, "urn:guichet:problem:unauthenticated")
    } else {
        (404, "urn:guichet:problem:not-found")
    };
    if real.status != status
        || !real
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/problem+json"))
    {
        wrong.push(format!(
            "{name}: {} {}, not a {status} problem",
            real.status,
            real.text()
        ));
        return wrong;
    }
    let p = comparable(&real);
    if p["type"] != kind {
        wrong.push(format!("{name}: type {}, not {kind}", p["type"]));
    }
    if case.audience.names_an_object() {
        let unknown = (case.call)(&c, &w.targets.missing()).await;
        if unknown.status != real.status || comparable(&unknown) != p {
            wrong.push(format!(
                "{name}: {} {p} differs from the answer for an unknown id: {} {}",
                real.status,
                unknown.status,
                unknown.text()
            ));
        }
    }
    let text = real.text();
    for leak in w
        .targets
        .ids()
        .into_iter()
        .chain([w.marie.citizen.family_name.as_str(), w.marie.id.as_str()])
    {
        if text.contains(leak) {
            wrong.push(format!("{name}: the refusal repeats {leak:?}: {text}"));
        }
    }
    if real.header("etag").is_some() || real.header("content-disposition").is_some() {
        wrong.push(format!("{name}: the refusal carries the object's headers"));
    }
    wrong
}

/// A public operation answers without a token, and an unknown id is not found.
async fn public(w: &World, case: &Case) -> Vec<String> {
    let c = w.app.client();
    let name = format!("{} {}", case.method, case.template);
    let real = (case.call)(&c, &w.targets).await;
    let unknown = (case.call)(&c, &w.targets.missing()).await;
    let mut wrong = Vec::new();
    if real.status != 200 || !instance_of(&real.path, case.template) {
        wrong.push(format!(
            "{name}: {} {} {}",
            real.path,
            real.status,
            real.text()
        ));
    }
    if unknown.status != 404 || comparable(&unknown)["type"] != "urn:guichet:problem:not-found" {
        wrong.push(format!(
            "{name}: unknown id: {} {}",
            unknown.status,
            unknown.text()
        ));
    }
    wrong
}

#[tokio::test]
async fn every_protected_operation_refuses_everyone_else_like_an_unknown_id() {
    let w = World::build().await;
    let cases = cases::all();
    let doc = w.app.client().get_root("/api/openapi.json").await.ok(200);
    let uncovered = coverage(&doc, &cases);
    assert!(uncovered.is_empty(), "{}", uncovered.join("\n"));
    let before = w.snapshot().await;

    let mut wrong = Vec::new();
    let mut calls = 0;
    for case in &cases {
        if case.audience == Audience::Public {
            wrong.extend(public(&w, case).await);
            continue;
        }
        for &caller in case.audience.refused() {
            wrong.extend(refuse(&w, case, caller).await);
            calls += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} refusals wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(calls > 100, "{calls} refused calls");

    // Nothing changed: what Marie and the administration see is what they saw.
    let after = w.snapshot().await;
    for ((name, was), (_, is)) in before.iter().zip(&after) {
        assert_eq!(was, is, "{name} changed");
    }
    // The ids were real: Marie reaches each object the refused calls named.
    let (m, t) = (&w.marie.api, &w.targets);
    m.message_file(&t.dossier, &t.message, &t.message_file)
        .await
        .expect(200);
    m.communication_file(&t.space, &t.communication)
        .await
        .expect(200);
    m.unsubscribe_push(&t.subscription).await.expect(204);
    // And the bodies were good: the signature the strangers sent signs for Marie.
    m.sign_dossier(&t.draft, t.signature.clone())
        .await
        .expect(200);
    // The session of every caller still works: nobody signed anybody else out.
    for caller in [Caller::AnotherPerson, Caller::Holder] {
        w.client(caller).me().await.expect(200);
    }
    w.ccss.api.work_list().await.expect(200);
}
