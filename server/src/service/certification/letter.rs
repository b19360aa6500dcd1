//! The certification codes letter: when the social security centre accepts a certification
//! request, the issuance job generates the codes, keeps only their Argon2id hashes, and delivers
//! the sealed letter that shows them once into the requesting space's communications; a copy is
//! listed for the operator to print and post, as the centre sends these codes by post.

use crate::{
    catalog::{codes_communication_file_prefix, codes_communication_title},
    domain::{
        Error, Language,
        communications::Kind,
        ids::{CommunicationId, SpaceId},
        mandates::{CodeKind, Domain, Request, codes},
    },
    service::{
        Context,
        communications::{
            NewCommunication, NewFile, administration_name, deliver,
            issuance::{fresh_document_number, subject, whole_seconds},
        },
    },
    store::{
        self,
        entities::{dossiers, issuance_jobs as jobs, register_people},
        mandates::NewCode,
        postal::NewLetter as NewPostal,
    },
};
use guichet_documents::codes::{self as letter, CodesContent, HolderCodes, MandataryCodes};
use guichet_verifier::seal::Issuer;
use sea_orm::{DatabaseTransaction, EntityTrait};
use std::borrow::Cow;
use time::OffsetDateTime;

/// A domain's name in `lang`, as the letter prints it.
pub fn domain_name(lang: Language, domain: Domain) -> Cow<'static, str> {
    letter::domain_name(lang, domain)
}

/// A code as stored: its domain and kind, the mandatary it names (matricule, name), its hash
/// and the hash of the security code that goes with it.
struct StoredCode {
    domain: Domain,
    kind: CodeKind,
    mandatary: Option<(String, String)>,
    code_hash: String,
    security_hash: Option<String>,
}

/// Codes drawn for one request, in clear (printed once) and as stored.
struct Drawn {
    content_holder: Vec<HolderCodes>,
    content_mandataries: Vec<MandataryCodes>,
    rows: Vec<StoredCode>,
}

/// Draws every code of `request` and hashes it (slow: Argon2id, off the async threads).
async fn draw(request: Request) -> Result<Drawn, Error> {
    tokio::task::spawn_blocking(move || -> Result<Drawn, Error> {
        let mut rng = rand::rngs::OsRng;
        let security_hash = codes::hash(&request.security_code)?;
        let mut drawn = Drawn {
            content_holder: Vec::new(),
            content_mandataries: Vec::new(),
            rows: Vec::new(),
        };
        for d in &request.domains {
            let access = codes::Code::generate(&mut rng, codes::ACCESS_LENGTH);
            let revocation = codes::Code::generate(&mut rng, codes::ACCESS_LENGTH);
            drawn.rows.push(StoredCode {
                domain: *d,
                kind: CodeKind::Holder,
                mandatary: None,
                code_hash: codes::hash(access.secret())?,
                security_hash: Some(security_hash.clone()),
            });
            drawn.rows.push(StoredCode {
                domain: *d,
                kind: CodeKind::Revocation,
                mandatary: None,
                code_hash: codes::hash(revocation.secret())?,
                security_hash: None,
            });
            drawn.content_holder.push(HolderCodes {
                domain: *d,
                access_code: access.to_string(),
                revocation_code: revocation.to_string(),
            });
        }
        for m in &request.mandataries {
            let security = codes::Code::generate(&mut rng, codes::SECURITY_LENGTH);
            let security_hash = codes::hash(security.secret())?;
            let mut access_codes = Vec::new();
            for d in &m.domains {
                let access = codes::Code::generate(&mut rng, codes::ACCESS_LENGTH);
                drawn.rows.push(StoredCode {
                    domain: *d,
                    kind: CodeKind::Mandatary,
                    mandatary: Some((m.matricule.clone(), m.name.clone())),
                    code_hash: codes::hash(access.secret())?,
                    security_hash: Some(security_hash.clone()),
                });
                access_codes.push((*d, access.to_string()));
            }
            drawn.content_mandataries.push(MandataryCodes {
                name: m.name.clone(),
                security_code: security.to_string(),
                access: access_codes,
            });
        }
        Ok(drawn)
    })
    .await
    .map_err(|e| Error::internal(e.to_string()))?
}

