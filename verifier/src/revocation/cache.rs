//! Keeping the last good revocation list on disk, so the verifier reports revocations offline.

use std::path::{Path, PathBuf};

use super::{MAX_REVOCATION_LIST_BYTES, RevocationList};
use crate::trust::{Origin, TrustAnchor, TrustError};

/// The revocation list to check with, and how it was chosen.
#[derive(Debug, Clone)]
pub struct RevocationLoaded {
    /// The verified list.
    pub list: RevocationList,
    /// Where it came from (the same cases as the trust list's).
    pub origin: Origin,
    /// Why the fetched list was refused, if it was.
    pub refused: Option<TrustError>,
    /// Why the cache could not be updated, if it could not (the list is still used).
    pub cache_write_error: Option<String>,
}

/// A cache file holding the last good signed revocation list.
#[derive(Debug, Clone)]
pub struct RevocationCache {
    path: PathBuf,
}

impl RevocationCache {
    /// A cache at this path (the file and its directory are created on the first update).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The cache file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cached list, if the file exists and still verifies with the anchor.
    pub fn read(&self, anchor: &TrustAnchor) -> Option<RevocationList> {
        let meta = std::fs::metadata(&self.path).ok()?;
        if meta.len() > MAX_REVOCATION_LIST_BYTES as u64 {
            return None;
        }
        let bytes = std::fs::read(&self.path).ok()?;
        RevocationList::from_signed(&bytes, anchor).ok()
    }

    /// Chooses the list from a freshly fetched one (if any) and the cache: the fetched one is
    /// used and cached when it verifies and is not older than the cache; otherwise the cached
    /// copy. `Ok(None)` when neither exists; an error only when the fetched list is refused
    /// and nothing is cached.
    pub fn resolve(
        &self,
        fetched: Option<&[u8]>,
        anchor: &TrustAnchor,
    ) -> Result<Option<RevocationLoaded>, TrustError> {
        let cached = self.read(anchor);
        let fresh =
            fetched.map(|bytes| RevocationList::from_signed(bytes, anchor).map(|l| (l, bytes)));
        let loaded = |list, origin, refused, cache_write_error| RevocationLoaded {
            list,
            origin,
            refused,
            cache_write_error,
        };
        Ok(match (fresh, cached) {
            (Some(Ok((list, _))), Some(old)) if !list.supersedes(&old) => {
                let origin = Origin::CacheNewer {
                    fetched_sequence: list.sequence,
                };
                Some(loaded(old, origin, None, None))
            }
            (Some(Ok((list, bytes))), _) => {
                let written = self.write(bytes).err();
                Some(loaded(list, Origin::Fetched, None, written))
            }
            (Some(Err(e)), Some(old)) => {
                Some(loaded(old, Origin::CacheFetchRefused, Some(e), None))
            }
            (Some(Err(e)), None) => return Err(e),
            (None, Some(old)) => Some(loaded(old, Origin::CacheOnly, None, None)),
            (None, None) => None,
        })
    }

    /// Replaces the cache file atomically.
    fn write(&self, bytes: &[u8]) -> Result<(), String> {
        crate::trust::replace_file(&self.path, bytes)
    }
}
