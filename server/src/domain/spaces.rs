//! Spaces: where a person's (later an organisation's) data and dossiers live, and who holds them.

use super::ids::{PersonId, SpaceId};
use super::rights::Role;
use std::fmt;
use time::OffsetDateTime;

/// What a space is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpaceKind {
    /// A person's own space: one per person, made at registration.
    Private,
    /// An organisation's space.
    Professional,
}

impl SpaceKind {
    /// Every kind.
    pub const ALL: [Self; 2] = [Self::Private, Self::Professional];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Professional => "professional",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for SpaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Space {
    /// Id.
    pub id: SpaceId,
    /// What it is for.
    pub kind: SpaceKind,
    /// Its name.
    pub name: String,
    /// The person whose private space it is.
    pub private_owner: Option<PersonId>,
    /// Whether co-workers may be invited (professional spaces created with a Pro certificate).
    pub collaborative: bool,
    /// When made.
    pub created_at: OffsetDateTime,
}

impl Space {
    /// Whether this is `person`'s own private space.
    pub fn is_private_space_of(&self, person: &PersonId) -> bool {
        self.kind == SpaceKind::Private && self.private_owner.as_ref() == Some(person)
    }
}

/// A space someone belongs to, with their role in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// The space.
    pub space: Space,
    /// The role.
    pub role: Role,
}

/// The personal data of a space: register fields (read-only here) and the holder's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Profile {
    pub space_id: SpaceId,
    pub family_name: String,
    pub given_names: String,
    pub birth_date: String,
    pub birth_place: String,
    pub nationality: String,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub locality: String,
    pub country: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub iban: Option<String>,
    /// Two-letter code.
    pub preferred_language: Option<String>,
    /// Increases with every change.
    pub version: i32,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

impl Profile {
    /// The value of register field `field` (`None` for a field that is not one).
    pub fn register_value(&self, field: &str) -> Option<&str> {
        Some(match field {
            "family_name" => &self.family_name,
            "given_names" => &self.given_names,
            "birth_date" => &self.birth_date,
            "birth_place" => &self.birth_place,
            "nationality" => &self.nationality,
            "street" => &self.street,
            "house_number" => &self.house_number,
            "postcode" => &self.postcode,
            "locality" => &self.locality,
            "country" => &self.country,
            _ => return None,
        })
    }

    /// The language the holder chose (French when none).
    pub fn language(&self) -> super::Language {
        self.preferred_language
            .as_deref()
            .and_then(super::Language::parse)
            .unwrap_or_default()
    }

    /// The holder fields `contact` changes, by name (what the access log records).
    pub fn changes(&self, contact: &super::profile::ContactData) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.email.as_deref() != Some(contact.email.as_str()) {
            changed.push("email");
        }
        if self.phone != contact.phone {
            changed.push("phone");
        }
        if self.iban != contact.iban {
            changed.push("iban");
        }
        if self.preferred_language.as_deref() != contact.preferred_language.map(|l| l.code()) {
            changed.push("preferred_language");
        }
        changed
    }
}

/// One access to a space's data, to record: who, what, which data (names, never values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The space.
    pub space_id: SpaceId,
    /// Who acted: the person's or the agent's id, the operator's name, `platform`.
    pub actor: String,
    /// What kind of actor.
    pub actor_kind: super::rights::ActorKind,
    /// Their role in the space (none for an agent, the operator or the platform).
    pub role: Option<Role>,
    /// The agent's administration.
    pub administration: Option<String>,
    /// What was done, e.g. `profile.read`.
    pub action: &'static str,
    /// Which data (field names, never values).
    pub detail: String,
    /// Why: the dossier worked, the form prefilled, the operator's reason; empty when the
    /// holder uses their own data.
    pub purpose: String,
    /// The request, for correlation with logs (at most 64 characters are kept).
    pub request_id: String,
}

impl Access {
    /// An access under `grant`, by whoever holds it (with the agent's administration).
    pub fn under<R: super::rights::Right>(
        grant: &super::rights::Grant<R>,
        action: &'static str,
        detail: impl Into<String>,
        request_id: &str,
    ) -> Self {
        let caller = grant.caller();
        Self {
            space_id: grant.space().clone(),
            actor: caller.id().to_string(),
            actor_kind: caller.kind(),
            role: grant.role(),
            administration: match caller {
                super::rights::Caller::Agent(a) => Some(a.administration.to_string()),
                _ => None,
            },
            action,
            detail: detail.into(),
            purpose: String::new(),
            request_id: request_id.chars().take(64).collect(),
        }
    }

    /// A person's access in `space` under `role` (what a service records outside a grant).
    pub fn by_person(
        space: &SpaceId,
        person: &str,
        role: Option<Role>,
        action: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            space_id: space.clone(),
            actor: person.to_string(),
            actor_kind: super::rights::ActorKind::Person,
            role,
            administration: None,
            action,
            detail: detail.into(),
            purpose: String::new(),
            request_id: String::new(),
        }
    }

    /// A use by the operator (`who`: their name) or the platform (`who`: `platform`) of the
    /// data of `space`, with the reason they gave.
    pub fn by_operator(
        space: &SpaceId,
        kind: super::rights::ActorKind,
        who: &str,
        action: &'static str,
        detail: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            space_id: space.clone(),
            actor: who.chars().take(64).collect(),
            actor_kind: kind,
            role: None,
            administration: None,
            action,
            detail: detail.into(),
            purpose: reason.into(),
            request_id: String::new(),
        }
    }

    /// The same access, saying why.
    pub fn because(mut self, purpose: impl Into<String>) -> Self {
        self.purpose = purpose.into();
        self
    }

    /// The same access, with its request id.
    pub fn in_request(mut self, request_id: &str) -> Self {
        self.request_id = request_id.chars().take(64).collect();
        self
    }
}

/// A recorded access, as the holder reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// When.
    pub at: OffsetDateTime,
    /// Who (person or agent id, the operator's name, `platform`).
    pub actor: String,
    /// `person`, `agent`, `operator` or `platform`.
    pub actor_kind: &'static str,
    /// Their role in the space (none for an agent, the operator or the platform).
    pub role: Option<Role>,
    /// The agent's administration.
    pub administration: Option<String>,
    /// What.
    pub action: String,
    /// Which data.
    pub detail: String,
    /// Why (empty: the holder's own use).
    pub purpose: String,
}

/// Of the spaces a person belongs to, their private space.
pub fn private_space<'a>(person: &PersonId, spaces: &'a [Membership]) -> Option<&'a Space> {
    spaces
        .iter()
        .map(|m| &m.space)
        .find(|s| s.is_private_space_of(person))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space(id: &str, kind: SpaceKind, owner: Option<&str>) -> Membership {
        Membership {
            space: Space {
                id: SpaceId::from(id),
                kind,
                name: id.into(),
                private_owner: owner.map(PersonId::from),
                collaborative: false,
                created_at: OffsetDateTime::UNIX_EPOCH,
            },
            role: Role::Holder,
        }
    }

    #[test]
    fn the_private_space_is_the_one_the_person_owns() {
        let marie = PersonId::from("marie");
        let spaces = [
            space("pro", SpaceKind::Professional, None),
            space("other", SpaceKind::Private, Some("jean")),
            space("own", SpaceKind::Private, Some("marie")),
        ];
        assert_eq!(private_space(&marie, &spaces).unwrap().id, "own");
        assert!(private_space(&PersonId::from("luc"), &spaces).is_none());
    }
}
