//! Sealing rendered pages: the content digest over every page, the seal made from it, the QR
//! code drawn on every page, and the digest checked again on the saved file.

use guichet_verifier::seal::{self, Claims, ContentDigest, DocumentData, DocumentId, Issuer};
use time::{Date, OffsetDateTime};

use crate::{Language, RenderError, page, qr};

/// How many bytes of the content digest the seal carries (the size budget's choice).
pub const SEALED_DIGEST_BYTES: usize = 8;

/// A sealed document, as issued.
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

/// Renders `pages` as a PDF titled `title` and seals it.
///
/// The pages are built with a blank seal image; the content digest over all of them
/// ([`guichet_verifier::pdf::content_digest`]) and the page count are passed to `seal`, which
/// returns the seal text. The text is encoded as a QR code (alphanumeric, EC level Q, smallest
/// version) into the one seal image every page shows, and the PDF is saved; its digest is
/// checked again before it is returned.
pub(crate) fn render<E>(
    pages: Vec<page::Page>,
    title: &str,
    seal: impl FnOnce(&[u8; 32], u16) -> Result<String, E>,
) -> Result<Vec<u8>, RenderError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let count = u16::try_from(pages.len()).map_err(|_| RenderError::TooLong(pages.len()))?;
    let mut doc = page::build(pages, title);
    let draft = page::save(&mut doc)?;
    let digest = digest(&draft)?;
    let seal_text = seal(&digest, count).map_err(|e| RenderError::Seal(e.into()))?;
    page::set_seal(&mut doc, &qr::encode(&seal_text)?)?;
    let pdf = page::save(&mut doc)?;
    if self::digest(&pdf)? != digest {
        return Err(RenderError::DigestMismatch);
    }
    Ok(pdf)
}

/// What every sealed document states besides its type's data.
pub(crate) struct Common<'a> {
    /// The number printed on the pages: the seal's document id in hex.
    pub document_number: &'a str,
    /// The day printed on the pages.
    pub issue_date: Date,
    /// The person the document is about.
    pub subject: seal::Subject,
    /// The document's language.
    pub language: Language,
}

/// Seals `pages` for `common` and `data`, signed by `issuer`, issued at `issued_at`.
///
/// The document number must be the seal's document id in hex (8 to 32 characters) and the
/// issue date must be `issued_at`'s date: the page and the seal say the same.
pub(crate) fn issue(
    pages: Vec<page::Page>,
    title: &str,
    common: Common<'_>,
    data: DocumentData,
    issuer: &Issuer,
    issued_at: OffsetDateTime,
) -> Result<Issued, RenderError> {
    let document_id = DocumentId::parse(common.document_number).ok_or_else(|| {
        RenderError::Claims(format!(
            "the document number {:?} is not a document id (8 to 32 hex characters)",
            common.document_number
        ))
    })?;
    if issued_at.date() != common.issue_date {
        return Err(RenderError::Claims(
            "the issue date printed differs from the seal's issue time".into(),
        ));
    }
    let mut sealed = None;
    let pdf = render(pages, title, |digest, pages| {
        let claims = Claims {
            issuer: None,
            document_id,
            document: data,
            pages,
            issued_at,
            expires_at: None,
            subject: common.subject,
            language: common.language,
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

/// The QR version the seal text is rendered in (alphanumeric mode, EC level Q).
pub fn qr_version(seal_text: &str) -> Result<i16, RenderError> {
    Ok(qr::encode(seal_text)?.version)
}

fn digest(pdf: &[u8]) -> Result<[u8; 32], RenderError> {
    guichet_verifier::pdf::content_digest(pdf).map_err(|e| RenderError::Pdf(e.to_string()))
}
