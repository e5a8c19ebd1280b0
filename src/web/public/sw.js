/*
 * Portail Familles — the app's one service worker (issue 14), served at /sw.js with the scope « / ».
 *
 * It shows Web Push notifications (a title, a sentence, the portal page to open) and opens that page when the
 * notification is clicked.
 *
 * Issue 15, the offline attendance app (« Pointage sur tablette », /agent/pointage/tablette): its fetch handler
 * keeps that page's shell — the page itself (the app's index.html, no personal data), the built scripts and styles
 * of /assets/ (hashed, public), the logo, icons and manifests — in one versioned cache (SHELL_CACHE), so that the
 * page opens and reloads without network. Nothing else is answered from the cache: every other page goes to the
 * network as if there were no service worker, and the API's answers (/api/…, personal data) are never cached —
 * the app keeps the day's lists itself, in IndexedDB, for the day only (src/web/staff/attendance-store.ts).
 */
const SW_VERSION = 'pf-sw-2';
const SHELL_CACHE = 'pf-attendance-v1';
const APP_PATH = '/agent/pointage/tablette';
const SHELL_FILES = ['/logo-ville.svg', '/pointage.webmanifest', '/famille.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon.svg'];

/** Whether a path is part of the attendance app's shell (never /api/). */
function isShell(pathname) {
  return pathname.startsWith('/assets/') || SHELL_FILES.includes(pathname);
}

/** Fetches the shell and the files the page says it loaded, into the cache. */
async function keepShell(paths) {
  const cache = await caches.open(SHELL_CACHE);
  const wanted = [APP_PATH, ...SHELL_FILES, ...paths.filter((p) => typeof p === 'string' && isShell(p))];
  await Promise.all(
    wanted.map(async (p) => {
      try {
        if (p !== APP_PATH && (await cache.match(p))) return;
        const res = await fetch(p, { credentials: 'same-origin', cache: 'no-cache' });
        if (res.ok && (res.headers.get('content-type') ?? '').length) await cache.put(p, res);
      } catch {
        /* offline now: kept next time */
      }
    }),
  );
}

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // older versions of the shell go; the current one stays
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('pf-attendance-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The attendance page tells what it loaded (its scripts, styles and catalogues) once the worker is active.
self.addEventListener('message', (event) => {
  const data = event.data ?? {};
  if (data.type !== 'pointage-cache' || !Array.isArray(data.urls)) return;
  event.waitUntil(keepShell(data.urls));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    if (url.pathname !== APP_PATH) return;
    // network first (a new release is picked up at once), the kept shell without network
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(SHELL_CACHE).then((c) => c.put(APP_PATH, copy));
          }
          return res;
        })
        .catch(async () => (await caches.match(APP_PATH, { cacheName: SHELL_CACHE })) ?? Response.error()),
    );
    return;
  }
  if (!isShell(url.pathname)) return;
  // hashed assets never change: the kept copy first; a missing one from the network, kept when the app asked for it
  event.respondWith(
    caches.open(SHELL_CACHE).then(async (cache) => {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && event.clientId) {
        const client = await self.clients.get(event.clientId);
        if (client && new URL(client.url).pathname === APP_PATH) await cache.put(req, res.clone());
      }
      return res;
    }),
  );
});

self.addEventListener('push', (event) => {
  let data = { title: 'Portail Familles', body: '', url: '/famille' };
  try {
    if (event.data) data = { ...data, ...event.data.json() };
  } catch {
    // not JSON: show the text as it came
    if (event.data) data.body = event.data.text();
  }
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      icon: '/logo-ville.svg',
      lang: 'fr',
      tag: SW_VERSION,
      renotify: true,
      data: { url: data.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // only a page of this portal is ever opened
  let target = '/famille';
  try {
    const u = new URL(event.notification.data?.url ?? '/famille', self.location.origin);
    if (u.origin === self.location.origin) target = u.pathname + u.search;
  } catch {
    /* keep the family home */
  }
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((wins) => {
      for (const w of wins) if ('focus' in w && new URL(w.url).pathname === target) return w.focus();
      return self.clients.openWindow(target);
    }),
  );
});
