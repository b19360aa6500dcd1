//! A person with certificates minted by the development CA, acting like the mobile app.

use crate::{Api, repo_path};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::{
    CertificateKind, DevCa, KeyAlgorithm, Matricule, PersonCredentials, PersonSpec,
};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

#[derive(Clone)]
pub struct Citizen {
    pub matricule: String,
    pub given_names: String,
    pub family_name: String,
    pub email: String,
    pub creds: PersonCredentials,
}

/// The development CA of `fixtures/dev-ca` (TEST ONLY).
pub fn dev_ca() -> DevCa {
    let cert = std::fs::read_to_string(repo_path("fixtures/dev-ca/ca.pem")).unwrap();
    let key = std::fs::read_to_string(repo_path("fixtures/dev-ca/ca.key.pem")).unwrap();
    DevCa::from_pem(&cert, &key).unwrap()
}

/// A spec valid from an hour ago for a year.
pub fn spec(matricule: &str, given: &str, family: &str, algorithm: KeyAlgorithm) -> PersonSpec {
    let now = OffsetDateTime::now_utc();
    PersonSpec {
        matricule: Matricule::parse(matricule).unwrap(),
        given_names: given.into(),
        family_name: family.into(),
        kind: CertificateKind::Private,
        not_before: now - Duration::hours(1),
        not_after: now + Duration::days(365),
        algorithm,
    }
}

impl Citizen {
    pub fn with(ca: &DevCa, spec: PersonSpec, email: &str) -> Self {
        let creds = ca.mint_person(&spec).unwrap();
        Self {
            matricule: spec.matricule.as_str().to_string(),
            given_names: spec.given_names,
            family_name: spec.family_name,
            email: email.into(),
            creds,
        }
    }

    /// Marie Schmit, first well-known person of the register.
    pub fn marie() -> Self {
        Self::with(
            &dev_ca(),
            spec("1984031204237", "Marie", "Schmit", KeyAlgorithm::Ed25519),
            "marie.schmit@example.lu",
        )
    }

    /// Jean-Claude Weber, second well-known person, with a P-256 key.
    pub fn jean_claude() -> Self {
        Self::with(
            &dev_ca(),
            spec("1962072310812", "Jean-Claude", "Weber", KeyAlgorithm::P256),
            "jc.weber@example.lu",
        )
    }

    /// A person of the sample register with a private certificate (Ed25519).
    pub fn of(matricule: &str, given: &str, family: &str, email: &str) -> Self {
        Self::with(
            &dev_ca(),
            spec(matricule, given, family, KeyAlgorithm::Ed25519),
            email,
        )
    }

    /// Luc Lentz with a Pro certificate of "Boulangerie Lentz Sàrl" (RCS B123456, as
    /// `organizationIdentifier` `NTRLU-B123456`).
    pub fn luc_lentz_pro() -> Self {
        let mut s = spec("1970113084959", "Luc", "Lentz", KeyAlgorithm::P256);
        s.kind = CertificateKind::Pro {
            organisation: "Boulangerie Lentz Sàrl".into(),
            organisation_identifier: Some("NTRLU-B123456".into()),
        };
        Self::with(&dev_ca(), s, "luc.lentz@boulangerie-lentz.lu")
    }

    /// Zoé Bettendorf, a private certificate.
    pub fn zoe() -> Self {
        Self::of(
            "1996020565583",
            "Zoé",
            "Bettendorf",
            "zoe.bettendorf@example.lu",
        )
    }

    /// Marco Fontana, a private certificate.
    pub fn marco() -> Self {
        Self::of(
            "1990100864864",
            "Marco",
            "Fontana",
            "marco.fontana@example.lu",
        )
    }

    /// Sören Neumann, a private certificate.
    pub fn soren() -> Self {
        Self::of(
            "1996030874043",
            "Sören",
            "Neumann",
            "soeren.neumann@example.lu",
        )
    }

    /// Asks for a challenge.
    pub async fn challenge(app: &impl Api) -> String {
        let v = app.client().create_challenge().await.ok(200);
        v["challenge"].as_str().unwrap().to_string()
    }

    /// The sign-in body for `challenge` with a certificate and key.
    pub fn signed(challenge: &str, cert_pem: &str, key_pem: &str) -> Value {
        let msg = guichet::service::signin::signin_message(challenge);
        let sig = guichet_identity::sign(key_pem, &msg).unwrap();
        json!({ "challenge": challenge, "certificate": cert_pem, "signature": STANDARD.encode(sig) })
    }

    /// The sign-in body for a fresh challenge with the authentication certificate.
    pub async fn signed_challenge(&self, app: &impl Api) -> Value {
        let c = Self::challenge(app).await;
        Self::signed(
            &c,
            &self.creds.authentication.cert_pem,
            &self.creds.authentication.key_pem,
        )
    }

    /// Signs in with the authentication certificate; returns status and body.
    pub async fn sign_in(&self, app: &impl Api) -> (u16, Value) {
        let body = self.signed_challenge(app).await;
        let resp = app.client().sign_in(body).await;
        (resp.status, resp.json())
    }

    /// Signs in (unregistered) and starts the registration; returns the registration token.
    pub async fn start_registration(&self, app: &impl Api) -> String {
        let (status, body) = self.sign_in(app).await;
        assert_eq!(status, 202, "{body}");
        let reg = body["registration_token"].as_str().unwrap().to_string();
        app.client()
            .with_token(&reg)
            .start_registration(json!({ "email": self.email, "matricule": self.matricule }))
            .await
            .expect(202);
        reg
    }

    /// The whole first journey: sign in, register, open the mailed link, accept; returns an access token.
    pub async fn register(&self, app: &impl Api) -> String {
        self.start_registration(app).await;
        let mail = app.smtp().wait_for(&self.email, 1).await;
        let token = crate::smtp_sink::link_token(&mail.body);
        app.client()
            .confirm_registration(json!({ "token": token, "accept_terms": true }))
            .await
            .expect(200);
        self.access_token(app).await
    }

    /// Signs in (registered) and returns the access token.
    pub async fn access_token(&self, app: &impl Api) -> String {
        let (status, body) = self.sign_in(app).await;
        assert_eq!(status, 200, "{body}");
        body["access_token"].as_str().unwrap().to_string()
    }

    /// The id of the private space.
    pub async fn private_space(app: &impl Api, token: &str) -> String {
        let me = app.client().with_token(token).me().await.ok(200);
        me["private_space_id"].as_str().unwrap().to_string()
    }
}
