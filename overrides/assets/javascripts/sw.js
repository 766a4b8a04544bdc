/* Service worker of the handbook: a page opened once can be opened again without a network.
 *
 * Written to the site ROOT (/sw.js) by overrides/hooks/offline.py, so its scope covers every page
 * in both languages; the hook fills in the build id (a hash of every file of the site). A new
 * deploy changes this file, the browser installs the new worker, and the old cache is deleted.
 *
 * - Pages (navigations): network first, so a reader online always gets the latest version; the
 *   cached copy when offline, or when the network has not answered within a few seconds.
 * - Assets (CSS, JS, images, search index): from the cache once fetched (fixed within a deploy).
 * - Nothing is downloaded in advance: the pages a reader opens, and what they need, are kept.
 *   The page (sw-register.js) lists what it loaded before this worker was in control; those are
 *   taken from the browser's HTTP cache, not downloaded again.
 */
"use strict";

const BUILD_ID = "__HANDBOOK_BUILD_ID__";
const PREFIX = "handbook-";
const CACHE = PREFIX + BUILD_ID;
const SCOPE = self.registration.scope;
const SLOW_NETWORK_MS = 4000;

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

/* The site's own pages and files; not this worker, and not the offline-copy download (1 MB zip). */
function inScope(url) {
  return url.startsWith(SCOPE) && url !== SCOPE + "sw.js" && !url.startsWith(SCOPE + "downloads/");
}

function cacheable(response) {
  return response && response.ok && response.type === "basic";
}

/* What the page loaded before this worker controlled it: keep it, from the HTTP cache. */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || !Array.isArray(data.urls)) {
    return;
  }
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of data.urls) {
      if (typeof url !== "string" || !inScope(url) || await cache.match(url)) {
        continue;
      }
      try {
        const response = await fetch(url, { cache: "force-cache", credentials: "same-origin" });
        if (cacheable(response)) {
          await cache.put(url, response);
        }
      } catch (error) {
        /* offline or gone: nothing to keep */
      }
    }
    if (event.source) {
      event.source.postMessage({ type: "kept", cache: CACHE });
    }
  })());
});

async function fromNetwork(request, cache) {
  const response = await fetch(request);
  if (cacheable(response)) {
    await cache.put(request, response.clone());
  }
  return response;
}

async function page(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  const network = fromNetwork(request, cache);
  if (!cached) {
    return network.catch(() => offlinePage(request));
  }
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), SLOW_NETWORK_MS));
  network.catch(() => undefined);
  return Promise.race([network.catch(() => cached), slow]);
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  return fromNetwork(request, cache);
}

function offlinePage(request) {
  const english = new URL(request.url).pathname.startsWith(new URL("en/", SCOPE).pathname);
  const home = english ? "en/" : "./";
  const body = english
    ? `<h1>You are offline</h1><p>This page has not been opened on this phone before, so it is not saved.</p>
<p>Pages you have opened before still work. <a href="${SCOPE}${home}">Home page</a></p>`
    : `<h1>Không có mạng</h1><p>Trang này chưa từng được mở trên điện thoại này nên chưa được lưu.</p>
<p>Các trang bạn đã mở trước đây vẫn xem được. <a href="${SCOPE}">Trang chủ</a></p>`;
  const html = `<!doctype html><html lang="${english ? "en" : "vi"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${english ? "Offline" : "Không có mạng"}</title>
</head><body>${body}</body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !inScope(request.url)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else {
    event.respondWith(asset(request));
  }
});
