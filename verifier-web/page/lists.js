// The signed lists the page verifies with: fetched from the issuer when online, kept in the
// Cache Storage of this phone for offline use. The bytes are only kept after the WebAssembly
// verifier checked them with the pinned trust anchor (see load_trust_list).

const CACHE = "guichet-verify-lists";
const FETCHED_AT = "x-guichet-fetched-at";
const TIMEOUT_MS = 5000;

/** The fetched bytes, or null when offline, refused or slow (the cached copy is used then). */
export async function fetchBytes(url) {
  if (!url) return null;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { cache: "no-cache", signal: abort.signal });
    if (!response.ok) return null;
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The cached bytes and when they were fetched (ms since the epoch), or null. */
export async function cachedBytes(url) {
  if (!url || !("caches" in self)) return null;
  try {
    const cache = await caches.open(CACHE);
    const response = await cache.match(url);
    if (!response) return null;
    const fetchedAt = Number(response.headers.get(FETCHED_AT)) || 0;
    return { bytes: new Uint8Array(await response.arrayBuffer()), fetchedAt };
  } catch {
    return null;
  }
}

/** Keeps verified bytes for offline use, with the time they were fetched. */
export async function keepBytes(url, bytes, fetchedAt) {
  if (!("caches" in self)) return;
  try {
    const cache = await caches.open(CACHE);
    await cache.put(url, new Response(bytes, { headers: { [FETCHED_AT]: String(fetchedAt) } }));
  } catch { /* private browsing may refuse storage: the page still works online */ }
}

/**
 * Loads the trust list into the verifier: the fetched copy if it verifies and is not older
 * than the cached one, else the cached copy. Returns the freshness to show:
 * `{ sequence, issuedAt, origin, fetchedAt }`, or throws when no list is usable.
 */
export async function loadTrustList(verifier, url) {
  const [fetched, cached] = await Promise.all([fetchBytes(url), cachedBytes(url)]);
  const now = Date.now();
  const answer = JSON.parse(verifier.load_trust_list(fetched ?? undefined, cached?.bytes ?? undefined));
  if (answer.store && fetched) await keepBytes(url, fetched, now);
  const fetchedAt = answer.origin === "fetched" ? now : cached?.fetchedAt ?? 0;
  return { sequence: answer.sequence, issuedAt: answer.issued_at, origin: answer.origin, fetchedAt };
}

/**
 * The signed revocation list (branch `revocation`, issue 14): fetched and cached the same way
 * when the configuration names its URL and the verifier module can check it.
 */
export async function loadRevocationList(verifier, url) {
  if (!url || typeof verifier.load_revocation_list !== "function") return null;
  const [fetched, cached] = await Promise.all([fetchBytes(url), cachedBytes(url)]);
  const now = Date.now();
  const answer = JSON.parse(verifier.load_revocation_list(fetched ?? undefined, cached?.bytes ?? undefined));
  if (answer.store && fetched) await keepBytes(url, fetched, now);
  return { ...answer, fetchedAt: answer.origin === "fetched" ? now : cached?.fetchedAt ?? 0 };
}
