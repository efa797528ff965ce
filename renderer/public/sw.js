/*
 * Browser-mode app shell cache: the workstation must open and keep working in a rural settlement
 * with no network, and a reload offline must not lose the clerk's screen. API calls are never
 * cached here: the local replica lives in IndexedDB, not in this cache.
 */
const CACHE = 'otklik-shell-v1';
// The server answers with `Vary: Origin`, and Chromium sends Origin with module-script requests
// but not with the install-time fetches that filled the cache: match on the URL alone.
const MATCH = { ignoreVary: true };

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch('./index.html', { cache: 'no-store' });
      const html = await index.clone().text();
      await cache.put('./', index.clone());
      await cache.put('./index.html', index);
      // The built page names every script and stylesheet it needs; cache exactly those.
      const assets = [...html.matchAll(/(?:src|href)="(\.?\/?assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Fresh page when the server answers, the cached shell when it does not.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put('./index.html', copy));
          }
          return response;
        })
        .catch(async () => (await caches.match('./index.html', MATCH)) ?? Response.error()),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(request, MATCH);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && url.pathname.includes('/assets/')) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })(),
  );
});
