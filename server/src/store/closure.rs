//! What closing an account reads and deletes: the person's sessions, devices, certificates,
//! registrations and invitations, a space's exports and contact fields, and the closure record
//! that keeps the national identification number the account had.

use super::entities::{
    account_closures, certificates, communications, data_export_archives, data_exports, dossiers,
    mandates, payments, persons, profiles, push_outbox, push_subscriptions, registrations,
    sessions, space_invitations, space_limits, tokens,
};
use crate::domain::{
    Error,
    ids::{PersonId, SpaceId},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func},
};
use time::OffsetDateTime;

/// A dossier as kept.
pub type Dossier = dossiers::Model;
/// A communication as kept.
pub type Communication = communications::Model;
/// A payment as kept.
pub type Payment = payments::Model;

/// Deletes every session of `person` and its tokens: each token stops working at once. Returns
/// the sessions' ids.
pub async fn end_sessions<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Vec<String>, Error> {
    let ids: Vec<String> = sessions::Entity::find()
        .select_only()
        .column(sessions::Column::Id)
        .filter(sessions::Column::PersonId.eq(person.to_string()))
        .filter(sessions::Column::Kind.eq("person"))
        .into_tuple()
        .all(conn)
        .await?;
    if !ids.is_empty() {
        tokens::Entity::delete_many()
            .filter(tokens::Column::SessionId.is_in(ids.clone()))
            .exec(conn)
            .await?;
        sessions::Entity::delete_many()
            .filter(sessions::Column::Id.is_in(ids.clone()))
            .exec(conn)
            .await?;
    }
    Ok(ids)
}

/// Deletes `person`'s push subscriptions and the notices still queued for them. Returns the
/// subscriptions' ids.
pub async fn delete_devices<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Vec<String>, Error> {
    let ids: Vec<String> = push_subscriptions::Entity::find()
        .select_only()
        .column(push_subscriptions::Column::Id)
        .filter(push_subscriptions::Column::PersonId.eq(person.to_string()))
        .order_by_asc(push_subscriptions::Column::CreatedAt)
        .into_tuple()
        .all(conn)
        .await?;
    push_outbox::Entity::delete_many()
        .filter(push_outbox::Column::PersonId.eq(person.to_string()))
        .exec(conn)
        .await?;
    push_subscriptions::Entity::delete_many()
        .filter(push_subscriptions::Column::PersonId.eq(person.to_string()))
        .exec(conn)
        .await?;
    Ok(ids)
}

/// Deletes `person`'s certificates: signing in with one of them again leads to registration.
/// Returns their ids and usages.
pub async fn delete_certificates<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Vec<(String, String)>, Error> {
    let rows = certificates::Entity::find()
        .filter(certificates::Column::PersonId.eq(person.clone()))
        .order_by_asc(certificates::Column::RegisteredAt)
        .all(conn)
        .await?;
    certificates::Entity::delete_many()
        .filter(certificates::Column::PersonId.eq(person.clone()))
        .exec(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| (c.id, c.usage.as_str().to_string()))
        .collect())
}

/// Deletes the registrations made with national identification number `matricule` (they hold
/// the address, the certificate and the number). Returns their ids.
pub async fn delete_registrations<C: ConnectionTrait>(
    conn: &C,
    matricule: &str,
) -> Result<Vec<String>, Error> {
    let ids: Vec<String> = registrations::Entity::find()
        .select_only()
        .column(registrations::Column::Id)
        .filter(registrations::Column::Matricule.eq(matricule))
        .into_tuple()
        .all(conn)
        .await?;
    if !ids.is_empty() {
        registrations::Entity::delete_many()
            .filter(registrations::Column::Id.is_in(ids.clone()))
            .exec(conn)
            .await?;
    }
    Ok(ids)
}

/// Deletes the open invitations addressed to the person (by national identification number or
/// address). Returns their ids.
pub async fn delete_invitations_to<C: ConnectionTrait>(
    conn: &C,
    matricule: &str,
    email: &str,
) -> Result<Vec<String>, Error> {
    let addressed = Condition::any()
        .add(space_invitations::Column::Matricule.eq(matricule))
        .add(
            Expr::expr(Func::lower(Expr::col(space_invitations::Column::Email)))
                .eq(email.to_lowercase()),
        );
    let ids: Vec<String> = space_invitations::Entity::find()
        .select_only()
        .column(space_invitations::Column::Id)
        .filter(space_invitations::Column::AcceptedAt.is_null())
        .filter(space_invitations::Column::RevokedAt.is_null())
        .filter(addressed)
        .into_tuple()
        .all(conn)
        .await?;
    if !ids.is_empty() {
        space_invitations::Entity::delete_many()
            .filter(space_invitations::Column::Id.is_in(ids.clone()))
            .exec(conn)
            .await?;
    }
    Ok(ids)
}

/// Withdraws the open invitations of `space` (a space closed with its only holder's account).
/// Returns their ids.
pub async fn withdraw_invitations_of<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    now: OffsetDateTime,
) -> Result<Vec<String>, Error> {
    let ids: Vec<String> = space_invitations::Entity::find()
        .select_only()
        .column(space_invitations::Column::Id)
        .filter(space_invitations::Column::SpaceId.eq(space.clone()))
        .filter(space_invitations::Column::AcceptedAt.is_null())
        .filter(space_invitations::Column::RevokedAt.is_null())
        .into_tuple()
        .all(conn)
        .await?;
    if !ids.is_empty() {
        space_invitations::Entity::update_many()
            .col_expr(space_invitations::Column::RevokedAt, Expr::value(Some(now)))
            .filter(space_invitations::Column::Id.is_in(ids.clone()))
            .exec(conn)
            .await?;
    }
    Ok(ids)
}

