//! Text a person sends: control characters, noncharacters and bidirectional overrides are refused
//! with 422 naming the field and change nothing; what is kept is in NFC. The same on SQLite and
//! PostgreSQL (which cannot store U+0000 at all, and once answered such a filename with 500).

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet::domain::dossiers::attachment::sha256_hex;
use guichet_tests::{
    Agent, Citizen, Client, Person, Resp, TestApp, assert_problem, dossier::pdf,
    push_service::Device,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use std::{future::Future, pin::Pin};

/// Where the value goes in the template.
const V: &str = "⟨value⟩";

/// Refused in every field.
const ANYWHERE: [(&str, &str); 3] = [
    ("NUL", "carte\u{0}.pdf"),
    ("C1 control NEL", "carte\u{85}.pdf"),
    ("DEL", "carte\u{7f}.pdf"),
];

/// Refused in one-line fields and file names only.
const ONE_LINE: [(&str, &str); 3] = [
    ("bidi override", "invoice\u{202E}fdp.exe"),
    ("line break", "carte\n.pdf"),
    ("tab", "carte\t.pdf"),
];

type Pending<'a> = Pin<Box<dyn Future<Output = Resp> + Send + 'a>>;

/// What the operations name.
struct Ids {
    space: String,
    /// A transmitted dossier.
    sent: String,
    /// A draft.
    draft: String,
}

/// Who sends the text.
#[derive(Clone, Copy)]
enum Who {
    Holder,
    Agent,
}

/// One operation that takes text, and how to see that it stored nothing.
struct Case {
    name: &'static str,
    who: Who,
    /// The body (or, for a file name, the value alone) with [`V`] where the text goes.
    template: Value,
    send: for<'a> fn(&'a Client, &'a Ids, Value) -> Pending<'a>,
    field: &'static str,
    multi_line: bool,
    /// A read whose answer must not change.
    read: for<'a> fn(&'a Client, &'a Ids) -> Pending<'a>,
}

/// A `fn` calling the client: `op!(|c, ids| …)` or `op!(|c, ids, value| …)`.
macro_rules! op {
    (|$c:ident, $i:ident $(, $v:ident)?| $call:expr) => {{
        #[allow(unused_variables)]
        fn f<'a>($c: &'a Client, $i: &'a Ids $(, $v: Value)?) -> Pending<'a> {
            Box::pin(async move { $call.await })
        }
        f
    }};
}

fn fill(template: &Value, value: &str) -> Value {
    match template {
        Value::String(s) if s == V => Value::String(value.to_string()),
        Value::Array(a) => Value::Array(a.iter().map(|v| fill(v, value)).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), fill(v, value))).collect())
        }
        other => other.clone(),
    }
}

async fn uploads(app: &TestApp) -> u64 {
    guichet::store::entities::uploads::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap()
}

