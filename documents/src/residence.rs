//! The certificate of residence: a municipality states, from the national register, where a
//! person lives on the day of issue. One page, sealed like the extract with its own type.

use guichet_verifier::seal::{self, Address, DocumentData, Issuer, ResidenceData};
use time::{Date, OffsetDateTime};

use crate::extract::{
    Subject, page_of, residence_address, residence_nationality, residence_statement,
    residence_title,
};
use crate::flow::{BODY, Flow};
use crate::page::{Font, MARGIN, PAGE, Page};
use crate::sealed::{self, Common, Issued};
use crate::{Language, RenderError};

/// Where values start, right of their labels.
const VALUE_X: f32 = MARGIN + 150.0;

/// Everything the certificate states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidenceContent {
    /// The person, as the national register knows them.
    pub subject: Subject,
    /// Their nationality as printed (e.g. `LU`).
    pub nationality: String,
    /// Their address in the register on the day of issue.
    pub address: Address,
    /// The document number printed on the certificate: the seal's document id in hex.
    pub document_number: String,
    /// The day the certificate was issued.
    pub issue_date: Date,
    /// The municipality's office issuing it, printed in the header.
    pub authority: String,
    /// The language the certificate is written in.
    pub language: Language,
}

/// Renders and seals `content`, signed by `issuer`, issued at `issued_at`: one page whose seal
/// carries the address to compare.
///
/// # Errors
/// As [`crate::extract::issue`]; [`RenderError::Seal`] for an address the seal cannot carry
/// (a postcode outside 1000..=9999, a text over 100 bytes).
pub fn issue(
    content: &ResidenceContent,
    issuer: &Issuer,
    issued_at: OffsetDateTime,
) -> Result<Issued, RenderError> {
    let lang = content.language;
    let title = residence_title(lang);
    let header = |page: &mut Page| -> Result<f32, RenderError> {
        let mut y = PAGE.1 - MARGIN;
        page.text(MARGIN, y, Font::Bold, 11.0, &state(lang))?;
        y -= 15.0;
        page.text(MARGIN, y, Font::Regular, BODY, &content.authority)?;
        y -= 10.0;
        page.rule(y);
        y -= 36.0;
        page.text(MARGIN, y, Font::Bold, 18.0, &title)?;
        Ok(y - 28.0)
    };
    let mut flow = Flow::new(&header)?;
    let labels = crate::extract::labels_of(lang);
    let s = &content.subject;
    let rows = [
        (
            labels.document_number.to_string(),
            content.document_number.clone(),
        ),
        (labels.issue_date.to_string(), lang.date(content.issue_date)),
    ];
    for (label, value) in rows {
        field(&mut flow, &label, &value)?;
    }
    flow.down(16.0);
    flow.wrapped(MARGIN, Font::Regular, &residence_statement(lang))?;
    flow.down(10.0);
    let rows = [
        (labels.family_name.to_string(), s.family_name.clone()),
        (labels.given_names.to_string(), s.given_names.clone()),
        (labels.birth_date.to_string(), lang.date(s.birth_date)),
        (labels.birth_place.to_string(), s.birth_place.clone()),
        (
            residence_nationality(lang).into_owned(),
            content.nationality.clone(),
        ),
        (
            residence_address(lang).into_owned(),
            content.address.to_string(),
        ),
    ];
    for (label, value) in rows {
        field(&mut flow, &label, &value)?;
    }
    let pages = flow.finish(
        |n, m| page_of(lang, n, m, content.document_number.clone()).into_owned(),
        &labels.verification,
    )?;
    let common = Common {
        document_number: &content.document_number,
        issue_date: content.issue_date,
        subject: seal::Subject {
            family_name: s.family_name.clone(),
            given_name: s.given_names.clone(),
            birth_date: s.birth_date,
        },
        language: lang,
    };
    let data = DocumentData::ResidenceCertificate(ResidenceData {
        address: content.address.clone(),
    });
    sealed::issue(pages, &title, common, data, issuer, issued_at)
}

fn state(lang: Language) -> String {
    crate::extract::labels_of(lang).state.into_owned()
}

fn field(flow: &mut Flow<'_>, label: &str, value: &str) -> Result<(), RenderError> {
    flow.room(14.0)?;
    let y = flow.y();
    flow.page().text(MARGIN, y, Font::Regular, BODY, label)?;
    flow.wrapped(VALUE_X, Font::Bold, value)
}
