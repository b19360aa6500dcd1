//! The organisation a professional space acts for: its data, validated the way Luxembourg does,
//! and what a Pro certificate says of it.
//!
//! Sources: the Luxembourg Business Registers (RCS numbers: a section letter and up to six
//! digits, e.g. `B123456`); the VAT number `LU` + 8 digits whose last two are the first six
//! modulo 89 (EU VIES check rules for LU); ETSI EN 319 412-1 §5.1.4 for the
//! `organizationIdentifier` a Pro certificate carries (`VATLU-12345678`, `NTRLU-B123456`).

use super::profile::{parse_email, parse_phone};
use super::text::single_line_opt;
use super::{Error, Invalid};

/// Legal forms of Luxembourg law a space may declare (stored and published code, French name).
pub const LEGAL_FORMS: &[(&str, &str)] = &[
    ("sa", "Société anonyme"),
    ("sarl", "Société à responsabilité limitée"),
    ("sarl-s", "Société à responsabilité limitée simplifiée"),
    ("scs", "Société en commandite simple"),
    ("scsp", "Société en commandite spéciale"),
    ("sca", "Société en commandite par actions"),
    ("snc", "Société en nom collectif"),
    ("scoop", "Société coopérative"),
    ("se", "Société européenne"),
    ("asbl", "Association sans but lucratif"),
    ("fondation", "Fondation"),
    ("ei", "Entreprise individuelle"),
    ("public", "Établissement public"),
];

/// Whether companies of `legal_form` must give their RCS number (every form but a sole trader's
/// and a public body's: both may be outside the register's company sections).
fn rcs_mandatory(legal_form: &str) -> bool {
    !matches!(legal_form, "ei" | "public")
}

/// Fields a Pro certificate may fix (they cannot be edited away from it).
pub const CERTIFIED_FIELDS: &[&str] = &["name", "rcs_number", "vat_number"];

/// An organisation's data, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Registered name.
    pub name: String,
    /// A code of [`LEGAL_FORMS`].
    pub legal_form: String,
    /// RCS number, upper case, e.g. `B123456`.
    pub rcs_number: Option<String>,
    /// VAT number, `LU` + 8 digits.
    pub vat_number: Option<String>,
    /// Registered office: street.
    pub street: String,
    /// House number.
    pub house_number: String,
    /// Postcode (4 digits in Luxembourg, e.g. `L-1234` is stored as `1234`).
    pub postcode: String,
    /// Locality.
    pub locality: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Contact e-mail.
    pub email: String,
    /// Contact telephone (E.164).
    pub phone: String,
    /// Fields fixed by the Pro certificate that made the space (see [`CERTIFIED_FIELDS`]).
    pub locked: Vec<String>,
}

/// Raw input, as typed: every field optional so that each missing one is named.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct OrganisationInput {
    pub name: Option<String>,
    pub legal_form: Option<String>,
    pub rcs_number: Option<String>,
    pub vat_number: Option<String>,
    pub street: Option<String>,
    pub house_number: Option<String>,
    pub postcode: Option<String>,
    pub locality: Option<String>,
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// What a Pro certificate says of its organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedOrganisation {
    /// Subject `O`.
    pub name: String,
    /// RCS number from an `NTRLU-` identifier.
    pub rcs_number: Option<String>,
    /// VAT number from a `VATLU-` identifier.
    pub vat_number: Option<String>,
}

impl CertifiedOrganisation {
    /// Reads the subject's `O` and `organizationIdentifier` (ETSI EN 319 412-1 §5.1.4:
    /// `VATLU-…`, `NTRLU-…`; the older `LU-B123456` form is read as an RCS number).
    pub fn from_subject(name: &str, identifier: Option<&str>) -> Self {
        let mut out = Self {
            name: name.trim().to_string(),
            rcs_number: None,
            vat_number: None,
        };
        if let Some(id) = identifier.map(str::trim) {
            if let Some(vat) = id.strip_prefix("VATLU-") {
                out.vat_number = parse_vat(&format!("LU{vat}")).ok();
            } else if let Some(rcs) = id.strip_prefix("NTRLU-").or(id.strip_prefix("LU-")) {
                out.rcs_number = parse_rcs(rcs).ok();
            }
        }
        out
    }
}

/// Normalises an RCS number: a section letter (A–K, L excluded) and 1 to 6 digits, no leading
/// zero; spaces are dropped and the letter upper-cased.
pub fn parse_rcs(raw: &str) -> Result<String, Invalid> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let mut chars = s.chars();
    let letter = chars.next().ok_or(Invalid::Rcs)?;
    let digits = chars.as_str();
    let ok = ('A'..='K').contains(&letter)
        && (1..=6).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if ok { Ok(s) } else { Err(Invalid::Rcs) }
}

