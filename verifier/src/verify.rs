//! Verification: from seal text, a PDF or a photo to a verdict with a precise reason.
//!
//! The claims are returned only when they are authentic: the signature verifies with a
//! trust list key that was valid when the document was issued and may sign its type. They
//! are then returned even when the verdict is invalid for a reason that does not put their
//! authenticity in doubt (expired, content mismatch, revoked, superseded), so that the person
//! checking sees what the seal says. They are never returned for a malformed seal, an unknown
//! key, a bad signature, a key used outside its validity or for another document type, or an
//! issue time in the future of the verification time.

mod reason;
pub mod status;

use time::{Duration, OffsetDateTime};

use crate::revocation::{RevocationCheck, RevocationList};
use crate::seal::{self, Claims, KeyId};
use crate::trust::TrustList;
use crate::{pdf, photo};

pub use reason::{Reason, Verdict};
pub use status::{DocumentStatus, StatusKind};

/// Whether the seal was checked against the content it is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentBinding {
    /// The PDF's content digest matched the seal's.
    Checked,
    /// Only the seal was checked: from a photo, the page's content cannot be bound to it.
    NotCheckedPhoto,
    /// Only the seal was checked: the seal text was given alone.
    NotCheckedText,
}

impl ContentBinding {
    /// A stable text name (`checked`, `not-checked-photo`, `not-checked-text`).
    pub fn slug(self) -> &'static str {
        match self {
            ContentBinding::Checked => "checked",
            ContentBinding::NotCheckedPhoto => "not-checked-photo",
            ContentBinding::NotCheckedText => "not-checked-text",
        }
    }
}

/// The result of checking a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The offline verdict: seal, signature, trust list, expiry, content binding.
    pub verdict: Verdict,
    /// The authentic signed data (see the module docs for when it is present).
    pub claims: Option<Claims>,
    /// The issuer's name from the trust list, when the key was found and the signature verified.
    pub issuer: Option<String>,
    /// The key id the seal names, when the seal could be read.
    pub key_id: Option<KeyId>,
    /// Whether the content was bound to the seal.
    pub content_binding: ContentBinding,
    /// The status the issuer reported online, if it was asked ([`Verification::with_online_status`]).
    pub online: Option<DocumentStatus>,
    /// What the signed revocation list said, if one was checked
    /// ([`Verification::with_revocation_list`]).
    pub revocation: Option<RevocationCheck>,
}

impl Verification {
    fn invalid(reason: Reason, content_binding: ContentBinding) -> Self {
        Self {
            verdict: Verdict::Invalid(reason),
            claims: None,
            issuer: None,
            key_id: None,
            content_binding,
            online: None,
            revocation: None,
        }
    }

    /// Whether the seal is cryptographically sound: signed by a trusted key that was valid for
    /// this document when it was issued (whatever expiry or online status say).
    pub fn seal_authentic(&self) -> bool {
        self.claims.is_some()
    }

    /// Records the issuer's online answer for this document.
    #[must_use]
    pub fn with_online_status(mut self, status: DocumentStatus) -> Self {
        self.online = Some(status);
        self
    }

    /// Checks the authentic document against a signed revocation list (verified by the
    /// caller with [`RevocationList::from_signed`]) at `now`; a list older than `max_age` is
    /// reported stale and still used. Does nothing when the seal is not authentic.
    #[must_use]
    pub fn with_revocation_list(
        mut self,
        list: &RevocationList,
        now: OffsetDateTime,
        max_age: Duration,
    ) -> Self {
        if let Some(claims) = &self.claims {
            self.revocation = Some(list.check(&claims.document_id, now, max_age));
        }
        self
    }

