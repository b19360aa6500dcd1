//! CBOR encoding of the claims: integer keys, integer dates, one-byte codes.

use ciborium::Value;
use time::OffsetDateTime;

use super::claims::{
    Claims, ContentDigest, DocumentId, DocumentType, MAX_NAME_BYTES, MAX_PAGES, Subject,
    days_to_date, language_from_code,
};
#[cfg(feature = "issue")]
use super::claims::{date_to_days, language_code};
use super::document::DocumentData;
use super::{SealError, cbor};

/// CWT `iss`.
const ISS: i64 = 1;
/// CWT `exp`.
const EXP: i64 = 4;
/// CWT `iat`.
const IAT: i64 = 6;
/// CWT `cti`.
const CTI: i64 = 7;
/// The private claim holding the document's own data (as the EU DCC's `hcert`).
const DOCUMENT: i64 = -260;

/// Keys inside the [`DOCUMENT`] map.
mod doc {
    pub const TYPE: i64 = 1;
    pub const FAMILY: i64 = 2;
    pub const GIVEN: i64 = 3;
    pub const BIRTH: i64 = 4;
    pub const LANGUAGE: i64 = 6;
    pub const DIGEST: i64 = 7;
    pub const PAGES: i64 = 8;
}

/// Encodes the claims as the CBOR map a seal signs, in deterministic key order.
#[cfg(feature = "issue")]
pub(crate) fn encode(claims: &Claims) -> Result<Vec<u8>, SealError> {
    for name in [&claims.subject.family_name, &claims.subject.given_name] {
        if name.len() > MAX_NAME_BYTES {
            return Err(SealError::Encode(format!(
                "a name is longer than {MAX_NAME_BYTES} bytes"
            )));
        }
    }
    let mut outer: Vec<(Value, Value)> = Vec::with_capacity(5);
    if let Some(iss) = &claims.issuer {
        outer.push((ISS.into(), Value::Text(iss.clone())));
    }
    if !(1..=MAX_PAGES).contains(&claims.pages) {
        return Err(SealError::Encode(format!(
            "a document has 1 to {MAX_PAGES} pages"
        )));
    }
    let standard = claims.document_type().standard_expiry(claims.issued_at);
    if let Some(exp) = claims.expires_at.filter(|exp| Some(*exp) != standard) {
        outer.push((EXP.into(), exp.unix_timestamp().into()));
    }
    outer.push((IAT.into(), claims.issued_at.unix_timestamp().into()));
    outer.push((
        CTI.into(),
        Value::Bytes(claims.document_id.as_bytes().to_vec()),
    ));
    let mut inner = vec![
        (doc::TYPE.into(), claims.document_type().code().into()),
        (
            doc::FAMILY.into(),
            Value::Text(claims.subject.family_name.clone()),
        ),
        (
            doc::GIVEN.into(),
            Value::Text(claims.subject.given_name.clone()),
        ),
        (
            doc::BIRTH.into(),
            date_to_days(claims.subject.birth_date).into(),
        ),
        (doc::LANGUAGE.into(), language_code(claims.language).into()),
        (
            doc::DIGEST.into(),
            Value::Bytes(claims.content_digest.as_bytes().to_vec()),
        ),
    ];
    if claims.pages != 1 {
        inner.push((doc::PAGES.into(), claims.pages.into()));
    }
    inner.extend(claims.document.encode().map_err(SealError::Encode)?);
    // Deterministic: the inner keys are all positive, in ascending order.
    inner.sort_by_key(|(key, _)| key.as_integer().map(i128::from));
    outer.push((DOCUMENT.into(), Value::Map(inner)));
    let mut out = Vec::new();
    ciborium::ser::into_writer(&Value::Map(outer), &mut out)
        .map_err(|e| SealError::Encode(e.to_string()))?;
    Ok(out)
}

/// Reads one CBOR item that must fill `bytes` exactly: directly when it is of the kinds
/// [`cbor::read_definite`] reads, else with ciborium (the same value either way).
pub(crate) fn read_value(bytes: &[u8]) -> Result<Value, String> {
    if let Some(value) = cbor::read_definite(bytes) {
        return Ok(value);
    }
    let mut rest = bytes;
    let value: Value = ciborium::de::from_reader(&mut rest).map_err(|e| e.to_string())?;
    if rest.is_empty() {
        Ok(value)
    } else {
        Err("trailing bytes after the CBOR item".into())
    }
}

/// A CBOR map read into integer-keyed entries, refusing other keys and duplicates.
pub(crate) struct IntMap(Vec<(i64, Value)>);

