//! The documented exit codes.

use crate::verify::{Reason, Verdict, Verification};

/// What the process exit code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the document is valid.
    Valid,
    /// 1: the document is not valid (malformed, unknown key, bad signature, key not valid at
    /// issue time or not allowed for the type, expired, content does not match).
    Invalid,
    /// 2: the seal is authentic but the issuer revoked or superseded the document (online, or
    /// in the signed revocation list).
    Revoked,
    /// 3: no seal found in the input.
    NoSeal,
    /// 64: bad command line (unknown option, bad anchor key, bad --now).
    Usage,
    /// 66: the input file cannot be read: it does not open, is in a format the verifier does
    /// not read, is a damaged image, or is an image too large to decode.
    NoInput,
    /// 69: no trust list: none could be fetched or verified, and no valid cached copy.
    TrustListUnavailable,
    /// 75: the seal is valid offline but --online could not get the status (try again).
    OnlineUnavailable,
}

impl Exit {
    /// The numeric code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Valid => 0,
            Exit::Invalid => 1,
            Exit::Revoked => 2,
            Exit::NoSeal => 3,
            Exit::Usage => 64,
            Exit::NoInput => 66,
            Exit::TrustListUnavailable => 69,
            Exit::OnlineUnavailable => 75,
        }
    }

    /// The code for a verification result.
    pub fn for_result(result: &Verification, online_failed: bool) -> Self {
        match result.overall() {
            Verdict::Valid if online_failed => Exit::OnlineUnavailable,
            Verdict::Valid => Exit::Valid,
            Verdict::Invalid(
                Reason::Revoked { .. } | Reason::RevokedInList { .. } | Reason::Superseded { .. },
            ) => Exit::Revoked,
            Verdict::Invalid(Reason::NoSeal) => Exit::NoSeal,
            Verdict::Invalid(Reason::Unreadable(_)) => Exit::NoInput,
            Verdict::Invalid(_) => Exit::Invalid,
        }
    }
}

/// The exit code table, for `--help` and the README.
pub const TABLE: &str = "Exit codes:
  0   valid
  1   invalid (malformed, unknown key, bad signature, key not valid at issue time,
      key not allowed for the document type, issued in the future, expired, content does
      not match the seal)
  2   revoked or superseded (online or in the revocation list); the seal itself is authentic
  3   no seal found
  64  usage error (bad option, bad --anchor key)
  66  input cannot be read (no such file, unsupported format, damaged or too large image)
  69  trust list unavailable (nothing fetched or verified, no valid cached copy)
  75  valid offline, but the --online status could not be obtained";
