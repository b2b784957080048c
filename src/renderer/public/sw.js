/*
 * Kasir PLUT's service worker (issue 18): keeps the app's own page and scripts, so a till in browser
 * mode can be reloaded while the main computer is off and still show its kept cart and the message
 * "Komputer utama tidak terhubung". Network first: whenever the host answers, its own current files
 * are used (and kept). Never touches /api/: every sale, price and stock figure comes from the host.
 */
const CACHE = 'kasir-shell-v1';

async function keepShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch('/', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/', res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(assets.map((a) => cache.add(a).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(keepShell().catch(() => undefined));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  const page = req.mode === 'navigate';
  const key = page ? '/' : req;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && (page || url.pathname.startsWith('/assets/'))) {
          const copy = res.clone();
          void caches.open(CACHE).then((c) => c.put(key, copy));
        }
        return res;
      })
      .catch(async () => (await caches.match(key)) ?? Response.error()),
  );
});