/// Deletes the raised limit of professional spaces the helpdesk set for `person`; false when
/// there was none.
pub async fn delete_space_limit<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<bool, Error> {
    let res = space_limits::Entity::delete_by_id(person.clone())
        .exec(conn)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Deletes the exports of `space` and their archives. Returns their ids.
pub async fn delete_exports<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<String>, Error> {
    let ids: Vec<String> = data_exports::Entity::find()
        .select_only()
        .column(data_exports::Column::Id)
        .filter(data_exports::Column::SpaceId.eq(space.to_string()))
        .into_tuple()
        .all(conn)
        .await?;
    if !ids.is_empty() {
        data_export_archives::Entity::delete_many()
            .filter(data_export_archives::Column::ExportId.is_in(ids.clone()))
            .exec(conn)
            .await?;
        data_exports::Entity::delete_many()
            .filter(data_exports::Column::Id.is_in(ids.clone()))
            .exec(conn)
            .await?;
    }
    Ok(ids)
}

/// Clears the holder's fields of `space`'s profile (address, telephone, IBAN, language); the
/// copy of the register's fields stays. False when the space has no profile.
pub async fn clear_contact<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let none = Option::<String>::None;
    let res = profiles::Entity::update_many()
        .col_expr(profiles::Column::Email, Expr::value(none.clone()))
        .col_expr(profiles::Column::Phone, Expr::value(none.clone()))
        .col_expr(profiles::Column::Iban, Expr::value(none.clone()))
        .col_expr(profiles::Column::PreferredLanguage, Expr::value(none))
        .col_expr(
            profiles::Column::Version,
            Expr::col(profiles::Column::Version).add(1),
        )
        .col_expr(profiles::Column::UpdatedAt, Expr::value(now))
        .filter(profiles::Column::SpaceId.eq(space.clone()))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The dossiers of `space`, oldest first.
pub async fn dossiers_of<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<Dossier>, Error> {
    Ok(dossiers::Entity::find()
        .filter(dossiers::Column::SpaceId.eq(space.clone()))
        .order_by_asc(dossiers::Column::CreatedAt)
        .order_by_asc(dossiers::Column::Id)
        .all(conn)
        .await?)
}

/// The communications delivered into `space`, oldest first.
pub async fn communications_of<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<Communication>, Error> {
    Ok(communications::Entity::find()
        .filter(communications::Column::SpaceId.eq(space.clone()))
        .order_by_asc(communications::Column::DeliveredAt)
        .all(conn)
        .await?)
}

/// The payments of `space`'s dossiers, oldest first.
pub async fn payments_of<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<Vec<Payment>, Error> {
    Ok(payments::Entity::find()
        .filter(payments::Column::SpaceId.eq(space.to_string()))
        .order_by_asc(payments::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Whether `space` gave or holds a mandate that is not revoked.
pub async fn has_active_mandates<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
) -> Result<bool, Error> {
    let either = Condition::any()
        .add(mandates::Column::EmployerSpaceId.eq(space.clone()))
        .add(mandates::Column::HolderSpaceId.eq(space.clone()));
    Ok(mandates::Entity::find()
        .filter(either)
        .filter(mandates::Column::RevokedAt.is_null())
        .one(conn)
        .await?
        .is_some())
}

/// Whether `space` holds records the law keeps: a dossier that was transmitted, or a
/// communication delivered to it.
pub async fn keeps_records<C: ConnectionTrait>(conn: &C, space: &SpaceId) -> Result<bool, Error> {
    let transmitted = dossiers::Entity::find()
        .filter(dossiers::Column::SpaceId.eq(space.clone()))
        .filter(dossiers::Column::TransmittedAt.is_not_null())
        .one(conn)
        .await?
        .is_some();
    if transmitted {
        return Ok(true);
    }
    Ok(communications::Entity::find()
        .filter(communications::Column::SpaceId.eq(space.clone()))
        .one(conn)
        .await?
        .is_some())
}

/// Closes `person`'s row: `closed_at` set, the address cleared, the national identification
/// number replaced by `tombstone`; the number goes to the closure record with `kept` (JSON).
pub async fn close_person<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
    matricule: &str,
    tombstone: &str,
    kept: String,
    now: OffsetDateTime,
) -> Result<(), Error> {
    persons::Entity::update_many()
        .col_expr(persons::Column::Matricule, Expr::value(tombstone))
        .col_expr(persons::Column::Email, Expr::value(""))
        .col_expr(persons::Column::ClosedAt, Expr::value(Some(now)))
        .filter(persons::Column::Id.eq(person.clone()))
        .exec(conn)
        .await?;
    account_closures::Entity::insert(account_closures::ActiveModel {
        person_id: Set(person.to_string()),
        matricule: Set(matricule.to_string()),
        closed_at: Set(now),
        kept: Set(kept),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The closure record of the account `person` had, if it was closed.
pub async fn closure<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<Option<account_closures::Model>, Error> {
    Ok(account_closures::Entity::find_by_id(person.to_string())
        .one(conn)
        .await?)
}
