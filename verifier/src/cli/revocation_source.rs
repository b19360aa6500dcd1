//! The revocation list: from --revocation-list (a file or URL) and its cache.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::revocation::{MAX_REVOCATION_LIST_BYTES, RevocationCache, RevocationLoaded};
use crate::trust::TrustAnchor;

use super::args::Args;
use super::trust_source::{default_cache_dir, fetch};

/// The cache file: --revocation-cache, else `revocation-list` beside the trust list's cache.
fn cache_path(args: &Args) -> Option<PathBuf> {
    if let Some(path) = &args.revocation_cache {
        return Some(path.clone());
    }
    let dir = match &args.cache {
        Some(trust_cache) => trust_cache.parent().map(Path::to_path_buf),
        None => default_cache_dir(),
    }?;
    Some(dir.join("revocation-list"))
}

/// Fetches the list (if --revocation-list is given), then picks it or the cached copy.
/// Never fails the run: without a usable list, revocations are reported as not checked
/// offline, and the warnings (fetch failed, fetched list refused, cache not written) go to
/// `stderr`.
pub fn load(args: &Args, anchor: &TrustAnchor, stderr: &mut dyn Write) -> Option<RevocationLoaded> {
    let fetched = args.revocation_list.as_ref().and_then(|source| {
        fetch(source, MAX_REVOCATION_LIST_BYTES)
            .map_err(|e| {
                let _ = writeln!(
                    stderr,
                    "guichet-verify: cannot fetch the revocation list from {source}: {e}"
                );
            })
            .ok()
    });
    let Some(cache) = cache_path(args).map(RevocationCache::new) else {
        let list = crate::revocation::RevocationList::from_signed(&fetched?, anchor)
            .map_err(|e| {
                let _ = writeln!(stderr, "guichet-verify: revocation list refused: {e}");
            })
            .ok()?;
        return Some(RevocationLoaded {
            list,
            origin: crate::trust::Origin::Fetched,
            refused: None,
            cache_write_error: Some("no cache location".into()),
        });
    };
    let loaded = match cache.resolve(fetched.as_deref(), anchor) {
        Ok(loaded) => loaded?,
        Err(e) => {
            let _ = writeln!(stderr, "guichet-verify: revocation list refused: {e}");
            return None;
        }
    };
    if let Some(refused) = &loaded.refused {
        let _ = writeln!(
            stderr,
            "guichet-verify: the fetched revocation list was refused ({refused}); using the cached copy"
        );
    }
    if let Some(e) = &loaded.cache_write_error {
        let _ = writeln!(
            stderr,
            "guichet-verify: cannot update the cache {}: {e}",
            cache.path().display()
        );
    }
    Some(loaded)
}
