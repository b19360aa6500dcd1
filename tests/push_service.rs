//! A local push service on loopback, like the one behind a browser: it receives RFC 8030 pushes,
//! checks their VAPID token (RFC 8292) and decrypts their aes128gcm body (RFC 8291) with the
//! keys of subscribed devices made here like a browser makes them.

use aes_gcm::{Aes128Gcm, KeyInit, aead::Aead};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hkdf::Hkdf;
use p256::{
    PublicKey, SecretKey,
    ecdsa::{Signature, VerifyingKey, signature::Verifier},
    elliptic_curve::sec1::ToEncodedPoint,
};
use poem::{
    EndpointExt, IntoResponse, Response, Route, Server, handler,
    http::{HeaderMap, StatusCode},
    listener::TcpAcceptor,
    post,
    web::{Data, Path},
};
use rand::RngCore;
use serde_json::{Value, json};
use sha2::Sha256;
use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
    time::Duration,
};

/// A push as the service received it, with what it found checking it.
#[derive(Debug, Clone)]
pub struct Received {
    pub device: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    /// The VAPID claims when the token verified, else why not.
    pub vapid: Result<Value, String>,
    /// The status code answered.
    pub answered: u16,
}

#[derive(Default)]
struct State {
    scripts: HashMap<String, VecDeque<(u16, Option<&'static str>)>>,
    received: Vec<Received>,
    vapid_key: Option<String>,
    /// `Authorization` headers whose signature verified, with their claims: a token reused
    /// for many pushes (as RFC 8292 allows) is checked once, its expiry at every push.
    verified: HashMap<String, Value>,
}

#[derive(Clone)]
struct Shared {
    origin: String,
    state: Arc<Mutex<State>>,
}

pub struct PushService {
    pub origin: String,
    shared: Shared,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Checks `Authorization: vapid t=<jwt>, k=<key>` against the expected key and audience.
fn check_vapid(
    header: Option<&str>,
    expected_key: Option<&str>,
    origin: &str,
) -> Result<Value, String> {
    let header = header.ok_or("no Authorization header")?;
    let params = header
        .strip_prefix("vapid ")
        .ok_or("not the vapid scheme")?;
    let mut t = None;
    let mut k = None;
    for part in params.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = Some(v.trim()),
            Some(("k", v)) => k = Some(v.trim()),
            _ => {}
        }
    }
    let (t, k) = (t.ok_or("no t=")?, k.ok_or("no k=")?);
    if Some(k) != expected_key {
        return Err(format!("k={k} is not the served VAPID key"));
    }
    let key_bytes = URL_SAFE_NO_PAD.decode(k).map_err(|e| e.to_string())?;
    let key = VerifyingKey::from_sec1_bytes(&key_bytes).map_err(|e| e.to_string())?;
    let (signed, sig) = t.rsplit_once('.').ok_or("not a JWT")?;
    let (header_b64, claims_b64) = signed.split_once('.').ok_or("not a JWT")?;
    let jose: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(header_b64)
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    if jose["alg"] != "ES256" {
        return Err(format!("alg {} is not ES256", jose["alg"]));
    }
    let sig = Signature::from_slice(&URL_SAFE_NO_PAD.decode(sig).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    key.verify(signed.as_bytes(), &sig)
        .map_err(|_| "ES256 signature does not verify".to_string())?;
    let claims: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(claims_b64)
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    if claims["aud"] != origin {
        return Err(format!("aud {} is not {origin}", claims["aud"]));
    }
    let claims = unexpired(claims)?;
    if !claims["sub"]
        .as_str()
        .is_some_and(|s| s.starts_with("mailto:"))
    {
        return Err("sub is not a mailto: URI".into());
    }
    Ok(claims)
}

/// The claims of a token whose `exp` is still ahead, and at most 24 h ahead (RFC 8292).
fn unexpired(claims: Value) -> Result<Value, String> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    if exp <= now || exp > now + 24 * 3600 {
        return Err(format!("exp {exp} not within 24 h from now {now}"));
    }
    Ok(claims)
}