/// Issues the codes letter of the accepted certification request of `job`, inside the job's
/// transaction: codes stored as hashes, earlier unused codes of the same domains voided, the
/// letter delivered and listed for the post. Returns the communication's id.
pub(crate) async fn issue_in(
    txn: &DatabaseTransaction,
    ctx: &Context,
    job: &jobs::Model,
    issuer: &Issuer,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let dossier = dossiers::Entity::find_by_id(job.dossier_id.clone())
        .one(txn)
        .await?
        .ok_or_else(|| Error::internal("the certification request is gone"))?;
    let data: serde_json::Value = serde_json::from_str(&dossier.data).unwrap_or_default();
    let request = Request::from_form(&data)
        .ok_or_else(|| Error::internal("the certification request misses a required value"))?;
    let filer = register_people::Entity::find_by_id(request.filer_matricule.clone())
        .one(txn)
        .await?
        .ok_or(Error::NotInRegister)?;
    let lang = crate::service::spaces::preferred_language(txn, &dossier.space_id).await?;
    let space: SpaceId = dossier.space_id.clone();
    let domains = request.domains.clone();
    let employer_name = request.employer_name.clone();
    let employer_number = request.employer_number.clone();
    let drawn = draw(request).await?;
    for d in &domains {
        store::mandates::void_codes(txn, &space, *d, now).await?;
    }
    for row in &drawn.rows {
        let new = NewCode {
            space: &space,
            dossier: &dossier.id,
            employer_number: &employer_number,
            domain: row.domain,
            kind: row.kind,
            mandatary: row
                .mandatary
                .as_ref()
                .map(|(m, n)| (m.as_str(), n.as_str())),
            code_hash: row.code_hash.clone(),
            security_hash: row.security_hash.clone(),
        };
        store::mandates::insert_code(txn, new, now).await?;
    }
    let number = fresh_document_number(txn).await?;
    let issued_at = whole_seconds(now);
    let content = CodesContent {
        subject: subject(&filer)?,
        employer_name,
        employer_number,
        holder: drawn.content_holder,
        mandataries: drawn.content_mandataries,
        document_number: number.to_string(),
        issue_date: issued_at.date(),
        authority: administration_name(txn, &dossier.administration_id, lang).await?,
        language: lang,
    };
    let sealed = letter::issue(&content, issuer, issued_at).map_err(Error::internal)?;
    let title = codes_communication_title(lang).into_owned();
    let file_name = format!("{}-{number}.pdf", codes_communication_file_prefix(lang));
    let new = NewCommunication {
        id: CommunicationId::generate(),
        space_id: &space,
        kind: Kind::CertificationCodes,
        administration_id: &dossier.administration_id,
        dossier_id: Some(&dossier.id),
        document_number: Some(number.into()),
        key_id: Some(issuer.key_id.to_string()),
        title: title.clone(),
        body: None,
        language: lang,
        file: Some(NewFile {
            name: file_name.clone(),
            media_type: "application/pdf".into(),
            content: sealed.pdf.clone(),
        }),
        seal_text: Some(sealed.seal_text),
        issuance_job_id: Some(job.id.clone()),
        verification_code_hash: None,
    };
    let id = deliver(txn, ctx, new, now).await?;
    let postal = NewPostal {
        space: &space,
        administration: dossier.administration_id.as_str(),
        domain: None,
        title: &title,
        body: None,
        file: Some((&file_name, &sealed.pdf)),
        communication: Some(id.as_str()),
    };
    store::postal::insert(txn, postal, now).await?;
    Ok(id.to_string())
}