/// Normalises a Luxembourg VAT number and checks it: `LU` and 8 digits, the last two being the
/// first six modulo 89.
pub fn parse_vat(raw: &str) -> Result<String, Invalid> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect::<String>()
        .to_ascii_uppercase();
    let digits = s.strip_prefix("LU").ok_or(Invalid::Vat)?;
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::Vat);
    }
    let (body, check) = digits.split_at(6);
    let body: u32 = body.parse().map_err(|_| Invalid::Vat)?;
    let check: u32 = check.parse().map_err(|_| Invalid::Vat)?;
    if body % 89 == check {
        Ok(s)
    } else {
        Err(Invalid::Vat)
    }
}

fn required(field: &str, value: Option<&str>) -> Result<String, Error> {
    single_line_opt(field, value)?
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::invalid(field, Invalid::Required))
}

fn optional(field: &str, value: Option<&str>) -> Result<Option<String>, Error> {
    Ok(single_line_opt(field, value)?
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty()))
}

fn bounded(field: &str, value: String, max: usize) -> Result<String, Error> {
    if value.chars().count() > max {
        Err(Error::invalid(field, Invalid::TooLong))
    } else {
        Ok(value)
    }
}

impl Organisation {
    /// Validates `input`; with a Pro certificate's `certified` data, the name, RCS and VAT
    /// numbers it gives are taken from it and cannot differ (a different value is
    /// [`Invalid::FromCertificate`]). Each error names its field.
    pub fn parse(
        input: &OrganisationInput,
        certified: Option<&CertifiedOrganisation>,
    ) -> Result<Self, Error> {
        let legal_form = required("legal_form", input.legal_form.as_deref())?.to_lowercase();
        if !LEGAL_FORMS.iter().any(|(code, _)| *code == legal_form) {
            return Err(Error::invalid("legal_form", Invalid::Choice));
        }
        let mut name = optional("name", input.name.as_deref())?;
        let mut rcs_number = optional("rcs_number", input.rcs_number.as_deref())?
            .map(|r| parse_rcs(&r).map_err(|e| Error::invalid("rcs_number", e)))
            .transpose()?;
        let mut vat_number = optional("vat_number", input.vat_number.as_deref())?
            .map(|v| parse_vat(&v).map_err(|e| Error::invalid("vat_number", e)))
            .transpose()?;
        let mut locked = Vec::new();
        if let Some(c) = certified {
            let fixed = [
                ("name", &mut name, Some(c.name.clone())),
                ("rcs_number", &mut rcs_number, c.rcs_number.clone()),
                ("vat_number", &mut vat_number, c.vat_number.clone()),
            ];
            for (field, slot, from_certificate) in fixed {
                let Some(value) = from_certificate else {
                    continue;
                };
                if slot.as_ref().is_some_and(|given| given != &value) {
                    return Err(Error::invalid(field, Invalid::FromCertificate));
                }
                *slot = Some(value);
                locked.push(field.to_string());
            }
        }
        let name = bounded(
            "name",
            name.ok_or_else(|| Error::invalid("name", Invalid::Required))?,
            160,
        )?;
        if rcs_number.is_none() && rcs_mandatory(&legal_form) {
            return Err(Error::invalid("rcs_number", Invalid::Required));
        }
        let postcode = required("postcode", input.postcode.as_deref())?;
        let postcode = postcode.strip_prefix("L-").unwrap_or(&postcode).to_string();
        let country = required("country", input.country.as_deref())?.to_ascii_uppercase();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid("country", Invalid::Format));
        }
        if country == "LU" && (postcode.len() != 4 || !postcode.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(Error::invalid("postcode", Invalid::Format));
        }
        let email = parse_email(&required("email", input.email.as_deref())?)
            .map_err(|e| Error::invalid("email", e))?;
        let phone = parse_phone(&required("phone", input.phone.as_deref())?)
            .map_err(|e| Error::invalid("phone", e))?;
        Ok(Self {
            name,
            legal_form,
            rcs_number,
            vat_number,
            street: bounded("street", required("street", input.street.as_deref())?, 160)?,
            house_number: bounded(
                "house_number",
                required("house_number", input.house_number.as_deref())?,
                16,
            )?,
            postcode: bounded("postcode", postcode, 16)?,
            locality: bounded(
                "locality",
                required("locality", input.locality.as_deref())?,
                120,
            )?,
            country,
            email,
            phone,
            locked,
        })
    }

    /// The value of field `name` as forms prefill it (`organisation.<name>` in the catalog);
    /// `address` gives the registered office as an address object.
    pub fn prefill_value(&self, name: &str) -> Option<serde_json::Value> {
        use serde_json::json;
        Some(match name {
            "name" => json!(self.name),
            "legal_form" => json!(self.legal_form),
            "rcs_number" => json!(self.rcs_number),
            "vat_number" => json!(self.vat_number),
            "email" => json!(self.email),
            "phone" => json!(self.phone),
            "address" => json!({
                "street": self.street, "house_number": self.house_number,
                "postcode": self.postcode, "locality": self.locality, "country": self.country,
            }),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> OrganisationInput {
        OrganisationInput {
            name: Some("Boulangerie Müller Sàrl".into()),
            legal_form: Some("sarl".into()),
            rcs_number: Some("b 123456".into()),
            vat_number: Some("LU 15027442".into()),
            street: Some("rue de la Gare".into()),
            house_number: Some("12".into()),
            postcode: Some("L-1611".into()),
            locality: Some("Luxembourg".into()),
            country: Some("lu".into()),
            email: Some("contact@mueller.lu".into()),
            phone: Some("+352 26 12 34".into()),
        }
    }

    fn field_of(e: Error) -> (String, Invalid) {
        match e {
            Error::Invalid { field, reason } => (field, reason),
            other => panic!("not a field error: {other:?}"),
        }
    }

    #[test]
    fn vat_numbers_carry_a_modulo_89_check() {
        // 150274 % 89 = 42.
        assert_eq!(parse_vat("LU15027442").as_deref(), Ok("LU15027442"));
        assert_eq!(parse_vat("lu 1502 7443"), Err(Invalid::Vat));
        assert_eq!(parse_vat("FR15027442"), Err(Invalid::Vat));
        assert_eq!(parse_vat("LU1502744"), Err(Invalid::Vat));
    }

    #[test]
    fn rcs_numbers_are_a_section_letter_and_up_to_six_digits() {
        assert_eq!(parse_rcs(" b123456 ").as_deref(), Ok("B123456"));
        assert_eq!(parse_rcs("F1234").as_deref(), Ok("F1234"));
        assert_eq!(parse_rcs("B0123"), Err(Invalid::Rcs));
        assert_eq!(parse_rcs("B1234567"), Err(Invalid::Rcs));
        assert_eq!(parse_rcs("Z12"), Err(Invalid::Rcs));
        assert_eq!(parse_rcs("123456"), Err(Invalid::Rcs));
    }

    #[test]
    fn an_organisation_is_normalised_and_each_error_names_its_field() {
        let o = Organisation::parse(&input(), None).unwrap();
        assert_eq!(o.rcs_number.as_deref(), Some("B123456"));
        assert_eq!((o.postcode.as_str(), o.country.as_str()), ("1611", "LU"));
        assert!(o.locked.is_empty());
        let mut bad = input();
        bad.vat_number = Some("LU15027443".into());
        assert_eq!(
            field_of(Organisation::parse(&bad, None).unwrap_err()),
            ("vat_number".into(), Invalid::Vat)
        );
        let mut bad = input();
        bad.rcs_number = None;
        assert_eq!(
            field_of(Organisation::parse(&bad, None).unwrap_err()),
            ("rcs_number".into(), Invalid::Required)
        );
        bad.legal_form = Some("ei".into());
        assert!(Organisation::parse(&bad, None).is_ok());
        let mut bad = input();
        bad.legal_form = Some("llc".into());
        assert_eq!(
            field_of(Organisation::parse(&bad, None).unwrap_err()),
            ("legal_form".into(), Invalid::Choice)
        );
        let mut bad = input();
        bad.postcode = Some("123".into());
        assert_eq!(
            field_of(Organisation::parse(&bad, None).unwrap_err()),
            ("postcode".into(), Invalid::Format)
        );
    }

    #[test]
    fn a_pro_certificate_fixes_the_name_and_numbers_it_gives() {
        let c = CertifiedOrganisation::from_subject("Boulangerie Müller Sàrl", Some("LU-B123456"));
        assert_eq!(c.rcs_number.as_deref(), Some("B123456"));
        let mut typed = input();
        typed.name = None;
        typed.rcs_number = None;
        let o = Organisation::parse(&typed, Some(&c)).unwrap();
        assert_eq!(o.name, "Boulangerie Müller Sàrl");
        assert_eq!(o.locked, ["name", "rcs_number"]);
        let mut other = input();
        other.name = Some("Another name".into());
        assert_eq!(
            field_of(Organisation::parse(&other, Some(&c)).unwrap_err()),
            ("name".into(), Invalid::FromCertificate)
        );
        let vat = CertifiedOrganisation::from_subject("X", Some("VATLU-15027442"));
        assert_eq!(vat.vat_number.as_deref(), Some("LU15027442"));
    }
}