/// Every operation that takes text from a person or an agent.
fn cases(matricule: &str) -> Vec<Case> {
    let file = pdf(1000);
    let pdf64 = STANDARD.encode(&file);
    let mut device = Device::new("phone", "https://push.example.org/send/1").subscription_json();
    device["label"] = json!(V);
    let case = |name, who, template, send, field, multi_line, read| Case {
        name,
        who,
        template,
        send,
        field,
        multi_line,
        read,
    };
    use Who::{Agent, Holder};
    vec![
        case(
            "attachment file name",
            Holder,
            json!(V),
            op!(|c, i, v| c.attach_named(
                &i.draft,
                "identity_document",
                v.as_str().unwrap(),
                "application/pdf",
                pdf(1000)
            )),
            "filename",
            false,
            op!(|c, i| c.attachments(&i.draft)),
        ),
        case(
            "resumable upload file name",
            Holder,
            json!({"field": "identity_document", "filename": V, "media_type": "application/pdf", "size": file.len(), "sha256": sha256_hex(&file)}),
            op!(|c, i, v| c.announce_upload(&i.draft, v)),
            "filename",
            false,
            op!(|c, i| c.attachments(&i.draft)),
        ),
        case(
            "form value",
            Holder,
            json!({"values": {"phone": V}}),
            op!(|c, i, v| c.fill_step(&i.draft, "applicant", v)),
            "phone",
            false,
            op!(|c, i| c.dossier(&i.draft)),
        ),
        case(
            "form value inside an object",
            Holder,
            json!({"values": {"address": {"street": V}}}),
            op!(|c, i, v| c.fill_step(&i.draft, "applicant", v)),
            "address/street",
            false,
            op!(|c, i| c.dossier(&i.draft)),
        ),
        case(
            "profile telephone",
            Holder,
            json!({"email": "marie.schmit@example.lu", "phone": V}),
            op!(|c, i, v| c.update_profile(&i.space, Some("\"1\""), v)),
            "phone",
            false,
            op!(|c, i| c.profile(&i.space)),
        ),
        case(
            "push device label",
            Holder,
            device,
            op!(|c, i, v| c.subscribe_push(v)),
            "label",
            false,
            op!(|c, i| c.push_subscriptions()),
        ),
        case(
            "message file name",
            Holder,
            json!({"text": "Voici.", "attachments": [{"filename": V, "media_type": "application/pdf", "content_base64": pdf64}]}),
            op!(|c, i, v| c.send_message(&i.sent, v)),
            "attachments/0/filename",
            false,
            op!(|c, i| c.messages(&i.sent)),
        ),
        case(
            "message text",
            Holder,
            json!({"text": V}),
            op!(|c, i, v| c.send_message(&i.sent, v)),
            "text",
            true,
            op!(|c, i| c.messages(&i.sent)),
        ),
        case(
            "agent's message text",
            Agent,
            json!({"text": V}),
            op!(|c, i, v| c.bo_send_message(&i.sent, v)),
            "text",
            true,
            op!(|c, i| c.bo_messages(&i.sent)),
        ),
        case(
            "agent's decision reason",
            Agent,
            json!(V),
            op!(|c, i, v| c.decide(&i.sent, "information_requested", v.as_str())),
            "reason",
            true,
            op!(|c, i| c.bo_timeline(&i.sent)),
        ),
        case(
            "letter title",
            Agent,
            json!({"title": V, "body": "Madame,\n\nVeuillez trouver."}),
            op!(|c, i, v| c.send_letter(&i.sent, v)),
            "title",
            false,
            op!(|c, i| c.bo_communications(&i.sent)),
        ),
        case(
            "letter text",
            Agent,
            json!({"title": "Codes", "body": V}),
            op!(|c, i, v| c.send_letter(&i.sent, v)),
            "body",
            true,
            op!(|c, i| c.bo_communications(&i.sent)),
        ),
        case(
            "paper request form value",
            Agent,
            json!({"procedure_id": "criminal-record-extract", "matricule": matricule, "data": {"purpose": V, "copies": 1}}),
            op!(|c, i, v| c.paper_request(v)),
            "data/purpose",
            false,
            op!(|c, i| c.work_list()),
        ),
    ]
}

#[tokio::test]
async fn every_text_input_refuses_control_characters_naming_the_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let sent = marie.transmit_criminal_record().await;
    let draft = marie.start_criminal_record(None).await;
    let ids = Ids {
        space: marie.space.clone(),
        sent,
        draft: draft["id"].as_str().unwrap().to_string(),
    };
    let agent = Agent::justice(&app).await;
    for case in cases(&marie.citizen.matricule) {
        let c = match case.who {
            Who::Holder => &marie.api,
            Who::Agent => &agent.api,
        };
        let bad = ANYWHERE.iter().chain(if case.multi_line {
            &[][..]
        } else {
            &ONE_LINE[..]
        });
        for (what, value) in bad {
            let before = (case.read)(c, &ids).await.ok(200);
            let uploads_before = uploads(&app).await;
            let resp = (case.send)(c, &ids, fill(&case.template, value)).await;
            let p = assert_problem(&resp, 422, "invalid-field");
            assert_eq!(
                (p["field"].as_str(), p["reason"].as_str()),
                (Some(case.field), Some("characters")),
                "{}: {what}: {p}",
                case.name
            );
            assert_eq!(
                (case.read)(c, &ids).await.ok(200),
                before,
                "{}: {what}",
                case.name
            );
            assert_eq!(uploads(&app).await, uploads_before, "{}: {what}", case.name);
        }
    }
}

