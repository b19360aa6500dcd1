//! What each document type states, and how its claims travel in the seal.
//!
//! # Wire keys inside the document claim (-260)
//!
//! Common to every type (see [`super::codec`]): 1 type, 2 family name, 3 given name, 4 birth
//! date, 6 language, 7 content digest, 8 page count (absent when 1). Per type:
//!
//! | type | key | value |
//! |---|---|---|
//! | criminal record extract (1) | 5 | outcome code (1 no entry, 2 entries listed) |
//! | | 9 | bulletin number, 3 or 5 (absent: 3, as seals issued before bulletins were named) |
//! | certificate of residence (2) | 10 | address `[line, postcode, locality]`: text, 4-digit integer, text |
//! | certification codes (3) | 11 | the employer's number at the social security centre (text) |
//! | | 12 | the domains the letter carries codes for: bit set of [`Domain::bit`] (1 to 15) |
//!
//! A key that does not belong to the type is refused (the map must be read completely).
//!
//! # Adding a type
//!
//! A variant in [`super::DocumentType`] (code, slug, validity) and in [`DocumentData`], its
//! data struct with `encode`/`decode` here, its labels in the verifier's catalogs, and its
//! rendering module in the documents crate.

use std::fmt;

use ciborium::Value;

use super::claims::{DocumentType, Outcome};
use super::codec::{IntMap, text, uint};

/// Keys of the type-specific claims.
mod key {
    pub const OUTCOME: i64 = 5;
    pub const BULLETIN: i64 = 9;
    pub const ADDRESS: i64 = 10;
    pub const EMPLOYER: i64 = 11;
    pub const DOMAINS: i64 = 12;
}

/// The type of a document together with what that type states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentData {
    /// A criminal record extract.
    CriminalRecordExtract(ExtractData),
    /// A certificate of residence.
    ResidenceCertificate(ResidenceData),
    /// A letter of certification codes.
    CertificationCodes(CodesData),
}

impl DocumentData {
    /// The document type this data belongs to.
    pub fn document_type(&self) -> DocumentType {
        match self {
            DocumentData::CriminalRecordExtract(_) => DocumentType::CriminalRecordExtract,
            DocumentData::ResidenceCertificate(_) => DocumentType::ResidenceCertificate,
            DocumentData::CertificationCodes(_) => DocumentType::CertificationCodes,
        }
    }

    /// The extract's data, when it is one.
    pub fn as_extract(&self) -> Option<&ExtractData> {
        match self {
            DocumentData::CriminalRecordExtract(e) => Some(e),
            _ => None,
        }
    }

    /// The certificate of residence's data, when it is one.
    pub fn as_residence(&self) -> Option<&ResidenceData> {
        match self {
            DocumentData::ResidenceCertificate(r) => Some(r),
            _ => None,
        }
    }

    /// The certification codes letter's data, when it is one.
    pub fn as_codes(&self) -> Option<&CodesData> {
        match self {
            DocumentData::CertificationCodes(c) => Some(c),
            _ => None,
        }
    }

    /// The type-specific entries of the document claim, in key order.
    #[cfg(feature = "issue")]
    pub(crate) fn encode(&self) -> Result<Vec<(Value, Value)>, String> {
        match self {
            DocumentData::CriminalRecordExtract(e) => Ok(e.encode()),
            DocumentData::ResidenceCertificate(r) => r.encode(),
            DocumentData::CertificationCodes(c) => c.encode(),
        }
    }

    /// Reads the type-specific entries of a document of type `document_type` out of `inner`.
    pub(crate) fn decode(document_type: DocumentType, inner: &mut IntMap) -> Result<Self, String> {
        Ok(match document_type {
            DocumentType::CriminalRecordExtract => {
                DocumentData::CriminalRecordExtract(ExtractData::decode(inner)?)
            }
            DocumentType::ResidenceCertificate => {
                DocumentData::ResidenceCertificate(ResidenceData::decode(inner)?)
            }
            DocumentType::CertificationCodes => {
                DocumentData::CertificationCodes(CodesData::decode(inner)?)
            }
        })
    }
}

