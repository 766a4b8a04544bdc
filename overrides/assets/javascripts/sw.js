/* Service worker of the handbook: a page opened once can be opened again without a network,
 * also after the site has been deployed again (issue 15).
 *
 * Written to the site ROOT (/sw.js) by overrides/hooks/offline.py, so its scope covers every page
 * in both languages; the hook fills in the build id (a hash of every file of the site: each deploy
 * changes this file, so the browser installs the new worker), the cache names, the limit and the
 * offline pages (handbook/publish/offline.py).
 *
 * Caches (none is named after a build, so a deploy deletes nothing a reader kept):
 * - PAGES: the pages a reader opened, the last MAX_PAGES (least recently opened go first);
 * - SAVED: the pages a reader saved ("Lưu để đọc khi không có mạng"), kept until removed on the
 *   saved-pages page;
 * - FILES: what pages need (CSS, JS, images, search index), at most MAX_FILES files;
 * - OFFLINE: the saved-pages page of each language, kept from the reader's second page on and
 *   fetched again by every new worker: shown, with its own words, for a page that is not saved
 *   when there is no network.
 * Pages and files not named with a hash: network first (the latest version when online, and the
 * saved copy refreshed), the saved copy when offline or when the network has not answered within a
 * few seconds. Files named with a hash (Material's bundles): from the cache once fetched.
 * Nothing is downloaded in advance except the saved-pages page; the page (sw-register.js) lists
 * what it loaded before this worker was in control, taken from the browser's HTTP cache.
 */
"use strict";

const BUILD_ID = "__HANDBOOK_BUILD_ID__";
const MAX_PAGES = __HANDBOOK_MAX_PAGES__;
const MAX_FILES = 150;
const PAGES = "__HANDBOOK_PAGES_CACHE__";
const SAVED = "__HANDBOOK_SAVED_CACHE__";
const FILES = "handbook-files";
const OFFLINE = "handbook-offline";
const OFFLINE_PAGES = "__HANDBOOK_OFFLINE_PAGES__"; // language folder -> its saved-pages page
const BEFORE_ISSUE_15 = /^handbook-[0-9a-f]{12}$/; // one cache per build: moved, not deleted
const HASHED = /\.[0-9a-f]{8}\.min\.(?:js|css)$/;
const SCOPE = self.registration.scope;
const SLOW_NETWORK_MS = 4000; // a saved copy is shown when the network is slower than this
const NO_NETWORK_MS = 20000; // a page that is not saved: the offline page after this long

/* fetch(), failing after `ms` instead of waiting for ever on a network that does not answer. */
function fetchWithin(request, ms, options) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer")), ms);
    fetch(request, options).then((response) => {
      clearTimeout(timer);
      resolve(response);
    }, (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function offlinePageFor(url) {
  const path = url.slice(SCOPE.length);
  let best = "";
  for (const folder of Object.keys(OFFLINE_PAGES)) {
    if (path.startsWith(folder) && folder.length >= best.length) {
      best = folder;
    }
  }
  return SCOPE + (OFFLINE_PAGES[best] || OFFLINE_PAGES[""]);
}

/* The address a page is kept under: without query and fragment. */
function pageKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  return key.href;
}

/* The site's own pages and files; not this worker, and not the offline-copy download (1 MB zip). */
function inScope(url) {
  return url.startsWith(SCOPE) && url !== SCOPE + "sw.js" && !url.startsWith(SCOPE + "downloads/");
}

function cacheable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

/* Put a response last in a cache (the most recently used), keeping at most `limit` entries.
   (put() replaces an entry by removing it and adding the new one at the end: never a moment
   without it, and the cache's order is the order of use.) */
async function keep(name, key, response, limit) {
  const cache = await caches.open(name);
  await cache.put(key, response);
  if (limit) {
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - limit))) {
      await cache.delete(old);
    }
  }
}

/* The CSS, JS and icons a page's HTML names, as absolute addresses. */
function filesOf(html, base) {
  const urls = [];
  const pattern = /\s(?:href|src)="([^"#]+\.(?:css|js|svg|png|webp|jpg))"/g;
  let match;
  while ((match = pattern.exec(html))) {
    const url = new URL(match[1], base).href;
    if (inScope(url)) {
      urls.push(url);
    }
  }
  return urls;
}

async function keepFiles(urls) {
  const cache = await caches.open(FILES);
  for (const url of urls) {
    if (typeof url !== "string" || !inScope(url) || (HASHED.test(url) && await cache.match(url))) {
      continue;
    }
    try {
      const response = await fetchWithin(url, NO_NETWORK_MS, { cache: "force-cache", credentials: "same-origin" });
      if (cacheable(response)) {
        await keep(FILES, url, response, MAX_FILES);
      }
    } catch (error) {
      /* offline or gone: nothing to keep */
    }
  }
}

/* The offline page of each language (the saved-pages page) and what it needs. Not on a reader's
   first page (its weight counts on prepaid data): from the second page opened, or a page saved, on;
   then again from each new build (install). */
