//! The trust anchor and the trust list: from --anchor, a file or URL, and the cache.

use std::io::Write;
use std::path::PathBuf;

use crate::trust::{Loaded, MAX_TRUST_LIST_BYTES, TrustAnchor, TrustCache, TrustList};
use base64::Engine as _;

use super::Failure;
use super::args::Args;
use super::exit::Exit;
use super::http;

/// The trust anchor from --anchor or $GUICHET_TRUST_ANCHOR: hex, base64, or a file of either
/// (or of the raw 32 bytes).
pub fn anchor(args: &Args) -> Result<TrustAnchor, Failure> {
    let text = args
        .anchor
        .clone()
        .or_else(|| std::env::var("GUICHET_TRUST_ANCHOR").ok())
        .ok_or_else(|| {
            Failure::new(
                Exit::Usage,
                "no trust anchor: give --anchor KEY or set GUICHET_TRUST_ANCHOR",
            )
        })?;
    parse_anchor(text.trim())
        .or_else(|| {
            let bytes = std::fs::read(&text).ok()?;
            TrustAnchor::from_bytes(&bytes)
                .or_else(|| parse_anchor(String::from_utf8(bytes).ok()?.trim()))
        })
        .ok_or_else(|| {
            Failure::new(
                Exit::Usage,
                "--anchor is not an Ed25519 public key (64 hex digits, base64, or a file)",
            )
        })
}

fn parse_anchor(text: &str) -> Option<TrustAnchor> {
    let bytes = hex::decode(text)
        .ok()
        .or_else(|| base64::engine::general_purpose::STANDARD.decode(text).ok())
        .or_else(|| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(text)
                .ok()
        })?;
    TrustAnchor::from_bytes(&bytes)
}

/// The default cache directory: $XDG_CACHE_HOME/guichet, else ~/.cache/guichet.
pub(super) fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("guichet"))
}

/// The default cache file: $XDG_CACHE_HOME/guichet/trust-list, else ~/.cache/guichet/trust-list.
fn default_cache() -> Option<PathBuf> {
    default_cache_dir().map(|dir| dir.join("trust-list"))
}

/// Fetches the list (if --trust-list is given), then picks it or the cached copy.
/// Warnings (fetch failed, fetched list refused, cache not written) go to `stderr`.
pub fn load(args: &Args, anchor: &TrustAnchor, stderr: &mut dyn Write) -> Result<Loaded, Failure> {
    let unavailable = |why: String| Failure::new(Exit::TrustListUnavailable, why);
    let mut fetch_error = None;
    let fetched = match &args.trust_list {
        None => None,
        Some(source) => match fetch(source, MAX_TRUST_LIST_BYTES) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                let _ = writeln!(
                    stderr,
                    "guichet-verify: cannot fetch the trust list from {source}: {e}"
                );
                fetch_error = Some(e);
                None
            }
        },
    };
    let Some(cache) = args
        .cache
        .clone()
        .or_else(default_cache)
        .map(TrustCache::new)
    else {
        let bytes = fetched.ok_or_else(|| {
            unavailable(
                fetch_error.unwrap_or_else(|| "no trust list given and no cache location".into()),
            )
        })?;
        let list =
            TrustList::from_signed(&bytes, anchor).map_err(|e| unavailable(e.to_string()))?;
        return Ok(Loaded {
            list,
            origin: crate::trust::Origin::Fetched,
            refused: None,
            cache_write_error: Some("no cache location".into()),
        });
    };
    let loaded = cache
        .resolve(fetched.as_deref(), anchor)
        .map_err(|e| unavailable(e.to_string()))?;
    if let Some(refused) = &loaded.refused {
        let _ = writeln!(
            stderr,
            "guichet-verify: the fetched trust list was refused ({refused}); using the cached copy"
        );
    }
    if let Some(e) = &loaded.cache_write_error {
        let _ = writeln!(
            stderr,
            "guichet-verify: cannot update the cache {}: {e}",
            cache.path().display()
        );
    }
    Ok(loaded)
}

/// The bytes of a file or an http(s) URL, at most `max` of them.
pub(super) fn fetch(source: &str, max: usize) -> Result<Vec<u8>, String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        http::get(source, max)
    } else {
        let meta = std::fs::metadata(source).map_err(|e| e.to_string())?;
        if meta.len() > max as u64 {
            return Err("the file is too large".into());
        }
        std::fs::read(source).map_err(|e| e.to_string())
    }
}
