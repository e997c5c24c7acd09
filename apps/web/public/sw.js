/* Workmate's service worker: the app shell offline, and reminders as push notifications with
 * "done" and "snooze" buttons that work without opening the app.
 *
 * - install: the shell and every built asset listed in /precache.json (written by the build,
 *   apps/web/vite.config.ts), so all screens open offline after the first visit.
 * - Navigations: network first (updates reach users at once), the cached shell when offline.
 * - /assets/*: content-hashed, so cache first; on activate, assets of older builds are dropped.
 * - The API and action links are never cached.
 * - push: the payload the server's push driver builds (PushPayload in
 *   apps/server/src/modules/notifications/drivers/push/push.models.ts).
 * - notificationclick: an action button POSTs the action's signed link (single use, no session
 *   needed); a click on the notification itself opens or focuses the app at its URL.
 */
const SHELL_CACHE = 'workmate-shell-v1';
const ASSET_CACHE = 'workmate-assets-v1';
const PRECACHE_LIST = '/precache.json';
const SHELL = ['/', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];

/** The built assets a list names (none under the dev server, which writes no list). */
function builtAssets(response) {
  return response.clone().json().catch(() => []);
}

/** The shell, and every asset of this build, so that all screens open offline. */
async function precache() {
  const shell = await caches.open(SHELL_CACHE);
  await shell.addAll(SHELL);
  const list = await fetch(PRECACHE_LIST, { cache: 'no-store' }).catch(() => undefined);
  if (!list || !list.ok) return;
  await (await caches.open(ASSET_CACHE)).addAll(await builtAssets(list));
  await shell.put(PRECACHE_LIST, list);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

/** Drops cached assets the current build no longer lists (content hashes change with every build). */
async function pruneAssets() {
  const listed = await caches.match(PRECACHE_LIST);
  if (!listed) return;
  const current = new Set((await builtAssets(listed)).map((path) => new URL(path, self.location.origin).href));
  const cache = await caches.open(ASSET_CACHE);
  await Promise.all((await cache.keys()).filter((request) => !current.has(request.url)).map((request) => cache.delete(request)));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL_CACHE && key !== ASSET_CACHE).map((key) => caches.delete(key))))
      .then(pruneAssets)
      .then(() => self.clients.claim()),
  );
});

function isUncached(url) {
  return url.pathname.startsWith('/api/') || url.pathname.startsWith('/a/') || url.pathname === '/sw.js';
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isUncached(url)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(SHELL_CACHE).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/').then((cached) => cached || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});

self.addEventListener('push', (event) => {
  let payload;
  try {
    payload = event.data ? event.data.json() : undefined;
  } catch {
    payload = undefined;
  }
  if (!payload || typeof payload.title !== 'string') {
    payload = { title: 'Workmate', body: event.data ? event.data.text() : '', url: '/notifications', actions: [], tag: 'workmate', silent: false };
  }
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      tag: payload.tag,
      lang: payload.lang,
      silent: Boolean(payload.silent),
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: payload.url || '/', actions: payload.actions || [] },
      actions: (payload.actions || []).map((action) => ({ action: action.action, title: action.title })),
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  const notification = event.notification;
  const data = notification.data || {};
  notification.close();
  const action = (data.actions || []).find((candidate) => candidate.action === event.action);
  if (action) {
    // The signed link does the action (done / snooze until tomorrow morning) without a session.
    const body = action.action === 'snooze' ? new URLSearchParams({ until: 'tomorrow' }) : new URLSearchParams();
    event.waitUntil(fetch(action.url, { method: 'POST', body, credentials: 'omit' }).catch(() => self.clients.openWindow(action.url)));
    return;
  }
  const target = new URL(data.url || '/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (new URL(client.url).origin === target.origin && 'focus' in client) {
          return client.focus().then((focused) => (focused && 'navigate' in focused && target.origin === self.location.origin ? focused.navigate(target.href) : focused));
        }
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