/// Which bulletin of the criminal record an extract is (loi du 29 mars 2013, art. 8 and 8-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bulletin {
    /// Bulletin n° 3, the general one a person asks for themself.
    No3,
    /// Bulletin n° 5, for work or activities with minors.
    No5,
}

impl Bulletin {
    /// Every bulletin a person may ask for.
    pub const ALL: [Bulletin; 2] = [Bulletin::No3, Bulletin::No5];

    /// The bulletin's number (3 or 5), also its wire code.
    pub fn number(self) -> u8 {
        match self {
            Bulletin::No3 => 3,
            Bulletin::No5 => 5,
        }
    }

    /// The bulletin with this number.
    pub fn from_number(number: u64) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|b| u64::from(b.number()) == number)
    }
}

impl fmt::Display for Bulletin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// What a criminal record extract states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractData {
    /// The bulletin the extract is.
    pub bulletin: Bulletin,
    /// Whether it lists entries (the entries themselves are on the pages, bound by the digest).
    pub outcome: Outcome,
}

impl ExtractData {
    #[cfg(feature = "issue")]
    fn encode(&self) -> Vec<(Value, Value)> {
        let mut out = vec![(key::OUTCOME.into(), self.outcome.code().into())];
        if self.bulletin != Bulletin::No3 {
            out.push((key::BULLETIN.into(), self.bulletin.number().into()));
        }
        out
    }

    fn decode(inner: &mut IntMap) -> Result<Self, String> {
        let outcome = uint(inner.require(key::OUTCOME, "the outcome")?, "the outcome")?;
        let outcome = Outcome::from_code(outcome).ok_or("unknown outcome")?;
        let bulletin = match inner.take(key::BULLETIN) {
            None => Bulletin::No3,
            Some(v) => match Bulletin::from_number(uint(v, "the bulletin")?) {
                // Bulletin 3 is written by leaving the key out: one text, one seal.
                Some(Bulletin::No3) | None => {
                    return Err("unknown or non-canonical bulletin".into());
                }
                Some(b) => b,
            },
        };
        Ok(Self { bulletin, outcome })
    }
}

/// The longest address line or locality a seal carries, in UTF-8 bytes.
pub const MAX_ADDRESS_TEXT: usize = 100;

/// An address in Luxembourg as the national register holds it, in the short form a person
/// compares with the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// House number and street, e.g. `12 Rue de la Gare`.
    pub line: String,
    /// The 4-digit postcode without its `L-` prefix (1000..=9999).
    pub postcode: u16,
    /// The locality, e.g. `Luxembourg`.
    pub locality: String,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, L-{:04} {}", self.line, self.postcode, self.locality)
    }
}

/// What a certificate of residence states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidenceData {
    /// The address the person is registered at, on the day of issue.
    pub address: Address,
}

impl ResidenceData {
    #[cfg(feature = "issue")]
    fn encode(&self) -> Result<Vec<(Value, Value)>, String> {
        let a = &self.address;
        check_address(a)?;
        let value = Value::Array(vec![
            Value::Text(a.line.clone()),
            a.postcode.into(),
            Value::Text(a.locality.clone()),
        ]);
        Ok(vec![(key::ADDRESS.into(), value)])
    }

    fn decode(inner: &mut IntMap) -> Result<Self, String> {
        let Value::Array(parts) = inner.require(key::ADDRESS, "the address")? else {
            return Err("the address is not an array".into());
        };
        let [line, postcode, locality]: [Value; 3] = parts
            .try_into()
            .map_err(|_| "the address has not 3 parts")?;
        let postcode = u16::try_from(uint(postcode, "the postcode")?)
            .map_err(|_| "the postcode is out of range")?;
        let address = Address {
            line: text(line, "the address line")?,
            postcode,
            locality: text(locality, "the locality")?,
        };
        check_address(&address)?;
        Ok(Self { address })
    }
}

