//! Sign-in by certificate: a one-time challenge signed with the authentication key, then
//! short-lived access tokens and rotating refresh tokens, all stored as hashes.

use super::{Context, tokens};
use crate::domain::{CertificateRejection, Error, Invalid, ids::PersonId, rights};
use crate::limits::{ClientAddress, Limit};
use crate::store::{
    self,
    sessions::{NewSession, Session, Token},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use guichet_identity::{CertificateError, CertifiedIdentity, Usage};
use sea_orm::{ConnectionTrait, TransactionTrait};
use time::{Duration, OffsetDateTime};

/// What a client signs to prove possession of its key: this prefix, then the challenge text.
pub const SIGNIN_CONTEXT: &str = "guichet-signin-v1:";

/// The bytes to sign for `challenge`.
pub fn signin_message(challenge: &str) -> Vec<u8> {
    format!("{SIGNIN_CONTEXT}{challenge}").into_bytes()
}

/// A fresh challenge.
#[derive(Debug, Clone)]
pub struct Challenge {
    /// The text to sign (after [`SIGNIN_CONTEXT`]).
    pub challenge: String,
    /// When it stops being accepted.
    pub expires_at: OffsetDateTime,
}

/// Tokens for a signed-in person.
#[derive(Debug, Clone)]
pub struct Tokens {
    /// Bearer token for API calls.
    pub access_token: String,
    /// Lifetime of the access token, seconds.
    pub expires_in: i64,
    /// One-time token to get new tokens.
    pub refresh_token: String,
    /// Lifetime of the refresh token, seconds.
    pub refresh_expires_in: i64,
}

/// What a sign-in leads to.
#[derive(Debug, Clone)]
pub enum SignInOutcome {
    /// A known certificate: the person is signed in.
    SignedIn(Tokens),
    /// An unknown certificate: a registration must come first; the token allows only that.
    RegistrationRequired {
        /// Bearer token for the registration endpoints.
        registration_token: String,
        /// Its lifetime, seconds.
        expires_in: i64,
        /// Who the certificate says the person is.
        identity: Box<CertifiedIdentity>,
    },
}

/// Who is calling, as established from a bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A registered person.
    Person {
        /// The session.
        session_id: String,
        /// The person.
        person_id: PersonId,
    },
    /// Someone proving a certificate that is not registered yet.
    Registration {
        /// The session.
        session_id: String,
        /// The certificate (DER) proven at sign-in.
        certificate_der: Vec<u8>,
    },
    /// An agent of an administration (back office).
    Agent {
        /// The session.
        session_id: String,
        /// The agent.
        agent_id: String,
    },
}

impl Caller {
    /// The person, or `RegistrationPending` for a registration-only caller.
    pub fn person_id(&self) -> Result<&PersonId, Error> {
        match self {
            Self::Person { person_id, .. } => Ok(person_id),
            Self::Registration { .. } => Err(Error::RegistrationPending),
            Self::Agent { .. } => Err(Error::Unauthenticated),
        }
    }

    /// The session the token belongs to.
    pub fn session_id(&self) -> &str {
        match self {
            Self::Person { session_id, .. }
            | Self::Registration { session_id, .. }
            | Self::Agent { session_id, .. } => session_id,
        }
    }

    /// The person acting for themselves, as rights know callers; `RegistrationPending` for a
    /// registration-only caller, `Unauthenticated` for an agent.
    pub fn person(&self) -> Result<rights::Caller, Error> {
        self.person_id().map(|p| rights::Caller::Person(p.clone()))
    }
}

const REGISTRATION_TOKEN_TTL: Duration = Duration::minutes(30);

/// Issues a one-time challenge; `TooManyRequests` past `challenge_per_address`.
pub async fn create_challenge(ctx: &Context, client: &ClientAddress) -> Result<Challenge, Error> {
    ctx.limits
        .check_address(Limit::ChallengePerAddress, client)?;
    let now = ctx.now();
    let challenge = tokens::generate("");
    let expires_at = now + Duration::seconds(ctx.config.tokens.challenge_ttl_secs);
    store::sessions::insert_challenge(&ctx.db, tokens::hash(&challenge), expires_at).await?;
    Ok(Challenge {
        challenge,
        expires_at,
    })
}

/// Marks `challenge` used; fails unless it was issued, unused and unexpired.
pub async fn consume_challenge<C: ConnectionTrait>(
    conn: &C,
    challenge: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    if store::sessions::use_challenge(conn, &tokens::hash(challenge), now).await? {
        Ok(())
    } else {
        Err(Error::Challenge)
    }
}

