//! Who may do what in which space: rights as values.
//!
//! A use case that reads or changes a space's data takes a [`Grant`] of the right it needs; a
//! grant is made only by [`decide`], from what the store knows of the caller in the space. Code
//! that holds no grant has nothing to pass, so it cannot make the call (compare lldap's
//! `AccessControlledBackendHandler`, which hands out a handler only to those allowed).
//!
//! A refusal is told apart from an unknown id by nobody: both are [`super::Error::NotFound`].

use super::ids::{AdministrationId, AgentId, PersonId, SpaceId};
use std::fmt;

/// An agent of an administration, as established from their session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The agent.
    pub id: AgentId,
    /// The administration the agent works for.
    pub administration: AdministrationId,
}

/// Who calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A registered person, acting for themselves.
    Person(PersonId),
    /// An agent of an administration (back office).
    Agent(Agent),
    /// The operator of the platform (command line): runs queues and keys, reads no space's data.
    Operator,
}

impl Caller {
    /// `person`, `agent` or `operator`: how timelines name who acted.
    pub fn kind(&self) -> ActorKind {
        match self {
            Self::Person(_) => ActorKind::Person,
            Self::Agent(_) => ActorKind::Agent,
            Self::Operator => ActorKind::Operator,
        }
    }

    /// The person's or the agent's id (`operator` for the operator).
    pub fn id(&self) -> &str {
        match self {
            Self::Person(p) => p.as_str(),
            Self::Agent(a) => a.id.as_str(),
            Self::Operator => "operator",
        }
    }
}

/// What kind of caller acted, as recorded on a dossier's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A person.
    Person,
    /// An agent.
    Agent,
    /// The operator.
    Operator,
}

impl ActorKind {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::Person, Self::Agent, Self::Operator];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Agent => "agent",
            Self::Operator => "operator",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person's role in a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Holds the space: a private space's owner (later, a professional space's holders).
    Holder,
}

impl Role {
    /// Every role.
    pub const ALL: [Self; 1] = [Self::Holder];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holder => "holder",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A right in a space. Only the types of this module are rights.
pub trait Right: sealed::Sealed + Copy + Send + Sync + 'static {
    /// Its name, for logs.
    const NAME: &'static str;
}

macro_rules! right {
    ($(#[$doc:meta])* $name:ident, $text:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;

        impl sealed::Sealed for $name {}

        impl Right for $name {
            const NAME: &'static str = $text;
        }
    };
}

right!(
    /// Read the space's data: summary, profile, access log, dossiers, their files and messages.
    Read,
    "read"
);
right!(
    /// Fill in: change the profile, start dossiers, save their forms, attach documents.
    Fill,
    "fill"
);
right!(
    /// Sign a dossier (and obtain the document to sign).
    Sign,
    "sign"
);
right!(
    /// Send to the administration: transmit, withdraw, answer, write messages.
    Transmit,
    "transmit"
);
right!(
    /// Read the documents and letters delivered into the space ("my communications").
    ReadCommunications,
    "read-communications"
);
right!(
    /// Add and remove the members of a space and their rights (professional spaces; no grant
    /// yet).
    AdministerMembers,
    "administer-members"
);
right!(
    /// Act for someone else under a mandate for a domain (mandates; no grant yet).
    ActUnderMandate,
    "act-under-mandate"
);
right!(
    /// Work a dossier transmitted to the caller's administration: take it, decide, write to the
    /// holder, deliver letters, revoke what the administration issued.
    Process,
    "process"
);

/// The rights that let a caller write in a dossier's conversation: [`Transmit`] for the holder,
/// [`Process`] for the administration.
pub trait Converse: Right {}

impl Converse for Transmit {}

impl Converse for Process {}

/// How far a grant reaches inside its space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Everything in the space.
    Space,
    /// Only the dossiers transmitted to this administration, and what they hold.
    Transmitted(AdministrationId),
}

/// What a dossier shows of itself to a reach check.
#[derive(Debug, Clone, Copy)]
pub struct DossierScope<'a> {
    /// The space it belongs to.
    pub space: &'a SpaceId,
    /// Its competent administration.
    pub administration: &'a AdministrationId,
    /// Whether it was transmitted.
    pub transmitted: bool,
}

/// Proof that a caller has right `R` in a space. Made only by [`decide`].
#[derive(Debug, Clone)]
pub struct Grant<R: Right> {
    space: SpaceId,
    caller: Caller,
    role: Option<Role>,
    reach: Reach,
    right: R,
}

impl<R: Right> Grant<R> {
    /// The space.
    pub fn space(&self) -> &SpaceId {
        &self.space
    }

    /// Who holds it (who acts).
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// The caller's role in the space (none for an agent).
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// How far it reaches.
    pub fn reach(&self) -> &Reach {
        &self.reach
    }

    /// The right.
    pub fn right(&self) -> R {
        self.right
    }

