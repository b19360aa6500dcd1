//! The certified public key of a person, and verification of what they signed with it.

use p256::ecdsa::signature::Verifier as _;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::{CertificateError, SignatureError};

/// The key algorithms a person's certificate may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyAlgorithm {
    /// Ed25519 (RFC 8032), 64-byte signatures.
    Ed25519,
    /// ECDSA on NIST P-256 with SHA-256.
    P256,
}

const OID_ED25519: &str = "1.3.101.112";
const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const OID_CURVE_P256: &str = "1.2.840.10045.3.1.7";

#[derive(Clone, PartialEq, Eq)]
enum Key {
    Ed25519(ed25519_dalek::VerifyingKey),
    P256(p256::ecdsa::VerifyingKey),
}

/// A public key taken from a verified certificate.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    key: Key,
    spki_der: Vec<u8>,
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &self.algorithm())
            .field("spki_der", &hex::encode(&self.spki_der))
            .finish()
    }
}

impl PublicKey {
    /// Reads a DER `SubjectPublicKeyInfo` (Ed25519 or EC P-256).
    pub fn from_spki_der(der: &[u8]) -> Result<Self, CertificateError> {
        use x509_parser::prelude::FromDer;
        let (rest, spki) = SubjectPublicKeyInfo::from_der(der)
            .map_err(|e| CertificateError::Malformed(format!("public key: {e}")))?;
        if !rest.is_empty() {
            return Err(CertificateError::Malformed(
                "trailing bytes after public key".into(),
            ));
        }
        Self::from_spki(&spki)
    }

    pub(crate) fn from_spki(spki: &SubjectPublicKeyInfo<'_>) -> Result<Self, CertificateError> {
        let algorithm = spki.algorithm.algorithm.to_id_string();
        let bits: &[u8] = &spki.subject_public_key.data;
        let key = if algorithm == OID_ED25519 {
            let bytes: &[u8; 32] = bits
                .try_into()
                .map_err(|_| CertificateError::Malformed("Ed25519 key is not 32 bytes".into()))?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(bytes)
                .map_err(|_| CertificateError::Malformed("invalid Ed25519 key".into()))?;
            Key::Ed25519(key)
        } else if algorithm == OID_EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|oid| oid.to_id_string());
            if curve.as_deref() != Some(OID_CURVE_P256) {
                return Err(CertificateError::Malformed(
                    "unsupported elliptic curve".into(),
                ));
            }
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                .map_err(|_| CertificateError::Malformed("invalid P-256 key".into()))?;
            Key::P256(key)
        } else {
            return Err(CertificateError::Malformed(format!(
                "unsupported key algorithm {algorithm}"
            )));
        };
        Ok(Self {
            key,
            spki_der: spki.raw.to_vec(),
        })
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match self.key {
            Key::Ed25519(_) => KeyAlgorithm::Ed25519,
            Key::P256(_) => KeyAlgorithm::P256,
        }
    }

    /// The DER `SubjectPublicKeyInfo`, e.g. to store alongside an account.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// Verifies `signature` over `message`.
    ///
    /// Ed25519: a 64-byte signature, checked with `verify_strict` (no malleable or
    /// small-order cases). P-256: ECDSA with SHA-256 over `message`, given either as
    /// raw 64-byte `r‖s` (what WebCrypto produces) or as a DER `ECDSA-Sig-Value`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        match &self.key {
            Key::Ed25519(key) => {
                let sig = ed25519_dalek::Signature::from_slice(signature)
                    .map_err(|_| SignatureError::Malformed)?;
                key.verify_strict(message, &sig)
                    .map_err(|_| SignatureError::Invalid)
            }
            Key::P256(key) => {
                if signature.len() == 64 {
                    let raw = p256::ecdsa::Signature::from_slice(signature);
                    if let Ok(sig) = raw {
                        if key.verify(message, &sig).is_ok() {
                            return Ok(());
                        }
                    }
                    // A 64-byte DER encoding is possible: fall through and try it.
                    if signature.first() != Some(&0x30) {
                        return match raw {
                            Ok(_) => Err(SignatureError::Invalid),
                            Err(_) => Err(SignatureError::Malformed),
                        };
                    }
                }
                let sig = p256::ecdsa::Signature::from_der(signature)
                    .map_err(|_| SignatureError::Malformed)?;
                key.verify(message, &sig)
                    .map_err(|_| SignatureError::Invalid)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::pkcs8::EncodePublicKey as _;

    #[test]
    fn ed25519_rejects_signatures_of_the_wrong_length() {
        let signing = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
        let spki = {
            use ed25519_dalek::pkcs8::EncodePublicKey as _;
            signing.verifying_key().to_public_key_der().unwrap()
        };
        let key = PublicKey::from_spki_der(spki.as_bytes()).unwrap();
        assert_eq!(key.algorithm(), KeyAlgorithm::Ed25519);
        assert_eq!(key.verify(b"m", &[0u8; 63]), Err(SignatureError::Malformed));
        let sig = ed25519_dalek::Signer::sign(&signing, b"m");
        assert_eq!(key.verify(b"m", &sig.to_bytes()), Ok(()));
        assert_eq!(
            key.verify(b"n", &sig.to_bytes()),
            Err(SignatureError::Invalid)
        );
    }

    #[test]
    fn p256_accepts_raw_and_der_and_rejects_garbage() {
        use p256::ecdsa::signature::Signer as _;
        let signing = p256::ecdsa::SigningKey::from_slice(&[9u8; 32]).unwrap();
        let spki = signing.verifying_key().to_public_key_der().unwrap();
        let key = PublicKey::from_spki_der(spki.as_bytes()).unwrap();
        assert_eq!(key.algorithm(), KeyAlgorithm::P256);
        let sig: p256::ecdsa::Signature = signing.sign(b"hello");
        assert_eq!(key.verify(b"hello", &sig.to_bytes()), Ok(()));
        assert_eq!(key.verify(b"hello", sig.to_der().as_bytes()), Ok(()));
        assert_eq!(
            key.verify(b"hellO", &sig.to_bytes()),
            Err(SignatureError::Invalid)
        );
        assert_eq!(
            key.verify(b"hellO", sig.to_der().as_bytes()),
            Err(SignatureError::Invalid)
        );
        assert_eq!(
            key.verify(b"hello", &[1u8; 10]),
            Err(SignatureError::Malformed)
        );
    }
}