#[tokio::test]
async fn registration_email_with_a_control_character_is_refused_in_the_users_language() {
    let app = TestApp::spawn().await;
    let marie = Citizen::marie();
    let (status, body) = marie.sign_in(&app).await;
    assert_eq!(status, 202, "{body}");
    let reg = app
        .client()
        .with_token(body["registration_token"].as_str().unwrap())
        .in_language("de");
    for (what, value) in ANYWHERE.iter().chain(&ONE_LINE) {
        let email = format!("marie{value}@example.lu");
        let resp = reg
            .start_registration(json!({"email": email, "matricule": marie.matricule}))
            .await;
        let p = assert_problem(&resp, 422, "invalid-field");
        assert_eq!(
            (p["field"].as_str(), p["reason"].as_str()),
            (Some("email"), Some("characters")),
            "{what}: {p}"
        );
        assert_eq!(p["title"], "Unzulässige Zeichen", "{what}");
    }
    // Nothing was started: once a good address is mailed, it is the only mail.
    reg.start_registration(json!({"email": marie.email, "matricule": marie.matricule}))
        .await
        .ok(202);
    app.smtp.wait_for(&marie.email, 1).await;
    let mails = app.smtp.mails();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to.as_slice(), std::slice::from_ref(&marie.email));
}

#[tokio::test]
async fn text_is_kept_in_nfc_and_line_breaks_stay_where_text_has_lines() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let api = &marie.api;
    let sent = marie.transmit_criminal_record().await;
    let draft = marie.start_criminal_record(None).await;
    let draft = draft["id"].as_str().unwrap();
    let decomposed = "Ecole Rene\u{301}e";
    let composed = "Ecole Renée";

    // A file name sent decomposed is listed composed.
    api.attach_named(
        draft,
        "identity_document",
        &format!("{decomposed}.pdf"),
        "application/pdf",
        pdf(1000),
    )
    .await
    .ok(201);
    let files = api.attachments(draft).await.ok(200);
    assert_eq!(files[0]["filename"], format!("{composed}.pdf"), "{files}");

    // A form value (kept in the draft although it is no telephone number), too.
    let d = api
        .fill_step(draft, "applicant", json!({"values": {"phone": decomposed}}))
        .await
        .ok(200);
    assert_eq!(d["dossier"]["data"]["phone"], composed, "{d}");

    // A message keeps its lines and its right-to-left marks, composed.
    let text = format!("Bonjour,\r\n\t{decomposed}\n\u{202B}مرحبا\u{202C}");
    api.send_message(&sent, json!({"text": text})).await.ok(200);
    let msgs = api.messages(&sent).await.ok(200);
    let last = msgs.as_array().unwrap().last().unwrap();
    assert_eq!(
        last["text"],
        format!("Bonjour,\r\n\t{composed}\n\u{202B}مرحبا\u{202C}")
    );
}

#[tokio::test]
async fn identifiers_and_filters_in_the_url_with_control_characters_are_refused_naming_them() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let (api, space) = (&marie.api, marie.space.as_str());
    let answers = [
        (api.dossier("d%00").await, "path"),
        (api.search_procedures("casier\u{0}").await, "q"),
        (
            api.space_dossiers_with(space, &[("status", "draft\u{85}")])
                .await,
            "status",
        ),
        (
            api.space_dossiers_with(space, &[("status", "\u{202E}draft")])
                .await,
            "status",
        ),
    ];
    for (resp, field) in answers {
        let p = assert_problem(&resp, 422, "invalid-field");
        assert_eq!(
            (p["field"].as_str(), p["reason"].as_str()),
            (Some(field), Some("characters")),
            "{} {}: {p}",
            resp.method,
            resp.path
        );
    }
}
