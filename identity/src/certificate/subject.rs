//! Reading a person's identity and checking key usage on a parsed leaf certificate.

use x509_parser::certificate::X509Certificate;
use x509_parser::x509::X509Name;

use super::{CertificateError, CertificateKind, Usage};
use crate::matricule::Matricule;

const OID_SERIAL_NUMBER: &str = "2.5.4.5";
const OID_GIVEN_NAME: &str = "2.5.4.42";
const OID_SURNAME: &str = "2.5.4.4";
const OID_ORGANISATION: &str = "2.5.4.10";
const OID_ORGANISATION_IDENTIFIER: &str = "2.5.4.97";

/// The identity fields of a subject.
pub(crate) struct SubjectIdentity {
    pub matricule: Matricule,
    pub given_names: String,
    pub family_name: String,
    pub kind: CertificateKind,
}

fn attribute(name: &X509Name<'_>, oid: &str) -> Result<Option<String>, CertificateError> {
    let mut found = None;
    for attr in name.iter_attributes() {
        if attr.attr_type().to_id_string() == oid {
            if found.is_some() {
                return Err(CertificateError::Malformed(format!(
                    "subject repeats {oid}"
                )));
            }
            let value = attr
                .as_str()
                .map_err(|_| CertificateError::Malformed(format!("subject {oid} is not text")))?;
            found = Some(value.trim().to_owned());
        }
    }
    Ok(found.filter(|v| !v.is_empty()))
}

/// Extracts matricule, names and kind from the subject.
pub(crate) fn identity(cert: &X509Certificate<'_>) -> Result<SubjectIdentity, CertificateError> {
    let subject = cert.subject();
    let serial = attribute(subject, OID_SERIAL_NUMBER)?
        .ok_or(CertificateError::MissingIdentity("serialNumber"))?;
    let given_names = attribute(subject, OID_GIVEN_NAME)?
        .ok_or(CertificateError::MissingIdentity("givenName"))?;
    let family_name =
        attribute(subject, OID_SURNAME)?.ok_or(CertificateError::MissingIdentity("surname"))?;
    let matricule = Matricule::parse(&serial).map_err(CertificateError::InvalidMatricule)?;
    let kind = match attribute(subject, OID_ORGANISATION)? {
        None => CertificateKind::Private,
        Some(organisation) => CertificateKind::Pro {
            organisation,
            organisation_identifier: attribute(subject, OID_ORGANISATION_IDENTIFIER)?,
        },
    };
    Ok(SubjectIdentity {
        matricule,
        given_names,
        family_name,
        kind,
    })
}

/// Checks that the leaf's KeyUsage / ExtendedKeyUsage allow `usage`.
///
/// Authentication needs digitalSignature and the clientAuth EKU; signature needs
/// nonRepudiation (contentCommitment). Both extensions must be present.
pub(crate) fn check_usage(
    cert: &X509Certificate<'_>,
    usage: Usage,
) -> Result<(), CertificateError> {
    let malformed = |e: x509_parser::error::X509Error| CertificateError::Malformed(e.to_string());
    if cert.is_ca() {
        // A CA certificate never identifies a person.
        return Err(CertificateError::WrongUsage(usage.as_str()));
    }
    let key_usage = cert.key_usage().map_err(malformed)?;
    let allowed = match usage {
        Usage::Authentication => {
            let eku = cert.extended_key_usage().map_err(malformed)?;
            key_usage.is_some_and(|ku| ku.value.digital_signature())
                && eku.is_some_and(|eku| eku.value.client_auth)
        }
        Usage::Signature => key_usage.is_some_and(|ku| ku.value.non_repudiation()),
    };
    if allowed {
        Ok(())
    } else {
        Err(CertificateError::WrongUsage(usage.as_str()))
    }
}