#[handler]
fn receive(
    Path(device): Path<String>,
    headers: &HeaderMap,
    body: Vec<u8>,
    shared: Data<&Shared>,
) -> Response {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    let (expected, known) = {
        let state = shared.state.lock().unwrap();
        let known = auth.and_then(|a| state.verified.get(a).cloned());
        (state.vapid_key.clone(), known)
    };
    // Signatures are checked outside the lock, so pushes arriving together are checked at once.
    let vapid = match known {
        Some(claims) => unexpired(claims),
        None => check_vapid(auth, expected.as_deref(), &shared.origin),
    };
    let mut state = shared.state.lock().unwrap();
    if let (Some(auth), Ok(claims)) = (auth, &vapid) {
        if state.vapid_key == expected {
            state.verified.insert(auth.to_string(), claims.clone());
        }
    }
    let (status, retry_after) = if vapid.is_err() {
        (401, None)
    } else {
        state
            .scripts
            .get_mut(&device)
            .and_then(VecDeque::pop_front)
            .unwrap_or((201, None))
    };
    state.received.push(Received {
        device,
        headers: headers
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect(),
        body,
        vapid,
        answered: status,
    });
    let mut resp = StatusCode::from_u16(status).unwrap().into_response();
    if let Some(after) = retry_after {
        resp.headers_mut()
            .insert("retry-after", after.parse().unwrap());
    }
    if status == 201 {
        resp.headers_mut()
            .insert("location", "/message/1".parse().unwrap());
    }
    resp
}

impl PushService {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let shared = Shared {
            origin: origin.clone(),
            state: Arc::default(),
        };
        let app = Route::new()
            .at("/push/:device", post(receive))
            .data(shared.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let acceptor = TcpAcceptor::from_tokio(listener).unwrap();
        tokio::spawn(async move {
            let _ = Server::new_with_acceptor(acceptor)
                .run_with_graceful_shutdown(
                    app,
                    async {
                        let _ = rx.await;
                    },
                    None,
                )
                .await;
        });
        Self {
            origin,
            shared,
            _stop: tx,
        }
    }

    /// The VAPID public key the server serves: tokens signed by another key are refused (401).
    pub fn expect_vapid_key(&self, key: &str) {
        let mut state = self.shared.state.lock().unwrap();
        state.vapid_key = Some(key.to_string());
        state.verified.clear();
    }

    /// The next answers for `device`, in order, then 201.
    pub fn script(&self, device: &Device, answers: &[(u16, Option<&'static str>)]) {
        self.shared
            .state
            .lock()
            .unwrap()
            .scripts
            .insert(device.name.clone(), answers.iter().copied().collect());
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.state.lock().unwrap().received.clone()
    }

    /// The pushes received after the first `seen`.
    pub fn received_since(&self, seen: usize) -> Vec<Received> {
        let state = self.shared.state.lock().unwrap();
        state.received.get(seen..).unwrap_or_default().to_vec()
    }

    /// How many pushes were received.
    pub fn count(&self) -> usize {
        self.shared.state.lock().unwrap().received.len()
    }

    /// Forgets the pushes received so far (a long load keeps the service's memory flat).
    pub fn clear(&self) {
        self.shared.state.lock().unwrap().received.clear();
    }

    /// Waits until `count` pushes were received (at most 15 s).
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..150 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("expected {count} pushes, got {:?}", self.received().len());
    }

    /// A device subscribed at this service, with fresh keys.
    pub fn device(&self, name: &str) -> Device {
        Device::new(name, &format!("{}/push/{name}", self.origin))
    }
}

/// A browser's side of a subscription: its P-256 key pair and 16-byte auth secret.
pub struct Device {
    pub name: String,
    pub endpoint: String,
    secret: SecretKey,
    auth: [u8; 16],
}

impl Device {
    pub fn new(name: &str, endpoint: &str) -> Self {
        let secret = SecretKey::random(&mut rand::rngs::OsRng);
        let mut auth = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut auth);
        Self {
            name: name.into(),
            endpoint: endpoint.into(),
            secret,
            auth,
        }
    }

    fn public_bytes(&self) -> Vec<u8> {
        self.secret
            .public_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec()
    }

    /// What `PushSubscription.toJSON()` gives, plus a label.
    pub fn subscription_json(&self) -> Value {
        json!({
            "endpoint": self.endpoint,
            "expirationTime": null,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(self.public_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(self.auth),
            },
            "label": self.name,
        })
    }

