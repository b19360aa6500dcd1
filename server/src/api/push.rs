//! Web push for the mobile app: the VAPID public key, and the holder's device subscriptions.

use super::problem::ApiResult;
use super::{Tag, auth::BearerAuth};
use crate::{
    domain::push::NewSubscription,
    service::{Context, push},
};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};
use time::OffsetDateTime;

pub struct PushApi {
    pub ctx: Context,
}

/// The server's VAPID public key (RFC 8292), to pass as `applicationServerKey` to `subscribe()`.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct VapidPublicKey {
    /// The key's version; it changes when the key is rotated (devices then subscribe again).
    key_id: String,
    /// The uncompressed P-256 public point, base64url without padding.
    public_key: String,
}

/// The keys of a browser `PushSubscription` (RFC 8291).
#[derive(Object)]
#[oai(deny_unknown_fields)]
struct SubscriptionKeys {
    /// The device's P-256 public key: 65 bytes (uncompressed point), base64url.
    p256dh: String,
    /// The device's authentication secret: 16 bytes, base64url.
    auth: String,
}

/// A device subscription: the JSON of `PushSubscription.toJSON()`, plus an optional label.
#[derive(Object)]
#[oai(deny_unknown_fields)]
struct SubscribeRequest {
    /// The push service URL of the device: https, on a public internet host.
    endpoint: String,
    /// As given by the browser; not used (push services answer 404/410 for expired ones).
    #[oai(rename = "expirationTime")]
    #[oai(nullable)]
    expiration_time: Option<f64>,
    /// The device's keys.
    keys: SubscriptionKeys,
    /// A name for the device, e.g. "Marie's phone".
    #[oai(nullable)]
    label: Option<String>,
}

/// A subscribed device.
#[derive(Object)]
#[oai(rename_all = "snake_case")]
struct SubscriptionResponse {
    /// Its id, to revoke it.
    id: String,
    /// The push service URL.
    endpoint: String,
    /// The name given to the device.
    #[oai(nullable)]
    label: Option<String>,
    /// When it was subscribed.
    created_at: OffsetDateTime,
    /// When a push service last accepted a notice for it.
    #[oai(nullable)]
    last_accepted_at: Option<OffsetDateTime>,
}

impl From<push::Subscription> for SubscriptionResponse {
    fn from(s: push::Subscription) -> Self {
        Self {
            id: s.id,
            endpoint: s.endpoint,
            label: s.label,
            created_at: s.created_at,
            last_accepted_at: s.last_accepted_at,
        }
    }
}

#[derive(ApiResponse)]
enum Subscribed {
    /// Subscribed.
    #[oai(status = 201)]
    Created(Json<SubscriptionResponse>),
}

#[derive(ApiResponse)]
enum Revoked {
    /// Revoked: no further notice goes to this device.
    #[oai(status = 204)]
    NoContent,
}

/// Which notices a person wants beyond those about their own dossiers and documents.
#[derive(Object)]
#[oai(rename_all = "snake_case", deny_unknown_fields)]
struct Preferences {
    /// Be told when an administration's agent reads data of a space one holds or administers
    /// (at most one notice a day per space and administration; the access record lists every
    /// read). Off unless asked for.
    agent_reads: bool,
}

#[OpenApi(tag = "Tag::Push")]
impl PushApi {
    /// The VAPID public key
    ///
    /// Public: the app needs it before subscribing.
    #[oai(path = "/push/vapid-public-key", method = "get")]
    async fn vapid_public_key(&self) -> ApiResult<Json<VapidPublicKey>> {
        Ok(Json(VapidPublicKey {
            key_id: self.ctx.push.key_id.clone(),
            public_key: self.ctx.push.public_key.clone(),
        }))
    }

    /// Subscribe a device
    ///
    /// Subscribing the same endpoint again replaces the earlier subscription.
    #[oai(path = "/push/subscriptions", method = "post")]
    async fn subscribe(
        &self,
        auth: BearerAuth,
        body: Json<SubscribeRequest>,
    ) -> ApiResult<Subscribed> {
        let person_id = auth.0.person_id()?;
        let _ = body.expiration_time;
        let new = NewSubscription::parse(
            &body.endpoint,
            &body.keys.p256dh,
            &body.keys.auth,
            body.label.as_deref(),
            &self.ctx.config.push.endpoint_policy(),
        )?;
        let row = push::subscribe(&self.ctx, person_id, new).await?;
        Ok(Subscribed::Created(Json(row.into())))
    }

    /// List my devices
    #[oai(path = "/push/subscriptions", method = "get")]
    async fn list(&self, auth: BearerAuth) -> ApiResult<Json<Vec<SubscriptionResponse>>> {
        let person_id = auth.0.person_id()?;
        let rows = push::list(&self.ctx, person_id).await?;
        Ok(Json(rows.into_iter().map(Into::into).collect()))
    }

    /// My notice preferences
    #[oai(path = "/push/preferences", method = "get")]
    async fn preferences(&self, auth: BearerAuth) -> ApiResult<Json<Preferences>> {
        let person_id = auth.0.person_id()?;
        let agent_reads = push::agent_read_notices(&self.ctx, person_id).await?;
        Ok(Json(Preferences { agent_reads }))
    }

    /// Set my notice preferences
    ///
    /// Replaces them all; answers with what is now set.
    #[oai(path = "/push/preferences", method = "put")]
    async fn set_preferences(
        &self,
        auth: BearerAuth,
        body: Json<Preferences>,
    ) -> ApiResult<Json<Preferences>> {
        let person_id = auth.0.person_id()?;
        push::set_agent_read_notices(&self.ctx, person_id, body.agent_reads).await?;
        let agent_reads = push::agent_read_notices(&self.ctx, person_id).await?;
        Ok(Json(Preferences { agent_reads }))
    }

    /// Revoke a device
    #[oai(path = "/push/subscriptions/:id", method = "delete")]
    async fn revoke(&self, auth: BearerAuth, id: Path<String>) -> ApiResult<Revoked> {
        let person_id = auth.0.person_id()?;
        push::revoke(&self.ctx, person_id, &id).await?;
        Ok(Revoked::NoContent)
    }
}
