//! Operations of certification and mandates: the space's certifications, the employers an
//! accountant's space acts for, and the social security centre's letters per domain.

use super::{Body, Client, Resp};
use serde_json::{Value, json};

impl Client {
    /// `GET /spaces/{space}/certifications`.
    pub async fn certifications(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/certifications")).await
    }

    /// `POST /spaces/{space}/certifications`: the holder access code of `domain` with the
    /// security code chosen in the request.
    pub async fn certify(&self, space: &str, domain: &str, access: &str, security: &str) -> Resp {
        let body = json!({"domain": domain, "access_code": access, "security_code": security});
        self.post(&format!("/spaces/{space}/certifications"), Body::Json(body))
            .await
    }

    /// `POST /spaces/{space}/certifications/revocations`.
    pub async fn revoke_with_code(&self, space: &str, domain: &str, code: &str) -> Resp {
        let body = json!({"domain": domain, "revocation_code": code});
        self.post(
            &format!("/spaces/{space}/certifications/revocations"),
            Body::Json(body),
        )
        .await
    }

    /// `DELETE /spaces/{space}/mandates/{id}`.
    pub async fn revoke_mandate(&self, space: &str, id: &str) -> Resp {
        self.delete(&format!("/spaces/{space}/mandates/{id}")).await
    }

    /// `GET /spaces/{space}/employers`.
    pub async fn employers(&self, space: &str) -> Resp {
        self.get(&format!("/spaces/{space}/employers")).await
    }

    /// `POST /spaces/{space}/employers`: a mandatary adds access for an employer.
    pub async fn add_employer_access(&self, space: &str, body: Value) -> Resp {
        self.post(&format!("/spaces/{space}/employers"), Body::Json(body))
            .await
    }

    /// `POST /backoffice/employers/{number}/letters` (an agent of the social security centre).
    pub async fn send_domain_letter(&self, employer_number: &str, body: Value) -> Resp {
        self.post(
            &format!("/backoffice/employers/{employer_number}/letters"),
            Body::Json(body),
        )
        .await
    }
}
