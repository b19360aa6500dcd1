//! Verification rules: key, key policy at issue time, expiry, online status, photos.

use guichet_verifier::seal::Issuer;
use guichet_verifier::trust::TrustList;
use guichet_verifier::verify::{
    ContentBinding, DocumentStatus, Reason, StatusKind, Verdict, verify_image, verify_pdf,
    verify_text,
};
use time::macros::datetime;

use crate::common::*;

#[test]
fn a_seal_signed_by_an_unknown_key_is_rejected_without_claims() {
    let stranger = Issuer::new(key(42));
    let text = stranger.seal(&extract()).unwrap();
    let result = verify_text(&text, &trust_list(1), NOW);
    assert_eq!(result.verdict, Verdict::Invalid(Reason::UnknownKey));
    assert_eq!(result.key_id, Some(stranger.key_id));
    assert!(result.claims.is_none());
}

#[test]
fn a_seal_signed_by_another_key_under_a_known_key_id_has_a_bad_signature() {
    let mut impostor = Issuer::new(key(42));
    impostor.key_id = issuer().key_id;
    let result = verify_text(&impostor.seal(&extract()).unwrap(), &trust_list(1), NOW);
    assert_eq!(result.verdict, Verdict::Invalid(Reason::BadSignature));
    assert!(result.claims.is_none());
}

#[test]
fn a_seal_issued_outside_the_keys_validity_is_rejected() {
    let mut claims = extract();
    claims.issued_at = datetime!(2025-12-31 12:00 UTC);
    let text = issuer().seal(&claims).unwrap();
    let result = verify_text(&text, &trust_list(1), datetime!(2026-01-15 00:00 UTC));
    assert_eq!(result.verdict, Verdict::Invalid(Reason::KeyNotValidAtIssue));
    assert!(result.claims.is_none());
}

#[test]
fn a_seal_verified_after_the_key_retired_is_valid_if_issued_while_it_was_valid() {
    let mut list = trust_list(1);
    list.keys[0].valid_until = datetime!(2026-11-30 00:00 UTC);
    let result = verify_text(&extract_seal(), &list, NOW);
    assert_eq!(result.verdict, Verdict::Valid);
}

#[test]
fn a_key_not_allowed_for_the_document_type_is_rejected() {
    let mut list = trust_list(1);
    list.keys[0].document_types.clear();
    let result = verify_text(&extract_seal(), &list, NOW);
    assert_eq!(
        result.verdict,
        Verdict::Invalid(Reason::KeyNotAllowedForType)
    );
    assert!(result.claims.is_none());
}

#[test]
fn keys_are_allowed_per_type_and_a_certificate_of_residence_is_valid_one_month() {
    let text = issuer().seal(&residence()).unwrap();
    let extracts_only = trust_list(1);
    assert_eq!(
        verify_text(&text, &extracts_only, NOW).verdict,
        Verdict::Invalid(Reason::KeyNotAllowedForType)
    );
    let mut list = trust_list(1);
    list.keys[0]
        .document_types
        .push(guichet_verifier::seal::DocumentType::ResidenceCertificate);
    let result = verify_text(&text, &list, NOW);
    assert_eq!(result.verdict, Verdict::Valid);
    let claims = result.claims.unwrap();
    assert_eq!(claims, residence());
    assert_eq!(
        claims.valid_until(),
        Some(datetime!(2026-12-25 10:30:00 UTC))
    );
    assert_eq!(
        verify_text(&text, &list, datetime!(2026-12-25 10:30:01 UTC))
            .verdict
            .reason()
            .map(Reason::code),
        Some("expired")
    );
}

