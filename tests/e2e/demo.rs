//! The demo's journey (`cargo run -p guichet-tests --example demo`) as a test: from an unknown
//! certificate to a verified extract, with the real SMTP sink and the local push service.

use guichet::{domain::Language, mail::communication_notice};
use guichet_tests::{
    Citizen, PushService, TestApp,
    demo::{self, PHONE},
};
use guichet_verifier::verify::{ContentBinding, Reason, Verdict};
use serde_json::json;

#[tokio::test]
async fn the_demo_journey_ends_with_a_verified_extract_and_a_rejected_forgery() {
    let push = PushService::start().await;
    let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
    let out = tempfile::tempdir().unwrap();
    let mut steps = Vec::new();

    let j = demo::journey(&app, &push, out.path(), &mut |line| {
        steps.push(line.to_string())
    })
    .await;

    // Every step was told in one plain line.
    assert!(steps.len() >= 15, "{steps:#?}");
    assert!(steps.iter().all(|s| !s.contains('\n')), "{steps:#?}");

    // Exactly one extract, valid, from the justice administration.
    let c = &j.communication;
    assert_eq!(j.communications_total, 1, "{c}");
    assert_eq!(c["kind"], "criminal-record-extract");
    assert_eq!(c["status"], "valid");
    assert_eq!(c["administration_id"], "justice");
    assert_eq!(c["id"], j.communication_id.as_str());
    assert_eq!(j.document_number.len(), 8);
    assert!(
        j.document_number
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch.is_ascii_uppercase()),
        "{}",
        j.document_number
    );

    // The PDF on disk verifies offline, bound to its content, and the issuer says it is valid.
    let pdf = std::fs::read(&j.pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(j.verified.overall(), Verdict::Valid, "{:?}", j.verified);
    assert_eq!(j.verified.content_binding, ContentBinding::Checked);
    let claims = j.verified.claims.as_ref().unwrap();
    assert_eq!(claims.document_id.to_string(), j.document_number);
    assert_eq!(
        j.online_status,
        json!({"status": "valid", "reason": null, "superseded_by": null})
    );

    // The tampered copy differs by one byte, still reads as a PDF, and is rejected for its content.
    let tampered = std::fs::read(&j.tampered_pdf).unwrap();
    assert_eq!(tampered.len(), pdf.len());
    assert_eq!(pdf.iter().zip(&tampered).filter(|(a, b)| a != b).count(), 1);
    assert!(
        matches!(
            j.tampered.overall(),
            Verdict::Invalid(Reason::ContentMismatch(_))
        ),
        "{:?}",
        j.tampered.verdict
    );

    // The mail is the template's pointer, nothing more: no name, number or identifier.
    let marie = Citizen::marie();
    assert_eq!(j.mail.to, [marie.email.as_str()]);
    let (subject, body) = communication_notice::text(
        Language::Fr,
        c["administration_name"].as_str().unwrap(),
        c["title"].as_str().unwrap(),
    );
    assert_eq!(j.mail.subject, subject);
    assert_eq!(j.mail.body.replace("\r\n", "\n").trim(), body.trim());
    for private in [
        marie.family_name.as_str(),
        marie.matricule.as_str(),
        j.document_number.as_str(),
        j.communication_id.as_str(),
    ] {
        assert!(
            !j.mail.body.contains(private),
            "{private} in {}",
            j.mail.body
        );
    }

    // The push decrypted on the phone points to the communication.
    assert_eq!(j.push["kind"], "document-ready");
    assert_eq!(
        j.push["path"],
        format!("/communications/{}", j.communication_id)
    );
    let received = push.received();
    assert!(
        received
            .iter()
            .all(|r| r.device == PHONE && r.vapid.is_ok())
    );

    // The saved trust list and anchor are what the well-known URLs serve.
    let served = app
        .client()
        .get_root("/.well-known/guichet/trust-list")
        .await
        .expect(200)
        .body;
    assert_eq!(std::fs::read(&j.trust_list).unwrap(), served);
    let anchor = std::fs::read_to_string(&j.trust_anchor).unwrap();
    assert_eq!(anchor.trim().len(), 64);
}
