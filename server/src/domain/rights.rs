//! Who may do what in which space: rights as values.
//!
//! A use case that reads or changes a space's data takes a [`Grant`] of the right it needs; a
//! grant is made only by [`decide`], from what the store knows of the caller in the space. Code
//! that holds no grant has nothing to pass, so it cannot make the call (compare lldap's
//! `AccessControlledBackendHandler`, which hands out a handler only to those allowed).
//!
//! A refusal is told apart from an unknown id by nobody: both are [`super::Error::NotFound`].

use super::ids::{AdministrationId, AgentId, DossierId, PersonId, SpaceId};
use std::collections::BTreeSet;
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
    /// The platform itself (a scheduled job such as retention).
    Platform,
}

impl ActorKind {
    /// Every kind.
    pub const ALL: [Self; 4] = [Self::Person, Self::Agent, Self::Operator, Self::Platform];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Agent => "agent",
            Self::Operator => "operator",
            Self::Platform => "platform",
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
    /// Holds a private space: its owner, with every right in it.
    Holder,
    /// Administers a professional space: every right in it, and its members and their rights.
    Administrator,
    /// A co-worker in a collaborative professional space: the rights an administrator gave,
    /// per procedure ([`MemberRights`]).
    Member,
    /// An administrator of another professional space (an accountant's) acting in an employer's
    /// space under mandates: only the procedures of the mandated domains ([`MandateRight`]).
    /// Never a member of the space.
    Mandatary,
}

impl Role {
    /// Every role.
    pub const ALL: [Self; 4] = [
        Self::Holder,
        Self::Administrator,
        Self::Member,
        Self::Mandatary,
    ];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holder => "holder",
            Self::Administrator => "administrator",
            Self::Member => "member",
            Self::Mandatary => "mandatary",
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
    /// Invite, remove and set the rights of a collaborative space's members; read every
    /// member's actions in the access log.
    AdministerMembers,
    "administer-members"
);
right!(
    /// Act for employers under mandates: add access with a mandatary's codes and list the
    /// employers the space acts for (administrators of a professional space).
    ActUnderMandate,
    "act-under-mandate"
);
right!(
    /// Certify the space for the social security centre's domains, list and revoke the mandates
    /// it gave (administrators of a professional space).
    ManageMandates,
    "manage-mandates"
);
right!(
    /// Work a dossier transmitted to the caller's administration: take it, decide, write to the
    /// holder, deliver letters, revoke what the administration issued.
    Process,
    "process"
);

right!(
    /// Export a copy of everything the platform holds about the space and its people (the
    /// holder of a private space, the administrators of a professional one).
    ExportData,
    "export"
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
    /// A member's reach: the dossiers of some procedures, and dossiers shared with them.
    Member(MemberReach),
}

/// Which procedures a member's right covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Procedures {
    /// Every procedure.
    All,
    /// These procedure ids (possibly none).
    Only(BTreeSet<String>),
}

impl Procedures {
    /// Whether `procedure` is covered.
    pub fn contains(&self, procedure: &str) -> bool {
        match self {
            Self::All => true,
            Self::Only(ids) => ids.contains(procedure),
        }
    }
}

/// The dossiers a member's grant reaches: those of [`Procedures`], and those shared with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberReach {
    /// Procedures whose dossiers are reached.
    pub procedures: Procedures,
    /// Dossiers shared with the member for this right.
    pub dossiers: BTreeSet<DossierId>,
}

impl MemberReach {
    /// Whether the reach is empty: nothing the right could be used on.
    pub fn is_empty(&self) -> bool {
        self.dossiers.is_empty() && self.procedures == Procedures::Only(BTreeSet::new())
    }
}

/// Where a member's right applies: every procedure (`*`) or one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProcedureScope {
    /// Every procedure of the catalog.
    All,
    /// One procedure, by id.
    One(String),
}

impl ProcedureScope {
    /// The stored and published form: `*` or the procedure id.
    pub fn as_str(&self) -> &str {
        match self {
            Self::All => "*",
            Self::One(id) => id,
        }
    }

    /// Parses the stored form.
    pub fn parse(s: &str) -> Self {
        if s == "*" {
            Self::All
        } else {
            Self::One(s.to_string())
        }
    }
}

/// The rights a member may be given, per procedure or on one shared dossier.
pub const MEMBER_RIGHTS: &[&str] = &["fill", "sign", "transmit", "read-communications"];

/// What an administrator gave a member: rights per procedure, and rights on shared dossiers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberRights {
    /// Rights (names from [`MEMBER_RIGHTS`]) per procedure scope.
    pub procedures: Vec<(ProcedureScope, BTreeSet<String>)>,
    /// Rights on single dossiers shared with the member.
    pub shares: Vec<(DossierId, BTreeSet<String>)>,
}