fn check_address(a: &Address) -> Result<(), String> {
    if !(1000..=9999).contains(&a.postcode) {
        return Err("the postcode is not 4 digits".into());
    }
    if a.line.len() > MAX_ADDRESS_TEXT || a.locality.len() > MAX_ADDRESS_TEXT {
        return Err(format!(
            "an address text is longer than {MAX_ADDRESS_TEXT} bytes"
        ));
    }
    Ok(())
}

/// The longest employer number a seal carries, in UTF-8 bytes.
pub const MAX_EMPLOYER_NUMBER: usize = 16;

/// A domain of the social security centre's services, certified separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Domain {
    /// Employee affiliations: bit 1.
    EmployeeAffiliations,
    /// Pay and sick leave: bit 2.
    PayAndSickLeave,
    /// Employer general data: bit 4.
    EmployerGeneralData,
    /// Billing and accounting: bit 8.
    BillingAndAccounting,
}

impl Domain {
    /// Every domain, in bit order.
    pub const ALL: [Domain; 4] = [
        Domain::EmployeeAffiliations,
        Domain::PayAndSickLeave,
        Domain::EmployerGeneralData,
        Domain::BillingAndAccounting,
    ];

    /// The domain's bit in the seal's domain set.
    pub fn bit(self) -> u8 {
        match self {
            Domain::EmployeeAffiliations => 1,
            Domain::PayAndSickLeave => 2,
            Domain::EmployerGeneralData => 4,
            Domain::BillingAndAccounting => 8,
        }
    }

    /// The stable text name (`employee-affiliations`), used in JSON and in the catalog.
    pub fn slug(self) -> &'static str {
        match self {
            Domain::EmployeeAffiliations => "employee-affiliations",
            Domain::PayAndSickLeave => "pay-and-sick-leave",
            Domain::EmployerGeneralData => "employer-general-data",
            Domain::BillingAndAccounting => "billing-and-accounting",
        }
    }

    /// The domain with this text name.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.slug() == slug)
    }
}

/// What a certification codes letter states: for which employer, and which domains it carries
/// codes for (the codes themselves are on the page, bound by the digest, never in the seal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesData {
    /// The employer's number at the social security centre.
    pub employer_number: String,
    /// The domains, in bit order (at least one).
    pub domains: Vec<Domain>,
}

impl CodesData {
    #[cfg(feature = "issue")]
    fn encode(&self) -> Result<Vec<(Value, Value)>, String> {
        check_employer(&self.employer_number)?;
        let bits = self.domains.iter().fold(0u8, |b, d| b | d.bit());
        if bits == 0 {
            return Err("a codes letter names at least one domain".into());
        }
        Ok(vec![
            (
                key::EMPLOYER.into(),
                Value::Text(self.employer_number.clone()),
            ),
            (key::DOMAINS.into(), bits.into()),
        ])
    }

    fn decode(inner: &mut IntMap) -> Result<Self, String> {
        let employer_number = text(
            inner.require(key::EMPLOYER, "the employer")?,
            "the employer",
        )?;
        check_employer(&employer_number)?;
        let bits = uint(inner.require(key::DOMAINS, "the domains")?, "the domains")?;
        if !(1..=15).contains(&bits) {
            return Err("the domain set is out of range".into());
        }
        let domains = Domain::ALL
            .into_iter()
            .filter(|d| bits & u64::from(d.bit()) != 0)
            .collect();
        Ok(Self {
            employer_number,
            domains,
        })
    }
}

fn check_employer(number: &str) -> Result<(), String> {
    if number.is_empty() || number.len() > MAX_EMPLOYER_NUMBER {
        return Err(format!(
            "the employer number is empty or longer than {MAX_EMPLOYER_NUMBER} bytes"
        ));
    }
    Ok(())
}
