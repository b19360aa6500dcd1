//! A professional space for the end-to-end tests: Luc Lentz's bakery, created with his Pro
//! certificate, and co-workers invited by mail who accept with their own certificates.

use crate::{Api, Person, smtp_sink::link_token};
use serde_json::{Value, json};

/// A collaborative professional space and its administrator.
pub struct Company {
    /// The administrator who created it.
    pub admin: Person,
    /// The space's id.
    pub space: String,
}

/// What a creation form sends besides what the Pro certificate fixes (name, RCS number).
pub fn organisation_body() -> Value {
    json!({
        "legal_form": "sarl",
        "vat_number": "LU15027442",
        "street": "rue de la Gare",
        "house_number": "12",
        "postcode": "L-1611",
        "locality": "Luxembourg",
        "country": "LU",
        "email": "contact@boulangerie-lentz.lu",
        "phone": "+352 26 12 34 56"
    })
}

impl Company {
    /// `admin` (signed in with a Pro certificate) creates the space.
    pub async fn create(admin: Person) -> Self {
        let made = admin.api.create_space(organisation_body()).await.ok(201);
        let space = made["space"]["id"].as_str().unwrap().to_string();
        Self { admin, space }
    }

    /// Invites `person` by mail with `role` and `rights`; returns the link's token from the mail
    /// (the `n`-th mail to their address).
    pub async fn invite(
        &self,
        app: &impl Api,
        person: &Person,
        role: &str,
        rights: Value,
        n: usize,
    ) -> String {
        let body = json!({
            "email": person.citizen.email,
            "matricule": person.citizen.matricule,
            "role": role,
            "rights": rights,
        });
        self.admin.api.invite(&self.space, body).await.ok(201);
        let mail = app.smtp().wait_for(&person.citizen.email, n).await;
        link_token(&mail.body)
    }

    /// Invites `person` and has them accept (the `n`-th mail to their address).
    pub async fn join(&self, app: &impl Api, person: &Person, role: &str, rights: Value, n: usize) {
        let token = self.invite(app, person, role, rights, n).await;
        person.api.accept_invitation(&token).await.ok(200);
    }
}
