//! The whole journey of a criminal record extract, over HTTP only, told one step per line: what
//! `cargo run -p guichet-tests --example demo` shows a newcomer and what `tests/e2e/demo.rs` checks.
//!
//! Marie Schmit signs in with her certificate, registers, subscribes her phone to notifications
//! and asks the justice administration for an extract of her criminal record; an agent accepts;
//! the sealed PDF arrives in "my communications", announced by mail and push; the verifier
//! accepts the PDF and rejects a copy with one letter of her name changed.

use crate::{
    Agent, Citizen, Person, PushService, TestApp,
    dossier::justice_agent,
    smtp_sink::{ReceivedMail, link_token},
};
use guichet_verifier::{
    trust::{TrustAnchor, TrustList},
    verify::{self, Verification, status::DocumentStatus},
};
use serde_json::{Value, json};
use std::{
    path::{Path, PathBuf},
    time::Duration,
};

/// What the journey produced, for the demo to print and the test to check.
pub struct Journey {
    /// The extract as downloaded from "my communications".
    pub pdf: PathBuf,
    /// A copy with one byte of the printed family name changed.
    pub tampered_pdf: PathBuf,
    /// The signed trust list, as served at `/.well-known/guichet/trust-list`.
    pub trust_list: PathBuf,
    /// The trust anchor's public key (64 hex digits), as served at `/.well-known/guichet/trust-anchor`.
    pub trust_anchor: PathBuf,
    /// The seal's document id, printed on the extract (8 upper-case hex digits).
    pub document_number: String,
    /// The communication's id in Marie's space.
    pub communication_id: String,
    /// The communication as "my communications" lists it.
    pub communication: Value,
    /// How many communications Marie's space holds.
    pub communications_total: u64,
    /// The mail that announced the document, as the SMTP server received it.
    pub mail: ReceivedMail,
    /// The push that announced the document, as the phone decrypted it.
    pub push: Value,
    /// The verifier's answer on the downloaded PDF, with the issuer's online status.
    pub verified: Verification,
    /// The verifier's answer on the tampered copy.
    pub tampered: Verification,
    /// What `GET /api/v1/public/documents/{number}/status` answered.
    pub online_status: Value,
}

/// Marie's phone, as the push service knows it.
pub const PHONE: &str = "phone";

/// How long to wait for the asynchronous parts (issuance, mail, push).
const PATIENCE: Duration = Duration::from_secs(20);

