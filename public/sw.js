// Offline after the first visit: every same-origin GET is fetched from the
// network first (so a new deployment is picked up at once) and kept in a cache
// that answers when the network is gone. No precache list, so it works with any
// build's hashed file names and from any sub-path; registered by web/app/main.tsx.
const CACHE = 'ohcl-topology-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request, { ignoreSearch: true });
        if (cached) return cached;
        // A navigation to any URL of the app (a share link's path) gets the app's page.
        if (request.mode === 'navigate') return (await caches.match(new URL('./', self.registration.scope).href)) ?? Response.error();
        return Response.error();
      }),
  );
});