/// Reads a certificate given as PEM (one or more, leaf first) or as base64 DER.
pub fn parse_certificate_input(input: &str, field: &str) -> Result<Vec<Vec<u8>>, Error> {
    let trimmed = input.trim();
    if trimmed.starts_with("-----BEGIN") {
        guichet_identity::parse_pem_chain(trimmed)
            .map_err(|_| Error::invalid(field, Invalid::Encoding))
    } else {
        STANDARD
            .decode(trimmed)
            .map(|der| vec![der])
            .map_err(|_| Error::invalid(field, Invalid::Encoding))
    }
}

/// Decodes a base64 signature.
pub fn parse_signature(input: &str, field: &str) -> Result<Vec<u8>, Error> {
    STANDARD
        .decode(input.trim())
        .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(input.trim()))
        .map_err(|_| Error::invalid(field, Invalid::Encoding))
}

/// Maps the identity crate's refusal to what the user is told.
pub fn rejection(e: &CertificateError) -> Error {
    use CertificateRejection as R;
    Error::Certificate(match e {
        CertificateError::Malformed(_) => R::Malformed,
        CertificateError::UntrustedIssuer
        | CertificateError::BadChainSignature(_)
        | CertificateError::IssuerNotACertificateAuthority
        | CertificateError::PathLengthExceeded
        | CertificateError::NameConstraintViolated => R::UntrustedIssuer,
        CertificateError::NotYetValid => R::NotYetValid,
        CertificateError::Expired => R::Expired,
        CertificateError::Revoked => R::Revoked,
        CertificateError::WrongUsage(_) => R::WrongUsage,
        CertificateError::MissingIdentity(_) | CertificateError::InvalidMatricule(_) => {
            R::MissingIdentity
        }
    })
}

/// Checks a certificate chain for `usage` against the trust store at `now`.
pub fn verify_certificate(
    ctx: &Context,
    chain: &[Vec<u8>],
    usage: Usage,
) -> Result<CertifiedIdentity, Error> {
    let trust = ctx
        .trust
        .read()
        .map_err(|_| Error::internal("trust store lock poisoned"))?;
    trust
        .verify(chain, usage, ctx.now())
        .map_err(|e| rejection(&e))
}

/// Proves possession: `signature` over the challenge message must verify with the certificate's key.
pub fn check_possession(
    identity: &CertifiedIdentity,
    challenge: &str,
    signature: &[u8],
) -> Result<(), Error> {
    identity
        .public_key
        .verify(&signin_message(challenge), signature)
        .map_err(|_| Error::BadSignature)
}

/// Signs in with a certificate and a signed challenge.
///
/// Every attempt counts against `signin_per_address`. The certificate's own quota
/// (`signin_per_certificate`) is counted only once the signature proved possession of its key:
/// whoever merely knows a certificate (it is not secret) cannot spend its holder's sign-ins.
pub async fn sign_in(
    ctx: &Context,
    client: &ClientAddress,
    challenge: &str,
    certificate: &str,
    signature: &str,
) -> Result<SignInOutcome, Error> {
    ctx.limits.check_address(Limit::SigninPerAddress, client)?;
    let now = ctx.now();
    let chain = parse_certificate_input(certificate, "certificate")?;
    let signature = parse_signature(signature, "signature")?;
    consume_challenge(&ctx.db, challenge, now).await?;
    let identity = verify_certificate(ctx, &chain, Usage::Authentication)?;
    check_possession(&identity, challenge, &signature)?;
    ctx.limits
        .check_subject(Limit::SigninPerCertificate, &identity.fingerprint_sha256)?;
    let registered =
        store::persons::holder_of_certificate(&ctx.db, &identity.fingerprint_sha256).await?;
    let leaf = chain.into_iter().next().unwrap_or_default();
    match registered {
        Some(person_id) => {
            let txn = ctx.db.begin().await?;
            let session_id = new_session(
                &txn,
                "person",
                Some(person_id.into_string()),
                &identity,
                None,
                now,
            )
            .await?;
            let tokens = issue_tokens(ctx, &txn, &session_id, now).await?;
            txn.commit().await?;
            ctx.metrics.signins.with_label_values(&["signed_in"]).inc();
            Ok(SignInOutcome::SignedIn(tokens))
        }
        None => {
            let txn = ctx.db.begin().await?;
            let session_id =
                new_session(&txn, "registration", None, &identity, Some(&leaf), now).await?;
            let token = tokens::generate("grg_");
            insert_token(
                &txn,
                &token,
                &session_id,
                "registration",
                now + REGISTRATION_TOKEN_TTL,
            )
            .await?;
            txn.commit().await?;
            ctx.metrics
                .signins
                .with_label_values(&["registration_required"])
                .inc();
            Ok(SignInOutcome::RegistrationRequired {
                registration_token: token,
                expires_in: REGISTRATION_TOKEN_TTL.whole_seconds(),
                identity: Box::new(identity),
            })
        }
    }
}

