//! Issuing an extract: the claims built from its content, signed, and sealed into the PDF.

use guichet_verifier::seal::{self, Claims, ContentDigest, DocumentId, DocumentType, Issuer};
use time::OffsetDateTime;

use super::{ExtractContent, Outcome, render};
use crate::RenderError;

/// How many bytes of the content digest the seal carries (the size budget's choice).
pub const SEALED_DIGEST_BYTES: usize = 8;

/// A sealed extract, as issued.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// The seal text its QR code holds (`GC1:…`).
    pub seal_text: String,
    /// The claims the seal signs.
    pub claims: Claims,
    /// The full content digest of the PDF; the seal carries its first [`SEALED_DIGEST_BYTES`].
    pub content_digest: [u8; 32],
}

/// Renders and seals `content`, signed by `issuer`, issued at `issued_at`.
///
/// The document number must be the seal's document id in hex (8 to 32 characters) and the
/// issue date must be `issued_at`'s date: the page and the seal say the same.
pub fn issue(
    content: &ExtractContent,
    issuer: &Issuer,
    issued_at: OffsetDateTime,
) -> Result<Issued, RenderError> {
    let document_id = DocumentId::parse(&content.document_number).ok_or_else(|| {
        RenderError::Claims(format!(
            "the document number {:?} is not a document id (8 to 32 hex characters)",
            content.document_number
        ))
    })?;
    if issued_at.date() != content.issue_date {
        return Err(RenderError::Claims(
            "the issue date printed differs from the seal's issue time".into(),
        ));
    }
    let mut sealed = None;
    let pdf = render(content, |digest| {
        let claims = Claims {
            issuer: None,
            document_id,
            document_type: DocumentType::CriminalRecordExtract,
            issued_at,
            expires_at: None,
            subject: seal::Subject {
                family_name: content.subject.family_name.clone(),
                given_name: content.subject.given_names.clone(),
                birth_date: content.subject.birth_date,
            },
            outcome: match content.outcome {
                Outcome::NoEntry => seal::Outcome::NoEntry,
                Outcome::Entries(_) => seal::Outcome::EntriesListed,
            },
            language: content.language,
            content_digest: ContentDigest::truncated(digest, SEALED_DIGEST_BYTES),
        };
        let text = issuer.seal(&claims)?;
        sealed = Some((text.clone(), claims, *digest));
        Ok::<_, seal::SealError>(text)
    })?;
    let (seal_text, claims, content_digest) =
        sealed.ok_or_else(|| RenderError::Pdf("the seal was not made".into()))?;
    Ok(Issued {
        pdf,
        seal_text,
        claims,
        content_digest,
    })
}
