//! The personal data a space keeps: which fields exist, where they come from, what is valid.

use super::{Error, Invalid, Language};

/// Where a profile field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The national register of natural persons: read-only here.
    NationalRegister,
    /// Given by the holder: editable.
    Holder,
}

/// A field of the profile, as forms see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name in the API.
    pub name: &'static str,
    /// Whether the field must have a value.
    pub mandatory: bool,
    /// Where its value comes from.
    pub source: Source,
}

const fn field(name: &'static str, mandatory: bool, source: Source) -> FieldSpec {
    FieldSpec {
        name,
        mandatory,
        source,
    }
}

/// Every profile field, in display order.
pub const FIELDS: &[FieldSpec] = &[
    field("family_name", true, Source::NationalRegister),
    field("given_names", true, Source::NationalRegister),
    field("birth_date", true, Source::NationalRegister),
    field("birth_place", true, Source::NationalRegister),
    field("nationality", true, Source::NationalRegister),
    field("street", true, Source::NationalRegister),
    field("house_number", true, Source::NationalRegister),
    field("postcode", true, Source::NationalRegister),
    field("locality", true, Source::NationalRegister),
    field("country", true, Source::NationalRegister),
    field("email", true, Source::Holder),
    field("phone", false, Source::Holder),
    field("iban", false, Source::Holder),
    field("preferred_language", false, Source::Holder),
];

/// The holder-editable part of a profile, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactData {
    /// E-mail address (mandatory).
    pub email: String,
    /// Telephone number in international form, digits only after `+`.
    pub phone: Option<String>,
    /// IBAN, upper case without spaces.
    pub iban: Option<String>,
    /// Language for letters and notices.
    pub preferred_language: Option<Language>,
}

impl ContactData {
    /// Validates raw input; each error names its field.
    pub fn parse(
        email: Option<&str>,
        phone: Option<&str>,
        iban: Option<&str>,
        preferred_language: Option<&str>,
    ) -> Result<Self, Error> {
        use super::text::single_line_opt;
        let email = single_line_opt("email", email)?;
        let phone = single_line_opt("phone", phone)?;
        let iban = single_line_opt("iban", iban)?;
        let preferred_language = single_line_opt("preferred_language", preferred_language)?;
        let (email, phone, iban, preferred_language) = (
            email.as_deref(),
            phone.as_deref(),
            iban.as_deref(),
            preferred_language.as_deref(),
        );
        let email = match email.map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => parse_email(e).map_err(|r| Error::invalid("email", r))?,
            None => return Err(Error::invalid("email", Invalid::Required)),
        };
        let phone = non_empty(phone)
            .map(parse_phone)
            .transpose()
            .map_err(|r| Error::invalid("phone", r))?;
        let iban = non_empty(iban)
            .map(parse_iban)
            .transpose()
            .map_err(|r| Error::invalid("iban", r))?;
        let preferred_language = non_empty(preferred_language)
            .map(|l| Language::parse(l).ok_or(Invalid::Language))
            .transpose()
            .map_err(|r| Error::invalid("preferred_language", r))?;
        Ok(Self {
            email,
            phone,
            iban,
            preferred_language,
        })
    }
}

fn non_empty(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// Checks the shape of an e-mail address (one `@`, a dotted domain, no spaces, ≤ 254 chars).
pub fn parse_email(raw: &str) -> Result<String, Invalid> {
    let e = raw.trim();
    if e.len() > 254 {
        return Err(Invalid::TooLong);
    }
    let (local, domain) = e.split_once('@').ok_or(Invalid::Email)?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
        && !domain.contains('@');
    if ok {
        Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
    } else {
        Err(Invalid::Email)
    }
}

/// Normalises a telephone number to `+` and 8 to 15 digits (E.164).
pub fn parse_phone(raw: &str) -> Result<String, Invalid> {
    let rest = raw.trim().strip_prefix('+').ok_or(Invalid::Phone)?;
    let digits: String = rest
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    if (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(format!("+{digits}"))
    } else {
        Err(Invalid::Phone)
    }
}

/// Normalises an IBAN and checks its ISO 13616 mod-97 check digits.
pub fn parse_iban(raw: &str) -> Result<String, Invalid> {
    let iban: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let bytes = iban.as_bytes();
    let shape_ok = (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric);
    if !shape_ok {
        return Err(Invalid::Iban);
    }
    let mut remainder: u32 = 0;
    for c in iban[4..].chars().chain(iban[..4].chars()) {
        let value = c.to_digit(36).ok_or(Invalid::Iban)?;
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    if remainder == 1 {
        Ok(iban)
    } else {
        Err(Invalid::Iban)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_check_digits_are_verified() {
        assert_eq!(
            parse_iban("LU28 0019 4006 4475 0000").as_deref(),
            Ok("LU280019400644750000")
        );
        assert_eq!(parse_iban("LU29 0019 4006 4475 0000"), Err(Invalid::Iban));
        assert_eq!(parse_iban("not an iban"), Err(Invalid::Iban));
    }

    #[test]
    fn phone_numbers_are_normalised_to_e164() {
        assert_eq!(
            parse_phone("+352 621 123 456").as_deref(),
            Ok("+352621123456")
        );
        assert_eq!(parse_phone("621123456"), Err(Invalid::Phone));
    }

    #[test]
    fn email_shape_is_checked_and_domain_lowercased() {
        assert_eq!(
            parse_email("Marie@Example.LU").as_deref(),
            Ok("Marie@example.lu")
        );
        assert_eq!(parse_email("marie@localhost"), Err(Invalid::Email));
        assert_eq!(parse_email("a b@example.lu"), Err(Invalid::Email));
    }

    #[test]
    fn contact_errors_name_the_field() {
        let err = ContactData::parse(Some("m@example.lu"), Some("12"), None, None).unwrap_err();
        assert!(
            matches!(err, Error::Invalid { ref field, reason: Invalid::Phone } if field == "phone")
        );
        let err = ContactData::parse(None, None, None, None).unwrap_err();
        assert!(
            matches!(err, Error::Invalid { ref field, reason: Invalid::Required } if field == "email")
        );
    }
}
