//! What a seal says: the claims, their types, and the document types the format knows.
//!
//! # Size budget and long names
//!
//! The criminal record extract's QR code must fit version 10 at error correction Q (221
//! alphanumeric characters, so 144 bytes of COSE after the 4-character prefix). The signature
//! and COSE framing take 80 bytes, which leaves 64 for the claims. To stay inside it:
//! integer claim keys, dates as integers (birth date in days), one-byte codes for document
//! type, outcome and language, an 8-byte digest and a 4-byte document id; `iss` is not
//! written because the key id already names the issuer through the trust list (a verifier
//! reports the trust list's issuer name), and `exp` is not written when it equals the
//! document type's standard validity (the verifier derives it: `iat` + [`DocumentType::validity_months`]).
//!
//! Measured: "Jean-Claude" "Schmit-Weber" (23 bytes of names) gives 144 bytes, 220
//! characters, version 10-Q: family + given names up to 23 UTF-8 bytes fit version 10.
//! A name that does not fit is **never truncated**: the seal stays valid and the QR code
//! simply grows (version 11 holds 25 more bytes, version 12 another 24). Names are stored as given, up to
//! [`MAX_NAME_BYTES`] bytes each; longer names are refused when sealing.

use std::fmt;

use time::{Date, Month, OffsetDateTime};

pub use super::document::DocumentData;

/// The longest family or given name a seal carries, in UTF-8 bytes.
pub const MAX_NAME_BYTES: usize = 100;

/// The most pages a sealed document may have.
pub const MAX_PAGES: u16 = 200;

/// The shortest content digest prefix a seal may carry, in bytes.
pub const MIN_DIGEST_BYTES: usize = 8;

/// The kinds of document guichet seals. Each has a one-byte code on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentType {
    /// The criminal record extract (bulletin n° 3 or n° 5): wire code 1, valid 3 months from
    /// issue.
    CriminalRecordExtract,
    /// The certificate of residence a municipality issues from the national register: wire
    /// code 2, valid 1 month from issue (an address changes with every move).
    ResidenceCertificate,
    /// The letter of the social security centre carrying a professional space's certification
    /// codes (holder access codes, revocation codes, mandatary codes): wire code 3; it does not
    /// expire (a code stops working when it is used or revoked, not when the letter ages).
    CertificationCodes,
}

impl DocumentType {
    /// Every document type, in code order.
    pub const ALL: [DocumentType; 3] = [
        DocumentType::CriminalRecordExtract,
        DocumentType::ResidenceCertificate,
        DocumentType::CertificationCodes,
    ];

    /// The one-byte code written in seals and trust lists.
    pub fn code(self) -> u8 {
        match self {
            DocumentType::CriminalRecordExtract => 1,
            DocumentType::ResidenceCertificate => 2,
            DocumentType::CertificationCodes => 3,
        }
    }

    /// The document type with this wire code, if the format knows it.
    pub fn from_code(code: u64) -> Option<Self> {
        Self::ALL.into_iter().find(|t| u64::from(t.code()) == code)
    }

    /// The stable text name (`criminal-record-extract`), used in JSON and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            DocumentType::CriminalRecordExtract => "criminal-record-extract",
            DocumentType::ResidenceCertificate => "residence-certificate",
            DocumentType::CertificationCodes => "certification-codes",
        }
    }

    /// The document type with this text name.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// How many calendar months a document of this type stays valid after issue; `None`
    /// when it does not expire. The criminal record extract: 3 months; the certificate of
    /// residence: 1 month; the certification codes letter does not expire.
    pub fn validity_months(self) -> Option<u8> {
        match self {
            DocumentType::CriminalRecordExtract => Some(3),
            DocumentType::ResidenceCertificate => Some(1),
            DocumentType::CertificationCodes => None,
        }
    }

    /// The standard end of validity of a document of this type issued at `issued_at`.
    pub fn standard_expiry(self, issued_at: OffsetDateTime) -> Option<OffsetDateTime> {
        self.validity_months()
            .and_then(|months| add_months(issued_at, months))
    }
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// Adds calendar months, clamping the day to the target month's length (31 Jan + 1 = 28/29 Feb).
fn add_months(at: OffsetDateTime, months: u8) -> Option<OffsetDateTime> {
    let total = i32::from(u8::from(at.month())) - 1 + i32::from(months);
    let year = at.year() + total.div_euclid(12);
    let month = Month::try_from(u8::try_from(total.rem_euclid(12) + 1).ok()?).ok()?;
    let day = at.day().min(month.length(year));
    let date = Date::from_calendar_date(year, month, day).ok()?;
    Some(at.replace_date(date))
}

