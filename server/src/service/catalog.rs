//! The procedure catalog: publishing versions from fixtures, listing, reading and searching.

use super::{Context, db};
use crate::domain::{Error, procedures::Procedure};
use crate::store::entities::{administrations, agents, procedure_versions};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The shipped catalog, one file per procedure version (`fixtures/procedures/`).
pub const SHIPPED: &[&str] = &[
    include_str!("../../../fixtures/procedures/criminal-record-extract.v1.json"),
    include_str!("../../../fixtures/procedures/professional-space-certification.v1.json"),
    include_str!("../../../fixtures/procedures/change-of-address.v1.json"),
];

/// The shipped administrations and agents (`fixtures/administrations/`).
pub const ADMINISTRATIONS: &str =
    include_str!("../../../fixtures/administrations/administrations.json");

/// What publishing a version did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// A new version was stored.
    New,
    /// That exact version was already published.
    Unchanged,
    /// A different text was already published under that version: kept, the new text ignored.
    Conflict,
}

/// Publishes one procedure version; a published version is never changed.
pub async fn publish<C: ConnectionTrait>(
    conn: &C,
    json: &str,
    now: OffsetDateTime,
) -> Result<Published, Error> {
    let p = Procedure::parse(json).map_err(Error::internal)?;
    let canonical = serde_json::to_string(&p).map_err(Error::internal)?;
    let digest = hex::encode(Sha256::digest(canonical.as_bytes()));
    let existing = procedure_versions::Entity::find_by_id((p.id.clone(), p.version))
        .one(conn)
        .await
        .map_err(db)?;
    match existing {
        Some(row) if row.digest == digest => Ok(Published::Unchanged),
        Some(_) => {
            tracing::warn!(procedure = %p.id, version = p.version, "a published procedure version was edited: kept the stored one");
            Ok(Published::Conflict)
        }
        None => {
            procedure_versions::Entity::insert(procedure_versions::ActiveModel {
                procedure_id: Set(p.id.clone()),
                version: Set(p.version),
                administration_id: Set(p.administration.clone()),
                digest: Set(digest),
                definition: Set(canonical),
                published_at: Set(now),
            })
            .exec_without_returning(conn)
            .await
            .map_err(db)?;
            Ok(Published::New)
        }
    }
}

#[derive(Deserialize)]
struct AdministrationsFile {
    administrations: Vec<AdministrationEntry>,
    agents: Vec<AgentEntry>,
}

#[derive(Deserialize)]
struct AdministrationEntry {
    id: String,
    name: serde_json::Value,
}

#[derive(Deserialize)]
struct AgentEntry {
    matricule: String,
    administration: String,
    role: String,
}

/// Publishes the shipped catalog and loads the shipped administrations and agents.
pub async fn load_shipped<C: ConnectionTrait>(conn: &C, now: OffsetDateTime) -> Result<(), Error> {
    for json in SHIPPED {
        publish(conn, json, now).await?;
    }
    let file: AdministrationsFile =
        serde_json::from_str(ADMINISTRATIONS).map_err(Error::internal)?;
    for a in file.administrations {
        if administrations::Entity::find_by_id(a.id.clone())
            .one(conn)
            .await
            .map_err(db)?
            .is_none()
        {
            administrations::Entity::insert(administrations::ActiveModel {
                id: Set(a.id),
                names: Set(a.name.to_string()),
            })
            .exec_without_returning(conn)
            .await
            .map_err(db)?;
        }
    }
    for a in file.agents {
        let known = agents::Entity::find()
            .filter(agents::Column::Matricule.eq(a.matricule.clone()))
            .one(conn)
            .await
            .map_err(db)?;
        if known.is_none() {
            agents::Entity::insert(agents::ActiveModel {
                id: Set(uuid::Uuid::now_v7().to_string()),
                matricule: Set(a.matricule),
                administration_id: Set(a.administration),
                role: Set(a.role),
            })
            .exec_without_returning(conn)
            .await
            .map_err(db)?;
        }
    }
    Ok(())
}

fn parse_row(row: &procedure_versions::Model) -> Result<Procedure, Error> {
    Procedure::parse(&row.definition).map_err(Error::internal)
}

/// The latest version of every procedure, optionally only those matching every word of `query`.
pub async fn list(ctx: &Context, query: Option<&str>) -> Result<Vec<Procedure>, Error> {
    let rows = procedure_versions::Entity::find()
        .order_by_asc(procedure_versions::Column::ProcedureId)
        .order_by_desc(procedure_versions::Column::Version)
        .all(&ctx.db)
        .await
        .map_err(db)?;
    let mut out: Vec<Procedure> = Vec::new();
    for row in &rows {
        if out.last().is_some_and(|p| p.id == row.procedure_id) {
            continue;
        }
        out.push(parse_row(row)?);
    }
    Ok(match query.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => out.into_iter().filter(|p| p.matches(q)).collect(),
        None => out,
    })
}

/// The latest version of procedure `id`.
pub async fn latest<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Procedure, Error> {
    let row = procedure_versions::Entity::find()
        .filter(procedure_versions::Column::ProcedureId.eq(id.to_string()))
        .order_by_desc(procedure_versions::Column::Version)
        .one(conn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    parse_row(&row)
}

/// Procedure `id` at `version` (what a dossier started on it keeps using).
pub async fn version<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    version: i32,
) -> Result<Procedure, Error> {
    let row = procedure_versions::Entity::find_by_id((id.to_string(), version))
        .one(conn)
        .await
        .map_err(db)?
        .ok_or(Error::NotFound)?;
    parse_row(&row)
}
