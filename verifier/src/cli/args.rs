//! Command-line arguments.

use std::path::PathBuf;

use crate::seal::Language;
use clap::Parser;

/// Checks the QR seal on a document issued by guichet (a PDF, a photo of the paper, or the
/// seal text) and prints the signed data for you to compare with the document.
#[derive(Debug, Parser)]
#[command(name = "guichet-verify", version, after_help = super::exit::TABLE)]
pub struct Args {
    /// The document: a PDF, a PNG, JPEG, TIFF, WebP or GIF photo/scan, a file holding the seal text, or `-` to
    /// read any of these from standard input (the kind is detected from its first bytes).
    pub input: String,

    /// Where to get the signed trust list: a file or an http(s) URL (e.g.
    /// `https://guichet.example/.well-known/guichet/trust-list`). Without it the cached copy is used.
    #[arg(long, value_name = "FILE|URL")]
    pub trust_list: Option<String>,

    /// The cache file for the last good trust list
    /// [default: $XDG_CACHE_HOME/guichet/trust-list, else ~/.cache/guichet/trust-list].
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,

    /// Where to get the signed revocation list: a file or an http(s) URL (e.g.
    /// `https://guichet.example/.well-known/guichet/revocation-list`). Without it the cached
    /// copy is used, if any; a revoked document is then reported "revoked (list of DATE)".
    #[arg(long, value_name = "FILE|URL")]
    pub revocation_list: Option<String>,

    /// The cache file for the last good revocation list [default: beside the trust list's
    /// cache, `revocation-list`].
    #[arg(long, value_name = "FILE")]
    pub revocation_cache: Option<PathBuf>,

    /// The age in hours past which the revocation list in use is reported stale (it is still
    /// used: a document it lists is still revoked).
    #[arg(long, value_name = "HOURS", default_value_t = 168)]
    pub revocation_max_age: u32,

    /// The trust anchor's Ed25519 public key: 64 hex digits, base64, or a file holding either
    /// (or the raw 32 bytes). Default: $GUICHET_TRUST_ANCHOR.
    #[arg(long, value_name = "KEY")]
    pub anchor: Option<String>,

    /// Also ask the issuer whether the document was revoked or superseded:
    /// GET {BASE_URL}/api/v1/public/documents/{document_id}/status.
    #[arg(long, value_name = "BASE_URL")]
    pub online: Option<String>,

    /// Language of the report: fr, de or en [default: from $LANG, else en].
    #[arg(long, value_parser = ["fr", "de", "en"])]
    pub lang: Option<String>,

    /// Print a JSON report for machines instead of text.
    #[arg(long)]
    pub json: bool,

    /// How many seconds a seal's issue time may be ahead of the verification time (clocks
    /// differ a little); a seal issued later than that is not valid.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub clock_skew: u32,

    /// Check as of this instant (RFC 3339) instead of now; for tests and audits.
    #[arg(long, hide = true)]
    pub now: Option<String>,
}

impl Args {
    /// The report's language: --lang, else $LC_ALL/$LC_MESSAGES/$LANG, else English.
    pub fn language(&self) -> Language {
        self.lang
            .as_deref()
            .and_then(Language::from_locale)
            .or_else(|| {
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .filter_map(|v| std::env::var(v).ok())
                    .find(|v| !v.is_empty())
                    .and_then(|v| Language::from_locale(&v))
            })
            .unwrap_or(Language::En)
    }
}