impl MemberRights {
    /// The reach of right `name`: for `read`, every procedure or dossier with any right.
    pub fn reach(&self, name: &str) -> MemberReach {
        let has = |rights: &BTreeSet<String>| {
            if name == Read::NAME {
                !rights.is_empty()
            } else {
                rights.contains(name)
            }
        };
        let mut ids = BTreeSet::new();
        let mut all = false;
        for (scope, rights) in &self.procedures {
            if has(rights) {
                match scope {
                    ProcedureScope::All => all = true,
                    ProcedureScope::One(id) => {
                        ids.insert(id.clone());
                    }
                }
            }
        }
        MemberReach {
            procedures: if all {
                Procedures::All
            } else {
                Procedures::Only(ids)
            },
            dossiers: self
                .shares
                .iter()
                .filter(|(_, rights)| name == Read::NAME || rights.contains(name))
                .map(|(d, _)| d.clone())
                .collect(),
        }
    }
}

/// One mandate a mandatary acts under in an employer's space: its id, and the procedures of
/// its domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateRight {
    /// The mandate.
    pub mandate: String,
    /// The procedures of the mandated domain.
    pub procedures: BTreeSet<String>,
}

/// What a person is in a space: a role, and for a member the rights they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The role.
    pub role: Role,
    /// A member's rights (empty for other roles).
    pub rights: MemberRights,
    /// A mandatary's mandates (empty for other roles).
    pub mandates: Vec<MandateRight>,
}

impl Standing {
    /// A standing with no per-procedure rights (holders and administrators).
    pub fn of(role: Role) -> Self {
        Self {
            role,
            rights: MemberRights::default(),
            mandates: Vec::new(),
        }
    }

    /// A mandatary's standing under `mandates` (none: no standing at all).
    pub fn mandatary(mandates: Vec<MandateRight>) -> Option<Self> {
        (!mandates.is_empty()).then(|| Self {
            role: Role::Mandatary,
            rights: MemberRights::default(),
            mandates,
        })
    }
}

/// What a dossier shows of itself to a reach check.
#[derive(Debug, Clone, Copy)]
pub struct DossierScope<'a> {
    /// The dossier.
    pub id: &'a DossierId,
    /// The space it belongs to.
    pub space: &'a SpaceId,
    /// Its procedure.
    pub procedure: &'a str,
    /// Its competent administration.
    pub administration: &'a AdministrationId,
    /// Whether it was transmitted.
    pub transmitted: bool,
}

/// Who acted, in which space, with which role (none for an agent or the operator).
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// Who.
    pub caller: &'a Caller,
    /// Their role in the space.
    pub role: Option<Role>,
    /// The space they acted in.
    pub space: &'a SpaceId,
}

/// Proof that a caller has right `R` in a space. Made only by [`decide`].
#[derive(Debug, Clone)]
pub struct Grant<R: Right> {
    space: SpaceId,
    caller: Caller,
    role: Option<Role>,
    reach: Reach,
    right: R,
    mandates: Vec<MandateRight>,
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

    /// Who acts under this grant, in which space, with which role: what timelines, messages
    /// and the access log record.
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            caller: &self.caller,
            role: self.role,
            space: &self.space,
        }
    }

    /// Whether a dossier is within reach: in the space and, for an administration's grant,
    /// transmitted to it; for a member's, of a procedure they have the right for, or shared.
    pub fn covers(&self, dossier: DossierScope<'_>) -> bool {
        dossier.space == &self.space
            && match &self.reach {
                Reach::Space => true,
                Reach::Transmitted(administration) => {
                    dossier.transmitted && dossier.administration == administration
                }
                Reach::Member(m) => {
                    m.procedures.contains(dossier.procedure) || m.dossiers.contains(dossier.id)
                }
            }
    }

    /// Whether the right may be used on new dossiers of `procedure` (starting one, for
    /// [`Fill`]): always for holders and administrators, per procedure for members.
    pub fn covers_procedure(&self, procedure: &str) -> bool {
        match &self.reach {
            Reach::Space => true,
            Reach::Transmitted(_) => false,
            Reach::Member(m) => m.procedures.contains(procedure),
        }
    }

    /// The mandate a mandatary acts under for a dossier of `procedure` (none for anyone else).
    pub fn mandate_for(&self, procedure: &str) -> Option<&str> {
        self.mandates
            .iter()
            .find(|m| m.procedures.contains(procedure))
            .map(|m| m.mandate.as_str())
    }

    /// The member's reach, when the grant is a member's (listings filter with it).
    pub fn member_reach(&self) -> Option<&MemberReach> {
        match &self.reach {
            Reach::Member(m) => Some(m),
            _ => None,
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
                Reach::Member(_) => true,
            }
    }
}

