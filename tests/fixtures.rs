//! Fixtures of the end-to-end tests: a registered, signed-in person with their private space, an
//! agent signed in to the back office, and the steps of a criminal record request.

use crate::{
    Api, Citizen,
    client::Client,
    dossier::{ccss_agent, justice_agent, pdf},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde_json::{Value, json};

/// A person registered and signed in: their certificates, a client acting with their access
/// token, and their private space.
pub struct Person {
    /// Their certificates and register identity.
    pub citizen: Citizen,
    /// A client sending their access token.
    pub api: Client,
    /// Their access token.
    pub token: String,
    /// Their private space.
    pub space: String,
    /// Their person id (`GET /me`).
    pub id: String,
}

impl Person {
    /// Registers `citizen` (sign-in, mailed link, confirmation) and signs them in.
    pub async fn register(app: &impl Api, citizen: Citizen) -> Self {
        let token = citizen.register(app).await;
        Self::signed_in(app, citizen, token).await
    }

    /// A registered `citizen` with `token`.
    pub async fn signed_in(app: &impl Api, citizen: Citizen, token: String) -> Self {
        let api = app.client().with_token(&token);
        let me = api.me().await.ok(200);
        Self {
            citizen,
            api,
            token,
            space: me["private_space_id"].as_str().unwrap().to_string(),
            id: me["id"].as_str().unwrap().to_string(),
        }
    }

    /// Marie Schmit, registered and signed in.
    pub async fn marie(app: &impl Api) -> Self {
        Self::register(app, Citizen::marie()).await
    }

    /// Jean-Claude Weber, registered and signed in.
    pub async fn jean_claude(app: &impl Api) -> Self {
        Self::register(app, Citizen::jean_claude()).await
    }

    /// Signs in again: a new access token, and the client sending it.
    pub async fn sign_in_again(&mut self, app: &impl Api) {
        self.token = self.citizen.access_token(app).await;
        self.api = app.client().with_token(&self.token);
    }

    /// Adds their signature certificate to the account.
    pub async fn add_signature_certificate(&self, app: &impl Api) {
        let challenge = Citizen::challenge(app).await;
        let body = Citizen::signed(
            &challenge,
            &self.citizen.creds.signature.cert_pem,
            &self.citizen.creds.signature.key_pem,
        );
        let resp = self.api.add_certificate(body).await;
        assert!((200..300).contains(&resp.status), "{}", resp.text());
    }

    /// Starts a criminal record request in the private space (with an idempotency key when
    /// given); returns the dossier.
    pub async fn start_criminal_record(&self, key: Option<&str>) -> Value {
        let resp = self
            .api
            .idempotent(key)
            .start_dossier(&self.space, "criminal-record-extract")
            .await;
        assert!(resp.status == 201 || resp.status == 200, "{}", resp.text());
        resp.json()
    }

    /// Fills the request step correctly and attaches an identity document.
    pub async fn complete_criminal_record(&self, dossier: &str) {
        let body = json!({"values": {"purpose": "employment", "bulletin": "3", "copies": 1}});
        let v = self.api.fill_step(dossier, "request", body).await.ok(200);
        assert_eq!(v["errors"][0]["field"], "identity_document", "{v}");
        self.api
            .attach(dossier, "identity_document", "application/pdf", pdf(2000))
            .await
            .ok(201);
    }

    /// A started and completed criminal record request, ready to sign; returns its id.
    pub async fn criminal_record_ready_to_sign(&self) -> String {
        let d = self.start_criminal_record(None).await;
        let id = d["id"].as_str().unwrap().to_string();
        self.complete_criminal_record(&id).await;
        id
    }

    /// The signature body for the dossier's current signing document, signed with their
    /// signature key.
    pub async fn signature_body(&self, dossier: &str) -> Value {
        let doc = self.api.signing_document(dossier).await.ok(200);
        let msg = doc["message"].as_str().unwrap();
        let sig =
            guichet_identity::sign(&self.citizen.creds.signature.key_pem, msg.as_bytes()).unwrap();
        json!({"certificate": self.citizen.creds.signature.cert_pem, "signature": STANDARD.encode(sig)})
    }

    /// Signs the dossier with their signature key (with an idempotency key when given).
    pub async fn sign(&self, dossier: &str, key: Option<&str>) -> crate::client::Resp {
        let body = self.signature_body(dossier).await;
        self.api.idempotent(key).sign_dossier(dossier, body).await
    }

    /// Starts, completes, signs and transmits a criminal record request (their signature
    /// certificate must be on the account); returns the dossier id.
    pub async fn transmit_criminal_record(&self) -> String {
        let id = self.criminal_record_ready_to_sign().await;
        self.sign(&id, None).await.ok(200);
        self.api.transmit(&id).await.ok(200);
        id
    }
}

/// An agent signed in to the back office.
pub struct Agent {
    /// Their certificates.
    pub person: Citizen,
    /// A client sending their back-office token.
    pub api: Client,
    /// Their back-office access token.
    pub token: String,
}

impl Agent {
    /// Signs `person` in to the back office.
    pub async fn sign_in(app: &impl Api, person: Citizen) -> Self {
        let challenge = Citizen::challenge(app).await;
        let body = Citizen::signed(
            &challenge,
            &person.creds.authentication.cert_pem,
            &person.creds.authentication.key_pem,
        );
        let v = app.client().backoffice_sign_in(body).await.ok(200);
        let token = v["access_token"].as_str().unwrap().to_string();
        Self {
            person,
            api: app.client().with_token(&token),
            token,
        }
    }

    /// An agent of the justice administration (the criminal record's).
    pub async fn justice(app: &impl Api) -> Self {
        Self::sign_in(app, justice_agent()).await
    }

    /// An agent of the social security centre (another administration).
    pub async fn ccss(app: &impl Api) -> Self {
        Self::sign_in(app, ccss_agent()).await
    }

    /// Takes the dossier and decides `status` with `reason`.
    pub async fn take_and_decide(&self, dossier: &str, status: &str, reason: &str) -> Value {
        self.api.take(dossier).await.ok(200);
        self.api.decide(dossier, status, Some(reason)).await.ok(200)
    }
}

/// Marie, on a server whose VAPID key `push` now expects: registered, with her signature
/// certificate, a criminal record request transmitted, and her phone subscribed to web push on
/// `push`. Returns her, the dossier's id and the phone.
pub async fn marie_with_phone(
    app: &impl Api,
    push: &crate::PushService,
) -> (Person, String, crate::Device) {
    let key = app.client().vapid_public_key().await.ok(200);
    push.expect_vapid_key(key["public_key"].as_str().unwrap_or_default());
    let marie = Person::marie(app).await;
    marie.add_signature_certificate(app).await;
    let dossier = marie.transmit_criminal_record().await;
    let phone = push.device("phone");
    marie
        .api
        .subscribe_push(phone.subscription_json())
        .await
        .ok(201);
    (marie, dossier, phone)
}
