//! Operators' commands that touch a person's data, each recorded in the access log of the space
//! whose data it touched (actor kind `operator`, their name, and the reason they gave), so that
//! the holder sees it beside everyone else's use (issue 19).

use crate::{
    domain::{
        Error,
        ids::{CommunicationId, SpaceId},
        rights::ActorKind,
        spaces::Access,
    },
    store::{self, entities::mail_outbox, postal::PostalLetter},
};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use time::OffsetDateTime;

/// What a printed letter gives: its bytes (the PDF, or its text when it has no file) and the
/// letter as stored.
pub struct Printed {
    /// What to print.
    pub bytes: Vec<u8>,
    /// The letter.
    pub letter: PostalLetter,
}

/// Letter `id` as it is printed for the post. Reads only: once it is on paper, call
/// [`record_printed`].
///
/// Errors: [`Error::NotFound`] for an unknown letter.
pub async fn letter_to_print<C: ConnectionTrait>(db: &C, id: &str) -> Result<Printed, Error> {
    let letter = store::postal::find(db, id).await?.ok_or(Error::NotFound)?;
    let bytes = match (&letter.content, &letter.body) {
        (Some(pdf), _) => pdf.clone(),
        (None, body) => {
            format!("{}\n\n{}\n", letter.title, body.as_deref().unwrap_or("")).into_bytes()
        }
    };
    Ok(Printed { bytes, letter })
}

/// Records `letter` printed, and in its space's access log that operator `by` printed it and
/// why, in one transaction.
pub async fn record_printed<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    letter: &PostalLetter,
    by: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let txn = db.begin().await?;
    store::postal::mark_printed(&txn, &letter.id, now).await?;
    let access = Access::by_operator(
        &letter.space_id,
        ActorKind::Operator,
        by.trim(),
        "operator.letter-printed",
        format!("letter {}: {}", letter.id, letter.title),
        reason.trim(),
    );
    store::access_log::record(&txn, access, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Records that operator `by` read the bodies of `mails`, and why: in the space of the
/// communication a mail announced, else in the private space of the person the mail went to.
/// Returns how many spaces' logs got an entry (mails to nobody registered touch no space).
pub async fn record_mail_bodies_read<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    mails: &[mail_outbox::Model],
    by: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<usize, Error> {
    let mut recorded = 0;
    for m in mails {
        let Some(space) = space_of_mail(db, m).await? else {
            continue;
        };
        let access = Access::by_operator(
            &space,
            ActorKind::Operator,
            by.trim(),
            "operator.mail-read",
            format!("mail {} ({})", m.id, m.subject),
            reason.trim(),
        );
        store::access_log::record(db, access, now).await?;
        recorded += 1;
    }
    Ok(recorded)
}

async fn space_of_mail<C: ConnectionTrait>(
    db: &C,
    m: &mail_outbox::Model,
) -> Result<Option<SpaceId>, Error> {
    if let Some(c) = &m.communication_id
        && let Some(found) =
            store::communications::find(db, &CommunicationId::from(c.as_str())).await?
    {
        return Ok(Some(found.space_id));
    }
    let Some(person) = store::persons::find_by_email(db, &m.recipient).await? else {
        return Ok(None);
    };
    Ok(store::spaces::private_space_of(db, &person.id)
        .await?
        .map(|s| s.id))
}