/// The rights each standing gives, as data: a row per role (and one for agents).
pub mod table {
    /// What a holder may do in their space.
    pub const HOLDER: &[&str] = &[
        "read",
        "fill",
        "sign",
        "transmit",
        "read-communications",
        "export",
    ];
    /// What an administrator may do in their professional space.
    pub const ADMINISTRATOR: &[&str] = &[
        "read",
        "fill",
        "sign",
        "transmit",
        "read-communications",
        "administer-members",
        "act-under-mandate",
        "manage-mandates",
        "export",
    ];
    /// What a mandatary may do in an employer's space, within the mandated domains' procedures.
    pub const MANDATARY: &[&str] = &["read", "fill", "sign", "transmit", "read-communications"];
    /// What an agent may do with the dossiers transmitted to their administration.
    pub const AGENT: &[&str] = &["read", "process"];
    /// What the operator may do in a space.
    pub const OPERATOR: &[&str] = &[];
}

/// Whether `caller`, with `standing` in the existing space `space` (`None`: none), has right
/// `R`. A member always may read the space itself; their other rights reach only the procedures
/// and shared dossiers an administrator gave them, and a right that reaches nothing is refused.
pub fn decide<R: Right>(
    caller: &Caller,
    space: &SpaceId,
    standing: Option<&Standing>,
    right: R,
) -> Option<Grant<R>> {
    let role = standing.map(|s| s.role);
    let (rights, reach) = match (caller, standing) {
        (Caller::Person(_), Some(s)) if s.role == Role::Holder => (table::HOLDER, Reach::Space),
        (Caller::Person(_), Some(s)) if s.role == Role::Administrator => {
            (table::ADMINISTRATOR, Reach::Space)
        }
        (Caller::Person(_), Some(s)) if s.role == Role::Mandatary => {
            if !table::MANDATARY.contains(&R::NAME) {
                return None;
            }
            let procedures = s
                .mandates
                .iter()
                .flat_map(|m| m.procedures.iter().cloned())
                .collect();
            return Some(Grant {
                space: space.clone(),
                caller: caller.clone(),
                role,
                reach: Reach::Member(MemberReach {
                    procedures: Procedures::Only(procedures),
                    dossiers: BTreeSet::new(),
                }),
                right,
                mandates: s.mandates.clone(),
            });
        }
        (Caller::Person(_), Some(s)) => {
            let reach = s.rights.reach(R::NAME);
            let allowed =
                R::NAME == Read::NAME || (MEMBER_RIGHTS.contains(&R::NAME) && !reach.is_empty());
            if !allowed {
                return None;
            }
            return Some(Grant {
                space: space.clone(),
                caller: caller.clone(),
                role,
                reach: Reach::Member(reach),
                right,
                mandates: Vec::new(),
            });
        }
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
        mandates: Vec::new(),
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
        let standing = Standing::of(Role::Holder);
        let holder = Some(&standing);
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
        assert!(
            decide(
                &Caller::Operator,
                &s,
                Some(&Standing::of(Role::Holder)),
                Fill
            )
            .is_none()
        );
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
        let d = DossierId::from("d");
        let scope = |administration, transmitted| DossierScope {
            id: &d,
            procedure: "p",
            space: &s,
            administration,
            transmitted,
        };
        assert!(grant.covers(scope(&justice, true)));
        assert!(!grant.covers(scope(&justice, false)));
        assert!(!grant.covers(scope(&other, true)));
        let elsewhere = SpaceId::from("t");
        assert!(!grant.covers(DossierScope {
            id: &d,
            procedure: "p",
            space: &elsewhere,
            administration: &justice,
            transmitted: true
        }));
    }

    #[test]
    fn a_holders_grant_covers_every_dossier_of_the_space_only() {
        let s = SpaceId::from("s");
        let grant = decide(&person(), &s, Some(&Standing::of(Role::Holder)), Read).unwrap();
        let a = AdministrationId::from("justice");
        let d = DossierId::from("d");
        assert!(grant.covers(DossierScope {
            id: &d,
            procedure: "p",
            space: &s,
            administration: &a,
            transmitted: false
        }));
        let t = SpaceId::from("t");
        assert!(!grant.covers(DossierScope {
            id: &d,
            procedure: "p",
            space: &t,
            administration: &a,
            transmitted: false
        }));
        assert_eq!(grant.caller().kind(), ActorKind::Person);
    }

    fn member(procedures: &[(&str, &[&str])], shares: &[(&str, &[&str])]) -> Standing {
        let set = |r: &[&str]| r.iter().map(|s| s.to_string()).collect();
        Standing {
            mandates: Vec::new(),
            role: Role::Member,
            rights: MemberRights {
                procedures: procedures
                    .iter()
                    .map(|(p, r)| (ProcedureScope::parse(p), set(r)))
                    .collect(),
                shares: shares
                    .iter()
                    .map(|(d, r)| (DossierId::from(*d), set(r)))
                    .collect(),
            },
        }
    }

    #[test]
    fn an_administrator_also_administers_members_and_a_holder_does_not() {
        let s = SpaceId::from("s");
        let admin = Standing::of(Role::Administrator);
        assert!(decide(&person(), &s, Some(&admin), AdministerMembers).is_some());
        assert!(decide(&person(), &s, Some(&admin), Transmit).is_some());
        let holder = Standing::of(Role::Holder);
        assert!(decide(&person(), &s, Some(&holder), AdministerMembers).is_none());
    }

    #[test]
    fn a_member_acts_only_on_the_procedures_and_dossiers_given() {
        let s = SpaceId::from("s");
        let m = member(
            &[
                ("affiliation", &["fill", "sign"]),
                ("pay", &["read-communications"]),
            ],
            &[("shared", &["transmit"])],
        );
        let a = AdministrationId::from("ccss");
        let scope = |id, procedure| DossierScope {
            id,
            space: &s,
            procedure,
            administration: &a,
            transmitted: false,
        };
        let (own, shared) = (DossierId::from("own"), DossierId::from("shared"));
        let fill = decide(&person(), &s, Some(&m), Fill).unwrap();
        assert!(fill.covers_procedure("affiliation"));
        assert!(!fill.covers_procedure("pay"));
        assert!(fill.covers(scope(&own, "affiliation")));
        assert!(!fill.covers(scope(&shared, "other")));
        let transmit = decide(&person(), &s, Some(&m), Transmit).unwrap();
        assert!(transmit.covers(scope(&shared, "other")));
        assert!(!transmit.covers(scope(&own, "affiliation")));
        let read = decide(&person(), &s, Some(&m), Read).unwrap();
        assert!(read.covers(scope(&own, "pay")));
        assert!(read.covers(scope(&shared, "other")));
        assert!(!read.covers(scope(&own, "elsewhere")));
        assert!(decide(&person(), &s, Some(&m), AdministerMembers).is_none());
        assert!(decide(&person(), &s, Some(&m), Process).is_none());
    }

    #[test]
    fn a_mandatary_acts_only_on_the_mandated_domains_procedures_and_names_the_mandate() {
        let s = SpaceId::from("employer");
        let standing = Standing::mandatary(vec![MandateRight {
            mandate: "m1".into(),
            procedures: ["ccss-employee-declaration".to_string()].into(),
        }])
        .unwrap();
        let fill = decide(&person(), &s, Some(&standing), Fill).unwrap();
        assert!(fill.covers_procedure("ccss-employee-declaration"));
        assert!(!fill.covers_procedure("ccss-pay-certificate"));
        assert_eq!(fill.mandate_for("ccss-employee-declaration"), Some("m1"));
        assert_eq!(fill.mandate_for("ccss-pay-certificate"), None);
        assert_eq!(fill.role(), Some(Role::Mandatary));
        let a = AdministrationId::from("ccss");
        let d = DossierId::from("d");
        let other = DossierScope {
            id: &d,
            space: &s,
            procedure: "ccss-pay-certificate",
            administration: &a,
            transmitted: false,
        };
        assert!(
            !decide(&person(), &s, Some(&standing), Read)
                .unwrap()
                .covers(other)
        );
        assert!(decide(&person(), &s, Some(&standing), AdministerMembers).is_none());
        assert!(decide(&person(), &s, Some(&standing), ManageMandates).is_none());
        assert!(decide(&person(), &s, Some(&standing), ActUnderMandate).is_none());
        assert!(Standing::mandatary(Vec::new()).is_none());
    }

    #[test]
    fn a_member_without_a_right_is_refused_it_but_may_read_the_space() {
        let s = SpaceId::from("s");
        let m = member(&[], &[]);
        assert!(decide(&person(), &s, Some(&m), Fill).is_none());
        assert!(decide(&person(), &s, Some(&m), ReadCommunications).is_none());
        let read = decide(&person(), &s, Some(&m), Read).unwrap();
        assert_eq!(read.role(), Some(Role::Member));
        let everything = member(&[("*", &["read-communications"])], &[]);
        let rc = decide(&person(), &s, Some(&everything), ReadCommunications).unwrap();
        assert_eq!(rc.member_reach().unwrap().procedures, Procedures::All);
    }
}
