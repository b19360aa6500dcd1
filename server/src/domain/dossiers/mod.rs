//! Dossiers: the life of one procedure started in one space, as a state machine.

pub mod attachment;
pub mod canonical;
pub mod record;

pub use record::{
    Attachment, AttachmentFile, DossierRecord, Event, Message, MessageFile, MessageFileInfo, Upload,
};

use std::fmt;

/// Where a dossier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Being filled in.
    Draft,
    /// Signed by the holder: frozen.
    Signed,
    /// Sent to the administration.
    Transmitted,
    /// An agent works on it.
    InProcessing,
    /// The administration asked the holder for information.
    InformationRequested,
    /// The holder answered.
    Answered,
    /// Decided (accepted or rejected).
    Closed,
    /// Withdrawn by the holder before processing.
    Withdrawn,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Signed,
        Status::Transmitted,
        Status::InProcessing,
        Status::InformationRequested,
        Status::Answered,
        Status::Closed,
        Status::Withdrawn,
    ];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Signed => "signed",
            Self::Transmitted => "transmitted",
            Self::InProcessing => "in_processing",
            Self::InformationRequested => "information_requested",
            Self::Answered => "answered",
            Self::Closed => "closed",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the form and attachments may still change.
    pub fn editable(self) -> bool {
        self == Self::Draft
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a closed dossier ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Granted.
    Accepted,
    /// Refused.
    Rejected,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Self; 2] = [Self::Accepted, Self::Rejected];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// How a dossier reached the administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Started and sent by its holder online.
    Online,
    /// Received on paper and recorded by an agent.
    Paper,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Self; 2] = [Self::Online, Self::Paper];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Paper => "paper",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The side of a dossier's conversation a message comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The holder of the dossier's space.
    Holder,
    /// The competent administration.
    Administration,
}

impl Side {
    /// Every side.
    pub const ALL: [Self; 2] = [Self::Holder, Self::Administration];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holder => "holder",
            Self::Administration => "administration",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The other side.
    pub fn other(self) -> Self {
        match self {
            Self::Holder => Self::Administration,
            Self::Administration => Self::Holder,
        }
    }

    /// The side a caller writes from: agents write for the administration, everyone else (a
    /// person; the operator, who writes nothing) on the holder's side.
    pub fn of(caller: &crate::domain::rights::Caller) -> Self {
        use crate::domain::rights::Caller;
        match caller {
            Caller::Agent(_) => Self::Administration,
            Caller::Person(_) | Caller::Operator => Self::Holder,
        }
    }
}

/// Something that moves a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The holder signs.
    Sign,
    /// The holder transmits (signed, or draft when no signature is required).
    Transmit {
        /// Whether the procedure requires a signature.
        signature_required: bool,
    },
    /// The holder withdraws before processing.
    Withdraw,
    /// The holder answers an information request.
    Answer,
    /// An agent takes the dossier (or resumes it after an answer).
    Take,
    /// An agent asks the holder for information.
    RequestInformation,
    /// An agent decides.
    Close(Outcome),
}

/// The transition is not allowed from the dossier's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{action:?} is not possible when the dossier is {from}")]
pub struct IllegalTransition {
    /// The status.
    pub from: Status,
    /// What was tried.
    pub action: Action,
}

/// The status after `action`, or why it is not possible.
pub fn next(from: Status, action: Action) -> Result<Status, IllegalTransition> {
    use Action as A;
    use Status as S;
    let to = match (from, action) {
        (S::Draft, A::Sign) => S::Signed,
        (S::Signed, A::Transmit { .. }) => S::Transmitted,
        (
            S::Draft,
            A::Transmit {
                signature_required: false,
            },
        ) => S::Transmitted,
        (S::Draft | S::Signed | S::Transmitted, A::Withdraw) => S::Withdrawn,
        (S::InformationRequested, A::Answer) => S::Answered,
        (S::Transmitted | S::Answered, A::Take) => S::InProcessing,
        (S::InProcessing | S::Answered, A::RequestInformation) => S::InformationRequested,
        (S::InProcessing | S::Answered, A::Close(_)) => S::Closed,
        _ => return Err(IllegalTransition { from, action }),
    };
    Ok(to)
}

/// What the holder should do next, for the dashboard.
pub fn next_action(status: Status, signature_required: bool) -> Option<&'static str> {
    match status {
        Status::Draft if signature_required => Some("complete_and_sign"),
        Status::Draft => Some("complete_and_transmit"),
        Status::Signed => Some("transmit"),
        Status::InformationRequested => Some("answer"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Status as S;

    #[test]
    fn the_online_route_runs_from_draft_to_closed() {
        let mut s = S::Draft;
        for (action, expected) in [
            (A::Sign, S::Signed),
            (
                A::Transmit {
                    signature_required: true,
                },
                S::Transmitted,
            ),
            (A::Take, S::InProcessing),
            (A::RequestInformation, S::InformationRequested),
            (A::Answer, S::Answered),
            (A::RequestInformation, S::InformationRequested),
            (A::Answer, S::Answered),
            (A::Take, S::InProcessing),
            (A::Close(Outcome::Accepted), S::Closed),
        ] {
            s = next(s, action).unwrap();
            assert_eq!(s, expected);
        }
    }

    #[test]
    fn an_unsigned_dossier_cannot_be_transmitted_when_a_signature_is_required() {
        let err = next(
            S::Draft,
            A::Transmit {
                signature_required: true,
            },
        )
        .unwrap_err();
        assert_eq!(err.from, S::Draft);
        assert_eq!(
            next(
                S::Draft,
                A::Transmit {
                    signature_required: false
                }
            ),
            Ok(S::Transmitted)
        );
    }

    #[test]
    fn withdrawal_is_possible_only_before_processing() {
        for s in [S::Draft, S::Signed, S::Transmitted] {
            assert_eq!(next(s, A::Withdraw), Ok(S::Withdrawn));
        }
        for s in [
            S::InProcessing,
            S::InformationRequested,
            S::Answered,
            S::Closed,
            S::Withdrawn,
        ] {
            assert!(next(s, A::Withdraw).is_err(), "{s}");
        }
    }

    #[test]
    fn closed_and_withdrawn_dossiers_never_move_again() {
        let actions = [
            A::Sign,
            A::Transmit {
                signature_required: false,
            },
            A::Withdraw,
            A::Answer,
            A::Take,
            A::RequestInformation,
            A::Close(Outcome::Rejected),
        ];
        for s in [S::Closed, S::Withdrawn] {
            for a in actions {
                assert!(next(s, a).is_err(), "{s} {a:?}");
            }
        }
    }

    #[test]
    fn a_signed_dossier_is_frozen_and_statuses_round_trip() {
        assert!(S::Draft.editable());
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
            assert_eq!(s.editable(), s == S::Draft);
        }
        assert!(next(S::Signed, A::Sign).is_err());
        assert_eq!(next_action(S::InformationRequested, true), Some("answer"));
    }
}