    /// Decrypts an aes128gcm body with an independent implementation, the Python `http_ece`
    /// library (as pywebpush's receivers use it); `None` when it is not installed (a failure
    /// instead when `GUICHET_REQUIRE_PEERS=1`).
    pub fn decrypt_with_http_ece(&self, body: &[u8]) -> Option<Result<Vec<u8>, String>> {
        use base64::engine::general_purpose::STANDARD;
        use std::io::Write;
        use std::process::{Command, Stdio};
        const SCRIPT: &str = "import sys, json, base64, http_ece\n\
            from cryptography.hazmat.primitives.asymmetric import ec\n\
            a = json.load(sys.stdin)\n\
            key = ec.derive_private_key(int.from_bytes(base64.b64decode(a['private']), 'big'), ec.SECP256R1())\n\
            plain = http_ece.decrypt(base64.b64decode(a['body']), private_key=key, auth_secret=base64.b64decode(a['auth']), version='aes128gcm')\n\
            sys.stdout.write(base64.b64encode(plain).decode())\n";
        let present = Command::new("python3")
            .args(["-c", "import http_ece, cryptography"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !present {
            assert!(
                std::env::var("GUICHET_REQUIRE_PEERS").as_deref() != Ok("1"),
                "http-ece is required (GUICHET_REQUIRE_PEERS=1) but not installed (run .ci/peers)"
            );
            let _ = writeln!(
                std::io::stderr(),
                "skipped: http-ece not installed (run .ci/peers)"
            );
            return None;
        }
        let input = json!({
            "private": STANDARD.encode(self.secret.to_bytes()),
            "auth": STANDARD.encode(self.auth),
            "body": STANDARD.encode(body),
        });
        let mut child = Command::new("python3")
            .args(["-c", SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        if !out.status.success() {
            return Some(Err(String::from_utf8_lossy(&out.stderr).into_owned()));
        }
        Some(
            STANDARD
                .decode(out.stdout.trim_ascii())
                .map_err(|e| e.to_string()),
        )
    }

    /// Decrypts an aes128gcm body (RFC 8188 framing, RFC 8291 keys), one record.
    pub fn decrypt(&self, body: &[u8]) -> Result<Vec<u8>, String> {
        if body.len() < 21 {
            return Err("body shorter than the aes128gcm header".into());
        }
        let salt = &body[..16];
        let rs = u32::from_be_bytes(body[16..20].try_into().unwrap()) as usize;
        let idlen = body[20] as usize;
        let keyid = body.get(21..21 + idlen).ok_or("truncated key id")?;
        let ciphertext = &body[21 + idlen..];
        if ciphertext.len() > rs {
            return Err("more than one record".into());
        }
        let sender = PublicKey::from_sec1_bytes(keyid).map_err(|e| e.to_string())?;
        let shared =
            p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), sender.as_affine());
        let mut key_info = b"WebPush: info\0".to_vec();
        key_info.extend_from_slice(&self.public_bytes());
        key_info.extend_from_slice(keyid);
        let mut ikm = [0u8; 32];
        Hkdf::<Sha256>::new(Some(&self.auth[..]), shared.raw_secret_bytes())
            .expand(&key_info, &mut ikm)
            .map_err(|e| e.to_string())?;
        let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
        let mut cek = [0u8; 16];
        let mut nonce = [0u8; 12];
        prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek)
            .map_err(|e| e.to_string())?;
        prk.expand(b"Content-Encoding: nonce\0", &mut nonce)
            .map_err(|e| e.to_string())?;
        let cipher = Aes128Gcm::new_from_slice(&cek).map_err(|e| e.to_string())?;
        let mut padded = cipher
            .decrypt(&aes_gcm::Nonce::from(nonce), ciphertext)
            .map_err(|_| "AES-GCM tag does not verify".to_string())?;
        let end = padded
            .iter()
            .rposition(|b| *b != 0)
            .ok_or("no padding delimiter")?;
        if padded[end] != 2 {
            return Err(format!("last record delimiter is {} not 2", padded[end]));
        }
        padded.truncate(end);
        Ok(padded)
    }
}