    /// Whether a dossier is within reach: in the space and, for an administration's grant,
    /// transmitted to it.
    pub fn covers(&self, dossier: DossierScope<'_>) -> bool {
        dossier.space == &self.space
            && match &self.reach {
                Reach::Space => true,
                Reach::Transmitted(administration) => {
                    dossier.transmitted && dossier.administration == administration
                }
            }
    }
}

impl<R: Right> Grant<R> {
    /// Whether something an administration issued into a space (a document, a letter) is within
    /// reach: in the space and, for an administration's grant, issued by it.
    pub fn covers_issued(&self, space: &SpaceId, issuer: &AdministrationId) -> bool {
        space == &self.space
            && match &self.reach {
                Reach::Space => true,
                Reach::Transmitted(administration) => issuer == administration,
            }
    }
}

/// The rights each standing gives, as data: a row per role (and one for agents).
pub mod table {
    /// What a holder may do in their space.
    pub const HOLDER: &[&str] = &["read", "fill", "sign", "transmit", "read-communications"];
    /// What an agent may do with the dossiers transmitted to their administration.
    pub const AGENT: &[&str] = &["read", "process"];
    /// What the operator may do in a space.
    pub const OPERATOR: &[&str] = &[];
}

/// Whether `caller`, with `role` in the existing space `space` (`None`: no role), has right `R`.
pub fn decide<R: Right>(
    caller: &Caller,
    space: &SpaceId,
    role: Option<Role>,
    right: R,
) -> Option<Grant<R>> {
    let (rights, reach) = match (caller, role) {
        (Caller::Person(_), Some(Role::Holder)) => (table::HOLDER, Reach::Space),
        (Caller::Person(_), None) => return None,
        (Caller::Agent(agent), _) => (
            table::AGENT,
            Reach::Transmitted(agent.administration.clone()),
        ),
        (Caller::Operator, _) => (table::OPERATOR, Reach::Space),
    };
    rights.contains(&R::NAME).then(|| Grant {
        space: space.clone(),
        caller: caller.clone(),
        role,
        reach,
        right,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Caller {
        Caller::Person(PersonId::from("p"))
    }

    fn agent(administration: &str) -> Caller {
        Caller::Agent(Agent {
            id: AgentId::from("a"),
            administration: AdministrationId::from(administration),
        })
    }

    #[test]
    fn a_holder_has_every_right_of_a_private_space_but_membership_and_mandates() {
        let s = SpaceId::from("s");
        let p = person();
        let holder = Some(Role::Holder);
        assert!(decide(&p, &s, holder, Read).is_some());
        assert!(decide(&p, &s, holder, Fill).is_some());
        assert!(decide(&p, &s, holder, Sign).is_some());
        assert!(decide(&p, &s, holder, Transmit).is_some());
        assert!(decide(&p, &s, holder, ReadCommunications).is_some());
        assert!(decide(&p, &s, holder, AdministerMembers).is_none());
        assert!(decide(&p, &s, holder, ActUnderMandate).is_none());
        assert!(decide(&p, &s, holder, Process).is_none());
    }

    #[test]
    fn a_stranger_and_the_operator_get_nothing() {
        let s = SpaceId::from("s");
        assert!(decide(&person(), &s, None, Read).is_none());
        assert!(decide(&Caller::Operator, &s, None, Read).is_none());
        assert!(decide(&Caller::Operator, &s, Some(Role::Holder), Fill).is_none());
    }

    #[test]
    fn an_agent_reads_and_processes_only_what_was_transmitted_to_their_administration() {
        let s = SpaceId::from("s");
        let justice = AdministrationId::from("justice");
        let other = AdministrationId::from("ccss");
        let grant = decide(&agent("justice"), &s, None, Read).unwrap();
        assert!(decide(&agent("justice"), &s, None, Process).is_some());
        assert!(decide(&agent("justice"), &s, None, Fill).is_none());
        assert!(decide(&agent("justice"), &s, None, ReadCommunications).is_none());
        let scope = |administration, transmitted| DossierScope {
            space: &s,
            administration,
            transmitted,
        };
        assert!(grant.covers(scope(&justice, true)));
        assert!(!grant.covers(scope(&justice, false)));
        assert!(!grant.covers(scope(&other, true)));
        let elsewhere = SpaceId::from("t");
        assert!(!grant.covers(DossierScope {
            space: &elsewhere,
            administration: &justice,
            transmitted: true
        }));
    }

    #[test]
    fn a_holders_grant_covers_every_dossier_of_the_space_only() {
        let s = SpaceId::from("s");
        let grant = decide(&person(), &s, Some(Role::Holder), Read).unwrap();
        let a = AdministrationId::from("justice");
        assert!(grant.covers(DossierScope {
            space: &s,
            administration: &a,
            transmitted: false
        }));
        let t = SpaceId::from("t");
        assert!(!grant.covers(DossierScope {
            space: &t,
            administration: &a,
            transmitted: false
        }));
        assert_eq!(grant.caller().kind(), ActorKind::Person);
    }
}
