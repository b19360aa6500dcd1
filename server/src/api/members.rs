//! Co-workers of a collaborative space: invitations, acceptance, roles and rights, leaving,
//! and dossiers shared with members.

use super::problem::ApiResult;
use super::{
    Tag,
    auth::BearerAuth,
    me::SpaceSummary,
    request::{Lang, RequestId},
};
use crate::domain::{
    Language,
    ids::{DossierId, PersonId, SpaceId},
    members::{Invitation, ProcedureRights},
    rights::{AdministerMembers, MemberRights, Read},
};
use crate::service::{
    Context,
    access::{authorize, authorize_dossier},
    members::{self, Member, NewInvitation},
};
use crate::store::members::Share;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};
use time::OffsetDateTime;

pub struct MembersApi {
    pub ctx: Context,
}

/// Rights on one procedure.
#[derive(Object, Clone)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct RightsBody {
    /// A procedure id of the catalog, or `*` for every procedure.
    procedure: String,
    /// Any of `fill` (start and fill in), `sign`, `transmit`, `read-communications`.
    rights: Vec<String>,
}

impl From<RightsBody> for ProcedureRights {
    fn from(r: RightsBody) -> Self {
        Self {
            procedure: r.procedure,
            rights: r.rights,
        }
    }
}

fn rights_view(rights: &MemberRights) -> Vec<RightsBody> {
    rights
        .procedures
        .iter()
        .map(|(scope, names)| RightsBody {
            procedure: scope.as_str().to_string(),
            rights: names.iter().cloned().collect(),
        })
        .collect()
}

/// An invitation to send.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct InvitationBody {
    /// Where the link goes.
    email: String,
    /// The national identification number the invitee must have (13 digits), if you want to
    /// bind the invitation to one person.
    #[oai(nullable)]
    matricule: Option<String>,
    /// `member` (default) or `administrator`.
    #[oai(nullable)]
    role: Option<String>,
    /// The member's rights per procedure once accepted.
    #[oai(default)]
    rights: Vec<RightsBody>,
    /// The mail's language (`fr`, `de`, `en`; default: the request's).
    #[oai(nullable)]
    language: Option<String>,
}

/// An invitation, as its space's administrators see it (never its link).
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct InvitationView {
    id: String,
    email: String,
    #[oai(nullable)]
    matricule: Option<String>,
    role: String,
    rights: Vec<RightsBody>,
    /// `open`, `accepted`, `revoked` or `expired`.
    state: String,
    invited_by: String,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    #[oai(nullable)]
    accepted_by: Option<String>,
}

fn invitation_view(i: Invitation, now: OffsetDateTime) -> InvitationView {
    InvitationView {
        state: i.state(now).as_str().into(),
        id: i.id,
        email: i.email,
        matricule: i.matricule,
        role: i.role.as_str().into(),
        rights: i
            .rights
            .into_iter()
            .map(|r| RightsBody {
                procedure: r.procedure,
                rights: r.rights,
            })
            .collect(),
        invited_by: i.invited_by.into(),
        created_at: i.created_at,
        expires_at: i.expires_at,
        accepted_by: i.accepted_by.map(Into::into),
    }
}

/// Accepting an invitation.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct AcceptanceBody {
    /// The token from the invitation link (after `#token=`).
    token: String,
}

/// A person in a space.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct MemberView {
    person_id: String,
    /// Given and family names.
    name: String,
    /// `holder`, `administrator` or `member`.
    role: String,
    /// A member's rights per procedure.
    rights: Vec<RightsBody>,
    since: OffsetDateTime,
}

impl From<Member> for MemberView {
    fn from(m: Member) -> Self {
        Self {
            rights: rights_view(&m.rights),
            person_id: m.person_id.into(),
            name: m.name,
            role: m.role.as_str().into(),
            since: m.since,
        }
    }
}

