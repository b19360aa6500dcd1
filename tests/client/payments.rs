//! The payment operations: a dossier's fee and payments for its holder, and in the back office.

use super::{Body, Client, Resp};
use serde_json::json;

impl Client {
    /// `GET /dossiers/{id}/payment`.
    pub async fn payment(&self, id: &str) -> Resp {
        self.get(&format!("/dossiers/{id}/payment")).await
    }

    /// `POST /dossiers/{id}/payment` (send an idempotency key with [`Client::idempotent`]).
    pub async fn pay(&self, id: &str) -> Resp {
        self.post(&format!("/dossiers/{id}/payment"), Body::Empty)
            .await
    }

    /// `POST /dossiers/{id}/payment/cancellation`.
    pub async fn cancel_payment(&self, id: &str) -> Resp {
        self.post(&format!("/dossiers/{id}/payment/cancellation"), Body::Empty)
            .await
    }

    /// `GET /backoffice/dossiers/{id}/payment`.
    pub async fn bo_payment(&self, id: &str) -> Resp {
        self.get(&format!("/backoffice/dossiers/{id}/payment"))
            .await
    }

    /// `POST /backoffice/dossiers/{id}/payment/refund` with `{reason}`.
    pub async fn refund(&self, id: &str, reason: Option<&str>) -> Resp {
        self.post(
            &format!("/backoffice/dossiers/{id}/payment/refund"),
            Body::Json(json!({ "reason": reason })),
        )
        .await
    }
}
