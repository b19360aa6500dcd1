//! Sign-in: one-time challenges, sessions, and the tokens of a session (all kept as hashes).

use super::entities::{challenges, sessions, tokens};
use crate::domain::Error;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter,
    QuerySelect, sea_query::Expr,
};
use time::OffsetDateTime;

/// A session as kept.
pub type Session = sessions::Model;
/// A token as kept (its hash, never the token).
pub type Token = tokens::Model;

/// Keeps a challenge (by its hash) until `expires_at`.
pub async fn insert_challenge<C: ConnectionTrait>(
    conn: &C,
    hash: String,
    expires_at: OffsetDateTime,
) -> Result<(), Error> {
    challenges::Entity::insert(challenges::ActiveModel {
        hash: Set(hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Marks a challenge used if it is unused and unexpired; false otherwise.
pub async fn use_challenge<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let res = challenges::Entity::update_many()
        .col_expr(challenges::Column::UsedAt, Expr::value(Some(now)))
        .filter(challenges::Column::Hash.eq(hash))
        .filter(challenges::Column::UsedAt.is_null())
        .filter(challenges::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A session to open.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    /// `person`, `agent` or `registration`.
    pub kind: &'a str,
    /// The person or agent (none while registering).
    pub subject: Option<String>,
    /// SHA-256 of the certificate that signed in.
    pub certificate_fingerprint: &'a str,
    /// The certificate (base64 DER), kept only while registering.
    pub certificate_der_base64: Option<String>,
}

/// Opens a session; returns its id.
pub async fn insert_session<C: ConnectionTrait>(
    conn: &C,
    new: NewSession<'_>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let id = uuid::Uuid::now_v7().to_string();
    sessions::Entity::insert(sessions::ActiveModel {
        id: Set(id.clone()),
        kind: Set(new.kind.into()),
        person_id: Set(new.subject),
        certificate_fingerprint: Set(new.certificate_fingerprint.to_string()),
        certificate_der_base64: Set(new.certificate_der_base64),
        created_at: Set(now),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(id)
}

/// The session `id`.
pub async fn session<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<Session>, Error> {
    Ok(sessions::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?)
}

/// Ends a session, if it is not ended already.
pub async fn revoke_session<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(
            sessions::Column::RevokedReason,
            Expr::value(Some(reason.to_string())),
        )
        .filter(sessions::Column::Id.eq(id))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Keeps a token of a session (by its hash).
pub async fn insert_token<C: ConnectionTrait>(
    conn: &C,
    hash: String,
    session_id: &str,
    kind: &str,
    expires_at: OffsetDateTime,
) -> Result<(), Error> {
    tokens::Entity::insert(tokens::ActiveModel {
        hash: Set(hash),
        session_id: Set(session_id.to_string()),
        kind: Set(kind.into()),
        expires_at: Set(expires_at),
        used_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The token whose hash is `hash` and its session, in one query (every authenticated request
/// starts here).
pub async fn token<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<(Token, Session)>, Error> {
    let of_session = tokens::Entity::belongs_to(sessions::Entity)
        .from(tokens::Column::SessionId)
        .to(sessions::Column::Id);
    let found = tokens::Entity::find_by_id(hash.to_string())
        .select_also(sessions::Entity)
        .join(JoinType::InnerJoin, of_session.into())
        .one(conn)
        .await?;
    Ok(found.and_then(|(token, session)| Some((token, session?))))
}

/// Marks a one-time token used if it is unused; false if it was used already.
pub async fn use_token<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let used = tokens::Entity::update_many()
        .col_expr(tokens::Column::UsedAt, Expr::value(Some(now)))
        .filter(tokens::Column::Hash.eq(hash))
        .filter(tokens::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(used.rows_affected == 1)
}
