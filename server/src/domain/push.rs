//! Web push rules: what a device subscription must look like, and the notices a person receives.

pub use super::push_endpoint::{ENDPOINT_MAX, EndpointPolicy};
use std::borrow::Cow;

use super::{Error, Invalid, Language};
use crate::catalog;
use base64::{
    Engine,
    engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD},
};

/// Length of an uncompressed P-256 point (`p256dh`), RFC 8291.
pub const P256DH_LEN: usize = 65;
/// Length of the subscriber's authentication secret (`auth`), RFC 8291.
pub const AUTH_LEN: usize = 16;
/// Longest device label kept.
pub const LABEL_MAX: usize = 64;

/// A device subscription as checked: an https endpoint on a public host and usable keys.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSubscription {
    /// The push service URL of the device.
    pub endpoint: String,
    /// The device's public key, uncompressed point, base64url without padding.
    pub p256dh: String,
    /// The authentication secret, base64url without padding (a secret: no `Debug`).
    pub auth: String,
    /// A name the person gave the device.
    pub label: Option<String>,
}

impl std::fmt::Debug for NewSubscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSubscription")
            .field("endpoint", &self.endpoint)
            .field("label", &self.label)
            .field("auth", &"***")
            .finish_non_exhaustive()
    }
}

fn decode_key(field: &str, value: &str, len: usize) -> Result<Vec<u8>, Error> {
    let trimmed = value.trim().trim_end_matches('=');
    let bytes = URL_SAFE_NO_PAD
        .decode(trimmed)
        .or_else(|_| URL_SAFE.decode(value.trim()))
        .map_err(|_| Error::invalid(field, Invalid::Encoding))?;
    if bytes.len() != len {
        return Err(Error::invalid(field, Invalid::KeyLength));
    }
    Ok(bytes)
}

/// The device's key: an uncompressed SEC1 point (`0x04 ‖ x ‖ y`) on P-256 (RFC 8291 section 3.1).
/// A point off the curve would make every notice undecryptable, so it is refused here.
fn decode_p256dh(value: &str) -> Result<String, Error> {
    let field = "keys/p256dh";
    let bytes = decode_key(field, value, P256DH_LEN)?;
    if bytes.first() != Some(&4) {
        return Err(Error::invalid(field, Invalid::KeyLength));
    }
    p256::PublicKey::from_sec1_bytes(&bytes)
        .map_err(|_| Error::invalid(field, Invalid::CurvePoint))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

impl NewSubscription {
    /// Checks what a browser's `PushSubscription.toJSON()` gave, plus an optional label.
    ///
    /// The endpoint must pass `policy` ([`EndpointPolicy::check`]) and is kept normalised;
    /// `p256dh` must be a P-256 point, `auth` 16 bytes. Errors name the field (`endpoint`,
    /// `keys/p256dh`, `keys/auth`, `label`).
    pub fn parse(
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        label: Option<&str>,
        policy: &EndpointPolicy,
    ) -> Result<Self, Error> {
        let endpoint = policy
            .check(endpoint)
            .map_err(|reason| Error::invalid("endpoint", reason))?;
        let p256dh = decode_p256dh(p256dh)?;
        let auth = URL_SAFE_NO_PAD.encode(decode_key("keys/auth", auth, AUTH_LEN)?);
        let label = super::text::single_line_opt("label", label)?;
        let label = label.as_deref().map(str::trim).filter(|l| !l.is_empty());
        if label.is_some_and(|l| l.chars().count() > LABEL_MAX) {
            return Err(Error::invalid("label", Invalid::TooLong));
        }
        Ok(Self {
            endpoint: endpoint.to_string(),
            p256dh,
            auth,
            label: label.map(str::to_string),
        })
    }
}

/// How soon a push service should wake the device (RFC 8030 section 5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Deliver when convenient.
    Normal,
    /// Deliver now.
    High,
}

impl Urgency {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::High => "high",
        }
    }
}

/// Something a person is told on their phones. Carries ids only: never personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// An issued document (e.g. the criminal record extract) is in "my communications".
    DocumentReady {
        /// The document's id.
        document_id: String,
    },
    /// The administration wrote in a dossier's messaging.
    Message {
        /// The dossier's id.
        dossier_id: String,
    },
    /// A dossier moved to another status.
    StatusChanged {
        /// The dossier's id.
        dossier_id: String,
    },
    /// An administration's agent read data of a space the person holds (sent to those who
    /// asked for it; the access record tells who and why).
    DataRead {
        /// The space.
        space_id: String,
        /// The administration whose agent read (an id, not personal data).
        administration: String,
    },
    /// The export of "my data" someone asked for is ready to download.
    ExportReady {
        /// The export's id.
        export_id: String,
        /// Its space.
        space_id: String,
    },
}

