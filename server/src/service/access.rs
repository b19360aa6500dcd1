//! Access as a value: a caller and a space become a [`Grant`] of one right, or a refusal that
//! answers exactly like an unknown id.
//!
//! Every use case that reads or changes a space's data takes the grant it needs; the rules
//! (which role gives which right) are data in [`crate::domain::rights`].

use super::Context;
use crate::domain::{
    Error,
    ids::{DocumentNumber, DossierId, SpaceId},
    rights::{self, Caller, Grant, Right},
};
use crate::store;
use sea_orm::ConnectionTrait;

/// A grant of `right` in `space` for `caller`; [`Error::NotFound`] when the space does not exist
/// or the caller lacks the right (the two cannot be told apart).
pub async fn authorize<R: Right>(
    ctx: &Context,
    caller: &Caller,
    space: &SpaceId,
    right: R,
) -> Result<Grant<R>, Error> {
    authorize_in(&ctx.db, caller, space, right).await
}

/// [`authorize`] inside the caller's transaction.
pub async fn authorize_in<C: ConnectionTrait, R: Right>(
    conn: &C,
    caller: &Caller,
    space: &SpaceId,
    right: R,
) -> Result<Grant<R>, Error> {
    let standing = match caller {
        Caller::Person(person) => store::members::standing(conn, space, person).await?,
        Caller::Agent(_) | Caller::Operator => None,
    };
    let exists = match (caller, &standing) {
        (Caller::Person(_), Some(_)) => true,
        (Caller::Person(_), None) => false,
        _ => store::spaces::find(conn, space).await?.is_some(),
    };
    if !exists {
        return Err(Error::NotFound);
    }
    rights::decide(caller, space, standing.as_ref(), right).ok_or_else(|| {
        tracing::debug!(%space, right = R::NAME, "access refused");
        Error::NotFound
    })
}

/// A grant of `right` in the space of dossier `dossier`, reaching that dossier; [`Error::NotFound`]
/// when the dossier does not exist or is out of the caller's reach.
pub async fn authorize_dossier<R: Right>(
    ctx: &Context,
    caller: &Caller,
    dossier: &DossierId,
    right: R,
) -> Result<Grant<R>, Error> {
    let record = store::dossiers::find(&ctx.db, dossier)
        .await?
        .ok_or(Error::NotFound)?;
    let grant = authorize_in(&ctx.db, caller, &record.space_id, right).await?;
    if grant.covers(record.scope()) {
        Ok(grant)
    } else {
        Err(Error::NotFound)
    }
}

/// A grant of `right` in the space a sealed document was delivered into, reaching that document;
/// [`Error::NotFound`] when no document has that number or it is out of the caller's reach (an
/// administration reaches only what it issued).
pub async fn authorize_document<R: Right>(
    ctx: &Context,
    caller: &Caller,
    number: &DocumentNumber,
    right: R,
) -> Result<Grant<R>, Error> {
    let record = store::communications::by_number(&ctx.db, number)
        .await?
        .ok_or(Error::NotFound)?;
    let grant = authorize_in(&ctx.db, caller, &record.space_id, right).await?;
    if grant.covers_issued(&record.space_id, &record.administration_id) {
        Ok(grant)
    } else {
        Err(Error::NotFound)
    }
}
