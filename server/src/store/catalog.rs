//! The catalog: published procedure versions, the administrations and their agents.

use super::entities::{administrations, agents, procedure_versions};
use crate::domain::{
    Error,
    ids::{AdministrationId, AgentId},
    rights::Agent,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;

/// A published procedure version, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedVersion {
    /// The procedure.
    pub procedure_id: String,
    /// Its version.
    pub version: i32,
    /// The competent administration.
    pub administration_id: AdministrationId,
    /// SHA-256 of the canonical definition, hex.
    pub digest: String,
    /// The canonical definition (JSON).
    pub definition: String,
}

impl From<procedure_versions::Model> for PublishedVersion {
    fn from(m: procedure_versions::Model) -> Self {
        Self {
            procedure_id: m.procedure_id,
            version: m.version,
            administration_id: m.administration_id.into(),
            digest: m.digest,
            definition: m.definition,
        }
    }
}

/// Procedure `id` at `version`.
pub async fn version<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    version: i32,
) -> Result<Option<PublishedVersion>, Error> {
    Ok(
        procedure_versions::Entity::find_by_id((id.to_string(), version))
            .one(conn)
            .await?
            .map(PublishedVersion::from),
    )
}

/// The latest version of procedure `id`.
pub async fn latest<C: ConnectionTrait>(
    conn: &C,
    id: &str,
) -> Result<Option<PublishedVersion>, Error> {
    Ok(procedure_versions::Entity::find()
        .filter(procedure_versions::Column::ProcedureId.eq(id))
        .order_by_desc(procedure_versions::Column::Version)
        .one(conn)
        .await?
        .map(PublishedVersion::from))
}

/// Every published version, by procedure, newest version first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<PublishedVersion>, Error> {
    Ok(procedure_versions::Entity::find()
        .order_by_asc(procedure_versions::Column::ProcedureId)
        .order_by_desc(procedure_versions::Column::Version)
        .all(conn)
        .await?
        .into_iter()
        .map(PublishedVersion::from)
        .collect())
}

/// Publishes a version.
pub async fn publish<C: ConnectionTrait>(
    conn: &C,
    version: PublishedVersion,
    now: OffsetDateTime,
) -> Result<(), Error> {
    procedure_versions::Entity::insert(procedure_versions::ActiveModel {
        procedure_id: Set(version.procedure_id),
        version: Set(version.version),
        administration_id: Set(version.administration_id.into()),
        digest: Set(version.digest),
        definition: Set(version.definition),
        published_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The names of an administration (a JSON object of texts per language), if it is known.
pub async fn administration_names<C: ConnectionTrait>(
    conn: &C,
    id: &AdministrationId,
) -> Result<Option<String>, Error> {
    Ok(administrations::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(|a| a.names))
}

/// Adds an administration unless it is known.
pub async fn add_administration<C: ConnectionTrait>(
    conn: &C,
    id: &AdministrationId,
    names: String,
) -> Result<(), Error> {
    if administration_names(conn, id).await?.is_none() {
        administrations::Entity::insert(administrations::ActiveModel {
            id: Set(id.clone()),
            names: Set(names),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

fn agent_of(m: agents::Model) -> Agent {
    Agent {
        id: m.id,
        administration: m.administration_id,
    }
}

/// The agent `id`.
pub async fn agent<C: ConnectionTrait>(conn: &C, id: &AgentId) -> Result<Option<Agent>, Error> {
    Ok(agents::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(agent_of))
}

/// The agent with national identification number `matricule`.
pub async fn agent_by_matricule<C: ConnectionTrait>(
    conn: &C,
    matricule: &str,
) -> Result<Option<Agent>, Error> {
    Ok(agents::Entity::find()
        .filter(agents::Column::Matricule.eq(matricule))
        .one(conn)
        .await?
        .map(agent_of))
}

/// Adds an agent unless one with that national identification number is known.
pub async fn add_agent<C: ConnectionTrait>(
    conn: &C,
    matricule: &str,
    administration: &AdministrationId,
    role: &str,
) -> Result<(), Error> {
    if agent_by_matricule(conn, matricule).await?.is_none() {
        agents::Entity::insert(agents::ActiveModel {
            id: Set(AgentId::generate()),
            matricule: Set(matricule.to_string()),
            administration_id: Set(administration.clone()),
            role: Set(role.to_string()),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}
