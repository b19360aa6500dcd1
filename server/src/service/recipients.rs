//! Who hears about what happens in a space, at which address, in which language.
//!
//! In a private space: its holder, at the space's contact address, in its language. In a
//! professional space: every person whose rights there cover reading communications about the
//! procedure concerned (administrators, and members given `read-communications` for it), each
//! at their own address and in their own language (their private space's profile).

use crate::domain::{
    Error, Language,
    ids::{PersonId, SpaceId},
    rights::{self, Caller, ReadCommunications},
    spaces::SpaceKind,
};
use crate::store;
use sea_orm::ConnectionTrait;

/// One person to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The person (their devices get the push).
    pub person: PersonId,
    /// Where the mail goes (none: no mail).
    pub email: Option<String>,
    /// Their language.
    pub language: Language,
}

/// The address and language `person` chose in their private space (their registration
/// address when they have none).
async fn own_contact<C: ConnectionTrait>(
    conn: &C,
    person: &PersonId,
) -> Result<(Option<String>, Language), Error> {
    let profile = match store::spaces::private_space_of(conn, person).await? {
        Some(space) => store::spaces::profile(conn, &space.id).await?,
        None => None,
    };
    let registered = store::persons::find(conn, person).await?.map(|p| p.email);
    Ok(match profile {
        Some(p) => (p.email.clone().or(registered), p.language()),
        None => (registered, Language::default()),
    })
}

/// Who to tell about something in `space` concerning `procedure` (none: the space as a whole,
/// which only those reading every procedure's communications hear about).
pub async fn of_space<C: ConnectionTrait>(
    conn: &C,
    space: &SpaceId,
    procedure: Option<&str>,
) -> Result<Vec<Recipient>, Error> {
    let Some(found) = store::spaces::find(conn, space).await? else {
        return Ok(Vec::new());
    };
    if found.kind == SpaceKind::Private {
        let profile = store::spaces::profile(conn, space).await?;
        let (email, language) = match profile {
            Some(p) => (p.email.clone(), p.language()),
            None => (None, Language::default()),
        };
        return Ok(store::spaces::holders(conn, space)
            .await?
            .into_iter()
            .map(|person| Recipient {
                person,
                email: email.clone(),
                language,
            })
            .collect());
    }
    let mut out = Vec::new();
    for (person, _, _) in store::spaces::members(conn, space).await? {
        let standing = store::members::standing(conn, space, &person).await?;
        let caller = Caller::Person(person.clone());
        let Some(grant) = rights::decide(&caller, space, standing.as_ref(), ReadCommunications)
        else {
            continue;
        };
        let covered = match (procedure, grant.member_reach()) {
            (_, None) => true,
            (Some(p), Some(_)) => grant.covers_procedure(p),
            (None, Some(reach)) => reach.procedures == rights::Procedures::All,
        };
        if covered {
            let (email, language) = own_contact(conn, &person).await?;
            out.push(Recipient {
                person,
                email,
                language,
            });
        }
    }
    Ok(out)
}
