//! The world the refusal matrix runs in: Marie's space holding one of everything an operation
//! can name by id, the callers who must be refused, and a snapshot of what Marie and the
//! justice administration see, taken before and after.

use base64::{Engine, engine::general_purpose::STANDARD};
use guichet::domain::dossiers::attachment::sha256_hex;
use guichet_tests::{Agent, Citizen, Client, Company, Person, PushService, TestApp, dossier::pdf};
use serde_json::{Value, json};
use std::time::Duration;

/// Ids an operation may name (real ones, or ones that exist nowhere), and the bodies that would
/// succeed for the holder, so a refusal is never an accident of a bad body.
#[derive(Clone)]
pub struct Targets {
    /// Marie's private space.
    pub space: String,
    /// A transmitted dossier, in processing at the justice administration, with messages.
    pub dossier: String,
    /// The attachment of `dossier`.
    pub attachment: String,
    /// A message of Marie on `dossier`, with a file.
    pub message: String,
    /// The file of `message`.
    pub message_file: String,
    /// A draft dossier, complete and ready to sign.
    pub draft: String,
    /// The attachment of `draft`.
    pub draft_attachment: String,
    /// An upload to `draft`, announced, nothing received yet.
    pub upload: String,
    /// A letter in Marie's space, unread.
    pub communication: String,
    /// The number of a sealed extract of Marie's.
    pub document_number: String,
    /// The verification code printed on that extract.
    pub verification_code: String,
    /// Marie's phone's push subscription.
    pub subscription: String,
    /// A procedure of the catalog and its version.
    pub procedure: String,
    /// The version of `procedure`.
    pub procedure_version: String,
    /// Marie's valid signature of `draft`.
    pub signature: Value,
    /// Jean-Claude's signature certificate on a fresh challenge, as `POST /me/certificates` takes it.
    pub certificate: Value,
    /// The whole file announced for `upload`.
    pub chunk: Vec<u8>,
    /// An upload announcement that would be accepted.
    pub announce: Value,
    /// A push subscription that would be accepted.
    pub push_subscription: Value,
    /// Luc's collaborative professional space (Sören a member without the rights the space's
    /// operations need, Marco removed from it).
    pub company: String,
    /// A draft dossier of the company, shared with Sören.
    pub company_dossier: String,
    /// An open invitation to the company.
    pub invitation: String,
    /// The link token of an open invitation (what acceptance takes).
    pub invitation_token: String,
    /// The company's administrator (Luc): whom member operations name.
    pub administrator: String,
    /// The member a dossier is shared with (Sören).
    pub member: String,
    /// An export of Marie's space she asked for.
    pub export: String,
    /// Marie's fillable form of `procedure`, downloaded from her space.
    pub offline_form: Vec<u8>,
    /// The fillable form of `draft`.
    pub draft_form: Vec<u8>,
}

impl Targets {
    /// The same operations, naming ids that exist nowhere.
    pub fn missing(&self) -> Self {
        let none = |n: u8| format!("01900000-0000-7000-8000-0000000000{n:02}");
        Self {
            space: none(1),
            dossier: none(2),
            attachment: none(3),
            message: none(4),
            message_file: none(5),
            draft: none(6),
            draft_attachment: none(7),
            upload: none(8),
            communication: none(9),
            document_number: if self.document_number == "0000AAAA" {
                "0000BBBB".into()
            } else {
                "0000AAAA".into()
            },
            subscription: none(10),
            company: none(11),
            company_dossier: none(12),
            invitation: none(13),
            administrator: none(14),
            member: none(15),
            export: none(16),
            procedure: "no-such-procedure".into(),
            procedure_version: "999".into(),
            ..self.clone()
        }
    }

    /// Every real id, to check that no refusal repeats one.
    pub fn ids(&self) -> Vec<&str> {
        vec![
            &self.space,
            &self.dossier,
            &self.attachment,
            &self.message,
            &self.message_file,
            &self.draft,
            &self.draft_attachment,
            &self.upload,
            &self.communication,
            &self.document_number,
            &self.subscription,
            &self.company,
            &self.company_dossier,
            &self.invitation,
            &self.administrator,
            &self.member,
            &self.export,
        ]
    }
}

