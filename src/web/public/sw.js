/*
 * Portail Familles — the app's one service worker (issue 14), served at /sw.js with the scope « / ».
 *
 * Today it shows Web Push notifications (a title, a sentence, the portal page to open) and opens that page when the
 * notification is clicked. It has no fetch handler: every request, and above all the API's answers (/api/…, which
 * carry personal data), goes to the network as if there were no service worker — nothing is cached here.
 *
 * Extending it (issue 15, offline attendance): add a `fetch` listener for the attendance sheet's own requests and
 * cache only what the agent's offline work needs, in a cache named with a version (`pf-attendance-v1`), never API
 * answers of families; keep the `push` and `notificationclick` listeners as they are. Bump SW_VERSION so browsers
 * take the new file (it is served with Cache-Control: no-cache).
 */
const SW_VERSION = 'pf-sw-1';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
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
