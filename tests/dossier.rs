//! Dossier helpers for the examples and the demo, over the typed client: agents, a small file,
//! the steps of a criminal record request. Tests use [`crate::Person`] and [`crate::Agent`].

use crate::{
    Api, Citizen,
    citizen::{dev_ca, spec},
    fixtures::Person,
};
use guichet_identity::KeyAlgorithm;
use serde_json::Value;

/// Asserts a raw answer's status; returns its JSON body (`null` when empty).
pub async fn ok(resp: reqwest::Response, status: u16) -> Value {
    let got = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Registers the citizen's signature certificate to their account.
pub async fn register_signature_certificate(app: &impl Api, citizen: &Citizen, token: &str) {
    let c = Citizen::challenge(app).await;
    let body = Citizen::signed(
        &c,
        &citizen.creds.signature.cert_pem,
        &citizen.creds.signature.key_pem,
    );
    let resp = app.client().with_token(token).add_certificate(body).await;
    assert!((200..300).contains(&resp.status), "{}", resp.text());
}

/// An agent of the justice administration (fixtures/administrations).
pub fn justice_agent() -> Citizen {
    Citizen::with(
        &dev_ca(),
        spec(
            "1991110531790",
            "Ana Sofia",
            "Gonçalves da Silva",
            KeyAlgorithm::Ed25519,
        ),
        "ana@justice.example.lu",
    )
}

/// An agent of the social security centre.
pub fn ccss_agent() -> Citizen {
    Citizen::with(
        &dev_ca(),
        spec(
            "1952111264510",
            "Ursula Hannelore",
            "Böhm",
            KeyAlgorithm::Ed25519,
        ),
        "ursula@ccss.example.lu",
    )
}

/// Signs an agent in to the back office; returns the access token.
pub async fn agent_token(app: &impl Api, agent: &Citizen) -> String {
    let body = agent.signed_challenge(app).await;
    let v = app.client().backoffice_sign_in(body).await.ok(200);
    v["access_token"].as_str().unwrap().to_string()
}

/// A small PDF-looking file of `len` bytes.
pub fn pdf(len: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.resize(len.max(b.len()), b'x');
    b
}

/// The holder with `token`, as a [`Person`].
async fn person(app: &impl Api, citizen: &Citizen, token: &str) -> Person {
    Person::signed_in(app, citizen.clone(), token.to_string()).await
}

/// A registered citizen with a signature certificate and a signed, transmitted criminal record request.
pub async fn transmitted_criminal_record(app: &impl Api, citizen: &Citizen) -> (String, String) {
    let token = citizen.register(app).await;
    register_signature_certificate(app, citizen, &token).await;
    let id = transmit_criminal_record(app, citizen, &token).await;
    (token, id)
}

/// Starts, completes, signs and transmits another criminal record request of a citizen who has
/// a signature certificate; returns the dossier id.
pub async fn transmit_criminal_record(app: &impl Api, citizen: &Citizen, token: &str) -> String {
    person(app, citizen, token)
        .await
        .transmit_criminal_record()
        .await
}