/// Runs the journey against `app`, with Marie's phone at `push`; writes the PDFs and the trust
/// list into `out_dir`; tells each step to `log`. Panics with the reason when a step fails.
pub async fn journey(
    app: &TestApp,
    push: &PushService,
    out_dir: &Path,
    log: &mut dyn FnMut(&str),
) -> Journey {
    std::fs::create_dir_all(out_dir).expect("the output folder can be created");
    let marie = Citizen::marie();

    // 1. Sign in and register.
    let (status, body) = marie.sign_in(app).await;
    assert_eq!(
        status, 202,
        "an unknown certificate asks to register: {body}"
    );
    let registration = body["registration_token"]
        .as_str()
        .expect("a registration token");
    log(
        "Marie signs in with her certificate: guichet does not know her yet and asks her to register.",
    );
    let api = app.client();
    api.with_token(registration)
        .start_registration(json!({ "email": marie.email, "matricule": marie.matricule }))
        .await
        .ok(202);
    log(&format!(
        "She registers with her e-mail ({}) and national identification number; a confirmation link is mailed.",
        marie.email
    ));
    let mail = app.smtp.wait_for(&marie.email, 1).await;
    api.confirm_registration(json!({ "token": link_token(&mail.body), "accept_terms": true }))
        .await
        .ok(200);
    log(&format!(
        "The mail \"{}\" arrives; she opens its link and accepts the terms.",
        mail.subject
    ));
    let token = marie.access_token(app).await;
    let marie = Person::signed_in(app, marie, token).await;
    log("She signs in again: she now has a private space, prefilled from the national register.");

    // 2. Her phone subscribes to notifications, like a browser does with the Push API.
    let vapid = api.vapid_public_key().await.ok(200);
    push.expect_vapid_key(vapid["public_key"].as_str().expect("a VAPID key"));
    let phone = push.device(PHONE);
    marie
        .api
        .subscribe_push(phone.subscription_json())
        .await
        .ok(201);
    log("Her phone subscribes to push notifications with the server's VAPID key.");

    // 3. The request: a signature certificate, the form, the signature, the transmission.
    marie.add_signature_certificate(app).await;
    log("She registers her signature certificate.");
    let dossier = marie.start_criminal_record(None).await;
    let dossier = dossier["id"].as_str().expect("a dossier id").to_string();
    marie.complete_criminal_record(&dossier).await;
    log(
        "She asks for an extract of her criminal record (for an employer) and attaches her identity card.",
    );
    marie.sign(&dossier, None).await.ok(200);
    log("She signs the request with her signature certificate.");
    let sent = marie.api.transmit(&dossier).await.ok(200);
    assert_eq!(sent["status"], "transmitted", "{sent}");
    log("She transmits it to the justice administration.");

    // 4. The back office: an agent takes the request and accepts it.
    let agent = Agent::sign_in(app, justice_agent()).await;
    log(&format!(
        "{} {}, agent of the justice administration, signs in to the back office.",
        agent.person.given_names, agent.person.family_name
    ));
    let closed = agent
        .take_and_decide(&dossier, "accepted", "Nothing against issuing the extract.")
        .await;
    assert_eq!(closed["outcome"], "accepted", "{closed}");
    log("She takes the request and accepts it: the extract is queued for issuance.");

    // 5. The extract arrives in "my communications", announced by mail and push.
    let page = wait_for_communication(&marie).await;
    let communication = page["items"][0].clone();
    let id = communication["id"].as_str().expect("an id").to_string();
    let number = communication["document_number"]
        .as_str()
        .expect("a sealed document has a number")
        .to_string();
    log(&format!(
        "Marie's communications list \"{}\" from {}, document number {number}.",
        communication["title"].as_str().unwrap_or_default(),
        communication["administration_name"]
            .as_str()
            .unwrap_or_default()
    ));
    let resp = marie.api.communication_file(&marie.space, &id).await;
    let resp = resp.expect(200);
    assert_eq!(resp.header("content-type"), Some("application/pdf"));
    let pdf = resp.body;
    let pdf_path = out_dir.join("extract.pdf");
    std::fs::write(&pdf_path, &pdf).expect("the PDF can be written");
    log(&format!(
        "She downloads the PDF ({} bytes) to {}.",
        pdf.len(),
        pdf_path.display()
    ));
    let notice = document_mail(app, &marie.citizen.email).await;
    log(&format!(
        "The mail \"{}\" arrived: it says where to look, not what the document says.",
        notice.subject
    ));
    let ready = document_push(push, &phone).await;
    log(&format!(
        "Her phone received and decrypted the push \"{}\", which opens {}.",
        ready["title"].as_str().unwrap_or_default(),
        ready["path"].as_str().unwrap_or_default()
    ));

    // 6. Anyone can check the PDF offline with the trust list, and online with its status.
    let (list, list_path, anchor_path) = trust_list(app, out_dir).await;
    log("The verifier fetches the trust list, signed by the trust anchor it also fetches.");
    let online_status = api.document_status(&number).await.ok(200);
    let now = guichet::clock::Clock::now(app.clock.as_ref());
    let verified =
        verify::verify_pdf(&pdf, &list, now).with_online_status(parse_status(&online_status));
    log(&format!(
        "The verifier checks the PDF: {}; the issuer says online: {}.",
        verdict(&verified),
        online_status["status"].as_str().unwrap_or_default()
    ));
    let tampered = tamper(&pdf, &marie.citizen.family_name);
    let tampered_path = out_dir.join("extract-tampered.pdf");
    std::fs::write(&tampered_path, &tampered).expect("the tampered copy can be written");
    let rejected = verify::verify_pdf(&tampered, &list, now);
    log(&format!(
        "A copy with one letter of her name changed ({}): {}.",
        tampered_path.display(),
        verdict(&rejected)
    ));

    Journey {
        pdf: pdf_path,
        tampered_pdf: tampered_path,
        trust_list: list_path,
        trust_anchor: anchor_path,
        document_number: number,
        communication_id: id,
        communication,
        communications_total: page["total"].as_u64().unwrap_or_default(),
        mail: notice,
        push: ready,
        verified,
        tampered: rejected,
        online_status,
    }
}