/// What the document says, as the person checking must see it (wire: a one-byte code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Criminal record extract: no conviction recorded ("néant"). Code 1.
    NoEntry,
    /// Criminal record extract: the extract lists entries. Code 2.
    EntriesListed,
}

impl Outcome {
    /// The one-byte wire code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::NoEntry => 1,
            Outcome::EntriesListed => 2,
        }
    }

    /// The outcome with this wire code.
    pub fn from_code(code: u64) -> Option<Self> {
        match code {
            1 => Some(Outcome::NoEntry),
            2 => Some(Outcome::EntriesListed),
            _ => None,
        }
    }

    /// The stable text name (`no-entry`, `entries-listed`).
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::NoEntry => "no-entry",
            Outcome::EntriesListed => "entries-listed",
        }
    }
}

/// The language the document is written in: the portal's one language type.
pub use guichet_i18n::Language;

/// The one-byte wire code of a document's language, fixed by the seal format: 1 fr, 2 de, 3 en.
pub fn language_code(language: Language) -> u8 {
    match language {
        Language::Fr => 1,
        Language::De => 2,
        Language::En => 3,
    }
}

/// The language with this wire code.
pub fn language_from_code(code: u64) -> Option<Language> {
    Language::ALL
        .into_iter()
        .find(|l| u64::from(language_code(*l)) == code)
}

/// Generates a newtype over a bounded byte string with upper-case hex text form.
macro_rules! byte_id {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Vec<u8>);

        impl $name {
            /// The shortest accepted length, in bytes.
            pub const MIN_LEN: usize = $min;
            /// The longest accepted length, in bytes.
            pub const MAX_LEN: usize = $max;

            /// Wraps raw bytes, refusing a length outside the accepted range.
            pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
                (($min..=$max).contains(&bytes.len())).then(|| Self(bytes.to_vec()))
            }

            /// Parses the hexadecimal text form (either case).
            pub fn parse(text: &str) -> Option<Self> {
                Self::from_bytes(&hex::decode(text).ok()?)
            }

            /// The raw bytes.
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&hex::encode_upper(&self.0))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self)
            }
        }
    };
}

byte_id!(
    /// A document's identifier (CWT `cti`), 4 to 16 bytes, shown as upper-case hex
    /// (the document number printed on the page; issuers use 4 random bytes = 8 characters,
    /// unique among issued documents, which the size budget needs).
    DocumentId,
    4,
    16
);

byte_id!(
    /// A signing key's identifier (COSE `kid`), 4 to 16 bytes; by default the first 4 bytes
    /// of SHA-256 over the Ed25519 public key ([`KeyId::for_public_key`]).
    KeyId,
    4,
    16
);

impl KeyId {
    /// The default key id of an Ed25519 public key: the first 4 bytes of its SHA-256.
    pub fn for_public_key(key: &ed25519_dalek::VerifyingKey) -> Self {
        use sha2::Digest as _;
        let hash = sha2::Sha256::digest(key.as_bytes());
        Self(hash.iter().take(4).copied().collect())
    }
}

byte_id!(
    /// The seal's content digest: the first 8 to 32 bytes of SHA-256 over the PDF's canonical
    /// content (see [`crate::pdf`]). A shorter digest is refused.
    ContentDigest,
    MIN_DIGEST_BYTES,
    32
);

impl ContentDigest {
    /// The digest an issuer writes: the first `len` bytes of the full digest (clamped to 8..=32).
    pub fn truncated(full: &[u8; 32], len: usize) -> Self {
        let len = len.clamp(MIN_DIGEST_BYTES, 32);
        Self(full.iter().take(len).copied().collect())
    }

    /// Whether the full digest computed from a PDF starts with this digest.
    pub fn matches(&self, full: &[u8; 32]) -> bool {
        full.starts_with(&self.0)
    }
}

/// The person the document is about, as the person checking compares it with an ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Family name(s), as on the document.
    pub family_name: String,
    /// Given name(s), as on the document.
    pub given_name: String,
    /// Date of birth.
    pub birth_date: Date,
}