impl IntMap {
    /// Reads a map whose keys are all integers, each once.
    pub(crate) fn from_value(value: Value, what: &str) -> Result<Self, String> {
        let Value::Map(entries) = value else {
            return Err(format!("{what} is not a map"));
        };
        let mut out: Vec<(i64, Value)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let key = key
                .as_integer()
                .and_then(|k| i64::try_from(k).ok())
                .ok_or_else(|| format!("{what} has a key that is not an integer"))?;
            if out.iter().any(|(k, _)| *k == key) {
                return Err(format!("{what} repeats key {key}"));
            }
            out.push((key, value));
        }
        Ok(Self(out))
    }

    /// Takes the value under `key`, if present.
    pub(crate) fn take(&mut self, key: i64) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| *k == key)?;
        Some(self.0.swap_remove(at).1)
    }

    /// Takes the value under `key`, which must be present.
    pub(crate) fn require(&mut self, key: i64, what: &str) -> Result<Value, String> {
        self.take(key).ok_or_else(|| format!("missing {what}"))
    }

    /// Fails if any key was not taken.
    pub(crate) fn finish(self, what: &str) -> Result<(), String> {
        match self.0.first() {
            None => Ok(()),
            Some((key, _)) => Err(format!("{what} has an unknown key {key}")),
        }
    }
}

/// An integer value as `i64`.
pub(crate) fn int(value: Value, what: &str) -> Result<i64, String> {
    value
        .as_integer()
        .and_then(|i| i64::try_from(i).ok())
        .ok_or_else(|| format!("{what} is not an integer"))
}

/// An unsigned integer value.
pub(crate) fn uint(value: Value, what: &str) -> Result<u64, String> {
    value
        .as_integer()
        .and_then(|i| u64::try_from(i).ok())
        .ok_or_else(|| format!("{what} is not an unsigned integer"))
}

/// A text value.
pub(crate) fn text(value: Value, what: &str) -> Result<String, String> {
    match value {
        Value::Text(t) => Ok(t),
        _ => Err(format!("{what} is not text")),
    }
}

/// A byte-string value.
pub(crate) fn bytes(value: Value, what: &str) -> Result<Vec<u8>, String> {
    match value {
        Value::Bytes(b) => Ok(b),
        _ => Err(format!("{what} is not a byte string")),
    }
}

/// A NumericDate (whole seconds since the epoch).
pub(crate) fn timestamp(value: Value, what: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::from_unix_timestamp(int(value, what)?)
        .map_err(|_| format!("{what} is out of range"))
}

/// Decodes the claims a seal signs.
pub(crate) fn decode(payload: &[u8]) -> Result<Claims, SealError> {
    decode_inner(payload).map_err(SealError::BadClaims)
}

fn decode_inner(payload: &[u8]) -> Result<Claims, String> {
    let mut outer = IntMap::from_value(read_value(payload)?, "the claims")?;
    let issuer = outer.take(ISS).map(|v| text(v, "iss")).transpose()?;
    let expires_at = outer.take(EXP).map(|v| timestamp(v, "exp")).transpose()?;
    let issued_at = timestamp(outer.require(IAT, "iat")?, "iat")?;
    let cti = bytes(outer.require(CTI, "cti")?, "cti")?;
    let document_id = DocumentId::from_bytes(&cti).ok_or("cti has a bad length")?;
    let mut inner = IntMap::from_value(
        outer.require(DOCUMENT, "the document claim")?,
        "the document claim",
    )?;
    outer.finish("the claims")?;

    let type_code = uint(
        inner.require(doc::TYPE, "the document type")?,
        "the document type",
    )?;
    let document_type = DocumentType::from_code(type_code).ok_or("unknown document type")?;
    let family_name = text(
        inner.require(doc::FAMILY, "the family name")?,
        "the family name",
    )?;
    let given_name = text(
        inner.require(doc::GIVEN, "the given name")?,
        "the given name",
    )?;
    if family_name.len() > MAX_NAME_BYTES || given_name.len() > MAX_NAME_BYTES {
        return Err("a name is too long".into());
    }
    let birth = int(
        inner.require(doc::BIRTH, "the birth date")?,
        "the birth date",
    )?;
    let birth_date = days_to_date(birth).ok_or("the birth date is out of range")?;
    let language = uint(
        inner.require(doc::LANGUAGE, "the language")?,
        "the language",
    )?;
    let language = language_from_code(language).ok_or("unknown language")?;
    let digest = bytes(
        inner.require(doc::DIGEST, "the content digest")?,
        "the content digest",
    )?;
    let content_digest =
        ContentDigest::from_bytes(&digest).ok_or("the content digest must be 8 to 32 bytes")?;
    let pages = match inner.take(doc::PAGES) {
        None => 1,
        Some(v) => match u16::try_from(uint(v, "the page count")?) {
            // One page is written by leaving the key out: one text, one seal.
            Ok(n) if (2..=MAX_PAGES).contains(&n) => n,
            _ => return Err("the page count is out of range or non-canonical".into()),
        },
    };
    let document = DocumentData::decode(document_type, &mut inner)?;
    inner.finish("the document claim")?;
    if expires_at.is_some_and(|exp| exp < issued_at) {
        return Err("exp is before iat".into());
    }
    Ok(Claims {
        issuer,
        document_id,
        document,
        pages,
        issued_at,
        expires_at,
        subject: Subject {
            family_name,
            given_name,
            birth_date,
        },
        language,
        content_digest,
    })
}