    /// The verdict to act on: revoked or superseded online, else revoked in the signed
    /// revocation list, overrides an offline "valid" or "expired" of an authentic seal; any
    /// other offline failure stands. The online answer, being the freshest, wins over the list.
    pub fn overall(&self) -> Verdict {
        let overridable = matches!(
            self.verdict,
            Verdict::Valid | Verdict::Invalid(Reason::Expired { .. })
        ) && self.seal_authentic();
        let listed = self
            .revocation
            .as_ref()
            .and_then(|c| c.revoked.as_ref().map(|r| (c, r)));
        match (&self.online, overridable) {
            (None, true) => match listed {
                Some((check, entry)) => Verdict::Invalid(Reason::RevokedInList {
                    reason: entry.reason,
                    revoked_at: entry.revoked_at,
                    list_issued_at: check.list_issued_at,
                }),
                None => self.verdict.clone(),
            },
            (Some(status), true) => match status.status {
                StatusKind::Revoked => Verdict::Invalid(Reason::Revoked {
                    reason: status.reason.clone(),
                }),
                StatusKind::Superseded => Verdict::Invalid(Reason::Superseded {
                    by: status.superseded_by.clone(),
                }),
                StatusKind::Valid => self.verdict.clone(),
            },
            _ => self.verdict.clone(),
        }
    }
}

/// How much the verifier tolerates, beyond the seal's own claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// How far in the future of the verification time a seal's issue time (`iat`) may be
    /// before the seal is [`Reason::IssuedInFuture`]: the issuer's and the checker's clocks
    /// differ a little. Default [`Policy::DEFAULT_CLOCK_SKEW`].
    pub clock_skew: Duration,
}

impl Policy {
    /// Five minutes: the allowance JWT libraries commonly give `iat`/`nbf` (RFC 7519 §4.1.5).
    pub const DEFAULT_CLOCK_SKEW: Duration = Duration::minutes(5);
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            clock_skew: Self::DEFAULT_CLOCK_SKEW,
        }
    }
}

/// Verifies seal text alone (as scanned): the content binding is not checked.
pub fn verify_text(seal_text: &str, trust_list: &TrustList, now: OffsetDateTime) -> Verification {
    verify_text_with(seal_text, trust_list, now, &Policy::default())
}

/// [`verify_text`] with an explicit [`Policy`].
pub fn verify_text_with(
    seal_text: &str,
    trust_list: &TrustList,
    now: OffsetDateTime,
    policy: &Policy,
) -> Verification {
    let binding = ContentBinding::NotCheckedText;
    check_seal(seal_text, trust_list, now, policy, binding)
}

/// Verifies a sealed PDF: reads its seal and checks it, then compares the content digest.
pub fn verify_pdf(pdf_bytes: &[u8], trust_list: &TrustList, now: OffsetDateTime) -> Verification {
    verify_pdf_with(pdf_bytes, trust_list, now, &Policy::default())
}

/// [`verify_pdf`] with an explicit [`Policy`].
pub fn verify_pdf_with(
    pdf_bytes: &[u8],
    trust_list: &TrustList,
    now: OffsetDateTime,
    policy: &Policy,
) -> Verification {
    let found = match pdf::read_seal(pdf_bytes) {
        Ok(found) => found,
        Err(pdf::PdfError::NoSeal) => {
            return Verification::invalid(Reason::NoSeal, ContentBinding::Checked);
        }
        Err(pdf::PdfError::Ambiguous(why)) => {
            return Verification::invalid(Reason::AmbiguousPdf(why), ContentBinding::Checked);
        }
        Err(pdf::PdfError::Tampered(why)) => {
            return Verification::invalid(Reason::ContentMismatch(why), ContentBinding::Checked);
        }
        Err(e @ pdf::PdfError::Malformed(_)) => {
            return Verification::invalid(
                Reason::Malformed(e.to_string()),
                ContentBinding::Checked,
            );
        }
    };
    let binding = ContentBinding::Checked;
    let mut result = check_seal(&found.seal_text, trust_list, now, policy, binding);
    if let Some(claims) = &result.claims {
        let sealed_pages = usize::from(claims.pages);
        let why = if found.pages != sealed_pages {
            let what = if found.pages < sealed_pages {
                "removed"
            } else {
                "added"
            };
            Some(format!(
                "the PDF has {} pages, the seal says {sealed_pages}: a page was {what}",
                found.pages
            ))
        } else if !claims.content_digest.matches(&found.content_digest) {
            Some(
                found
                    .out_of_order
                    .clone()
                    .unwrap_or_else(|| "the PDF's content digest differs from the seal's".into()),
            )
        } else {
            None
        };
        if let Some(why) = why {
            result.verdict = Verdict::Invalid(Reason::ContentMismatch(why));
        }
    }
    result
}

