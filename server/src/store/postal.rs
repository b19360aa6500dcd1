//! Letters for the post: what the operator prints and posts (`guichet letters list|print`).

use super::entities::postal_letters;
use crate::domain::{Error, ids::SpaceId, mandates::Domain};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use time::OffsetDateTime;

pub use postal_letters::Model as PostalLetter;

/// A letter for the post.
pub struct NewLetter<'a> {
    /// The space it is for.
    pub space: &'a SpaceId,
    /// The sending administration.
    pub administration: &'a str,
    /// Its domain, if any.
    pub domain: Option<Domain>,
    /// Title.
    pub title: &'a str,
    /// Text.
    pub body: Option<&'a str>,
    /// The file to print: name and bytes.
    pub file: Option<(&'a str, &'a [u8])>,
    /// The communication it copies, if it was also delivered electronically.
    pub communication: Option<&'a str>,
}

/// Lists a letter for the operator to print.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    new: NewLetter<'_>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let id = format!("let_{}", uuid::Uuid::now_v7().simple());
    postal_letters::Entity::insert(postal_letters::ActiveModel {
        id: Set(id.clone()),
        space_id: Set(new.space.clone()),
        administration_id: Set(new.administration.to_string()),
        domain: Set(new.domain.map(|d| d.slug().to_string())),
        title: Set(new.title.to_string()),
        body: Set(new.body.map(str::to_string)),
        file_name: Set(new.file.map(|f| f.0.to_string())),
        content: Set(new.file.map(|f| f.1.to_vec())),
        communication_id: Set(new.communication.map(str::to_string)),
        created_at: Set(now),
        printed_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(id)
}

/// The letters for the post, oldest first (only those not printed yet unless `all`).
pub async fn list<C: ConnectionTrait>(conn: &C, all: bool) -> Result<Vec<PostalLetter>, Error> {
    let mut q = postal_letters::Entity::find();
    if !all {
        q = q.filter(postal_letters::Column::PrintedAt.is_null());
    }
    Ok(q.order_by_asc(postal_letters::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// The letter `id`, if it exists.
pub async fn find<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<PostalLetter>, Error> {
    Ok(postal_letters::Entity::find_by_id(id.to_string())
        .one(conn)
        .await?)
}

/// Records that the letter was printed.
pub async fn mark_printed<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    postal_letters::Entity::update_many()
        .col_expr(postal_letters::Column::PrintedAt, Expr::value(now))
        .filter(postal_letters::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}
