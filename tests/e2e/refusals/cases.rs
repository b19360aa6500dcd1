//! The refusal matrix as data: one case per protected operation of the OpenAPI document, saying
//! whose it is and how to call it. A new operation without a case fails `mod.rs`'s test.

use super::world::{Caller, Kind, Targets};
use guichet_tests::{Client, Resp};
use reqwest::Method;
use serde_json::json;
use std::{future::Future, pin::Pin};

/// A call in flight.
pub type Pending<'a> = Pin<Box<dyn Future<Output = Resp> + Send + 'a>>;

/// Calls one operation as the client's caller, naming the targets.
pub type Call = for<'a> fn(&'a Client, &'a Targets) -> Pending<'a>;

/// Whose operation it is, hence who must be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The holder's data, through a person's token: refused to another person, to agents and
    /// without a token.
    Holder,
    /// A dossier in the back office of the administration it was sent to: refused to an agent of
    /// another administration, to people (its holder too) and without a token.
    Administration,
    /// The caller's own account, through a person's token (no id names someone else's):
    /// refused to agents and without a token.
    OwnAccount,
    /// Registration, through the registration token of a sign-in: refused to agents and without a
    /// token (a registered person's access token is told 409 `already-registered`, about
    /// themselves only).
    Registration,
    /// The agent's own work (no id): refused to people and without a token.
    OwnWork,
    /// Any session's own end: refused only without a token.
    OwnSession,
    /// Public: answers without a token; an unknown id is not found.
    Public,
    /// A professional space's administration (members, invitations, shares, its data): refused
    /// to a stranger, a member without the right, a removed member, agents and without a token.
    Administrators,
    /// What every co-worker of a professional space reads: refused to a stranger, a removed
    /// member, agents and without a token.
    CoWorkers,
}

impl Audience {
    /// The callers who must be refused.
    pub fn refused(self) -> &'static [Caller] {
        use Caller::*;
        match self {
            Audience::Holder => &[AnotherPerson, AgentOfAnotherAdministration, NoToken],
            Audience::Administration => {
                &[AgentOfAnotherAdministration, AnotherPerson, Holder, NoToken]
            }
            Audience::OwnAccount => &[AgentOfTheAdministration, NoToken],
            Audience::Registration => &[AgentOfTheAdministration, NoToken],
            Audience::OwnWork => &[Holder, NoToken],
            Audience::OwnSession => &[NoToken],
            Audience::Public => &[],
            Audience::Administrators => &[
                AnotherPerson,
                MemberWithoutTheRight,
                RemovedMember,
                AgentOfTheAdministration,
                NoToken,
            ],
            Audience::CoWorkers => &[
                AnotherPerson,
                RemovedMember,
                AgentOfAnotherAdministration,
                NoToken,
            ],
        }
    }

    /// The kind of token the operation is for.
    pub fn kind(self) -> Kind {
        match self {
            Audience::Holder
            | Audience::OwnAccount
            | Audience::Administrators
            | Audience::CoWorkers => Kind::Person,
            Audience::Administration | Audience::OwnWork => Kind::Agent,
            Audience::Registration | Audience::OwnSession | Audience::Public => Kind::Nothing,
        }
    }

    /// Whether the operation names someone's object by id (then a refusal must look like an
    /// unknown id).
    pub fn names_an_object(self) -> bool {
        matches!(
            self,
            Audience::Holder
                | Audience::Administration
                | Audience::Public
                | Audience::Administrators
                | Audience::CoWorkers
        )
    }
}

/// One operation of the document and how to call it.
pub struct Case {
    /// Its method.
    pub method: Method,
    /// Its path as the OpenAPI document spells it.
    pub template: &'static str,
    /// Whose it is.
    pub audience: Audience,
    /// The call.
    pub call: Call,
}

macro_rules! case {
    ($audience:ident, $method:ident $template:literal, |$c:ident, $t:ident| $call:expr) => {{
        fn call<'a>($c: &'a Client, $t: &'a Targets) -> Pending<'a> {
            Box::pin($call)
        }
        Case {
            method: Method::$method,
            template: concat!("/api/v1", $template),
            audience: Audience::$audience,
            call,
        }
    }};
}

