//! The procedure catalog: publishing versions from fixtures, listing, reading and searching.

use super::Context;
use crate::domain::{Error, ids::AdministrationId, procedures::Procedure};
use crate::store::{self, catalog::PublishedVersion};
use sea_orm::ConnectionTrait;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::{collections::HashMap, sync::Arc};
use time::OffsetDateTime;

/// The shipped catalog, one file per procedure version (`fixtures/procedures/`).
pub const SHIPPED: &[&str] = &[
    include_str!("../../../fixtures/procedures/criminal-record-extract.v1.json"),
    include_str!("../../../fixtures/procedures/professional-space-certification.v1.json"),
    include_str!("../../../fixtures/procedures/professional-space-certification.v2.json"),
    include_str!("../../../fixtures/procedures/change-of-address.v1.json"),
    include_str!("../../../fixtures/procedures/certified-copy-of-judgment.v1.json"),
    include_str!("../../../fixtures/procedures/residence-certificate.v1.json"),
    include_str!("../../../fixtures/procedures/professional-space-certification.v3.json"),
    include_str!("../../../fixtures/procedures/ccss-employee-declaration.v1.json"),
    include_str!("../../../fixtures/procedures/ccss-pay-certificate.v1.json"),
    include_str!("../../../fixtures/procedures/ccss-employer-data-change.v1.json"),
    include_str!("../../../fixtures/procedures/ccss-account-statement.v1.json"),
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
    let existing = store::catalog::version(conn, &p.id, p.version).await?;
    match existing {
        Some(row) if row.digest == digest => Ok(Published::Unchanged),
        Some(_) => {
            tracing::warn!(procedure = %p.id, version = p.version, "a published procedure version was edited: kept the stored one");
            Ok(Published::Conflict)
        }
        None => {
            let version = PublishedVersion {
                procedure_id: p.id.clone(),
                version: p.version,
                administration_id: AdministrationId::from(p.administration.as_str()),
                digest,
                definition: canonical,
            };
            store::catalog::publish(conn, version, now).await?;
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
        store::catalog::add_administration(conn, &a.id.into(), a.name.to_string()).await?;
    }
    for a in file.agents {
        store::catalog::add_agent(conn, &a.matricule, &a.administration.into(), &a.role).await?;
    }
    Ok(())
}

fn parse_row(row: &PublishedVersion) -> Result<Procedure, Error> {
    Procedure::parse(&row.definition).map_err(Error::internal)
}

/// The latest version of every procedure, optionally only those matching every word of `query`.
pub async fn list(ctx: &Context, query: Option<&str>) -> Result<Vec<Procedure>, Error> {
    let rows = store::catalog::all(&ctx.db).await?;
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
    let row = store::catalog::latest(conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    parse_row(&row)
}

/// The published procedure versions this instance has read, by (procedure id, version).
///
/// A published version never changes ([`Published::Conflict`] keeps the first text), so what
/// was read once stays true; the catalog has a few dozen versions, so the map stays small.
#[derive(Debug, Default)]
pub struct Versions(std::sync::RwLock<HashMap<(String, i32), Arc<Procedure>>>);

/// Procedure `id` at `version`, from the instance's [`Versions`] once read: the dashboard and
/// the back office ask for it on every line. [`Error::NotFound`] when it was never published.
pub async fn published(ctx: &Context, id: &str, version: i32) -> Result<Arc<Procedure>, Error> {
    let key = (id.to_string(), version);
    if let Some(p) = ctx
        .procedures
        .0
        .read()
        .ok()
        .and_then(|m| m.get(&key).cloned())
    {
        return Ok(p);
    }
    let p = Arc::new(self::version(&ctx.db, id, version).await?);
    if let Ok(mut m) = ctx.procedures.0.write() {
        m.insert(key, p.clone());
    }
    Ok(p)
}

/// Procedure `id` at `version` (what a dossier started on it keeps using).
pub async fn version<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    version: i32,
) -> Result<Procedure, Error> {
    let row = store::catalog::version(conn, id, version)
        .await?
        .ok_or(Error::NotFound)?;
    parse_row(&row)
}
