//! Closing an account, in one transaction: what the law lets go is deleted (drafts with a
//! deletion record, devices, sessions, invitations, memberships, contact fields, certificates),
//! what it keeps is kept and listed with its rule and until when (transmitted dossiers, issued
//! documents, payments, the access log, deletion records), the person's row stays as a tombstone
//! for what refers to it, and a mail confirms it all.

use super::{Context, access, begin_write, retention};
use crate::domain::{
    Error,
    closure::{
        self, Deleted, Departure, Kept, PAYMENT_RULE, RULE, SpaceStanding, departure, dossier_kept,
        payment_kept_until,
    },
    ids::{PersonId, SpaceId},
    rights::{Caller, Fill, Grant, Read, Right, Role},
    spaces::{Access, Membership, SpaceKind},
};
use crate::mail::{outbox, templates};
use crate::store::{self, closure::Dossier, retention::Candidate};
use sea_orm::DatabaseTransaction;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// What a closure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    /// When the account was closed.
    pub closed_at: OffsetDateTime,
    /// What was deleted.
    pub deleted: Vec<Deleted>,
    /// What is kept, with why and until when.
    pub kept: Vec<Kept>,
}

/// One closure under way: the transaction, who closes, and what it did so far.
struct Closing<'a> {
    txn: &'a DatabaseTransaction,
    person: &'a PersonId,
    request_id: &'a str,
    now: OffsetDateTime,
    deleted: Vec<Deleted>,
    kept: Vec<Kept>,
}

