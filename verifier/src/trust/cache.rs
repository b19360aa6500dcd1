//! Keeping the last good trust list on disk, so the verifier works offline.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{MAX_TRUST_LIST_BYTES, TrustAnchor, TrustError, TrustList};

/// Where the trust list in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The freshly fetched list (now also cached).
    Fetched,
    /// The cached copy, because nothing was fetched.
    CacheOnly,
    /// The cached copy, because the fetched list was refused (see [`Loaded::refused`]).
    CacheFetchRefused,
    /// The cached copy, because the fetched list is older (lower sequence) than the cache.
    CacheNewer {
        /// The sequence number of the list that was fetched and not used.
        fetched_sequence: u64,
    },
}

/// The trust list to verify with, and how it was chosen.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The verified list.
    pub list: TrustList,
    /// Where it came from.
    pub origin: Origin,
    /// Why the fetched list was refused, if it was.
    pub refused: Option<TrustError>,
    /// Why the cache could not be updated, if it could not (the list is still used).
    pub cache_write_error: Option<String>,
}

/// A cache file holding the last good signed trust list.
#[derive(Debug, Clone)]
pub struct TrustCache {
    path: PathBuf,
}

impl TrustCache {
    /// A cache at this path (the file and its directory are created on the first update).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The cache file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cached list, if the file exists and still verifies with the anchor.
    pub fn read(&self, anchor: &TrustAnchor) -> Option<TrustList> {
        let meta = std::fs::metadata(&self.path).ok()?;
        if meta.len() > MAX_TRUST_LIST_BYTES as u64 {
            return None;
        }
        let bytes = std::fs::read(&self.path).ok()?;
        TrustList::from_signed(&bytes, anchor).ok()
    }

    /// Chooses the list to use from a freshly fetched one (if any) and the cache.
    ///
    /// A fetched list is used and cached when it verifies and is not older than the cache;
    /// otherwise the cached copy is used. Fails only when neither is usable.
    pub fn resolve(
        &self,
        fetched: Option<&[u8]>,
        anchor: &TrustAnchor,
    ) -> Result<Loaded, TrustError> {
        let cached = self.read(anchor);
        let fresh = fetched.map(|bytes| TrustList::from_signed(bytes, anchor).map(|l| (l, bytes)));
        match (fresh, cached) {
            (Some(Ok((list, bytes))), cached) => match cached {
                Some(old) if !list.supersedes(&old) => Ok(Loaded {
                    origin: Origin::CacheNewer {
                        fetched_sequence: list.sequence,
                    },
                    list: old,
                    refused: None,
                    cache_write_error: None,
                }),
                _ => Ok(Loaded {
                    cache_write_error: self.write(bytes).err(),
                    list,
                    origin: Origin::Fetched,
                    refused: None,
                }),
            },
            (Some(Err(e)), Some(old)) => Ok(Loaded {
                list: old,
                origin: Origin::CacheFetchRefused,
                refused: Some(e),
                cache_write_error: None,
            }),
            (Some(Err(e)), None) => Err(e),
            (None, Some(old)) => Ok(Loaded {
                list: old,
                origin: Origin::CacheOnly,
                refused: None,
                cache_write_error: None,
            }),
            (None, None) => Err(TrustError::Unavailable(format!(
                "nothing fetched and no valid cache at {}",
                self.path.display()
            ))),
        }
    }

    /// Replaces the cache file atomically.
    fn write(&self, bytes: &[u8]) -> Result<(), String> {
        replace_file(&self.path, bytes)
    }
}

/// Replaces the file at `path` atomically (write a sibling temporary file, then rename),
/// creating its directory if needed: a reader never sees half a list.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let mut tmp = path.to_path_buf().into_os_string();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| e.to_string())
}