/// Who calls: each is refused what is not theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// Marie herself: refused only where her kind of token does not open the operation.
    Holder,
    /// Jean-Claude, registered, with his own space.
    AnotherPerson,
    /// An agent of the social security centre (Marie's dossiers go to the justice administration).
    AgentOfAnotherAdministration,
    /// An agent of the justice administration, whose dossier it is.
    AgentOfTheAdministration,
    /// No `Authorization` header.
    NoToken,
    /// Sören, a member of the company who holds other rights than the operation needs.
    MemberWithoutTheRight,
    /// Marco, removed from the company, with the token he signed in with while a member.
    RemovedMember,
}

/// The kind of token a caller holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A person's access token.
    Person,
    /// An agent's back-office token.
    Agent,
    /// None.
    Nothing,
}

impl Caller {
    /// The kind of token this caller sends.
    pub fn kind(self) -> Kind {
        match self {
            Caller::Holder
            | Caller::AnotherPerson
            | Caller::MemberWithoutTheRight
            | Caller::RemovedMember => Kind::Person,
            Caller::AgentOfAnotherAdministration | Caller::AgentOfTheAdministration => Kind::Agent,
            Caller::NoToken => Kind::Nothing,
        }
    }
}

/// Marie's world and the callers.
pub struct World {
    pub app: TestApp,
    pub _push: PushService,
    pub marie: Person,
    pub jean_claude: Person,
    pub company: Company,
    pub soren: Person,
    pub marco: Person,
    pub justice: Agent,
    pub ccss: Agent,
    pub targets: Targets,
}

