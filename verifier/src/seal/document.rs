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
}

/// The type of a document together with what that type states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentData {
    /// A criminal record extract.
    CriminalRecordExtract(ExtractData),
    /// A certificate of residence.
    ResidenceCertificate(ResidenceData),
}

impl DocumentData {
    /// The document type this data belongs to.
    pub fn document_type(&self) -> DocumentType {
        match self {
            DocumentData::CriminalRecordExtract(_) => DocumentType::CriminalRecordExtract,
            DocumentData::ResidenceCertificate(_) => DocumentType::ResidenceCertificate,
        }
    }

    /// The extract's data, when it is one.
    pub fn as_extract(&self) -> Option<&ExtractData> {
        match self {
            DocumentData::CriminalRecordExtract(e) => Some(e),
            DocumentData::ResidenceCertificate(_) => None,
        }
    }

    /// The certificate of residence's data, when it is one.
    pub fn as_residence(&self) -> Option<&ResidenceData> {
        match self {
            DocumentData::ResidenceCertificate(r) => Some(r),
            DocumentData::CriminalRecordExtract(_) => None,
        }
    }

    /// The type-specific entries of the document claim, in key order.
    #[cfg(feature = "issue")]
    pub(crate) fn encode(&self) -> Result<Vec<(Value, Value)>, String> {
        match self {
            DocumentData::CriminalRecordExtract(e) => Ok(e.encode()),
            DocumentData::ResidenceCertificate(r) => r.encode(),
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