/// Everything a seal signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Optional `iss` text; the verifier requires it to equal the trust list's issuer name.
    /// Issuers leave it out (the key id names the issuer).
    pub issuer: Option<String>,
    /// The document number (`cti`).
    pub document_id: DocumentId,
    /// What kind of document it is and what that type states (bulletin and outcome of an
    /// extract, address of a certificate of residence).
    pub document: DocumentData,
    /// How many pages the PDF has (1 to [`MAX_PAGES`]): a photo of one page tells how many
    /// the whole document has, and a PDF with another count is refused.
    pub pages: u16,
    /// When it was issued (`iat`, whole seconds).
    pub issued_at: OffsetDateTime,
    /// An explicit end of validity (`exp`); `None` means the type's standard validity.
    pub expires_at: Option<OffsetDateTime>,
    /// Who it is about.
    pub subject: Subject,
    /// The language the document is written in.
    pub language: Language,
    /// The content digest binding the seal to the PDF.
    pub content_digest: ContentDigest,
}

impl Claims {
    /// The document's type (the data's variant).
    pub fn document_type(&self) -> DocumentType {
        self.document.document_type()
    }

    /// When the document stops being valid: the explicit `exp`, else the type's standard
    /// validity from `iat`; `None` if it never expires.
    pub fn valid_until(&self) -> Option<OffsetDateTime> {
        self.expires_at
            .or_else(|| self.document_type().standard_expiry(self.issued_at))
    }

    /// Whether the document has expired at `now` (valid up to and including `valid_until`).
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        self.valid_until().is_some_and(|until| now > until)
    }
}

/// The birth date as days since 1970-01-01 (negative before).
#[cfg(feature = "issue")]
pub(crate) fn date_to_days(date: Date) -> i64 {
    i64::from(date.to_julian_day()) - i64::from(UNIX_EPOCH_JULIAN_DAY)
}

/// The date `days` after 1970-01-01.
pub(crate) fn days_to_date(days: i64) -> Option<Date> {
    let julian = i32::try_from(days.checked_add(i64::from(UNIX_EPOCH_JULIAN_DAY))?).ok()?;
    Date::from_julian_day(julian).ok()
}

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

/// Truncates a timestamp to whole seconds, as `iat`/`exp` carry it.
#[cfg(feature = "issue")]
pub(crate) fn whole_seconds(at: OffsetDateTime) -> OffsetDateTime {
    at - time::Duration::nanoseconds(i64::from(at.nanosecond()))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn three_months_clamp_to_the_end_of_a_shorter_month_and_roll_the_year() {
        let validity = |at| DocumentType::CriminalRecordExtract.standard_expiry(at);
        assert_eq!(
            validity(datetime!(2026-11-30 08:00 UTC)),
            Some(datetime!(2027-02-28 08:00 UTC))
        );
        assert_eq!(
            validity(datetime!(2027-11-30 08:00 UTC)),
            Some(datetime!(2028-02-29 08:00 UTC))
        );
        assert_eq!(
            validity(datetime!(2026-10-31 08:00 UTC)),
            Some(datetime!(2027-01-31 08:00 UTC))
        );
        assert_eq!(
            validity(datetime!(2026-05-15 08:00 UTC)),
            Some(datetime!(2026-08-15 08:00 UTC))
        );
    }

    #[test]
    fn language_wire_codes_are_1_fr_2_de_3_en_and_nothing_else() {
        let codes = Language::ALL.map(language_code);
        assert_eq!(codes, [1, 2, 3]);
        for lang in Language::ALL {
            assert_eq!(language_from_code(language_code(lang).into()), Some(lang));
        }
        assert_eq!(language_from_code(0), None);
        assert_eq!(language_from_code(4), None);
    }

    #[test]
    fn birth_dates_before_1970_round_trip_through_days() {
        for date in [
            time::macros::date!(1931 - 02 - 28),
            time::macros::date!(1970 - 01 - 01),
            time::macros::date!(2024 - 02 - 29),
        ] {
            assert_eq!(
                days_to_date(i64::from(date.to_julian_day()) - 2_440_588),
                Some(date)
            );
        }
        assert_eq!(days_to_date(i64::MAX), None);
    }
}