impl Closing<'_> {
    /// Records `action` under `grant` in its space's access log.
    async fn record<R: Right>(
        &self,
        grant: &Grant<R>,
        action: &'static str,
        detail: String,
    ) -> Result<(), Error> {
        let access = Access::under(grant, action, detail, self.request_id);
        store::access_log::record(self.txn, access, self.now).await
    }

    /// Deletes a dossier never transmitted, with its deletion record and an access entry.
    async fn delete_draft(&mut self, grant: &Grant<Fill>, d: &Dossier) -> Result<(), Error> {
        store::retention::delete(self.txn, &d.id).await?;
        let c = Candidate {
            id: d.id.clone(),
            space_id: d.space_id.clone(),
            procedure_id: d.procedure_id.clone(),
            status: d.status,
            created_at: d.created_at,
            updated_at: d.updated_at,
            has_data: true,
        };
        let rec = retention::record(&c, RULE, self.person.as_str(), self.now);
        store::retention::insert_record(self.txn, rec).await?;
        self.record(grant, "dossier.deleted", format!("draft {} ({RULE})", d.id))
            .await?;
        self.deleted.push(Deleted::with(
            "draft",
            d.id.to_string(),
            d.procedure_id.clone(),
        ));
        Ok(())
    }

    /// The private space: drafts deleted; transmitted dossiers, documents and payments kept and
    /// listed; exports and the holder's contact fields deleted.
    async fn private_space(&mut self, space: &SpaceId) -> Result<(), Error> {
        let caller = Caller::Person(self.person.clone());
        let grant = access::authorize_in(self.txn, &caller, space, Fill).await?;
        let rules = retention::rules()?;
        let mut dossier_until = BTreeMap::new();
        for d in store::closure::dossiers_of(self.txn, space).await? {
            if d.transmitted_at.is_none() {
                self.delete_draft(&grant, &d).await?;
                continue;
            }
            let document = retention::valid_document_until(self.txn, &d.id, self.now)
                .await?
                .map(|(_, until)| until);
            let period = rules.period(&d.procedure_id, d.status);
            let (rule, until) = dossier_kept(
                &d.procedure_id,
                d.status.as_str(),
                period,
                d.updated_at,
                document,
            );
            dossier_until.insert(d.id.to_string(), until);
            self.kept.push(Kept {
                kind: "dossier",
                id: d.id.to_string(),
                rule,
                until,
            });
        }
        for c in store::closure::communications_of(self.txn, space).await? {
            let valid_until = c
                .seal_text
                .as_deref()
                .and_then(|s| guichet_verifier::seal::parse(s).ok())
                .and_then(|s| s.unverified_claims().valid_until());
            let rule = if valid_until.is_some() {
                "document-validity"
            } else {
                "with-dossier"
            };
            let until = match c.dossier_id.as_ref() {
                // Deleted or anonymised with its dossier, which a valid document keeps.
                Some(d) => dossier_until.get(d.as_str()).copied().flatten(),
                None => valid_until,
            };
            self.kept.push(Kept {
                kind: "communication",
                id: c.id.to_string(),
                rule: rule.into(),
                until,
            });
        }
        for p in store::closure::payments_of(self.txn, space).await? {
            self.kept.push(Kept {
                kind: "payment",
                id: p.id,
                rule: PAYMENT_RULE.into(),
                until: Some(payment_kept_until(p.paid_at.unwrap_or(p.created_at))),
            });
        }
        for id in store::closure::delete_exports(self.txn, space).await? {
            self.deleted.push(Deleted::new("export", id));
        }
        if store::closure::clear_contact(self.txn, space, self.now).await? {
            self.deleted
                .push(Deleted::new("profile-contact", space.to_string()));
            self.kept.push(Kept {
                kind: "register-profile",
                id: space.to_string(),
                rule: "register-copy".into(),
                until: None,
            });
        }
        for kind in ["access-log", "deletion-records"] {
            self.kept.push(Kept {
                kind,
                id: space.to_string(),
                rule: format!("{kind}:kept-with-space"),
                until: None,
            });
        }
        let summary = format!(
            "{} deleted, {} kept ({RULE})",
            self.deleted.len(),
            self.kept.len()
        );
        self.record(&grant, "account.closed", summary).await
    }

    /// A professional space: left (recorded in its access log), or closed with the account.
    async fn professional_space(
        &mut self,
        space: &SpaceId,
        role: Role,
        what: Departure,
    ) -> Result<(), Error> {
        let caller = Caller::Person(self.person.clone());
        if what == Departure::CloseSpace {
            let grant = access::authorize_in(self.txn, &caller, space, Fill).await?;
            for d in store::closure::dossiers_of(self.txn, space).await? {
                self.delete_draft(&grant, &d).await?;
            }
            for id in store::closure::withdraw_invitations_of(self.txn, space, self.now).await? {
                self.deleted.push(Deleted::new("invitation", id));
            }
            self.record(&grant, "space.closed", format!("account closed ({RULE})"))
                .await?;
            self.deleted.push(Deleted::with(
                "professional-space",
                space.to_string(),
                role.as_str(),
            ));
        } else {
            let grant = access::authorize_in(self.txn, &caller, space, Read).await?;
            self.record(&grant, "member.leave", format!("account closed ({RULE})"))
                .await?;
            self.deleted.push(Deleted::with(
                "membership",
                space.to_string(),
                role.as_str(),
            ));
        }
        store::members::clear_rights(self.txn, space, self.person).await?;
        store::spaces::remove_holder(self.txn, space, self.person).await?;
        Ok(())
    }
}

/// What becomes of each professional space `person` belongs to; [`Error::SoleAdministrator`]
/// naming the spaces they must hand over first.
async fn departures(
    txn: &DatabaseTransaction,
    memberships: &[Membership],
) -> Result<Vec<(SpaceId, Role, Departure)>, Error> {
    let mut plan = Vec::new();
    let mut refused = Vec::new();
    for m in memberships {
        if m.space.kind != SpaceKind::Professional {
            continue;
        }
        let space = &m.space.id;
        let members = store::spaces::members(txn, space).await?;
        let administrators = members
            .iter()
            .filter(|(_, r, _)| matches!(r, Role::Administrator | Role::Holder))
            .count();
        let sole = m.role == Role::Administrator && administrators <= 1;
        let standing = SpaceStanding {
            role: m.role,
            administrators,
            holders: members.len(),
            active_mandates: sole && store::closure::has_active_mandates(txn, space).await?,
            keeps_records: sole && store::closure::keeps_records(txn, space).await?,
        };
        match departure(standing) {
            Departure::Refuse => refused.push(space.to_string()),
            what => plan.push((space.clone(), m.role, what)),
        }
    }
    if refused.is_empty() {
        Ok(plan)
    } else {
        Err(Error::SoleAdministrator { spaces: refused })
    }
}

