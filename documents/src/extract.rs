//! The criminal record extract: its content and its rendering as a sealed PDF of as many pages
//! as its entries need.

pub(crate) mod labels;
mod layout;

use guichet_verifier::seal::{self, Bulletin, DocumentData, ExtractData, Issuer};
use time::{Date, OffsetDateTime};

use crate::RenderError;
use crate::sealed::{self, Common};

pub use crate::sealed::{Issued, SEALED_DIGEST_BYTES, qr_version};
pub use labels::Language;
pub(crate) use labels::{
    codes_domain_billing_and_accounting, codes_domain_employee_affiliations,
    codes_domain_employer_general_data, codes_domain_pay_and_sick_leave, codes_employer,
    codes_employer_number, codes_holder, codes_holder_access, codes_mandatary,
    codes_mandatary_access, codes_mandatary_security, codes_revocation, codes_statement,
    codes_title, codes_warning, page_of, residence_address, residence_nationality,
    residence_statement, residence_title,
};

/// Everything the extract states about its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractContent {
    /// The person the extract is about.
    pub subject: Subject,
    /// The bulletin the extract is (n° 3 general, n° 5 protection of minors).
    pub bulletin: Bulletin,
    /// The purpose the person gave, printed as given (already in the extract's language).
    pub purpose: Option<String>,
    /// What the criminal record holds for that bulletin.
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

/// The extract's labels, shared with the other document types.
pub(crate) fn labels_of(language: Language) -> labels::Labels {
    labels::Labels::of(language)
}

/// Renders and seals `content`, signed by `issuer`, issued at `issued_at`: a PDF of as many
/// pages as the entries need (at most 50), the seal on every page, saying the bulletin, the
/// outcome and the page count.
///
/// The document number must be the seal's document id in hex (8 to 32 characters) and the
/// issue date must be `issued_at`'s date: the page and the seal say the same.
///
/// # Errors
/// [`RenderError::Unencodable`] for a character Helvetica cannot print,
/// [`RenderError::TooLong`] past 50 pages, [`RenderError::Claims`] for a number or date that
/// disagrees with the seal.
pub fn issue(
    content: &ExtractContent,
    issuer: &Issuer,
    issued_at: OffsetDateTime,
) -> Result<Issued, RenderError> {
    let labels = labels::Labels::of(content.language);
    let pages = layout::lay_out(content, &labels)?;
    let common = Common {
        document_number: &content.document_number,
        issue_date: content.issue_date,
        subject: seal::Subject {
            family_name: content.subject.family_name.clone(),
            given_name: content.subject.given_names.clone(),
            birth_date: content.subject.birth_date,
        },
        language: content.language,
    };
    let data = DocumentData::CriminalRecordExtract(ExtractData {
        bulletin: content.bulletin,
        outcome: match content.outcome {
            Outcome::NoEntry => seal::Outcome::NoEntry,
            Outcome::Entries(_) => seal::Outcome::EntriesListed,
        },
    });
    sealed::issue(pages, &labels.title, common, data, issuer, issued_at)
}
