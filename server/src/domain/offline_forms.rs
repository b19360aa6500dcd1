//! The offline route's rules: the binding a fillable form carries (which procedure, version,
//! space and, for a draft's form, dossier it belongs to), authenticated with a server key so
//! that it cannot be forged, and why an uploaded form is refused.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Why an uploaded form is refused (nothing is changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRejection {
    /// Not a PDF that can be read (or an encrypted one).
    NotPdf,
    /// A PDF without form fields: flattened, scanned, or not a form.
    NoFields,
    /// An XFA form.
    Xfa,
    /// JavaScript or actions: refused, never run.
    ActiveContent,
    /// Not a form of this portal: the binding field is missing, altered or forged.
    Unbound,
    /// A form of another procedure.
    OtherProcedure,
    /// A form of another version of the procedure (download the current form).
    OtherVersion,
    /// A form downloaded from another space.
    OtherSpace,
    /// A form of another dossier, or a new dossier's form sent to a dossier (or the reverse).
    OtherDossier,
}

impl FormRejection {
    /// The stable reason code.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotPdf => "not-a-pdf",
            Self::NoFields => "no-fields",
            Self::Xfa => "xfa",
            Self::ActiveContent => "active-content",
            Self::Unbound => "binding",
            Self::OtherProcedure => "other-procedure",
            Self::OtherVersion => "other-version",
            Self::OtherSpace => "other-space",
            Self::OtherDossier => "other-dossier",
        }
    }
}

/// What a form is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The procedure.
    pub procedure_id: String,
    /// Its version.
    pub version: i32,
    /// The space the form was downloaded from.
    pub space_id: String,
    /// The draft the form was downloaded for (none: a new dossier's form).
    pub dossier_id: Option<String>,
}

/// The format tag of the binding value.
const TAG: &str = "guichet-form-v1";

type HmacSha256 = Hmac<Sha256>;

impl Binding {
    fn message(&self) -> String {
        format!(
            "{TAG}|{}|{}|{}|{}",
            self.procedure_id,
            self.version,
            self.space_id,
            self.dossier_id.as_deref().unwrap_or("")
        )
    }

    fn mac(message: &str, key: &[u8]) -> Option<HmacSha256> {
        let mut mac = HmacSha256::new_from_slice(key).ok()?;
        mac.update(message.as_bytes());
        Some(mac)
    }

    /// The value of the hidden field: the binding and its HMAC-SHA256 under `key`.
    pub fn seal(&self, key: &[u8]) -> String {
        let message = self.message();
        let tag = Self::mac(&message, key)
            .map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
            .unwrap_or_default();
        format!("{message}|{tag}")
    }

    /// Reads a hidden field's value, checking its HMAC under `key` in constant time.
    ///
    /// # Errors
    /// [`FormRejection::Unbound`] when the value is not a binding or its HMAC does not verify.
    pub fn open(value: &str, key: &[u8]) -> Result<Self, FormRejection> {
        let (message, tag) = value.rsplit_once('|').ok_or(FormRejection::Unbound)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| FormRejection::Unbound)?;
        Self::mac(message, key)
            .ok_or(FormRejection::Unbound)?
            .verify_slice(&tag)
            .map_err(|_| FormRejection::Unbound)?;
        let parts: Vec<&str> = message.split('|').collect();
        let [TAG, procedure, version, space, dossier] = parts.as_slice() else {
            return Err(FormRejection::Unbound);
        };
        Ok(Self {
            procedure_id: (*procedure).to_string(),
            version: version.parse().map_err(|_| FormRejection::Unbound)?,
            space_id: (*space).to_string(),
            dossier_id: (!dossier.is_empty()).then(|| (*dossier).to_string()),
        })
    }

    /// Checks that the form belongs where it is uploaded: `procedure` at `version` in `space`,
    /// for the draft `dossier` (none: a new dossier).
    ///
    /// # Errors
    /// The first difference, as a [`FormRejection`].
    pub fn expect(
        &self,
        procedure: &str,
        version: i32,
        space: &str,
        dossier: Option<&str>,
    ) -> Result<(), FormRejection> {
        if self.procedure_id != procedure {
            Err(FormRejection::OtherProcedure)
        } else if self.space_id != space {
            Err(FormRejection::OtherSpace)
        } else if self.dossier_id.as_deref() != dossier {
            Err(FormRejection::OtherDossier)
        } else if self.version != version {
            Err(FormRejection::OtherVersion)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding() -> Binding {
        Binding {
            procedure_id: "change-of-address".into(),
            version: 1,
            space_id: "sp-1".into(),
            dossier_id: None,
        }
    }

    #[test]
    fn a_sealed_binding_opens_with_its_key_only() {
        let sealed = binding().seal(b"key one");
        assert_eq!(Binding::open(&sealed, b"key one"), Ok(binding()));
        assert_eq!(
            Binding::open(&sealed, b"key two"),
            Err(FormRejection::Unbound)
        );
        let forged = sealed.replace("sp-1", "sp-2");
        assert_eq!(
            Binding::open(&forged, b"key one"),
            Err(FormRejection::Unbound)
        );
        assert_eq!(
            Binding::open("anything", b"key one"),
            Err(FormRejection::Unbound)
        );
    }

    #[test]
    fn another_procedure_space_dossier_or_version_is_named() {
        let b = binding();
        assert_eq!(b.expect("change-of-address", 1, "sp-1", None), Ok(()));
        let cases = [
            (
                b.expect("criminal-record-extract", 1, "sp-1", None),
                FormRejection::OtherProcedure,
            ),
            (
                b.expect("change-of-address", 2, "sp-1", None),
                FormRejection::OtherVersion,
            ),
            (
                b.expect("change-of-address", 1, "sp-2", None),
                FormRejection::OtherSpace,
            ),
            (
                b.expect("change-of-address", 1, "sp-1", Some("d")),
                FormRejection::OtherDossier,
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, Err(want));
        }
    }
}