impl Notice {
    /// A stable short name, kept with the queued push.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::DocumentReady { .. } => "document-ready",
            Self::Message { .. } => "message",
            Self::StatusChanged { .. } => "status-changed",
            Self::ExportReady { .. } => "export-ready",
            Self::DataRead { .. } => "data-read",
        }
    }

    fn subject_id(&self) -> Cow<'_, str> {
        match self {
            Self::DocumentReady { document_id } => document_id,
            Self::Message { dossier_id } | Self::StatusChanged { dossier_id } => dossier_id,
            Self::ExportReady { export_id, .. } => export_id,
            Self::DataRead {
                space_id,
                administration,
            } => return format!("{space_id}:{administration}").into(),
        }
        .into()
    }

    /// The communication this notice announces, if it announces one.
    pub fn communication_id(&self) -> Option<&str> {
        match self {
            Self::DocumentReady { document_id } => Some(document_id),
            Self::Message { .. }
            | Self::StatusChanged { .. }
            | Self::ExportReady { .. }
            | Self::DataRead { .. } => None,
        }
    }

    /// The path the app opens.
    pub fn path(&self) -> String {
        match self {
            Self::DocumentReady { document_id } => format!("/communications/{document_id}"),
            Self::Message { dossier_id } => format!("/dossiers/{dossier_id}/messages"),
            Self::StatusChanged { dossier_id } => format!("/dossiers/{dossier_id}"),
            Self::ExportReady {
                export_id,
                space_id,
            } => format!("/spaces/{space_id}/exports/{export_id}"),
            Self::DataRead { space_id, .. } => {
                format!("/spaces/{space_id}/access-log?actor_kind=agent")
            }
        }
    }

    /// Urgency: a message from the administration wakes the phone, the rest can wait.
    pub fn urgency(&self) -> Urgency {
        match self {
            Self::Message { .. } => Urgency::High,
            Self::DocumentReady { .. }
            | Self::StatusChanged { .. }
            | Self::ExportReady { .. }
            | Self::DataRead { .. } => Urgency::Normal,
        }
    }

    /// The RFC 8030 topic: a newer notice on the same object replaces an undelivered older one.
    /// At most 32 characters of the base64url alphabet.
    pub fn topic(&self) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("{}:{}", self.kind(), self.subject_id()));
        URL_SAFE_NO_PAD.encode(&digest[..18])
    }

    /// Short title and body in `lang`.
    pub fn text(&self, lang: Language) -> (Cow<'static, str>, Cow<'static, str>) {
        match self {
            Self::DocumentReady { .. } => (
                catalog::push_document_ready_title(lang),
                catalog::push_document_ready_body(lang),
            ),
            Self::Message { .. } => (
                catalog::push_message_title(lang),
                catalog::push_message_body(lang),
            ),
            Self::StatusChanged { .. } => (
                catalog::push_status_changed_title(lang),
                catalog::push_status_changed_body(lang),
            ),
            Self::ExportReady { .. } => (
                catalog::push_export_ready_title(lang),
                catalog::push_export_ready_body(lang),
            ),
            Self::DataRead { .. } => (
                catalog::push_data_read_title(lang),
                catalog::push_data_read_body(lang),
            ),
        }
    }

    /// The JSON the device decrypts: version, kind, localized title and body, the path to open.
    pub fn payload(&self, lang: Language) -> String {
        let (title, body) = self.text(lang);
        serde_json::json!({
            "v": 1,
            "kind": self.kind(),
            "title": title,
            "body": body,
            "path": self.path(),
            "lang": lang.code(),
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(len: usize, first: u8) -> String {
        let mut bytes = vec![7u8; len];
        bytes[0] = first;
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A real device key: the P-256 generator point.
    fn point() -> String {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        let g = p256::PublicKey::from_affine(p256::AffinePoint::GENERATOR).unwrap();
        URL_SAFE_NO_PAD.encode(g.to_encoded_point(false).as_bytes())
    }

    fn strict() -> EndpointPolicy {
        EndpointPolicy::default()
    }

    fn loopback() -> EndpointPolicy {
        EndpointPolicy {
            allow_loopback_http: true,
            ..EndpointPolicy::default()
        }
    }

    fn field_of(e: Error) -> (String, Invalid) {
        match e {
            Error::Invalid { field, reason } => (field, reason),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn endpoint_must_be_https_unless_loopback_is_allowed() {
        let (p, a) = (point(), key(16, 1));
        let parse =
            |e: &str, policy: &EndpointPolicy| NewSubscription::parse(e, &p, &a, None, policy);
        assert!(parse("https://push.example/x", &strict()).is_ok());
        let e = parse("http://push.example/x", &loopback()).unwrap_err();
        assert_eq!(field_of(e), ("endpoint".into(), Invalid::PushEndpoint));
        let e = parse("http://127.0.0.1:9/x", &strict()).unwrap_err();
        assert_eq!(
            field_of(e),
            ("endpoint".into(), Invalid::PushEndpointAddress)
        );
        assert!(parse("http://127.0.0.1:9/x", &loopback()).is_ok());
        assert!(parse("http://localhost/x", &loopback()).is_ok());
        assert!(parse("https://u@evil.example/x", &strict()).is_err());
        let e = parse("https://169.254.169.254/latest", &loopback()).unwrap_err();
        assert_eq!(
            field_of(e),
            ("endpoint".into(), Invalid::PushEndpointAddress)
        );
    }

    #[test]
    fn the_endpoint_is_kept_as_the_parser_normalised_it() {
        let new = NewSubscription::parse(
            " https://FCM.GoogleAPIs.com:443/fcm/send/a ",
            &point(),
            &key(16, 1),
            None,
            &strict(),
        )
        .unwrap();
        assert_eq!(new.endpoint, "https://fcm.googleapis.com/fcm/send/a");
    }

    #[test]
    fn keys_must_have_the_lengths_of_rfc_8291() {
        let ok_p = point();
        let parse =
            |p: &str, a: &str| NewSubscription::parse("https://p.example/x", p, a, None, &strict());
        let e = parse(&key(33, 2), &key(16, 1)).unwrap_err();
        assert_eq!(field_of(e), ("keys/p256dh".into(), Invalid::KeyLength));
        let e = parse(&key(65, 2), &key(16, 1)).unwrap_err();
        assert_eq!(field_of(e), ("keys/p256dh".into(), Invalid::KeyLength));
        let e = parse(&ok_p, &key(12, 1)).unwrap_err();
        assert_eq!(field_of(e), ("keys/auth".into(), Invalid::KeyLength));
        let e = parse(&ok_p, &key(15, 1)).unwrap_err();
        assert_eq!(field_of(e), ("keys/auth".into(), Invalid::KeyLength));
        let e = parse(&ok_p, &key(17, 1)).unwrap_err();
        assert_eq!(field_of(e), ("keys/auth".into(), Invalid::KeyLength));
        let e = parse(&ok_p, "not base64!").unwrap_err();
        assert_eq!(field_of(e), ("keys/auth".into(), Invalid::Encoding));
        assert!(parse(&ok_p, &key(16, 1)).is_ok());
    }

    #[test]
    fn p256dh_must_be_a_point_of_the_curve() {
        let mut off = [0u8; 65];
        off[0] = 4;
        off[32] = 1;
        off[64] = 1;
        let zeros = {
            let mut z = [0u8; 65];
            z[0] = 4;
            z
        };
        let mut flipped = URL_SAFE_NO_PAD.decode(point()).unwrap();
        flipped[64] ^= 1;
        for bad in [
            &off[..],
            &zeros[..],
            &flipped[..],
            &[4u8; 65][..],
            &[0xffu8; 65][..],
        ] {
            let mut bad = bad.to_vec();
            bad[0] = 4;
            let e = NewSubscription::parse(
                "https://p.example/x",
                &URL_SAFE_NO_PAD.encode(&bad),
                &key(16, 1),
                None,
                &strict(),
            )
            .unwrap_err();
            assert_eq!(field_of(e), ("keys/p256dh".into(), Invalid::CurvePoint));
        }
    }

    #[test]
    fn payload_is_small_localized_and_names_only_the_object() {
        let notice = Notice::DocumentReady {
            document_id: "doc-1".into(),
        };
        let json: serde_json::Value = serde_json::from_str(&notice.payload(Language::De)).unwrap();
        assert_eq!(json["title"], "Dokument verfügbar");
        assert_eq!(json["path"], "/communications/doc-1");
        assert!(notice.payload(Language::Fr).len() < 300);
        assert!(notice.topic().len() <= 32);
    }
}
