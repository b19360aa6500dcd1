// Service worker: keeps the page, its scripts and both WebAssembly modules on the phone after
// the first visit, so that the verifier opens offline. The trust and revocation lists are
// kept by the page itself (lists.js), after the verifier checked their signature.
// The bundle script replaces the version and the file list.

const VERSION = "__VERSION__";
const FILES = __FILES__;
const SHELL = `guichet-verify-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(FILES.map((f) => new URL(f, self.registration.scope).href))),
  );
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("guichet-verify-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!url.href.startsWith(self.registration.scope)) return;
  const key = request.mode === "navigate" ? new URL("./", self.registration.scope).href : url.href;
  // The shell: the cached copy first (it matches this version), the network when not cached.
  event.respondWith(caches.match(key, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
