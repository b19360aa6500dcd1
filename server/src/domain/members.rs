//! Co-workers of a collaborative space: invitations, and the rights an administrator gives.

use super::ids::{PersonId, SpaceId};
use super::rights::{MEMBER_RIGHTS, ProcedureScope, Role};
use super::{Error, Invalid};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::OffsetDateTime;

/// Rights on one procedure (`*`: every procedure), as given and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureRights {
    /// A procedure id, or `*`.
    pub procedure: String,
    /// Right names, from [`MEMBER_RIGHTS`].
    pub rights: Vec<String>,
}

/// Checks rights as sent: known right names, each procedure once (procedure ids are checked
/// against the catalog by the caller). Errors name the field, e.g. `rights/0/rights/1`.
pub fn parse_rights(
    field: &str,
    given: &[ProcedureRights],
) -> Result<Vec<(ProcedureScope, BTreeSet<String>)>, Error> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(given.len());
    for (i, p) in given.iter().enumerate() {
        let procedure = p.procedure.trim();
        if procedure.is_empty() {
            return Err(Error::invalid(
                format!("{field}/{i}/procedure"),
                Invalid::Required,
            ));
        }
        if !seen.insert(procedure.to_string()) {
            return Err(Error::invalid(
                format!("{field}/{i}/procedure"),
                Invalid::Choice,
            ));
        }
        let mut names = BTreeSet::new();
        for (j, r) in p.rights.iter().enumerate() {
            if !MEMBER_RIGHTS.contains(&r.as_str()) {
                return Err(Error::invalid(
                    format!("{field}/{i}/rights/{j}"),
                    Invalid::Choice,
                ));
            }
            names.insert(r.clone());
        }
        out.push((ProcedureScope::parse(procedure), names));
    }
    Ok(out)
}

/// Checks the rights given on one shared dossier (reading is implied).
pub fn parse_share_rights(field: &str, given: &[String]) -> Result<BTreeSet<String>, Error> {
    let mut names = BTreeSet::new();
    for (j, r) in given.iter().enumerate() {
        if !MEMBER_RIGHTS.contains(&r.as_str()) || r == "read-communications" {
            return Err(Error::invalid(format!("{field}/{j}"), Invalid::Choice));
        }
        names.insert(r.clone());
    }
    Ok(names)
}

/// The role an invitation or a change may give: administrator or member (a private space's
/// holder is no role one can be given).
pub fn parse_role(field: &str, raw: &str) -> Result<Role, Error> {
    match Role::parse(raw) {
        Some(r @ (Role::Administrator | Role::Member)) => Ok(r),
        _ => Err(Error::invalid(field, Invalid::Choice)),
    }
}

/// An invitation to a collaborative space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Id.
    pub id: String,
    /// The space.
    pub space_id: SpaceId,
    /// Where the link was sent.
    pub email: String,
    /// The national identification number the invitee must have, if the inviter named one.
    pub matricule: Option<String>,
    /// The role given on acceptance.
    pub role: Role,
    /// The rights given on acceptance (members).
    pub rights: Vec<ProcedureRights>,
    /// Who invited.
    pub invited_by: PersonId,
    /// The language of the mail.
    pub language: String,
    /// When sent.
    pub created_at: OffsetDateTime,
    /// When the link stops working.
    pub expires_at: OffsetDateTime,
    /// Who accepted it.
    pub accepted_by: Option<PersonId>,
    /// When.
    pub accepted_at: Option<OffsetDateTime>,
    /// When the inviter withdrew it.
    pub revoked_at: Option<OffsetDateTime>,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    /// Waiting for the invitee.
    Open,
    /// Accepted.
    Accepted,
    /// Withdrawn by an administrator.
    Revoked,
    /// Its link expired.
    Expired,
}

impl InvitationState {
    /// The published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }
}

impl Invitation {
    /// Its state at `now`.
    pub fn state(&self, now: OffsetDateTime) -> InvitationState {
        if self.accepted_at.is_some() {
            InvitationState::Accepted
        } else if self.revoked_at.is_some() {
            InvitationState::Revoked
        } else if now >= self.expires_at {
            InvitationState::Expired
        } else {
            InvitationState::Open
        }
    }

    /// Whether the person with `matricule` may accept it at `now`: used once
    /// ([`Error::InvitationUsed`]), withdrawn or expired ([`Error::InvitationExpired`]), or
    /// naming someone else ([`Error::InvitationNotForYou`]).
    pub fn check_acceptance(&self, matricule: &str, now: OffsetDateTime) -> Result<(), Error> {
        match self.state(now) {
            InvitationState::Accepted => return Err(Error::InvitationUsed),
            InvitationState::Revoked | InvitationState::Expired => {
                return Err(Error::InvitationExpired);
            }
            InvitationState::Open => {}
        }
        match &self.matricule {
            Some(m) if m != matricule => Err(Error::InvitationNotForYou),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn invitation(matricule: Option<&str>) -> Invitation {
        Invitation {
            id: "i".into(),
            space_id: SpaceId::from("s"),
            email: "jean@example.lu".into(),
            matricule: matricule.map(str::to_string),
            role: Role::Member,
            rights: vec![],
            invited_by: PersonId::from("p"),
            language: "fr".into(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            expires_at: OffsetDateTime::UNIX_EPOCH + Duration::days(7),
            accepted_by: None,
            accepted_at: None,
            revoked_at: None,
        }
    }

    #[test]
    fn an_invitation_is_accepted_once_before_it_expires_by_the_person_it_names() {
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(1);
        let i = invitation(Some("1985071512345"));
        assert!(i.check_acceptance("1985071512345", now).is_ok());
        assert!(matches!(
            i.check_acceptance("1990010112345", now),
            Err(Error::InvitationNotForYou)
        ));
        assert!(matches!(
            i.check_acceptance("1985071512345", now + Duration::days(7)),
            Err(Error::InvitationExpired)
        ));
        let mut used = i.clone();
        used.accepted_at = Some(now);
        assert!(matches!(
            used.check_acceptance("1985071512345", now),
            Err(Error::InvitationUsed)
        ));
        let mut withdrawn = invitation(None);
        withdrawn.revoked_at = Some(now);
        assert!(matches!(
            withdrawn.check_acceptance("x", now),
            Err(Error::InvitationExpired)
        ));
        assert!(invitation(None).check_acceptance("anyone", now).is_ok());
    }

    #[test]
    fn rights_are_checked_by_name_and_each_procedure_given_once() {
        let ok = parse_rights(
            "rights",
            &[ProcedureRights {
                procedure: "*".into(),
                rights: vec!["fill".into(), "transmit".into()],
            }],
        )
        .unwrap();
        assert_eq!(ok[0].0, ProcedureScope::All);
        let bad = parse_rights(
            "rights",
            &[ProcedureRights {
                procedure: "x".into(),
                rights: vec!["administer-members".into()],
            }],
        );
        assert!(
            matches!(bad, Err(Error::Invalid { ref field, .. }) if field == "rights/0/rights/0")
        );
        let twice = parse_rights(
            "rights",
            &[
                ProcedureRights {
                    procedure: "x".into(),
                    rights: vec![],
                },
                ProcedureRights {
                    procedure: "x".into(),
                    rights: vec![],
                },
            ],
        );
        assert!(
            matches!(twice, Err(Error::Invalid { ref field, .. }) if field == "rights/1/procedure")
        );
        assert!(parse_role("role", "holder").is_err());
        assert_eq!(
            parse_role("role", "administrator").unwrap(),
            Role::Administrator
        );
    }
}