/// A member's new role and rights.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct MemberBody {
    /// `administrator` or `member`.
    role: String,
    /// A member's rights per procedure (ignored for an administrator, who has every right).
    #[oai(default)]
    rights: Vec<RightsBody>,
}

/// Sharing a dossier with a member.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct ShareBody {
    /// The member.
    person_id: String,
    /// Any of `fill`, `sign`, `transmit`; reading is implied.
    #[oai(default)]
    rights: Vec<String>,
}

/// Who a dossier is shared with.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct ShareView {
    person_id: String,
    rights: Vec<String>,
    shared_by: String,
    shared_at: OffsetDateTime,
}

impl From<Share> for ShareView {
    fn from(s: Share) -> Self {
        Self {
            person_id: s.person_id.into(),
            rights: s.rights.into_iter().collect(),
            shared_by: s.shared_by.into(),
            shared_at: s.shared_at,
        }
    }
}

#[derive(ApiResponse)]
enum InvitationCreated {
    /// Sent.
    #[oai(status = 201)]
    Created(Json<InvitationView>),
}

#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(tag = "Tag::Spaces")]
impl MembersApi {
    /// Invite a co-worker
    ///
    /// Administrators of a collaborative space (created with a Pro certificate; 409
    /// `space-not-collaborative` otherwise). The link goes by mail and works once, for the time
    /// the operator set (7 days by default), for the person signed in with their own
    /// certificate, and only for the matricule given if one is.
    #[oai(path = "/spaces/:space_id/invitations", method = "post")]
    async fn invite(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        lang: Data<&Lang>,
        rid: Data<&RequestId>,
        body: Json<InvitationBody>,
    ) -> ApiResult<InvitationCreated> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, AdministerMembers).await?;
        let b = body.0;
        let language = match b.language.as_deref() {
            None => lang.0.0,
            Some(code) => Language::parse(code).ok_or_else(|| {
                crate::domain::Error::invalid("language", crate::domain::Invalid::Language)
            })?,
        };
        let new = NewInvitation {
            email: b.email,
            matricule: b.matricule,
            role: b.role.unwrap_or_else(|| "member".into()),
            rights: b.rights.into_iter().map(Into::into).collect(),
            language,
        };
        let i = members::invite(&self.ctx, &grant, new, &rid.0.0).await?;
        Ok(InvitationCreated::Created(Json(invitation_view(
            i,
            self.ctx.now(),
        ))))
    }

    /// The space's invitations
    #[oai(path = "/spaces/:space_id/invitations", method = "get")]
    async fn invitations(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
    ) -> ApiResult<Json<Vec<InvitationView>>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, AdministerMembers).await?;
        let now = self.ctx.now();
        let list = members::invitations(&self.ctx, &grant).await?;
        Ok(Json(
            list.into_iter().map(|i| invitation_view(i, now)).collect(),
        ))
    }

    /// Withdraw an invitation
    ///
    /// Its link stops working at once (410 `invitation-expired` for whoever uses it).
    #[oai(
        path = "/spaces/:space_id/invitations/:invitation_id",
        method = "delete"
    )]
    async fn withdraw(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        invitation_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Json<InvitationView>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, AdministerMembers).await?;
        let i = members::withdraw(&self.ctx, &grant, &invitation_id.0, &rid.0.0).await?;
        Ok(Json(invitation_view(i, self.ctx.now())))
    }

    /// Accept an invitation
    ///
    /// Signed in with one's own certificate. 404 `invitation-unknown`, 410
    /// `invitation-expired` (or withdrawn), 410 `invitation-used`, 403
    /// `invitation-not-for-you` (it names another matricule), 409 `already-member`.
    #[oai(path = "/invitations/acceptance", method = "post")]
    async fn accept(
        &self,
        auth: BearerAuth,
        rid: Data<&RequestId>,
        body: Json<AcceptanceBody>,
    ) -> ApiResult<Json<SpaceSummary>> {
        let person = auth.0.person_id()?;
        let m = members::accept(&self.ctx, person, &body.token, &rid.0.0).await?;
        Ok(Json(m.into()))
    }

    /// The people of a space
    #[oai(path = "/spaces/:space_id/members", method = "get")]
    async fn members(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
    ) -> ApiResult<Json<Vec<MemberView>>> {
        let caller = auth.0.person()?;
        let grant = authorize(&self.ctx, &caller, &SpaceId::from(space_id.0), Read).await?;
        let list = members::list(&self.ctx, &grant).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Change a member's role and rights
    ///
    /// Administrators only. Making a member administrator hands the role over; the last
    /// administrator cannot step down (409 `last-administrator`). Effective at once.
    #[oai(path = "/spaces/:space_id/members/:person_id", method = "put")]
    async fn set_member(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        person_id: Path<String>,
        rid: Data<&RequestId>,
        body: Json<MemberBody>,
    ) -> ApiResult<Json<MemberView>> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let grant = authorize(&self.ctx, &caller, &space, AdministerMembers).await?;
        let b = body.0;
        let rights: Vec<ProcedureRights> = b.rights.into_iter().map(Into::into).collect();
        let person = PersonId::from(person_id.0);
        let m = members::set(&self.ctx, &grant, &person, &b.role, &rights, &rid.0.0).await?;
        Ok(Json(m.into()))
    }

    /// Remove a member, or leave
    ///
    /// An administrator removes anyone; anyone removes themselves (leaves). Effective at once,
    /// open sessions included. The last administrator cannot leave (409 `last-administrator`).
    #[oai(path = "/spaces/:space_id/members/:person_id", method = "delete")]
    async fn remove(
        &self,
        auth: BearerAuth,
        space_id: Path<String>,
        person_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Done> {
        let caller = auth.0.person()?;
        let space = SpaceId::from(space_id.0);
        let person = PersonId::from(person_id.0);
        if auth.0.person_id()? == &person {
            let grant = authorize(&self.ctx, &caller, &space, Read).await?;
            members::remove(&self.ctx, &grant, &person, &rid.0.0).await?;
        } else {
            let grant = authorize(&self.ctx, &caller, &space, AdministerMembers).await?;
            members::remove(&self.ctx, &grant, &person, &rid.0.0).await?;
        }
        Ok(Done::NoContent)
    }

    /// Who a dossier is shared with
    #[oai(path = "/dossiers/:dossier_id/shares", method = "get")]
    async fn shares(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
    ) -> ApiResult<Json<Vec<ShareView>>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, AdministerMembers).await?;
        let list = members::shares(&self.ctx, &grant, &id).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Share a dossier with a member
    ///
    /// Administrators only; the member then reads the dossier and has the rights given on it.
    #[oai(path = "/dossiers/:dossier_id/shares", method = "post")]
    async fn share(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        rid: Data<&RequestId>,
        body: Json<ShareBody>,
    ) -> ApiResult<Json<Vec<ShareView>>> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, AdministerMembers).await?;
        let b = body.0;
        let person = PersonId::from(b.person_id);
        let list = members::share(&self.ctx, &grant, &id, &person, &b.rights, &rid.0.0).await?;
        Ok(Json(list.into_iter().map(Into::into).collect()))
    }

    /// Stop sharing a dossier with a member
    #[oai(path = "/dossiers/:dossier_id/shares/:person_id", method = "delete")]
    async fn unshare(
        &self,
        auth: BearerAuth,
        dossier_id: Path<String>,
        person_id: Path<String>,
        rid: Data<&RequestId>,
    ) -> ApiResult<Done> {
        let caller = auth.0.person()?;
        let id = DossierId::from(dossier_id.0);
        let grant = authorize_dossier(&self.ctx, &caller, &id, AdministerMembers).await?;
        let person = PersonId::from(person_id.0);
        members::unshare(&self.ctx, &grant, &id, &person, &rid.0.0).await?;
        Ok(Done::NoContent)
    }
}
