//! The criminal record extract: its content and its rendering as a sealed one-page PDF.

mod issue;
mod labels;
mod layout;

use time::Date;

use crate::{RenderError, page, qr};

pub use issue::{Issued, SEALED_DIGEST_BYTES, issue};
pub use labels::Language;

/// Everything the extract states about its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractContent {
    /// The person the extract is about.
    pub subject: Subject,
    /// What the criminal record holds.
    pub outcome: Outcome,
    /// The document number printed on the extract; [`issue`] requires the seal's document id
    /// in upper-case hex (e.g. `4F1C09A2`).
    pub document_number: String,
    /// The day the extract was issued.
    pub issue_date: Date,
    /// The authority issuing the extract, printed in the header.
    pub authority: String,
    /// The language the extract is written in.
    pub language: Language,
    /// The verification code printed under the QR code (e.g. `K7MX-PR4C`), for checking the
    /// document by typing its number and this code; part of the page, so the seal's content
    /// digest binds it. `None` prints none.
    pub verification_code: Option<String>,
}

/// The person an extract is about, as the national register knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Family name(s).
    pub family_name: String,
    /// Given name(s).
    pub given_names: String,
    /// Date of birth.
    pub birth_date: Date,
    /// Place of birth.
    pub birth_place: String,
}

/// What the criminal record holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The record holds no entry ("néant").
    NoEntry,
    /// The record holds these entries (at least one).
    Entries(Vec<Entry>),
}

/// One conviction listed on the extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The court that gave the judgment.
    pub court: String,
    /// The day of the judgment.
    pub date: Date,
    /// The offence.
    pub offence: String,
    /// The sentence.
    pub sentence: String,
}

/// Renders `content` as a sealed one-page PDF.
///
/// The page is built with a blank seal image; its content digest
/// ([`guichet_verifier::pdf::content_digest`]) is passed to `seal`, which returns the seal
/// text (the caller builds and signs the claims, the digest among them). The text is encoded
/// as a QR code (alphanumeric, EC level Q, smallest version) into the seal image and the PDF
/// is saved; its digest is checked again before it is returned.
pub fn render<E>(
    content: &ExtractContent,
    seal: impl FnOnce(&[u8; 32]) -> Result<String, E>,
) -> Result<Vec<u8>, RenderError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let labels = labels::Labels::of(content.language);
    let mut doc = layout::lay_out(content, &labels)?.build(&labels.title);
    let draft = page::save(&mut doc)?;
    let digest = digest(&draft)?;
    let seal_text = seal(&digest).map_err(|e| RenderError::Seal(e.into()))?;
    page::set_seal(&mut doc, &qr::encode(&seal_text)?)?;
    let pdf = page::save(&mut doc)?;
    if self::digest(&pdf)? != digest {
        return Err(RenderError::DigestMismatch);
    }
    Ok(pdf)
}

/// The QR version the seal text is rendered in (alphanumeric mode, EC level Q).
pub fn qr_version(seal_text: &str) -> Result<i16, RenderError> {
    Ok(qr::encode(seal_text)?.version)
}

fn digest(pdf: &[u8]) -> Result<[u8; 32], RenderError> {
    guichet_verifier::pdf::content_digest(pdf).map_err(|e| RenderError::Pdf(e.to_string()))
}
