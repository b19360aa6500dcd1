//! Certification of professional spaces and mandates per domain: the social security centre's
//! four domains, the codes it sends, what a certification request asks for, and the lockout that
//! stops guessing.

pub mod codes;

pub use guichet_verifier::seal::Domain;

use super::{Error, Invalid};
use serde_json::Value;
use std::collections::BTreeSet;
use time::{Duration, OffsetDateTime};

/// The procedure that asks for certification.
pub const CERTIFICATION_PROCEDURE: &str = "professional-space-certification";

/// The administration that certifies and whose domains these are.
pub const CCSS: &str = "ccss";

/// The key of a domain in the certification request's field names (`domain_<key>`,
/// `mandatary_<key>_matricule`).
pub fn form_key(domain: Domain) -> &'static str {
    match domain {
        Domain::EmployeeAffiliations => "affiliations",
        Domain::PayAndSickLeave => "pay",
        Domain::EmployerGeneralData => "employer",
        Domain::BillingAndAccounting => "billing",
    }
}

/// Parses a domain named in a request body.
pub fn parse_domain(field: &str, slug: &str) -> Result<Domain, Error> {
    Domain::from_slug(slug.trim()).ok_or_else(|| Error::invalid(field, Invalid::Choice))
}

/// What a code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// The holder access code of a domain: with the holder's security code, the main mandate.
    Holder,
    /// The revocation code of a domain: withdraws the domain's mandates at once.
    Revocation,
    /// A mandatary access code for one domain: with the mandatary's security code, a mandate.
    Mandatary,
}

impl CodeKind {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::Holder, Self::Revocation, Self::Mandatary];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holder => "holder",
            Self::Revocation => "revocation",
            Self::Mandatary => "mandatary",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whose a mandate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MandateKind {
    /// The employer's own ("mandat principal"): its space is certified for the domain.
    Main,
    /// A mandatary's (accountant, fiduciary): their space acts for the employer in the domain.
    Mandatary,
}

impl MandateKind {
    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::Mandatary => "mandatary",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Main, Self::Mandatary]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A mandatary the request names, with the domains they are named for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedMandatary {
    /// Their national identification number.
    pub matricule: String,
    /// Their name, as the employer wrote it.
    pub name: String,
    /// The domains (in bit order).
    pub domains: Vec<Domain>,
}

/// What a certification request asks for: the domains (ticked, or named with a mandatary; none
/// at all means every domain), the mandataries, the employer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The employer's name.
    pub employer_name: String,
    /// The employer's number at the social security centre.
    pub employer_number: String,
    /// The filer's national identification number.
    pub filer_matricule: String,
    /// The security code the employer chose (6 to 10 characters).
    pub security_code: String,
    /// The domains requested.
    pub domains: Vec<Domain>,
    /// The mandataries, one entry per person.
    pub mandataries: Vec<NamedMandatary>,
}

impl Request {
    /// Reads a transmitted request's form data; `None` when a required value is missing.
    pub fn from_form(data: &Value) -> Option<Self> {
        let text = |k: &str| {
            data.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut domains = BTreeSet::new();
        let mut mandataries: Vec<NamedMandatary> = Vec::new();
        for d in Domain::ALL {
            let key = form_key(d);
            if data.get(format!("domain_{key}")) == Some(&Value::Bool(true)) {
                domains.insert(d);
            }
            if let Some(matricule) = text(&format!("mandatary_{key}_matricule")) {
                domains.insert(d);
                let name =
                    text(&format!("mandatary_{key}_name")).unwrap_or_else(|| matricule.clone());
                match mandataries.iter_mut().find(|m| m.matricule == matricule) {
                    Some(m) => m.domains.push(d),
                    None => mandataries.push(NamedMandatary {
                        matricule,
                        name,
                        domains: vec![d],
                    }),
                }
            }
        }
        if domains.is_empty() {
            domains.extend(Domain::ALL);
        }
        Some(Self {
            employer_name: text("employer_name")?,
            employer_number: text("employer_number")?,
            filer_matricule: text("filer_matricule")?,
            security_code: data
                .get("security_code")
                .and_then(Value::as_str)?
                .to_string(),
            domains: domains.into_iter().collect(),
            mandataries,
        })
    }
}

/// Wrong codes in a row before a lock.
pub const MAX_FAILURES: i32 = 5;
/// How long the first lock lasts; each further failure while counting doubles it (at most a day).
pub const FIRST_LOCK: Duration = Duration::minutes(15);

/// Failures counted against one subject (a space, or a code), and its lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lockout {
    /// Wrong codes since the last success.
    pub failures: i32,
    /// Until when every attempt is refused.
    pub locked_until: Option<OffsetDateTime>,
}

impl Lockout {
    /// The seconds still to wait at `now`, when locked.
    pub fn wait(&self, now: OffsetDateTime) -> Option<u64> {
        self.locked_until.filter(|until| *until > now).map(|until| {
            u64::try_from((until - now).whole_seconds())
                .unwrap_or(0)
                .max(1)
        })
    }

    /// After one more wrong code at `now`: counted, and locked from the [`MAX_FAILURES`]-th
    /// on (15 minutes, doubling with each further failure, at most a day).
    pub fn failed(self, now: OffsetDateTime) -> Self {
        let failures = self.failures.saturating_add(1);
        let locked_until = (failures >= MAX_FAILURES).then(|| {
            let doublings = u32::try_from(failures - MAX_FAILURES).unwrap_or(0).min(7);
            let lock = (FIRST_LOCK * 2_i32.pow(doublings)).min(Duration::days(1));
            now + lock
        });
        Self {
            failures,
            locked_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn a_request_asks_for_the_ticked_domains_and_those_naming_a_mandatary() {
        let data = json!({
            "employer_name": "Boulangerie Lentz Sàrl", "employer_number": "20081234567",
            "filer_matricule": "1980010112345", "security_code": "S3cure99",
            "domain_pay": true,
            "mandatary_affiliations_matricule": "1975020298765",
            "mandatary_affiliations_name": "Fiduciaire Kayser",
            "mandatary_pay_matricule": "1975020298765",
        });
        let r = Request::from_form(&data).unwrap();
        assert_eq!(
            r.domains,
            [Domain::EmployeeAffiliations, Domain::PayAndSickLeave]
        );
        assert_eq!(r.mandataries.len(), 1);
        assert_eq!(r.mandataries[0].name, "Fiduciaire Kayser");
        assert_eq!(
            r.mandataries[0].domains,
            [Domain::EmployeeAffiliations, Domain::PayAndSickLeave]
        );
        let none = json!({"employer_name": "X", "employer_number": "20081234567",
            "filer_matricule": "1", "security_code": "S3cure99"});
        assert_eq!(Request::from_form(&none).unwrap().domains, Domain::ALL);
    }

    #[test]
    fn the_fifth_wrong_code_locks_for_fifteen_minutes_and_the_next_doubles_it() {
        let now = datetime!(2026-12-01 10:00 UTC);
        let mut l = Lockout::default();
        for _ in 0..4 {
            l = l.failed(now);
            assert_eq!(l.wait(now), None);
        }
        l = l.failed(now);
        assert_eq!(l.wait(now), Some(15 * 60));
        assert_eq!(l.wait(now + Duration::minutes(15)), None);
        l = l.failed(now);
        assert_eq!(l.wait(now), Some(30 * 60));
    }
}
