//! The national register of natural persons (a fixture here): loading and looking people up.

use super::entities::register_people;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait};
use serde::Deserialize;

/// A person as the register knows them.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct RegisterPerson {
    pub matricule: String,
    pub family_name: String,
    pub given_names: String,
    pub sex: String,
    pub birth_date: String,
    pub birth_place: String,
    pub nationality: String,
    pub address: RegisterAddress,
}

/// An address as the register knows it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct RegisterAddress {
    pub street: String,
    pub number: String,
    pub postcode: String,
    pub locality: String,
    pub country: String,
}

/// Loads `people` into an empty register table; returns how many were loaded (0 if not empty).
pub async fn load_if_empty<C: ConnectionTrait>(
    db: &C,
    people: &[RegisterPerson],
) -> Result<usize, DbErr> {
    if register_people::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    for chunk in people.chunks(200) {
        let rows = chunk.iter().map(|p| register_people::ActiveModel {
            matricule: Set(p.matricule.clone()),
            family_name: Set(p.family_name.clone()),
            given_names: Set(p.given_names.clone()),
            sex: Set(p.sex.clone()),
            birth_date: Set(p.birth_date.clone()),
            birth_place: Set(p.birth_place.clone()),
            nationality: Set(p.nationality.clone()),
            street: Set(p.address.street.clone()),
            house_number: Set(p.address.number.clone()),
            postcode: Set(p.address.postcode.clone()),
            locality: Set(p.address.locality.clone()),
            country: Set(p.address.country.clone()),
        });
        register_people::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(people.len())
}

/// The register's entry for `matricule`, if any.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    matricule: &str,
) -> Result<Option<register_people::Model>, DbErr> {
    register_people::Entity::find_by_id(matricule.to_string())
        .one(db)
        .await
}