async function keepOfflinePages(refresh) {
  const cache = await caches.open(OFFLINE);
  if (!refresh && (await cache.keys()).length) {
    return;
  }
  for (const relative of Object.values(OFFLINE_PAGES)) {
    const url = SCOPE + relative;
    try {
      const response = await fetchWithin(url, NO_NETWORK_MS, { cache: "no-cache", credentials: "same-origin" });
      if (cacheable(response)) {
        await cache.put(url, response.clone());
        await keepFiles(filesOf(await response.text(), url));
      }
    } catch (error) {
      /* offline: the previous offline page stays */
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    if ((await (await caches.open(OFFLINE)).keys()).length) {
      await keepOfflinePages(true); // a new build: its offline page
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Pages kept by the worker of an earlier version (one cache per build) are moved, not lost.
    for (const name of await caches.keys()) {
      if (!BEFORE_ISSUE_15.test(name)) {
        continue;
      }
      const old = await caches.open(name);
      for (const request of await old.keys()) {
        const response = await old.match(request);
        const isPage = (response.headers.get("Content-Type") || "").startsWith("text/html");
        await keep(isPage ? PAGES : FILES, request.url, response, isPage ? MAX_PAGES : MAX_FILES);
      }
      await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/* Messages from the pages (sw-register.js, offline-pages.js). */
self.addEventListener("message", (event) => {
  const data = event.data;
  const reply = (message) => {
    if (event.ports && event.ports[0]) {
      event.ports[0].postMessage(message);
    } else if (event.source) {
      event.source.postMessage(message);
    }
  };
  if (!data || !Array.isArray(data.urls)) {
    return;
  }
  if (data.type === "keep") {
    // What a page loaded before this worker controlled it: keep it, from the HTTP cache.
    event.waitUntil((async () => {
      const [page, ...files] = data.urls;
      if (typeof page === "string" && inScope(page)) {
        const key = pageKey(page);
        if (!(await caches.match(key, { cacheName: PAGES }))) {
          try {
            const response = await fetch(key, { cache: "force-cache", credentials: "same-origin" });
            if (cacheable(response)) {
              await keep(PAGES, key, response, MAX_PAGES);
            }
          } catch (error) {
            /* offline: nothing to keep */
          }
        }
      }
      await keepFiles(files);
      if ((await (await caches.open(PAGES)).keys()).length >= 2) {
        await keepOfflinePages(false);
      }
      reply({ type: "kept" });
    })());
  } else if (data.type === "save") {
    // "Save for offline reading": the page, what it loaded and its language's search index.
    event.waitUntil((async () => {
      const [page, ...files] = data.urls;
      let ok = false;
      if (typeof page === "string" && inScope(page)) {
        const key = pageKey(page);
        let response = null;
        try {
          response = await fetch(key, { credentials: "same-origin" });
        } catch (error) {
          response = null;
        }
        if (!cacheable(response)) {
          const copy = await caches.match(key, { cacheName: PAGES });
          response = copy || null;
        }
        if (response) {
          await keep(SAVED, key, response.clone(), 0);
          await keep(PAGES, key, response, MAX_PAGES);
          await keepFiles(files);
          await keepOfflinePages(false);
          ok = true;
        }
      }
      reply({ type: "saved", ok: ok });
    })());
  }
});

/* A page from the network, its saved copies refreshed. */
async function pageFromNetwork(request, key) {
  const response = await fetchWithin(request, NO_NETWORK_MS);
  if (cacheable(response)) {
    if (await caches.match(key, { cacheName: SAVED })) {
      await keep(SAVED, key, response.clone(), 0);
    }
    await keep(PAGES, key, response.clone(), MAX_PAGES);
  }
  return response;
}

async function savedCopy(key) {
  return await caches.match(key, { cacheName: SAVED }) || caches.match(key, { cacheName: PAGES });
}

async function page(request) {
  const key = pageKey(request.url);
  const network = pageFromNetwork(request, key);
  const cached = await savedCopy(key);
  if (!cached) {
    return network.catch(() => offlinePage(key));
  }
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), SLOW_NETWORK_MS));
  const offline = network.catch(async () => {
    // Read again without a network: now the most recently used of the pages kept.
    if (await caches.match(key, { cacheName: PAGES })) {
      await keep(PAGES, key, cached.clone(), MAX_PAGES);
    }
    return cached;
  });
  return Promise.race([offline, slow]);
}

/* No network and the page is not saved: the saved-pages page of its language, with a notice
   (its own words, in the page: offline-pages.js shows them), at the address that was asked for. */
async function offlinePage(key) {
  const url = offlinePageFor(key);
  const cached = await caches.match(url, { cacheName: OFFLINE }) ||
    await caches.match(url, { cacheName: PAGES }) || await caches.match(url, { cacheName: SAVED });
  if (!cached) {
    return Response.error(); // the browser's own offline page
  }
  const html = (await cached.text())
    .replace(/<html\b/i, "<html data-hb-offline-fallback")
    .replace(/<head>/i, `<head><base href="${url}">`);
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function file(request) {
  const cache = await caches.open(FILES);
  const cached = await cache.match(request);
  if (cached && HASHED.test(request.url)) {
    return cached; // a hashed name never changes
  }
  const network = fetchWithin(request, NO_NETWORK_MS).then(async (response) => {
    if (cacheable(response)) {
      await keep(FILES, request.url, response.clone(), MAX_FILES);
    }
    return response;
  });
  if (!cached) {
    return network;
  }
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), SLOW_NETWORK_MS));
  network.catch(() => undefined);
  return Promise.race([network.catch(() => cached), slow]);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !inScope(request.url)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else {
    event.respondWith(file(request));
  }
});