/// Every case. Keep the document's order.
pub fn all() -> Vec<Case> {
    vec![
        case!(OwnSession, POST "/session/signout", |c, _t| c.sign_out()),
        case!(Registration, POST "/registrations", |c, _t| c.start_registration(
            json!({"email": "marie.schmit@example.lu", "matricule": "1984031204237"})
        )),
        case!(Registration, POST "/registrations/resend", |c, _t| c.resend_registration()),
        case!(OwnAccount, GET "/me", |c, _t| c.me()),
        case!(OwnAccount, GET "/me/certificates", |c, _t| c.my_certificates()),
        case!(OwnAccount, POST "/me/certificates", |c, t| c.add_certificate(t.certificate.clone())),
        case!(OwnAccount, POST "/me/closure", |c, _t| c.close_account(json!({"confirm": true}))),
        case!(Holder, GET "/spaces/{space_id}", |c, t| c.space(&t.space)),
        case!(Holder, GET "/spaces/{space_id}/profile", |c, t| c.profile(&t.space)),
        case!(Holder, PUT "/spaces/{space_id}/profile", |c, t| c.update_profile(
            &t.space,
            None,
            json!({"email": "intrus@example.lu"})
        )),
        case!(Holder, GET "/spaces/{space_id}/access-log", |c, t| c.access_log(&t.space)),
        case!(OwnAccount, POST "/spaces", |c, _t| c.create_space(
            guichet_tests::company::organisation_body()
        )),
        case!(CoWorkers, GET "/spaces/{space_id}/organisation", |c, t| c.organisation(&t.company)),
        case!(Administrators, PUT "/spaces/{space_id}/organisation", |c, t| c
            .update_organisation(&t.company, None, guichet_tests::company::organisation_body())),
        case!(Administrators, POST "/spaces/{space_id}/invitations", |c, t| c
            .invite(&t.company, json!({"email": "intrus@example.lu"}))),
        case!(Administrators, GET "/spaces/{space_id}/invitations", |c, t| c.invitations(&t.company)),
        case!(Administrators, DELETE "/spaces/{space_id}/invitations/{invitation_id}", |c, t| c
            .withdraw_invitation(&t.company, &t.invitation)),
        case!(OwnAccount, POST "/invitations/acceptance", |c, t| c
            .accept_invitation(&t.invitation_token)),
        case!(CoWorkers, GET "/spaces/{space_id}/members", |c, t| c.members(&t.company)),
        case!(Administrators, PUT "/spaces/{space_id}/members/{person_id}", |c, t| c
            .set_member(&t.company, &t.member, json!({"role": "administrator"}))),
        case!(Administrators, DELETE "/spaces/{space_id}/members/{person_id}", |c, t| c
            .remove_member(&t.company, &t.administrator)),
        case!(Administrators, GET "/dossiers/{dossier_id}/shares", |c, t| c.shares(&t.company_dossier)),
        case!(Administrators, POST "/dossiers/{dossier_id}/shares", |c, t| c
            .share(&t.company_dossier, json!({"person_id": t.member, "rights": ["fill"]}))),
        case!(Administrators, DELETE "/dossiers/{dossier_id}/shares/{person_id}", |c, t| c
            .unshare(&t.company_dossier, &t.member)),
        case!(Public, GET "/procedures/{procedure_id}/versions/{version}", |c, t| c
            .procedure_version(&t.procedure, &t.procedure_version)),
        case!(Public, GET "/procedures/{procedure_id}", |c, t| c.procedure(&t.procedure)),
        case!(Holder, GET "/dossiers/{dossier_id}", |c, t| c.dossier(&t.dossier)),
        case!(Holder, PUT "/dossiers/{dossier_id}/steps/{step_id}", |c, t| c.fill_step(
            &t.draft,
            "request",
            json!({"values": {"copies": 2}})
        )),
        case!(Holder, GET "/dossiers/{dossier_id}/validation", |c, t| c.validation(&t.draft)),
        case!(Holder, GET "/dossiers/{dossier_id}/signing-document", |c, t| c
            .signing_document(&t.draft)),
        case!(Holder, POST "/dossiers/{dossier_id}/signature", |c, t| c
            .sign_dossier(&t.draft, t.signature.clone())),
        case!(Holder, POST "/dossiers/{dossier_id}/transmission", |c, t| c.transmit(&t.draft)),
        case!(Holder, POST "/dossiers/{dossier_id}/withdrawal", |c, t| c
            .withdraw(&t.draft, "plus besoin")),
        case!(Holder, POST "/dossiers/{dossier_id}/answer", |c, t| c.answer(&t.dossier, "voici")),
        case!(Holder, GET "/dossiers/{dossier_id}/timeline", |c, t| c.timeline(&t.dossier)),
        case!(Holder, POST "/spaces/{space_id}/dossiers", |c, t| c
            .start_dossier(&t.space, "change-of-address")),
        case!(Holder, GET "/spaces/{space_id}/dossiers", |c, t| c.space_dossiers(&t.space)),
        case!(Holder, POST "/dossiers/{dossier_id}/attachments", |c, t| c.attach(
            &t.draft,
            "identity_document",
            "application/pdf",
            t.chunk.clone()
        )),
        case!(Holder, GET "/dossiers/{dossier_id}/attachments", |c, t| c.attachments(&t.dossier)),
        case!(Holder, GET "/dossiers/{dossier_id}/attachments/{attachment_id}", |c, t| c
            .attachment(&t.dossier, &t.attachment)),
        case!(Holder, DELETE "/dossiers/{dossier_id}/attachments/{attachment_id}", |c, t| c
            .delete_attachment(&t.draft, &t.draft_attachment)),
        case!(Holder, POST "/dossiers/{dossier_id}/uploads", |c, t| c
            .announce_upload(&t.draft, t.announce.clone())),
        case!(Holder, GET "/dossiers/{dossier_id}/uploads/{upload_id}", |c, t| c
            .upload_progress(&t.draft, &t.upload)),
        case!(Holder, PUT "/dossiers/{dossier_id}/uploads/{upload_id}", |c, t| c
            .send_chunk(&t.draft, &t.upload, 0, &t.chunk)),
        case!(Holder, POST "/dossiers/{dossier_id}/uploads/{upload_id}/completion", |c, t| c
            .complete_upload(&t.draft, &t.upload)),
        case!(Holder, GET "/dossiers/{dossier_id}/messages", |c, t| c.messages(&t.dossier)),
        case!(Holder, POST "/dossiers/{dossier_id}/messages", |c, t| c
            .send_message(&t.dossier, json!({"text": "hello"}))),
        case!(Holder, GET "/dossiers/{dossier_id}/messages/{message_id}/attachments/{file_id}", |c, t| c
            .message_file(&t.dossier, &t.message, &t.message_file)),
        case!(OwnWork, GET "/backoffice/dossiers", |c, _t| c.work_list()),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}", |c, t| c.bo_dossier(&t.dossier)),
        case!(Administration, POST "/backoffice/dossiers/{dossier_id}/take", |c, t| c.take(&t.dossier)),
        case!(Administration, POST "/backoffice/dossiers/{dossier_id}/status", |c, t| c
            .decide(&t.dossier, "rejected", Some("non"))),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/timeline", |c, t| c
            .bo_timeline(&t.dossier)),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/attachments", |c, t| c
            .bo_attachments(&t.dossier)),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/attachments/{attachment_id}", |c, t| c
            .bo_attachment(&t.dossier, &t.attachment)),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/messages", |c, t| c
            .bo_messages(&t.dossier)),
        case!(Administration, POST "/backoffice/dossiers/{dossier_id}/messages", |c, t| c
            .bo_send_message(&t.dossier, json!({"text": "hello"}))),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/messages/{message_id}/attachments/{file_id}", |c, t| c
            .bo_message_file(&t.dossier, &t.message, &t.message_file)),
        case!(OwnWork, POST "/backoffice/paper-requests", |c, _t| c.paper_request(
            json!({"procedure_id": "criminal-record-extract", "matricule": "1984031204237", "data": {"purpose": "employment", "bulletin": "3", "copies": 1}})
        )),
        case!(OwnAccount, POST "/push/subscriptions", |c, t| c
            .subscribe_push(t.push_subscription.clone())),
        case!(OwnAccount, GET "/push/subscriptions", |c, _t| c.push_subscriptions()),
        case!(OwnAccount, GET "/push/preferences", |c, _t| c.push_preferences()),
        case!(OwnAccount, PUT "/push/preferences", |c, _t| c
            .set_push_preferences(json!({"agent_reads": true}))),
        case!(Holder, DELETE "/push/subscriptions/{id}", |c, t| c.unsubscribe_push(&t.subscription)),
        case!(Holder, GET "/spaces/{space_id}/communications", |c, t| c.communications(&t.space)),
        case!(Holder, GET "/spaces/{space_id}/communications/{communication_id}", |c, t| c
            .communication(&t.space, &t.communication)),
        case!(Holder, GET "/spaces/{space_id}/communications/{communication_id}/file", |c, t| c
            .communication_file(&t.space, &t.communication)),
        case!(Holder, PUT "/spaces/{space_id}/communications/{communication_id}/read", |c, t| c
            .mark_read(&t.space, &t.communication, true)),
        case!(Public, GET "/public/documents/{document_number}/status", |c, t| c
            .document_status(&t.document_number)),
        case!(Public, POST "/public/documents/{document_number}/check", |c, t| c
            .check_document(&t.document_number, &t.verification_code)),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/communications", |c, t| c
            .bo_communications(&t.dossier)),
        case!(Administration, POST "/backoffice/dossiers/{dossier_id}/communications", |c, t| c
            .send_letter(&t.dossier, json!({"title": "Intrus", "body": "Lettre"}))),
        case!(Administration, POST "/backoffice/documents/{document_number}/revocation", |c, t| c
            .revoke_document(&t.document_number, Some("fraud"))),
        case!(Holder, GET "/dossiers/{dossier_id}/payment", |c, t| c.payment(&t.dossier)),
        case!(Holder, POST "/dossiers/{dossier_id}/payment", |c, t| c.pay(&t.draft)),
        case!(Holder, POST "/dossiers/{dossier_id}/payment/cancellation", |c, t| c
            .cancel_payment(&t.draft)),
        case!(Administration, GET "/backoffice/dossiers/{dossier_id}/payment", |c, t| c
            .bo_payment(&t.dossier)),
        case!(Administration, POST "/backoffice/dossiers/{dossier_id}/payment/refund", |c, t| c
            .refund(&t.dossier, Some("fraud"))),
        case!(Administrators, GET "/spaces/{space_id}/certifications", |c, t| c
            .certifications(&t.company)),
        case!(Administrators, POST "/spaces/{space_id}/certifications", |c, t| c.certify(
            &t.company,
            "employee-affiliations",
            "3467-9ACD-EFGH-J",
            "S3cure99"
        )),
        case!(Administrators, POST "/spaces/{space_id}/certifications/revocations", |c, t| c
            .revoke_with_code(&t.company, "employee-affiliations", "3467-9ACD-EFGH-J")),
        case!(Administrators, DELETE "/spaces/{space_id}/mandates/{mandate_id}", |c, t| c
            .revoke_mandate(&t.company, "mdt_unknown")),
        case!(Administrators, GET "/spaces/{space_id}/employers", |c, t| c.employers(&t.company)),
        case!(Administrators, POST "/spaces/{space_id}/employers", |c, t| c.add_employer_access(
            &t.company,
            json!({"employer_number": "20081234567", "domain": "employee-affiliations",
                   "access_code": "3467-9ACD-EFGH-J", "security_code": "3467-9ACD-E"})
        )),
        case!(OwnWork, POST "/backoffice/employers/{employer_number}/letters", |c, _t| c
        .send_domain_letter(
            "20081234567",
            json!({"domain": "employee-affiliations", "title": "Intrus", "body": "Lettre"})
        )),
        case!(Holder, POST "/spaces/{space_id}/exports", |c, t| c.request_export(&t.space)),
        case!(Holder, GET "/spaces/{space_id}/exports/{export_id}", |c, t| c
            .export(&t.space, &t.export)),
        case!(Holder, GET "/spaces/{space_id}/exports/{export_id}/archive", |c, t| c
            .export_archive(&t.space, &t.export, "a-link-token")),
        case!(Holder, GET "/spaces/{space_id}/deletions", |c, t| c.deletions(&t.space)),
        case!(Holder, GET "/spaces/{space_id}/access-log/csv", |c, t| c
            .access_log_csv(&t.space, &[])),
        case!(Holder, DELETE "/dossiers/{dossier_id}", |c, t| c.delete_draft(&t.draft)),
        case!(Holder, GET "/spaces/{space_id}/procedures/{procedure_id}/form.pdf", |c, t| c
            .offline_form(&t.space, &t.procedure, Some("fr"))),
        case!(Holder, POST "/spaces/{space_id}/procedures/{procedure_id}/form", |c, t| c
            .upload_offline_form(&t.space, &t.procedure, t.offline_form.clone())),
        case!(Holder, GET "/dossiers/{dossier_id}/form.pdf", |c, t| c.draft_form(&t.draft, None)),
        case!(Holder, PUT "/dossiers/{dossier_id}/form", |c, t| c
            .upload_draft_form(&t.draft, t.draft_form.clone())),
    ]
}
