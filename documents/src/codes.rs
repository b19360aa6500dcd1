//! The certification codes letter: the social security centre sends an employer the codes of
//! its professional space (holder access and revocation codes per domain, mandatary codes),
//! sealed like the extract with its own type; the seal names the employer and the domains, the
//! codes are only on the page (bound by the content digest).

use guichet_verifier::seal::{self, CodesData, DocumentData, Domain, Issuer};
use std::borrow::Cow;
use time::{Date, OffsetDateTime};

use crate::extract::{
    Subject, codes_domain_billing_and_accounting, codes_domain_employee_affiliations,
    codes_domain_employer_general_data, codes_domain_pay_and_sick_leave, codes_employer,
    codes_employer_number, codes_holder, codes_holder_access, codes_mandatary,
    codes_mandatary_access, codes_mandatary_security, codes_revocation, codes_statement,
    codes_title, codes_warning, page_of,
};
use crate::flow::{BODY, Flow};
use crate::page::{Font, MARGIN, PAGE, Page};
use crate::sealed::{self, Common, Issued};
use crate::{Language, RenderError};

/// Where values start, right of their labels.
const VALUE_X: f32 = MARGIN + 230.0;

/// The holder's codes for one domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderCodes {
    /// The domain.
    pub domain: Domain,
    /// The holder access code (with its check character).
    pub access_code: String,
    /// The revocation code.
    pub revocation_code: String,
}

/// One mandatary's codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandataryCodes {
    /// The mandatary's name, as the request gave it.
    pub name: String,
    /// The security code the employer hands the mandatary.
    pub security_code: String,
    /// An access code per domain the mandatary was named for.
    pub access: Vec<(Domain, String)>,
}

/// Everything the letter states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesContent {
    /// The person who filed the request (the seal's subject).
    pub subject: Subject,
    /// The employer's name.
    pub employer_name: String,
    /// The employer's number at the social security centre.
    pub employer_number: String,
    /// The holder's codes, per domain requested.
    pub holder: Vec<HolderCodes>,
    /// The mandataries' codes.
    pub mandataries: Vec<MandataryCodes>,
    /// The document number printed on the letter: the seal's document id in hex.
    pub document_number: String,
    /// The day the letter was issued.
    pub issue_date: Date,
    /// The administration sending it, printed in the header.
    pub authority: String,
    /// The language the letter is written in.
    pub language: Language,
}

/// A domain's name in `lang`.
pub fn domain_name(lang: Language, domain: Domain) -> Cow<'static, str> {
    match domain {
        Domain::EmployeeAffiliations => codes_domain_employee_affiliations(lang),
        Domain::PayAndSickLeave => codes_domain_pay_and_sick_leave(lang),
        Domain::EmployerGeneralData => codes_domain_employer_general_data(lang),
        Domain::BillingAndAccounting => codes_domain_billing_and_accounting(lang),
    }
}

/// Renders and seals `content`, signed by `issuer`, issued at `issued_at`.
///
/// # Errors
/// As [`crate::extract::issue`]; [`RenderError::Seal`] for an employer number the seal cannot
/// carry (empty, over 16 bytes) or a letter without any domain.
pub fn issue(
    content: &CodesContent,
    issuer: &Issuer,
    issued_at: OffsetDateTime,
) -> Result<Issued, RenderError> {
    let lang = content.language;
    let title = codes_title(lang);
    let labels = crate::extract::labels_of(lang);
    let header = |page: &mut Page| -> Result<f32, RenderError> {
        let mut y = PAGE.1 - MARGIN;
        page.text(MARGIN, y, Font::Bold, 11.0, &labels.state)?;
        y -= 15.0;
        page.text(MARGIN, y, Font::Regular, BODY, &content.authority)?;
        y -= 10.0;
        page.rule(y);
        y -= 36.0;
        page.text(MARGIN, y, Font::Bold, 16.0, &title)?;
        Ok(y - 28.0)
    };
    let mut flow = Flow::new(&header)?;
    let rows = [
        (
            labels.document_number.to_string(),
            content.document_number.clone(),
        ),
        (labels.issue_date.to_string(), lang.date(content.issue_date)),
        (
            codes_employer(lang).into_owned(),
            content.employer_name.clone(),
        ),
        (
            codes_employer_number(lang).into_owned(),
            content.employer_number.clone(),
        ),
    ];
    for (label, value) in rows {
        field(&mut flow, &label, &value)?;
    }
    flow.down(12.0);
    flow.wrapped(MARGIN, Font::Regular, &codes_statement(lang))?;
    flow.down(12.0);
    heading(&mut flow, &codes_holder(lang))?;
    for h in &content.holder {
        flow.room(14.0)?;
        flow.wrapped(MARGIN, Font::Bold, &domain_name(lang, h.domain))?;
        field(&mut flow, &codes_holder_access(lang), &h.access_code)?;
        field(&mut flow, &codes_revocation(lang), &h.revocation_code)?;
        flow.down(4.0);
    }
    for m in &content.mandataries {
        flow.down(8.0);
        heading(&mut flow, &codes_mandatary(lang, m.name.clone()))?;
        field(&mut flow, &codes_mandatary_security(lang), &m.security_code)?;
        for (domain, code) in &m.access {
            flow.room(14.0)?;
            flow.wrapped(MARGIN, Font::Bold, &domain_name(lang, *domain))?;
            field(&mut flow, &codes_mandatary_access(lang), code)?;
        }
    }
    flow.down(12.0);
    flow.wrapped(MARGIN, Font::Regular, &codes_warning(lang))?;
    let pages = flow.finish(
        |n, m| page_of(lang, n, m, content.document_number.clone()).into_owned(),
        &labels.verification,
    )?;
    let s = &content.subject;
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
    let mut domains: Vec<Domain> = content.holder.iter().map(|h| h.domain).collect();
    domains.sort();
    domains.dedup();
    let data = DocumentData::CertificationCodes(CodesData {
        employer_number: content.employer_number.clone(),
        domains,
    });
    sealed::issue(pages, &title, common, data, issuer, issued_at)
}

fn heading(flow: &mut Flow<'_>, text: &str) -> Result<(), RenderError> {
    flow.room(18.0)?;
    flow.wrapped(MARGIN, Font::Bold, text)?;
    flow.down(2.0);
    Ok(())
}

fn field(flow: &mut Flow<'_>, label: &str, value: &str) -> Result<(), RenderError> {
    flow.room(14.0)?;
    let y = flow.y();
    flow.page().text(MARGIN, y, Font::Regular, BODY, label)?;
    flow.wrapped(VALUE_X, Font::Bold, value)
}