#[test]
fn an_extract_expires_three_months_after_issue_and_still_shows_its_data() {
    let list = trust_list(1);
    let last_valid = datetime!(2027-02-25 10:30:00 UTC);
    assert_eq!(
        verify_text(&extract_seal(), &list, last_valid).verdict,
        Verdict::Valid
    );
    let result = verify_text(&extract_seal(), &list, datetime!(2027-02-25 10:30:01 UTC));
    assert_eq!(
        result.verdict,
        Verdict::Invalid(Reason::Expired {
            valid_until: last_valid
        })
    );
    assert!(result.seal_authentic());
    assert_eq!(result.claims.unwrap().subject.family_name, "Schmit-Weber");
}

#[test]
fn an_issuer_claim_must_match_the_trust_list() {
    let mut claims = extract();
    claims.issuer = Some("Ministère de la Justice".into());
    let ok = issuer().seal(&claims).unwrap();
    assert_eq!(
        verify_text(&ok, &trust_list(1), NOW).verdict,
        Verdict::Valid
    );
    claims.issuer = Some("Someone else".into());
    let bad = issuer().seal(&claims).unwrap();
    assert!(matches!(
        verify_text(&bad, &trust_list(1), NOW).verdict,
        Verdict::Invalid(Reason::Malformed(_))
    ));
}

#[test]
fn revoked_online_overrides_valid_offline_but_keeps_the_seal_authentic() {
    let result =
        verify_text(&extract_seal(), &trust_list(1), NOW).with_online_status(DocumentStatus {
            status: StatusKind::Revoked,
            reason: Some("issued in error".into()),
            superseded_by: None,
        });
    assert_eq!(result.verdict, Verdict::Valid);
    assert!(result.seal_authentic());
    assert_eq!(
        result.overall(),
        Verdict::Invalid(Reason::Revoked {
            reason: Some("issued in error".into())
        })
    );
}

#[test]
fn online_status_does_not_rescue_a_forged_seal() {
    let forged = Issuer::new(key(42)).seal(&extract()).unwrap();
    let result = verify_text(&forged, &trust_list(1), NOW).with_online_status(DocumentStatus {
        status: StatusKind::Valid,
        reason: None,
        superseded_by: None,
    });
    assert_eq!(result.overall(), Verdict::Invalid(Reason::UnknownKey));
}

#[test]
fn an_empty_trust_list_trusts_nothing() {
    let empty = TrustList::new(1, NOW);
    assert_eq!(
        verify_text(&extract_seal(), &empty, NOW).verdict,
        Verdict::Invalid(Reason::UnknownKey)
    );
}

/// A PNG of the QR code for `text`, as a clean scan: 4 pixels a module, quiet zone 4 modules.
pub fn qr_png(text: &str) -> Vec<u8> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::Q).unwrap();
    let width = code.width();
    let colors = code.to_colors();
    let (scale, quiet) = (4u32, 4u32);
    let side = (width as u32 + 2 * quiet) * scale;
    let img = image::GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (
            (x / scale) as i64 - quiet as i64,
            (y / scale) as i64 - quiet as i64,
        );
        let dark = mx >= 0
            && my >= 0
            && (mx as usize) < width
            && (my as usize) < width
            && colors[my as usize * width + mx as usize] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn a_photo_checks_the_seal_only_and_says_so() {
    let result = verify_image(&qr_png(&extract_seal()), &trust_list(1), NOW);
    assert_eq!(result.verdict, Verdict::Valid);
    assert_eq!(result.content_binding, ContentBinding::NotCheckedPhoto);
}

#[test]
fn an_image_without_a_code_has_no_seal() {
    let blank = image::GrayImage::from_pixel(200, 200, image::Luma([255]));
    let mut png = std::io::Cursor::new(Vec::new());
    blank.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let result = verify_image(&png.into_inner(), &trust_list(1), NOW);
    assert_eq!(result.verdict, Verdict::Invalid(Reason::NoSeal));
}

#[test]
fn a_broken_pdf_is_refused_without_claims() {
    let result = verify_pdf(b"%PDF-1.7\n garbage", &trust_list(1), NOW);
    assert!(!result.verdict.is_valid());
    assert!(result.claims.is_none());
}
