/* Service worker of the site (the build copies this file to sw.js at the site root).

   After one visit every file of the site is on the device, so every page, tree and form works
   without a network.  The version comes from the worker's own URL (sw.js?v=<versie>), the files
   from offline-bestanden.json, which the build writes with the same version.  A new version is a
   new worker URL and a new cache; the previous cache goes once the new one is complete.
   Only the site's own files are cached, only GET requests are answered, nothing is sent. */
"use strict";

const VERSION = new URL(self.location.href).searchParams.get("v") || "";
const SCOPE = self.registration.scope; // the site root, also under a sub-path
const FILE_LIST = new URL("offline-bestanden.json", SCOPE).href;
const NOT_FOUND_PAGE = new URL("404.html", SCOPE).href;
// Other sites on the same host (another sub-path) keep their own caches.
const CACHE_PREFIX = "jgz-offline " + SCOPE + " ";
const CACHE = CACHE_PREFIX + VERSION;

async function precache() {
  const response = await fetch(FILE_LIST, { cache: "no-cache" });
  if (!response.ok) throw new Error("offline-bestanden.json ontbreekt (" + response.status + ")");
  const list = await response.json();
  // The server has moved on to another version: fail, so that no mix of versions is cached.
  // The page registers the worker of the new version.
  if (!VERSION || list.versie !== VERSION) throw new Error("offline-bestanden.json is van een andere versie");
  const cache = await caches.open(CACHE);
  await cache.addAll(list.bestanden.map((path) => new Request(new URL(path, SCOPE), { cache: "no-cache" })));
}

self.addEventListener("install", (event) => {
  // A new version takes over as soon as it is complete; the page tells the reader.
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The cached copy of a URL: without query (Sphinx adds ?v= to its static files) and with
// index.html for a folder.
function cacheKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/")) key.pathname += "index.html";
  return key.href;
}

// A copy of a cached response, for what a navigation cannot use as it is: a response that was
// redirected (some servers redirect x.html to x), or the 404 page with its own status.
function copy(response, status, statusText) {
  return new Response(response.body, { status, statusText, headers: response.headers });
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(cacheKey(request.url));
  if (cached) return cached.redirected ? copy(cached, cached.status, cached.statusText) : cached;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline, at an address the site does not have: the site's own 404 page.
    const notFound = request.mode === "navigate" && (await cache.match(NOT_FOUND_PAGE));
    if (notFound) return copy(notFound, 404, "Not Found");
    throw error;
  }
}

// The list tells the page which version the server has: ask the server, the cache if offline.
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await (await caches.open(CACHE)).match(FILE_LIST);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(cacheKey(request.url) === FILE_LIST ? networkFirst(request) : cacheFirst(request));
});