impl World {
    /// Builds Marie's space with one of everything.
    pub async fn build() -> Self {
        let push = PushService::start().await;
        let app = TestApp::spawn_with(|c| c.push.allow_loopback_http = true).await;
        let marie = Person::marie(&app).await;
        marie.add_signature_certificate(&app).await;
        let jean_claude = Person::jean_claude(&app).await;
        let justice = Agent::justice(&app).await;
        let ccss = Agent::ccss(&app).await;

        // A transmitted dossier in processing, with Marie's attachment and messages both ways.
        let dossier = marie.transmit_criminal_record().await;
        justice
            .api
            .decide(&dossier, "in_processing", None)
            .await
            .ok(200);
        let file = |name: &str| json!([{ "filename": name, "media_type": "application/pdf", "content_base64": STANDARD.encode(pdf(1500)) }]);
        let mine = marie
            .api
            .send_message(&dossier, json!({ "text": "Voici le justificatif.", "attachments": file("justificatif.pdf") }))
            .await
            .ok(200);
        justice
            .api
            .bo_send_message(
                &dossier,
                json!({ "text": "Merci, bien reçu.", "attachments": file("accuse.pdf") }),
            )
            .await
            .ok(200);
        // The agent has read Marie's message; Marie has not read the agent's.
        justice.api.bo_messages(&dossier).await.ok(200);
        let attachments = marie.api.attachments(&dossier).await.ok(200);
        let letter = json!({
            "title": "Convocation",
            "body": "Veuillez vous présenter au guichet.",
            "file": {"name": "convocation.pdf", "media_type": "application/pdf", "content_base64": STANDARD.encode(pdf(2048))}
        });
        let letter = justice.api.send_letter(&dossier, letter).await.ok(201);

        // A sealed extract, from a request received on paper.
        let paper = json!({"procedure_id": "criminal-record-extract", "matricule": marie.citizen.matricule, "data": {"purpose": "employment", "bulletin": "3", "copies": 1}});
        let paper = justice.api.paper_request(paper).await.ok(200);
        let paper = paper["id"].as_str().unwrap();
        justice
            .api
            .decide(paper, "in_processing", None)
            .await
            .ok(200);
        justice
            .api
            .decide(paper, "accepted", Some("ok"))
            .await
            .ok(200);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        let (number, extract_id) = loop {
            let page = marie.api.communications(&marie.space).await.ok(200);
            let found = page["items"].as_array().unwrap().iter().find_map(|c| {
                let number = c["document_number"].as_str()?.to_string();
                Some((number, c["id"].as_str()?.to_string()))
            });
            if let Some(found) = found {
                break found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no extract within 20 s: {page}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };

        let extract_pdf = marie
            .api
            .communication_file(&marie.space, &extract_id)
            .await
            .expect(200)
            .body;
        let verification_code = guichet_tests::printed_verification_code(&extract_pdf).unwrap();

        // A draft ready to sign, with an attachment and an upload under way.
        let draft = marie.criminal_record_ready_to_sign().await;
        let draft_attachments = marie.api.attachments(&draft).await.ok(200);
        let chunk = pdf(1000);
        let announce = json!({"field": "identity_document", "filename": "id.pdf", "media_type": "application/pdf", "size": chunk.len(), "sha256": sha256_hex(&chunk)});
        let upload = marie
            .api
            .announce_upload(&draft, announce.clone())
            .await
            .ok(201);
        let signature = marie.signature_body(&draft).await;
        let draft_form = marie.api.draft_form(&draft, None).await.expect(200).body;
        let offline_form = marie
            .api
            .offline_form(&marie.space, "criminal-record-extract", None)
            .await
            .expect(200)
            .body;

        // Marie's phone.
        let key = app.client().vapid_public_key().await.ok(200);
        push.expect_vapid_key(key["public_key"].as_str().unwrap());
        let phone = push.device("phone");
        let subscription = marie
            .api
            .subscribe_push(phone.subscription_json())
            .await
            .ok(201);

        let challenge = Citizen::challenge(&app).await;
        let certificate = Citizen::signed(
            &challenge,
            &jean_claude.citizen.creds.signature.cert_pem,
            &jean_claude.citizen.creds.signature.key_pem,
        );
        let procedure = app
            .client()
            .procedure("criminal-record-extract")
            .await
            .ok(200);
        // Luc's company: Sören a member with a right on another procedure only, Marco removed
        // (his token still valid), an invitation open, a draft shared with Sören.
        let company = Company::create(Person::register(&app, Citizen::luc_lentz_pro()).await).await;
        let soren = Person::register(&app, Citizen::soren()).await;
        let marco = Person::register(&app, Citizen::marco()).await;
        let elsewhere =
            json!([{"procedure": "change-of-address", "rights": ["read-communications"]}]);
        company.join(&app, &soren, "member", elsewhere, 2).await;
        company.join(&app, &marco, "member", json!([]), 2).await;
        let luc = &company.admin;
        luc.api
            .remove_member(&company.space, &marco.id)
            .await
            .expect(204);
        let invited = json!({"email": "new.colleague@example.lu"});
        let invitation = luc.api.invite(&company.space, invited).await.ok(201);
        let mail = app.smtp.wait_for("new.colleague@example.lu", 1).await;
        let invitation_token = guichet_tests::smtp_sink::link_token(&mail.body);
        let company_dossier = luc
            .api
            .start_dossier(&company.space, "professional-space-certification")
            .await
            .ok(201);
        let company_dossier = company_dossier["id"].as_str().unwrap().to_string();
        luc.api
            .share(
                &company_dossier,
                json!({"person_id": soren.id, "rights": []}),
            )
            .await
            .ok(200);

        let id = |v: &Value| v["id"].as_str().unwrap().to_string();
        let export = marie.api.request_export(&marie.space).await.ok(202);
        let targets = Targets {
            export: id(&export),
            company: company.space.clone(),
            company_dossier,
            invitation: id(&invitation),
            invitation_token,
            administrator: luc.id.clone(),
            member: soren.id.clone(),
            space: marie.space.clone(),
            attachment: id(&attachments[0]),
            message: id(&mine),
            message_file: id(&mine["attachments"][0]),
            dossier,
            draft_attachment: id(&draft_attachments[0]),
            upload: id(&upload),
            draft,
            communication: id(&letter),
            document_number: number,
            verification_code,
            subscription: id(&subscription),
            procedure: "criminal-record-extract".into(),
            procedure_version: procedure["definition"]["version"].to_string(),
            signature,
            certificate,
            chunk,
            announce,
            push_subscription: push.device("tablet").subscription_json(),
            offline_form,
            draft_form,
        };
        Self {
            app,
            _push: push,
            marie,
            jean_claude,
            company,
            soren,
            marco,
            justice,
            ccss,
            targets,
        }
    }

    /// The client of `caller`.
    pub fn client(&self, caller: Caller) -> Client {
        match caller {
            Caller::Holder => self.marie.api.clone(),
            Caller::AnotherPerson => self.jean_claude.api.clone(),
            Caller::AgentOfAnotherAdministration => self.ccss.api.clone(),
            Caller::AgentOfTheAdministration => self.justice.api.clone(),
            Caller::NoToken => self.app.client(),
            Caller::MemberWithoutTheRight => self.soren.api.clone(),
            Caller::RemovedMember => self.marco.api.clone(),
        }
    }

    /// What Marie and the justice administration see of everything the operations name, without
    /// marking anything read. Fails when a target cannot be read: every id is real.
    pub async fn snapshot(&self) -> Vec<(String, Value)> {
        let t = &self.targets;
        let (m, j) = (&self.marie.api, &self.justice.api);
        let digest = |r: guichet_tests::Resp| json!(sha256_hex(&r.expect(200).body));
        let mut s = vec![
            ("me".into(), m.me().await.ok(200)),
            ("certificates".into(), m.my_certificates().await.ok(200)),
            ("space".into(), m.space(&t.space).await.ok(200)),
            ("profile".into(), m.profile(&t.space).await.ok(200)),
            ("dashboard".into(), m.space_dossiers(&t.space).await.ok(200)),
            (
                "upload".into(),
                m.upload_progress(&t.draft, &t.upload).await.ok(200),
            ),
            (
                "communications".into(),
                m.communications(&t.space).await.ok(200),
            ),
            (
                "letter".into(),
                m.communication(&t.space, &t.communication).await.ok(200),
            ),
            ("devices".into(), m.push_subscriptions().await.ok(200)),
            (
                "document status".into(),
                self.app
                    .client()
                    .document_status(&t.document_number)
                    .await
                    .ok(200),
            ),
            (
                "attachment bytes".into(),
                digest(m.attachment(&t.dossier, &t.attachment).await),
            ),
            (
                "draft attachment bytes".into(),
                digest(m.attachment(&t.draft, &t.draft_attachment).await),
            ),
            ("work list".into(), j.work_list().await.ok(200)),
            (
                "back office dossier".into(),
                j.bo_dossier(&t.dossier).await.ok(200),
            ),
            (
                "back office timeline".into(),
                j.bo_timeline(&t.dossier).await.ok(200),
            ),
            // The agent's view of the messages shows whether Marie read the agent's one.
            (
                "back office messages".into(),
                j.bo_messages(&t.dossier).await.ok(200),
            ),
            (
                "message file bytes".into(),
                digest(
                    j.bo_message_file(&t.dossier, &t.message, &t.message_file)
                        .await,
                ),
            ),
            (
                "letters".into(),
                j.bo_communications(&t.dossier).await.ok(200),
            ),
        ];
        let l = &self.company.admin.api;
        s.extend([
            (
                "company members".into(),
                l.members(&t.company).await.ok(200),
            ),
            (
                "company invitations".into(),
                l.invitations(&t.company).await.ok(200),
            ),
            (
                "company organisation".into(),
                l.organisation(&t.company).await.ok(200),
            ),
            (
                "company dashboard".into(),
                l.space_dossiers(&t.company).await.ok(200),
            ),
            (
                "company shares".into(),
                l.shares(&t.company_dossier).await.ok(200),
            ),
        ]);
        for d in [&t.dossier, &t.draft] {
            s.push((format!("dossier {d}"), m.dossier(d).await.ok(200)));
            s.push((format!("timeline {d}"), m.timeline(d).await.ok(200)));
            s.push((format!("attachments {d}"), m.attachments(d).await.ok(200)));
            s.push((format!("validation {d}"), m.validation(d).await.ok(200)));
        }
        // Deliveries and the last push accepted move on their own as mail and push leave.
        for (_, v) in &mut s {
            strip(v, &["deliveries", "last_accepted_at"]);
        }
        s
    }
}

/// Removes `keys` wherever they appear in `v`.
fn strip(v: &mut Value, keys: &[&str]) {
    match v {
        Value::Object(map) => {
            for k in keys {
                map.remove(*k);
            }
            map.values_mut().for_each(|v| strip(v, keys));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keys)),
        _ => {}
    }
}