#[cfg(test)]
#[cfg(feature = "issue")]
mod tests {
    use super::*;
    use crate::seal::document::{Address, Bulletin, ExtractData, ResidenceData};
    use crate::seal::{Language, Outcome};

    fn claims(language: Language) -> Claims {
        Claims {
            issuer: None,
            document_id: DocumentId::from_bytes(&[1, 2, 3, 4]).unwrap(),
            document: DocumentData::CriminalRecordExtract(ExtractData {
                bulletin: Bulletin::No3,
                outcome: Outcome::NoEntry,
            }),
            pages: 1,
            issued_at: time::macros::datetime!(2026-11-05 10:00 UTC),
            expires_at: None,
            subject: Subject {
                family_name: "Schmit".into(),
                given_name: "Marie".into(),
                birth_date: time::macros::date!(1984 - 03 - 12),
            },
            language,
            content_digest: ContentDigest::from_bytes(&[7; 8]).unwrap(),
        }
    }

    #[test]
    fn bulletin_5_pages_and_a_residence_address_read_back() {
        let mut extract = claims(Language::Fr);
        extract.document = DocumentData::CriminalRecordExtract(ExtractData {
            bulletin: Bulletin::No5,
            outcome: Outcome::EntriesListed,
        });
        extract.pages = 3;
        assert_eq!(decode(&encode(&extract).unwrap()).unwrap(), extract);
        let mut residence = claims(Language::De);
        residence.document = DocumentData::ResidenceCertificate(ResidenceData {
            address: Address {
                line: "12 Rue de la Gare".into(),
                postcode: 1611,
                locality: "Luxembourg".into(),
            },
        });
        assert_eq!(decode(&encode(&residence).unwrap()).unwrap(), residence);
    }

    #[test]
    fn a_codes_letter_reads_back_its_employer_and_domains_and_needs_one() {
        use crate::seal::document::{CodesData, Domain};
        let mut letter = claims(Language::Fr);
        letter.document = DocumentData::CertificationCodes(CodesData {
            employer_number: "20081234567".into(),
            domains: vec![Domain::EmployeeAffiliations, Domain::BillingAndAccounting],
        });
        assert_eq!(decode(&encode(&letter).unwrap()).unwrap(), letter);
        assert_eq!(letter.valid_until(), None);
        letter.document = DocumentData::CertificationCodes(CodesData {
            employer_number: "20081234567".into(),
            domains: Vec::new(),
        });
        assert!(encode(&letter).is_err());
    }

    #[test]
    fn a_claim_of_another_type_or_a_written_default_is_refused() {
        let payload = encode(&claims(Language::Fr)).unwrap();
        let Ok(Value::Map(outer)) = read_value(&payload) else {
            panic!("not a map")
        };
        let Some((_, Value::Map(inner))) = outer.iter().find(|(k, _)| *k == DOCUMENT.into()) else {
            panic!("no document claims")
        };
        for extra in [(10, Value::Array(vec![])), (9, 3.into()), (8, 1.into())] {
            let mut inner = inner.clone();
            inner.push((Value::from(extra.0), extra.1));
            let mut outer = outer.clone();
            if let Some((_, v)) = outer.iter_mut().find(|(k, _)| *k == DOCUMENT.into()) {
                *v = Value::Map(inner);
            }
            let mut bytes = Vec::new();
            ciborium::ser::into_writer(&Value::Map(outer), &mut bytes).unwrap();
            assert!(decode(&bytes).is_err(), "key {} accepted", extra.0);
        }
    }

    /// The language claim as written on the wire.
    fn wire_language(payload: &[u8]) -> Value {
        let Ok(Value::Map(outer)) = read_value(payload) else {
            panic!("not a map")
        };
        let Some((_, Value::Map(inner))) = outer.into_iter().find(|(k, _)| *k == DOCUMENT.into())
        else {
            panic!("no document claims")
        };
        let found = inner.into_iter().find(|(k, _)| *k == doc::LANGUAGE.into());
        found.map(|(_, v)| v).unwrap()
    }

    #[test]
    fn the_language_travels_as_the_integer_1_2_or_3_and_reads_back() {
        for (language, code) in [(Language::Fr, 1), (Language::De, 2), (Language::En, 3)] {
            let payload = encode(&claims(language)).unwrap();
            assert_eq!(wire_language(&payload), Value::from(code));
            assert_eq!(decode(&payload).unwrap().language, language);
        }
    }
}
