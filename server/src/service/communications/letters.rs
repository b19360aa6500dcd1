//! Letters: an administration delivers a text, with a file if it sends one, into the space of a
//! dossier it handles (e.g. the social security centre's certification codes).

use super::{
    Communication, NewCommunication, NewFile, complete, completed, deliver, kind, wake_notices,
};
use crate::{
    domain::{
        Error, Invalid, Language,
        ids::{CommunicationId, DossierId},
        rights::{Caller, Grant, Process, Read},
        text,
    },
    service::{Context, begin_write, dossiers},
    store,
};

/// Longest title, characters.
pub const TITLE_MAX: usize = 200;
/// Longest text, characters.
pub const BODY_MAX: usize = 20_000;

/// A letter as an agent writes it.
pub struct NewLetter {
    /// Title shown in the list.
    pub title: String,
    /// The text.
    pub body: String,
    /// A file: name, declared media type, bytes.
    pub file: Option<(String, String, Vec<u8>)>,
}

/// A letter's title, text and file, checked.
pub(crate) fn checked(letter: NewLetter) -> Result<(String, String, Option<NewFile>), Error> {
    let title = text::single_line("title", &letter.title)?;
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err(Error::invalid("title", Invalid::Required));
    }
    if title.chars().count() > TITLE_MAX {
        return Err(Error::invalid("title", Invalid::TooLong));
    }
    let body = text::multi_line("body", &letter.body)?;
    let body = body.trim().to_string();
    if body.is_empty() {
        return Err(Error::invalid("body", Invalid::Required));
    }
    if body.chars().count() > BODY_MAX {
        return Err(Error::invalid("body", Invalid::TooLong));
    }
    let file = match letter.file {
        None => None,
        Some((name, media_type, bytes)) => {
            let media_type = dossiers::messages::check_file("file", &media_type, &bytes)?;
            let name = text::filename("file/name", &name)?;
            let name = name.trim().to_string();
            if name.is_empty() || name.chars().count() > 200 || name.contains(['/', '\\']) {
                return Err(Error::invalid("file/name", Invalid::Format));
            }
            Some(NewFile {
                name,
                media_type: media_type.to_string(),
                content: bytes,
            })
        }
    };
    Ok((title, body, file))
}

/// Delivers a letter into the space of a dossier the agent's administration handles.
pub async fn send(
    ctx: &Context,
    grant: &Grant<Process>,
    dossier_id: &DossierId,
    letter: NewLetter,
    lang: Language,
) -> Result<Communication, Error> {
    let (title, body, file) = checked(letter)?;
    let Caller::Agent(agent) = grant.caller() else {
        return Err(Error::NotFound);
    };
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    let dossier = dossiers::load(&txn, grant, dossier_id).await?;
    let new = NewCommunication {
        id: CommunicationId::generate(),
        space_id: &dossier.space_id,
        kind: kind::LETTER,
        administration_id: &agent.administration,
        dossier_id: Some(&dossier.id),
        document_number: None,
        key_id: None,
        title,
        body: Some(body),
        language: lang,
        file,
        seal_text: None,
        issuance_job_id: None,
        verification_code_hash: None,
    };
    let id = deliver(&txn, ctx, new, now).await?;
    txn.commit().await?;
    wake_notices(ctx);
    ctx.metrics
        .communications
        .with_label_values(&["letter"])
        .inc();
    let record = store::communications::find(&ctx.db, &id)
        .await?
        .ok_or(Error::NotFound)?;
    completed(&ctx.db, record, lang).await
}

/// What the agent's administration delivered for a dossier it handles, newest first.
pub async fn for_dossier(
    ctx: &Context,
    grant: &Grant<Read>,
    dossier_id: &DossierId,
    lang: Language,
) -> Result<Vec<Communication>, Error> {
    let Caller::Agent(agent) = grant.caller() else {
        return Err(Error::NotFound);
    };
    let dossier = dossiers::load(&ctx.db, grant, dossier_id).await?;
    let list =
        store::communications::for_dossier(&ctx.db, &dossier.id, &agent.administration).await?;
    complete(&ctx.db, list, lang).await
}
