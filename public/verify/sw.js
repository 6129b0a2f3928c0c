// The duty post's verifier offline (decision 068). Scope /verify/: the page,
// its scripts and styles (cached by the page itself on first load), the public
// keys and the newest signed revocation list. Network first for the page and
// the lists (fresh when online), cache first for hashed assets.
const CACHE = "kt1-verify-v1";
const FRESH = ["/verify/scan", "/verify/keys.json", "/verify/revocations.json"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FRESH))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) event.respondWith(cacheFirst(event.request));
  else if (FRESH.includes(url.pathname) || url.pathname === "/favicon.svg" || url.pathname === "/__manifest")
    event.respondWith(networkFirst(event.request));
});