/// Verifies a photo or scan of a sealed document (any format [`photo::read_seal`] reads): only
/// the seal is checked. An image that cannot be decoded or is too large is
/// [`Reason::Unreadable`], not a verdict on the document.
pub fn verify_image(image: &[u8], trust_list: &TrustList, now: OffsetDateTime) -> Verification {
    verify_image_with(image, trust_list, now, &Policy::default())
}

/// [`verify_image`] with an explicit [`Policy`].
pub fn verify_image_with(
    image: &[u8],
    trust_list: &TrustList,
    now: OffsetDateTime,
    policy: &Policy,
) -> Verification {
    let binding = ContentBinding::NotCheckedPhoto;
    match photo::read_seal(image) {
        Ok(text) => check_seal(&text, trust_list, now, policy, binding),
        Err(photo::PhotoError::NoSeal) => Verification::invalid(Reason::NoSeal, binding),
        Err(e) => Verification::invalid(Reason::Unreadable(e.to_string()), binding),
    }
}

/// The checks every route shares, in order: format, key, signature, key policy, issue time,
/// expiry.
fn check_seal(
    seal_text: &str,
    trust_list: &TrustList,
    now: OffsetDateTime,
    policy: &Policy,
    content_binding: ContentBinding,
) -> Verification {
    let signed = match seal::parse(seal_text) {
        Ok(signed) => signed,
        Err(e) => return Verification::invalid(Reason::Malformed(e.to_string()), content_binding),
    };
    let mut result = Verification::invalid(Reason::UnknownKey, content_binding);
    result.key_id = Some(signed.key_id().clone());
    let mut candidates = trust_list.keys_with_id(signed.key_id()).peekable();
    if candidates.peek().is_none() {
        return result;
    }
    let Some((key, claims)) = candidates.find_map(|k| signed.verify(&k.public_key).map(|c| (k, c)))
    else {
        result.verdict = Verdict::Invalid(Reason::BadSignature);
        return result;
    };
    result.issuer = Some(key.issuer.clone());
    if !key.valid_at(claims.issued_at) {
        result.verdict = Verdict::Invalid(Reason::KeyNotValidAtIssue);
        return result;
    }
    if !key.allows(claims.document_type()) {
        result.verdict = Verdict::Invalid(Reason::KeyNotAllowedForType);
        return result;
    }
    if claims.issuer.as_ref().is_some_and(|iss| iss != &key.issuer) {
        result.verdict = Verdict::Invalid(Reason::Malformed(
            "the seal's issuer differs from the trust list's".into(),
        ));
        return result;
    }
    // A seal dated after now (beyond the skew) is post-dated or mis-dated: its claims are not
    // shown, as the date is part of what the person checking relies on.
    let latest_issue = now.checked_add(policy.clock_skew);
    if latest_issue.is_some_and(|latest| claims.issued_at > latest) {
        result.verdict = Verdict::Invalid(Reason::IssuedInFuture {
            issued_at: claims.issued_at,
        });
        return result;
    }
    result.claims = Some(claims.clone());
    result.verdict = match claims.valid_until() {
        Some(until) if now > until => Verdict::Invalid(Reason::Expired { valid_until: until }),
        _ => Verdict::Valid,
    };
    result
}