/// "valid", or "invalid (code: why)".
pub fn verdict(v: &Verification) -> String {
    match v.overall().reason() {
        None => "valid".into(),
        Some(reason) => format!("invalid ({}: {reason})", reason.code()),
    }
}

/// Polls "my communications" until something arrived (issuance is asynchronous).
async fn wait_for_communication(marie: &Person) -> Value {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let page = marie.api.communications(&marie.space).await.ok(200);
        if page["total"].as_u64().unwrap_or_default() > 0 {
            return page;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no communication within {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The mail announcing a new document (others say the dossier's status changed).
async fn document_mail(app: &TestApp, to: &str) -> ReceivedMail {
    // The first mail is the registration link; the status-change notice may come before or after.
    for n in 2..=4 {
        let mail = app.smtp.wait_for(to, n).await;
        if mail.subject.contains("document") || mail.subject.contains("Dokument") {
            return mail;
        }
    }
    panic!("no document mail among {:?}", app.smtp.mails());
}

/// The decrypted `document-ready` push (others announce status changes).
async fn document_push(push: &PushService, phone: &crate::Device) -> Value {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let ready = push.received().into_iter().find_map(|r| {
            let plain = phone.decrypt(&r.body).ok()?;
            let plain: Value = serde_json::from_slice(&plain).ok()?;
            (r.vapid.is_ok() && plain["kind"] == "document-ready").then_some(plain)
        });
        if let Some(ready) = ready {
            return ready;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no document-ready push within {PATIENCE:?}: {:?}",
            push.received()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Fetches the anchor and the signed trust list over HTTP, saves both, and checks the list.
async fn trust_list(app: &TestApp, out_dir: &Path) -> (TrustList, PathBuf, PathBuf) {
    let api = app.client();
    let anchor_hex = api
        .get_root("/.well-known/guichet/trust-anchor")
        .await
        .expect(200)
        .text();
    let anchor = hex::decode(anchor_hex.trim())
        .ok()
        .and_then(|bytes| TrustAnchor::from_bytes(&bytes))
        .expect("the anchor is an Ed25519 public key in hex");
    let signed = api
        .get_root("/.well-known/guichet/trust-list")
        .await
        .expect(200)
        .body;
    let list = TrustList::from_signed(&signed, &anchor).expect("the anchor signed the trust list");
    let list_path = out_dir.join("trust-list.cose");
    let anchor_path = out_dir.join("trust-anchor.hex");
    std::fs::write(&list_path, &signed).expect("the trust list can be written");
    std::fs::write(&anchor_path, &anchor_hex).expect("the anchor can be written");
    (list, list_path, anchor_path)
}

/// A copy of `pdf` whose printed `family_name` has its last letter changed, byte for byte in
/// place: the file still opens, only what the page shows differs.
pub fn tamper(pdf: &[u8], family_name: &str) -> Vec<u8> {
    let shown = format!("({family_name}) Tj");
    let at = pdf
        .windows(shown.len())
        .position(|w| w == shown.as_bytes())
        .unwrap_or_else(|| panic!("{shown:?} is not in the PDF's content stream"));
    let last = at + family_name.len();
    let mut copy = pdf.to_vec();
    copy[last] = if copy[last] == b'd' { b't' } else { b'd' };
    copy
}

/// The issuer's online answer, parsed by the verifier library.
fn parse_status(online: &Value) -> DocumentStatus {
    verify::status::parse_status(online.to_string().as_bytes()).expect("a document status")
}
