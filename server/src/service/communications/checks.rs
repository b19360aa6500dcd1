//! Checking an issued document without a camera: its number and the verification code printed
//! under its QR code give its status and the data to compare with the paper.
//!
//! Without the right code the answer is `NotFound`, exactly as for a number no document has;
//! the code is hashed in both cases so the time taken says no more. Guessing is bounded by
//! `document_check_per_address` and `document_check_per_document` (counted for any well-formed
//! number, so a refusal for too many tries does not tell that the number exists either).

use super::status::PublicStatus;
use crate::{
    domain::{Error, Language, ids::DocumentNumber, verification_code::VerificationCode},
    limits::{ClientAddress, Limit},
    service::Context,
    store,
};
use guichet_verifier::seal::{self, Claims};

/// What the holder of the number and the code learns: the status and the sealed data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCheck {
    /// Valid, revoked or superseded, as the public status says.
    pub status: PublicStatus,
    /// The data the seal signs, to compare with the paper and an ID.
    pub claims: Claims,
    /// The issuing administration's name in the reader's language.
    pub issuer: String,
}

/// The status and data of the document numbered `number` if `code` is its verification code;
/// `NotFound` otherwise (unknown number, wrong or malformed code, document issued without one).
pub async fn check(
    ctx: &Context,
    client: &ClientAddress,
    number: &str,
    code: &str,
    lang: Language,
) -> Result<DocumentCheck, Error> {
    ctx.limits
        .check_address(Limit::DocumentCheckPerAddress, client)?;
    let number = DocumentNumber::parse(number).ok_or(Error::NotFound)?;
    ctx.limits
        .check_subject(Limit::DocumentCheckPerDocument, &number)?;
    let code = VerificationCode::parse(code);
    let found = store::communications::sealed_by_number(&ctx.db, &number).await?;
    let stored = found
        .as_ref()
        .and_then(|d| d.verification_code_hash.as_deref());
    // Hash even when nothing can match, so that a miss takes the time of a wrong code.
    let matches = match (&code, stored) {
        (Some(code), Some(stored)) => code.matches(&number, stored),
        (Some(code), None) => {
            std::hint::black_box(code.hash(&number));
            false
        }
        (None, _) => false,
    };
    let Some(document) = found.filter(|_| matches) else {
        return Err(Error::NotFound);
    };
    let seal_text = document
        .seal_text
        .as_deref()
        .ok_or_else(|| Error::internal("a sealed document has no seal text"))?;
    // The server's own seal, read back from its database: its claims are what it signed.
    let claims = seal::parse(seal_text)
        .map_err(|e| Error::internal(format!("a stored seal does not parse: {e}")))?
        .unverified_claims()
        .clone();
    let record = document.record;
    let issuer = super::administration_name(&ctx.db, &record.administration_id, lang).await?;
    Ok(DocumentCheck {
        status: PublicStatus::of(&record),
        claims,
        issuer,
    })
}