/// Closes the account of `person` (always the caller: there is no other person to name).
///
/// Refused with [`Error::SoleAdministrator`] while they are the only administrator of a
/// professional space others depend on or that keeps the organisation's records. Everything
/// happens in one transaction: every token of theirs stops working when it commits.
pub async fn close(ctx: &Context, person: &PersonId, request_id: &str) -> Result<Closed, Error> {
    let now = ctx.now();
    let txn = begin_write(&ctx.db).await?;
    store::persons::lock(&txn, person).await?;
    let me = store::persons::find(&txn, person)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if store::closure::closure(&txn, person).await?.is_some() {
        return Err(Error::Unauthenticated);
    }
    let memberships = store::spaces::memberships(&txn, person).await?;
    let plan = departures(&txn, &memberships).await?;
    let private = memberships
        .iter()
        .find(|m| m.space.is_private_space_of(person))
        .map(|m| m.space.id.clone());
    let profile = match &private {
        Some(space) => store::spaces::profile(&txn, space).await?,
        None => None,
    };
    let language = profile.as_ref().map(|p| p.language()).unwrap_or_default();
    let email = profile
        .and_then(|p| p.email)
        .unwrap_or_else(|| me.email.clone());

    let mut closing = Closing {
        txn: &txn,
        person,
        request_id,
        now,
        deleted: Vec::new(),
        kept: Vec::new(),
    };
    for (space, role, what) in plan {
        closing.professional_space(&space, role, what).await?;
    }
    if let Some(space) = &private {
        closing.private_space(space).await?;
    }
    for id in store::closure::delete_devices(&txn, person).await? {
        closing.deleted.push(Deleted::new("device", id));
    }
    for id in store::closure::end_sessions(&txn, person).await? {
        closing.deleted.push(Deleted::new("session", id));
    }
    for id in store::closure::delete_invitations_to(&txn, &me.matricule, &me.email).await? {
        closing.deleted.push(Deleted::new("invitation", id));
    }
    for (id, usage) in store::closure::delete_certificates(&txn, person).await? {
        closing
            .deleted
            .push(Deleted::with("certificate", id, usage));
    }
    for id in store::closure::delete_registrations(&txn, &me.matricule).await? {
        closing.deleted.push(Deleted::new("registration", id));
    }
    if store::closure::delete_space_limit(&txn, person).await? {
        closing
            .deleted
            .push(Deleted::new("space-limit", person.to_string()));
    }
    closing.kept.push(Kept {
        kind: "account",
        id: person.to_string(),
        rule: "account-closure-record".into(),
        until: None,
    });
    let (deleted, kept) = (closing.deleted, closing.kept);
    let kept_json = serde_json::to_string(&kept).map_err(Error::internal)?;
    let tombstone = closure::tombstone(rand::random());
    store::closure::close_person(&txn, person, &me.matricule, &tombstone, kept_json, now).await?;
    if !email.is_empty() {
        let (deleted_lines, kept_lines) = closure::summary(&deleted, &kept);
        let (subject, body) = templates::account_closed(language, &deleted_lines, &kept_lines);
        outbox::enqueue(&txn, &email, &subject, &body, now).await?;
    }
    txn.commit().await?;
    ctx.mail_queued.notify_one();
    tracing::info!(%person, deleted = deleted.len(), kept = kept.len(), "account closed");
    Ok(Closed {
        closed_at: now,
        deleted,
        kept,
    })
}