pub(crate) async fn new_session<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    person_id: Option<String>,
    identity: &CertifiedIdentity,
    der: Option<&[u8]>,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let new = NewSession {
        kind,
        subject: person_id,
        certificate_fingerprint: &identity.fingerprint_sha256,
        certificate_der_base64: der.map(|d| STANDARD.encode(d)),
    };
    store::sessions::insert_session(conn, new, now).await
}

async fn insert_token<C: ConnectionTrait>(
    conn: &C,
    token: &str,
    session_id: &str,
    kind: &str,
    expires_at: OffsetDateTime,
) -> Result<(), Error> {
    store::sessions::insert_token(conn, tokens::hash(token), session_id, kind, expires_at).await
}

pub(crate) async fn issue_tokens<C: ConnectionTrait>(
    ctx: &Context,
    conn: &C,
    session_id: &str,
    now: OffsetDateTime,
) -> Result<Tokens, Error> {
    let t = &ctx.config.tokens;
    let access = tokens::generate("gat_");
    let refresh = tokens::generate("grt_");
    insert_token(
        conn,
        &access,
        session_id,
        "access",
        now + Duration::seconds(t.access_ttl_secs),
    )
    .await?;
    insert_token(
        conn,
        &refresh,
        session_id,
        "refresh",
        now + Duration::seconds(t.refresh_ttl_secs),
    )
    .await?;
    Ok(Tokens {
        access_token: access,
        expires_in: t.access_ttl_secs,
        refresh_token: refresh,
        refresh_expires_in: t.refresh_ttl_secs,
    })
}

async fn live_token(ctx: &Context, token: &str, kinds: &[&str]) -> Result<(Token, Session), Error> {
    let now = ctx.now();
    let (row, session) = store::sessions::token(&ctx.db, &tokens::hash(token))
        .await?
        .filter(|(t, s)| kinds.contains(&t.kind.as_str()) && s.revoked_at.is_none())
        .ok_or(Error::Unauthenticated)?;
    if row.expires_at <= now {
        return Err(Error::Unauthenticated);
    }
    Ok((row, session))
}

/// Who holds `access_token`.
pub async fn authenticate(ctx: &Context, access_token: &str) -> Result<Caller, Error> {
    let (row, session) = live_token(ctx, access_token, &["access", "registration"]).await?;
    if row.used_at.is_some() {
        return Err(Error::Unauthenticated);
    }
    match (row.kind.as_str(), session.person_id) {
        ("access", Some(agent_id)) if session.kind == "agent" => Ok(Caller::Agent {
            session_id: session.id,
            agent_id,
        }),
        ("access", Some(person_id)) => Ok(Caller::Person {
            session_id: session.id,
            person_id: person_id.into(),
        }),
        ("registration", None) => {
            let der = session
                .certificate_der_base64
                .as_deref()
                .and_then(|b| STANDARD.decode(b).ok())
                .ok_or(Error::Unauthenticated)?;
            Ok(Caller::Registration {
                session_id: session.id,
                certificate_der: der,
            })
        }
        _ => Err(Error::Unauthenticated),
    }
}

/// Exchanges a refresh token for new tokens; a reused refresh token revokes the whole session.
pub async fn refresh(ctx: &Context, refresh_token: &str) -> Result<Tokens, Error> {
    let now = ctx.now();
    let (row, session) = live_token(ctx, refresh_token, &["refresh"]).await?;
    let txn = ctx.db.begin().await?;
    if !store::sessions::use_token(&txn, &row.hash, now).await? {
        txn.rollback().await?;
        revoke(ctx, &session.id, "refresh token reused").await?;
        ctx.metrics
            .signins
            .with_label_values(&["refresh_reuse"])
            .inc();
        tracing::warn!(session_id = %session.id, "refresh token reused: session revoked");
        return Err(Error::Unauthenticated);
    }
    let tokens = issue_tokens(ctx, &txn, &session.id, now).await?;
    txn.commit().await?;
    Ok(tokens)
}

/// Ends a session: every token of it stops working.
pub async fn revoke(ctx: &Context, session_id: &str, reason: &str) -> Result<(), Error> {
    store::sessions::revoke_session(&ctx.db, session_id, reason, ctx.now()).await
}
